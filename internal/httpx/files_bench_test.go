package httpx_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"

	"congvu/internal/blob"
	"congvu/internal/blob/blobtest"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// BenchmarkSaveUpload measures one upload of a 1 MB scan end to end
// (spool, hash, sniff, durable blob, row, journal) into each place for the
// bytes side by side, on SQLite for the rows: the directory (the baseline),
// the database, and the S3 test server when there is one. Each upload's
// content differs, so that none is deduplicated.
func BenchmarkSaveUpload(b *testing.B) {
	db := storetest.New(b, "sqlite", store.Options{})
	s := uploaderTB(b, db)
	scan := append(filetest.PNG(b), make([]byte, 1<<20)...)
	places := map[string]func(testing.TB) blob.Store{
		"dir":      func(tb testing.TB) blob.Store { l, _ := blob.NewLocal(tb.TempDir()); return l },
		"database": func(testing.TB) blob.Store { return db.Blobs() },
		"s3":       func(tb testing.TB) blob.Store { return blobtest.S3(tb) },
	}
	for _, name := range []string{"dir", "database", "s3"} {
		b.Run(name, func(b *testing.B) {
			d := httpx.Deps{Store: db, Files: places[name](b)}
			b.SetBytes(int64(len(scan)))
			// A nonce of this run, so that a second run (-count) or a
			// shared bucket does not find the contents stored already.
			binary.BigEndian.PutUint64(scan[len(scan)-16:], uint64(time.Now().UnixNano()))
			for i := 0; b.Loop(); i++ {
				binary.BigEndian.PutUint64(scan[len(scan)-8:], uint64(i)<<8|uint64(len(name)))
				if _, err := d.SaveUpload(context.Background(), s, "scan.png", bytes.NewReader(scan)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
