package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
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
		// Stored already: the same content. Its time is renewed, so that a
		// sweep's grace period counts from this upload, whose row is about
		// to be written, not from the first.
		now := time.Now()
		return os.Chtimes(final, now, now)
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

// List walks the directory's blobs (the two-letter folders; tmp/ is not a blob).
func (l *Local) List(ctx context.Context, fn func(Info) error) error {
	dirs, err := os.ReadDir(l.Dir)
	if err != nil {
		return fmt.Errorf("list blobs: %w", err)
	}
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(l.Dir, d.Name()))
		if err != nil {
			return fmt.Errorf("list blobs: %w", err)
		}
		for _, e := range entries {
			if !ValidSum(e.Name()) || e.Name()[:2] != d.Name() {
				continue
			}
			fi, err := e.Info()
			if errors.Is(err, os.ErrNotExist) {
				continue // deleted meanwhile
			}
			if err != nil {
				return fmt.Errorf("list blobs: %w", err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(Info{Sum: e.Name(), Size: fi.Size(), Stored: fi.ModTime()}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Delete removes the blob and syncs its folder.
func (l *Local) Delete(ctx context.Context, sum string) error {
	if !ValidSum(sum) {
		return errBadSum
	}
	if err := os.Remove(l.path(sum)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete blob: %w", err)
	}
	return syncDir(filepath.Dir(l.path(sum)))
}
