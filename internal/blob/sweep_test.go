package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"testing"
	"time"

	"congvu/internal/blob"
	"congvu/internal/blob/blobtest"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// sweepSuite: a blob no row names is an orphan once older than the grace
// period, a named one never; Delete removes it and is idempotent.
func sweepSuite(t *testing.T, s blob.Sweeper) {
	ctx := context.Background()
	put := func() string {
		data := make([]byte, 4096)
		rand.Read(data)
		k := sum(data)
		if err := s.Put(ctx, k, bytes.NewReader(data), int64(len(data))); err != nil {
			t.Fatal(err)
		}
		return k
	}
	orphan, named := put(), put()
	isNamed := func(k string) bool { return k == named }
	mine := func(cutoff time.Time) []string {
		os, err := blob.Orphans(ctx, s, isNamed, cutoff)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range os {
			if o.Sum == orphan || o.Sum == named {
				out = append(out, o.Sum)
			}
		}
		return out
	}
	if got := mine(time.Now().Add(-time.Hour)); len(got) != 0 {
		t.Errorf("within the grace period: %v, want none", got)
	}
	if got := mine(time.Now().Add(time.Hour)); len(got) != 1 || got[0] != orphan {
		t.Errorf("after the grace period: %v, want the orphan only", got)
	}
	for range 2 {
		if err := s.Delete(ctx, orphan); err != nil {
			t.Fatal(err)
		}
	}
	if ok, _ := s.Has(ctx, orphan); ok {
		t.Error("the orphan is still there")
	}
	if ok, _ := s.Has(ctx, named); !ok {
		t.Error("the named blob was removed")
	}
}

func TestSweepLocal(t *testing.T) {
	s, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sweepSuite(t, s)
}

func TestSweepDatabase(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) { sweepSuite(t, db.Blobs()) })
}

func TestSweepS3(t *testing.T) { sweepSuite(t, blobtest.S3(t)) }
