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
func (db *DB) Blobs() blob.Store { return dbBlobs{db} }

type dbBlobs struct{ db *DB }

func (b dbBlobs) Name() string { return "database:" + b.db.Engine() }

// Put stores the blob in a transaction of its own, unless it is there.
func (b dbBlobs) Put(ctx context.Context, sum string, src io.ReaderAt, size int64) error {
	if !blob.ValidSum(sum) {
		return errors.New("blob: not a SHA-256 in hex")
	}
	if ok, err := b.Has(ctx, sum); err != nil || ok {
		return err
	}
	data := make([]byte, size)
	if _, err := src.ReadAt(data, 0); err != nil && !(errors.Is(err, io.EOF) && int64(len(data)) == size) {
		return fmt.Errorf("read blob: %w", err)
	}
	return b.db.InTx(ctx, func(tx *Tx) error {
		return tx.Write("store blob", "INSERT INTO file_blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING", sum, size, data)
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
