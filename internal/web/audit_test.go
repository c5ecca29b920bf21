package web_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"congvu/internal/anchor"
	"congvu/internal/config"
)

// The journal's check on the web checks the checkpoints too: a tail cut
// and the head moved back, which the chain alone lets through, is named
// (the store's tests make the real cut).
func TestAuditVerifyPageChecksCheckpoints(t *testing.T) {
	dir := t.TempDir()
	keyFile, cpFile := filepath.Join(dir, "audit.key"), filepath.Join(dir, "checkpoints")
	key, err := anchor.GenerateKey(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	a := newAppWith(t, config.Config{AuditKey: keyFile, AuditCheckpoints: cpFile})
	u := a.login(t, "thanhtra")
	res := u.do("POST", "/audit/verify", nil, true)
	if res.status != 200 || !strings.Contains(res.body, "Chưa có điểm neo nào") {
		t.Fatalf("before any checkpoint: %d\n%s", res.status, res.body)
	}
	w := &anchor.Writer{Key: key, Path: cpFile}
	cp, _, err := w.Checkpoint(context.Background(), a.db)
	if err != nil {
		t.Fatal(err)
	}
	res = u.do("POST", "/audit/verify", nil, true)
	if !strings.Contains(res.body, "Đã đối chiếu với 1 điểm neo") {
		t.Fatalf("one checkpoint: %d\n%s", res.status, res.body)
	}
	// A checkpoint past the head: what the file holds after the journal's
	// last rows were deleted and its head moved back behind congvu's back.
	if _, err := w.Append(cp.Seq+3, strings.Repeat("ab", 32)); err != nil {
		t.Fatal(err)
	}
	res = u.do("POST", "/audit/verify", nil, true)
	if !strings.Contains(res.body, "Chuỗi nhật ký bị phá vỡ") || !strings.Contains(res.body, "last rows were deleted") {
		t.Fatalf("tail cut: %d\n%s", res.status, res.body)
	}
}
