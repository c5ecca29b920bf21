package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"congvu/internal/blob"
	"congvu/internal/blob/blobtest"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func sum(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// suite is what every blob store must do, run on each (TestLocal, TestS3).
func suite(t *testing.T, s blob.Store) {
	ctx := context.Background()
	data := make([]byte, 300<<10)
	rand.Read(data)
	k := sum(data)
	if ok, err := s.Has(ctx, k); err != nil || ok {
		t.Fatalf("Has before Put = %v, %v", ok, err)
	}
	if _, err := s.Open(ctx, k); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("Open before Put: %v, want ErrNotFound", err)
	}
	for range 2 { // the second Put of the same content keeps the first
		if err := s.Put(ctx, k, bytes.NewReader(data), int64(len(data))); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	if ok, err := s.Has(ctx, k); err != nil || !ok {
		t.Fatalf("Has after Put = %v, %v", ok, err)
	}
	rc, err := s.Open(ctx, k)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	got, err := io.ReadAll(rc)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read back %d bytes, %v; want the %d put", len(got), err, len(data))
	}
	// Ranges: a download resumed, a PDF viewer reading the end first.
	if _, err := rc.Seek(-10, io.SeekEnd); err != nil {
		t.Fatalf("Seek: %v", err)
	}
	tail, _ := io.ReadAll(rc)
	if !bytes.Equal(tail, data[len(data)-10:]) {
		t.Errorf("the last 10 bytes read after Seek differ")
	}
	rc.Close()
	for _, bad := range []string{"../../etc/passwd", strings.Repeat("A", 64), ""} {
		if err := s.Put(ctx, bad, bytes.NewReader(data), 1); err == nil {
			t.Errorf("Put under %q was accepted", bad)
		}
	}
}

func TestLocal(t *testing.T) {
	s, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	suite(t, s)
}

func TestDatabase(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) { suite(t, db.Blobs()) })
}

func TestS3(t *testing.T) {
	suite(t, blobtest.S3(t))
}

// TestLocalCrashLeavesNoBlob stops a write at each of its steps, as a
// crash would, and checks that the blob is then either absent or whole,
// never a part of it under its name.
func TestLocalCrashLeavesNoBlob(t *testing.T) {
	data := []byte("%PDF-1.4 một tệp đã quét")
	k := sum(data)
	crash := errors.New("crash")
	for _, step := range []string{"write", "sync", "rename", "syncdir"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			s, _ := blob.NewLocal(dir)
			s.Fault = func(at string) error {
				if at == step {
					return crash
				}
				return nil
			}
			err := s.Put(context.Background(), k, bytes.NewReader(data), int64(len(data)))
			if !errors.Is(err, crash) {
				t.Fatalf("Put = %v, want the crash", err)
			}
			ok, _ := s.Has(context.Background(), k)
			if step == "syncdir" {
				// Renamed already: whole under its name, only the
				// directory's entry not yet synced.
				b, _ := os.ReadFile(filepath.Join(dir, k[:2], k))
				if !ok || !bytes.Equal(b, data) {
					t.Fatalf("after the rename the blob must be whole: %v %q", ok, b)
				}
				return
			}
			if ok {
				t.Fatalf("a blob is under its name after a crash at %s", step)
			}
		})
	}
}
