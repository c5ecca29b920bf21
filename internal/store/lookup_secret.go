package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"congvu/internal/auth"
)

// lookupAlphabet leaves out letters and digits people confuse (0/O, 1/I/L).
const lookupAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// lookupLen is the number of characters of a lookup secret: 31^13 ≈ 2^64,
// beyond reach of any guessing through the rate-limited lookup.
const lookupLen = 13

// newLookupSecret returns the secret an applicant types with the code to
// follow the dossier, grouped by four for typing (XXXX-XXXX-XXXX-X). Each
// character is drawn without bias: a random byte is used only when it is
// below the largest multiple of 31 a byte holds (248), otherwise drawn
// again, so that no letter comes up more often than another.
func newLookupSecret() string {
	const limit = 256 - 256%len(lookupAlphabet)
	out := make([]byte, 0, lookupLen+lookupLen/4)
	buf := make([]byte, 32)
	n := 0
	for n < lookupLen {
		if _, err := rand.Read(buf); err != nil {
			panic("crypto/rand failed: " + err.Error())
		}
		for _, b := range buf {
			if int(b) >= limit || n == lookupLen {
				continue
			}
			if n > 0 && n%4 == 0 {
				out = append(out, '-')
			}
			out = append(out, lookupAlphabet[int(b)%len(lookupAlphabet)])
			n++
		}
	}
	return string(out)
}

// normalizeSecret is how a typed secret is compared: capitals, without the
// spaces and dashes people add or leave out.
func normalizeSecret(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t', '\u00a0':
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// keyedPrefix marks a secret hash keyed with the lookup key (HMAC-SHA256).
// A hash without it is an older dossier's unsalted SHA-256, still accepted
// so that the receipts already handed out keep working.
const keyedPrefix = "k1:"

// hashLookupSecret is how a lookup secret is stored: an HMAC under the
// server's lookup key, so that a copy of the database alone does not allow
// trying the 2^64 secrets against the hashes.
func (db *DB) hashLookupSecret(secret string) string {
	m := hmac.New(sha256.New, db.lookupKey)
	m.Write([]byte(normalizeSecret(secret)))
	return keyedPrefix + hex.EncodeToString(m.Sum(nil))
}

// unknownSecretHash stands for the hash of a secret no one was given (the
// generated history of the demo): random, so that nothing typed matches it.
func unknownSecretHash() string {
	b := make([]byte, sha256.Size)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return keyedPrefix + hex.EncodeToString(b)
}

// lookupSecretMatches compares a typed secret with a stored hash of either
// kind, in constant time.
func (db *DB) lookupSecretMatches(stored, typed string) bool {
	want := auth.HashSecret(normalizeSecret(typed))
	if strings.HasPrefix(stored, keyedPrefix) {
		want = db.hashLookupSecret(typed)
	}
	return subtle.ConstantTimeCompare([]byte(stored), []byte(want)) == 1
}

// LookupKeyLen is the length in bytes of a lookup key.
const LookupKeyLen = 32

// ParseLookupKey reads a key written in hex (CONGVU_LOOKUP_KEY, or a key
// file's content).
func ParseLookupKey(s string) ([]byte, error) {
	k, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, errors.New("the lookup key must be written in hexadecimal")
	}
	if len(k) < LookupKeyLen {
		return nil, fmt.Errorf("the lookup key is too short: %d bytes, at least %d (%d hex digits)", len(k), LookupKeyLen, 2*LookupKeyLen)
	}
	return k, nil
}

// LoadLookupKey reads the key file at path, creating it with a new random
// key (readable by its owner only) when it does not exist yet. The new key
// is written to a file of its own first and linked into place, so that a
// node starting at the same moment reads either no file or a whole one,
// and if two make one at once the first link wins and both use it.
func LoadLookupKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := createLookupKey(path); err != nil {
			return nil, fmt.Errorf("create the lookup key file %s: %w", path, err)
		}
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read the lookup key file %s: %w", path, err)
	}
	k, err := ParseLookupKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

func createLookupKey(path string) error {
	k := make([]byte, LookupKeyLen)
	if _, err := rand.Read(k); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".lookup-key-*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = fmt.Fprintln(f, hex.EncodeToString(k))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(f.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return nil
}

// SQLiteKeyPath is where a SQLite database's lookup key file lives by
// default: beside the database file.
func SQLiteKeyPath(dbPath string) string {
	p := strings.TrimPrefix(dbPath, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p + ".lookup-key"
}

// CheckLookupKey records the fingerprint of the lookup key in the database
// the first time and afterwards refuses a different key: a node started
// with another key than the others would answer "not found" to every
// applicant whose dossier another node received.
func (db *DB) CheckLookupKey(ctx context.Context) error {
	m := hmac.New(sha256.New, db.lookupKey)
	m.Write([]byte("congvu lookup key fingerprint"))
	fp := hex.EncodeToString(m.Sum(nil))[:32]
	var have string
	err := db.queryRow(ctx, "SELECT fingerprint FROM server_keys WHERE name = 'lookup'").Scan(&have)
	if errors.Is(err, sql.ErrNoRows) {
		err = db.InTx(ctx, func(tx *Tx) error {
			_, err := tx.Exec("INSERT INTO server_keys (name, fingerprint, created_at) VALUES ('lookup', ?, ?) ON CONFLICT (name) DO NOTHING", fp, Micro(tx.Now))
			return err
		})
		if err != nil {
			return err
		}
		err = db.queryRow(ctx, "SELECT fingerprint FROM server_keys WHERE name = 'lookup'").Scan(&have)
	}
	if err != nil {
		return err
	}
	if have != fp {
		return errors.New("the lookup key is not the one this database was started with: every node must use the same key file or " +
			"CONGVU_LOOKUP_KEY (docs/OPERATIONS.md, \"Keys\")")
	}
	return nil
}
