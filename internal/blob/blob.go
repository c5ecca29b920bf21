// Package blob keeps the bytes of congvu's files, named by their SHA-256:
// in a directory beside the SQLite database (Local), or, when several nodes
// serve one PostgreSQL database, in an S3-compatible object store (S3).
// A blob is written durably before the database row that names it, so that
// a crash can leave at worst a blob no row names (never served, since files
// are served by their row), never a row without its bytes.
package blob

import (
	"context"
	"errors"
	"io"
	"regexp"
)

// Store keeps blobs by their SHA-256 in hex.
type Store interface {
	// Put stores size bytes of src under sum, durably when it returns nil.
	// A blob already there is kept as it is (the same sum is the same
	// content): the same file uploaded twice is stored once.
	Put(ctx context.Context, sum string, src io.ReaderAt, size int64) error
	// Open reads the blob under sum; ErrNotFound when there is none.
	Open(ctx context.Context, sum string) (io.ReadSeekCloser, error)
	// Has says whether a blob is stored under sum.
	Has(ctx context.Context, sum string) (bool, error)
	// Name says where blobs are kept, for the start-up log.
	Name() string
}

// ErrNotFound is the error of a blob that is not stored.
var ErrNotFound = errors.New("blob not found")

var sumPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidSum says whether sum is a SHA-256 in lower-case hex, the only names
// a store accepts, so that no name reaches outside the store's directory.
func ValidSum(sum string) bool { return sumPattern.MatchString(sum) }

var errBadSum = errors.New("blob: not a SHA-256 in hex")
