package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Local keeps blobs in a directory, as Dir/ab/abcdef… (the first two hex
// digits as a subdirectory, so that no directory grows past a few
// thousand entries), with a tmp/ subdirectory for writes under way.
type Local struct {
	Dir string
	// Fault, when set (tests only), is called before each step of a write
	// ("write", "sync", "rename", "syncdir"); an error it returns stops the
	// write there, as a crash would.
	Fault func(step string) error
}

// NewLocal makes the directory (and its tmp/) if needed.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o750); err != nil {
		return nil, fmt.Errorf("files directory %s: %w", dir, err)
	}
	return &Local{Dir: dir}, nil
}

// Name says where the blobs are.
func (l *Local) Name() string { return "dir:" + l.Dir }

func (l *Local) path(sum string) string { return filepath.Join(l.Dir, sum[:2], sum) }

func (l *Local) fault(step string) error {
	if l.Fault == nil {
		return nil
	}
	return l.Fault(step)
}

// Put writes the blob to a temporary file, syncs it, renames it into
// place and syncs the directory: after a crash at any point the blob is
// either whole under its name or absent (a temporary file may be left in
// tmp/, which nothing reads).
func (l *Local) Put(ctx context.Context, sum string, src io.ReaderAt, size int64) (err error) {
	if !ValidSum(sum) {
		return errBadSum
	}
	final := l.path(sum)
	if _, err := os.Stat(final); err == nil {
		return nil // stored already: the same content
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return fmt.Errorf("blob directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Join(l.Dir, "tmp"), sum[:8]+"-*")
	if err != nil {
		return fmt.Errorf("blob temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = l.fault("write"); err != nil {
		return err
	}
	if _, err = io.Copy(tmp, io.NewSectionReader(src, 0, size)); err != nil {
		return fmt.Errorf("write blob: %w", err)
	}
	if err = l.fault("sync"); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync blob: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close blob: %w", err)
	}
	if err = l.fault("rename"); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("rename blob: %w", err)
	}
	if err = l.fault("syncdir"); err != nil {
		return err
	}
	return syncDir(filepath.Dir(final))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open blob directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync blob directory: %w", err)
	}
	return nil
}

// Open reads the blob.
func (l *Local) Open(ctx context.Context, sum string) (io.ReadSeekCloser, error) {
	if !ValidSum(sum) {
		return nil, errBadSum
	}
	f, err := os.Open(l.path(sum))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotFound
	}
	return f, err
}

// Has says whether the blob is stored.
func (l *Local) Has(ctx context.Context, sum string) (bool, error) {
	if !ValidSum(sum) {
		return false, errBadSum
	}
	_, err := os.Stat(l.path(sum))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
