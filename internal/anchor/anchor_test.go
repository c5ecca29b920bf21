package anchor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type head struct {
	seq  int64
	hash string
}

func (h *head) AuditHead(context.Context) (int64, string, error) { return h.seq, h.hash, nil }

func TestKeyFilesAndWriter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.key")
	k, err := GenerateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateKey(path); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("second keygen: %v", err)
	}
	priv, err := LoadKey(path)
	if err != nil || priv.Private == nil || priv.ID() != k.ID() {
		t.Fatalf("private key: %v %v", priv.ID(), err)
	}
	pub, err := LoadKey(path + ".pub")
	if err != nil || pub.Private != nil || pub.ID() != k.ID() {
		t.Fatalf("public key: %v %v", pub.ID(), err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(path); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Errorf("world-readable private key: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "junk"), []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(filepath.Join(dir, "junk")); err == nil {
		t.Error("a file that is no key loaded")
	}

	file := filepath.Join(dir, "cp")
	if cps, err := ReadFile(file, pub); err != nil || len(cps) != 0 {
		t.Fatalf("no file yet: %v %v", cps, err)
	}
	h := &head{seq: 3, hash: "aa"}
	w := &Writer{Key: k, Path: file, Now: func() time.Time { return time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) }}
	for range 2 { // the head did not move: one checkpoint
		if _, _, err := w.Checkpoint(context.Background(), h); err != nil {
			t.Fatal(err)
		}
	}
	h.seq, h.hash = 5, "bb"
	if _, wrote, err := w.Checkpoint(context.Background(), h); err != nil || !wrote {
		t.Fatalf("moved head: %v %v", wrote, err)
	}
	cps, err := ReadFile(file, pub)
	if err != nil || len(cps) != 2 || cps[1].Seq != 5 || cps[1].Hash != "bb" {
		t.Fatalf("checkpoints: %+v %v", cps, err)
	}
	if _, err := (&Writer{Key: pub, Path: file}).Append(6, "cc"); err == nil {
		t.Error("signed with a public key")
	}
}
