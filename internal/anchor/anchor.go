// Package anchor keeps the audit journal's anchors outside the database:
// the Ed25519 key that signs checkpoints of the journal's head, and the
// append-only file of checkpoints (audit.Checkpoint, one JSON line each).
// Someone who can write the database can recompute the journal's hash
// chain, or cut its tail and move its head back; they cannot make it pass
// through the checkpoints signed before, as long as the key and the file
// are out of their reach (another host, another account, a write-once
// store).
package anchor

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"congvu/internal/audit"
)

// Key is a checkpoint key as loaded from its file: the public key always,
// the private key when the file holds it (a node that signs; an inspector
// who only verifies needs the public file).
type Key struct {
	Public  ed25519.PublicKey
	Private ed25519.PrivateKey // nil for a public key file
}

// ID names the key (audit.KeyID).
func (k Key) ID() string { return audit.KeyID(k.Public) }

// GenerateKey writes a new private key to path (PKCS#8 PEM, mode 0600) and
// its public key beside it (path + ".pub", 0644). It never overwrites: a
// key replaced is every earlier checkpoint lost.
func GenerateKey(path string) (Key, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Key{}, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return Key{}, err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return Key{}, err
	}
	if _, err := os.Stat(path + ".pub"); err == nil {
		return Key{}, fmt.Errorf("%s.pub already exists: not overwritten", path)
	}
	if err := writeNew(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return Key{}, err
	}
	if err := writeNew(path+".pub", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
		return Key{}, err
	}
	return Key{Public: pub, Private: priv}, nil
}

// writeNew creates path with data, failing if it exists.
func writeNew(path string, data []byte, mode fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: not overwritten", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// LoadKey reads a private or a public key file. A private key readable by
// others than its owner is refused, as ssh refuses one.
func LoadKey(path string) (Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Key{}, err
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		return Key{}, fmt.Errorf("%s: not a PEM key file", path)
	}
	switch blk.Type {
	case "PRIVATE KEY":
		if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
			return Key{}, fmt.Errorf("%s: the private key is readable by others (mode %o); chmod 600 it", path, st.Mode().Perm())
		}
		k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
		if err != nil {
			return Key{}, fmt.Errorf("%s: %w", path, err)
		}
		priv, ok := k.(ed25519.PrivateKey)
		if !ok {
			return Key{}, fmt.Errorf("%s: not an Ed25519 key", path)
		}
		return Key{Public: priv.Public().(ed25519.PublicKey), Private: priv}, nil
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(blk.Bytes)
		if err != nil {
			return Key{}, fmt.Errorf("%s: %w", path, err)
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return Key{}, fmt.Errorf("%s: not an Ed25519 key", path)
		}
		return Key{Public: pub}, nil
	}
	return Key{}, fmt.Errorf("%s: a PEM %q block, not a key", path, blk.Type)
}

// ReadFile reads a checkpoint file and checks every signature with key. A
// missing file is no checkpoint yet.
func ReadFile(path string, key Key) ([]audit.Checkpoint, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cps, err := audit.ReadCheckpoints(f, key.Public)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cps, nil
}

// Head is where the journal's head is read; *store.DB implements it.
type Head interface {
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

// Writer signs the journal's head and appends the checkpoint to a file.
type Writer struct {
	Key  Key
	Path string
	Now  func() time.Time // time.Now when nil
	mu   sync.Mutex
	last int64 // the seq of the last checkpoint this process wrote
}

// Checkpoint signs the head as it is now and appends it, unless the head
// has not moved since this writer's last checkpoint (nothing new to pin).
// It returns the checkpoint and whether one was written.
func (w *Writer) Checkpoint(ctx context.Context, h Head) (audit.Checkpoint, bool, error) {
	seq, hash, err := h.AuditHead(ctx)
	if err != nil {
		return audit.Checkpoint{}, false, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if seq == 0 || seq == w.last {
		return audit.Checkpoint{}, false, nil
	}
	c, err := w.Append(seq, hash)
	if err != nil {
		return c, false, err
	}
	w.last = seq
	return c, true, nil
}

// Append signs (seq, hash) now and appends the line to the file, synced to
// disk before it returns. One write of one line with O_APPEND: two
// processes appending to one file do not interleave.
func (w *Writer) Append(seq int64, hash string) (audit.Checkpoint, error) {
	if w.Key.Private == nil {
		return audit.Checkpoint{}, fmt.Errorf("checkpoint key %s: only the public key was given; signing needs the private key", w.Key.ID())
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	c := audit.SignCheckpoint(w.Key.Private, seq, hash, now())
	f, err := os.OpenFile(w.Path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return c, fmt.Errorf("open checkpoint file: %w", err)
	}
	if _, err := f.Write(c.MarshalLine()); err != nil {
		f.Close()
		return c, fmt.Errorf("write checkpoint file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return c, fmt.Errorf("sync checkpoint file: %w", err)
	}
	return c, f.Close()
}
