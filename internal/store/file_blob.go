package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"congvu/internal/blob"
)

// Blobs is a blob store in the database itself (table file_blobs), for
// several nodes on one PostgreSQL without an object store (--files-in-db):
// a blob is durable once its transaction commits, before the row naming it
// is written.
func (db *DB) Blobs() blob.Sweeper { return dbBlobs{db} }

type dbBlobs struct{ db *DB }

func (b dbBlobs) Name() string { return "database:" + b.db.Engine() }

// Put stores the blob in a transaction of its own, unless it is there;
// either way its stored_at becomes now, so that a sweep's grace period
// counts from this upload, whose row is about to be written.
func (b dbBlobs) Put(ctx context.Context, sum string, src io.ReaderAt, size int64) error {
	if !blob.ValidSum(sum) {
		return errors.New("blob: not a SHA-256 in hex")
	}
	if ok, err := b.Has(ctx, sum); err != nil {
		return err
	} else if ok {
		return b.db.InTx(ctx, func(tx *Tx) error {
			return tx.Write("renew blob", "UPDATE file_blobs SET stored_at = ? WHERE sha256 = ?", Micro(tx.Now), sum)
		})
	}
	data := make([]byte, size)
	if _, err := src.ReadAt(data, 0); err != nil && !(errors.Is(err, io.EOF) && int64(len(data)) == size) {
		return fmt.Errorf("read blob: %w", err)
	}
	return b.db.InTx(ctx, func(tx *Tx) error {
		return tx.Write("store blob", "INSERT INTO file_blobs (sha256, size, data, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET stored_at = excluded.stored_at",
			sum, size, data, Micro(tx.Now))
	})
}

// Open reads the blob into memory (at most the upload limit).
func (b dbBlobs) Open(ctx context.Context, sum string) (io.ReadSeekCloser, error) {
	var data []byte
	err := b.db.queryRow(ctx, "SELECT data FROM file_blobs WHERE sha256 = ?", sum).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, blob.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read blob: %w", err)
	}
	return nopCloser{bytes.NewReader(data)}, nil
}

// Has says whether the blob is stored.
func (b dbBlobs) Has(ctx context.Context, sum string) (bool, error) {
	var n int
	err := b.db.queryRow(ctx, "SELECT 1 FROM file_blobs WHERE sha256 = ?", sum).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// List reads every blob's sum, size and time (not its bytes).
func (b dbBlobs) List(ctx context.Context, fn func(blob.Info) error) error {
	rows, err := b.db.query(ctx, "SELECT sha256, size, stored_at FROM file_blobs")
	if err != nil {
		return fmt.Errorf("list blobs: %w", err)
	}
	defer rows.Close()
	var all []blob.Info
	for rows.Next() {
		var i blob.Info
		var at int64
		if err := rows.Scan(&i.Sum, &i.Size, &at); err != nil {
			return fmt.Errorf("list blobs: %w", err)
		}
		i.Stored = FromMicro(at)
		all = append(all, i)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list blobs: %w", err)
	}
	for _, i := range all {
		if err := fn(i); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes the blob's row, unless a file row names it by then: the
// check and the delete are one statement, so an upload that wrote its row
// meanwhile keeps its bytes.
func (b dbBlobs) Delete(ctx context.Context, sum string) error {
	return b.db.InTx(ctx, func(tx *Tx) error {
		return tx.Write("delete blob", "DELETE FROM file_blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM files WHERE sha256 = ?)", sum, sum)
	})
}

// FileSums are the SHA-256 sums every file row names: the blobs a sweep
// must keep.
func (db *DB) FileSums(ctx context.Context) (map[string]bool, error) {
	rows, err := db.query(ctx, "SELECT DISTINCT sha256 FROM files")
	if err != nil {
		return nil, fmt.Errorf("file sums: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("file sums: %w", err)
		}
		out[s] = true
	}
	return out, rows.Err()
}

// FileSumNamed says whether a file row names sum now (a sweep asks again
// just before it deletes).
func (db *DB) FileSumNamed(ctx context.Context, sum string) (bool, error) {
	var n int
	err := db.queryRow(ctx, "SELECT 1 FROM files WHERE sha256 = ? LIMIT 1", sum).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
