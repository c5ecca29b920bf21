package audit

import (
	"bufio"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Checkpoint is a signature over the journal's head (seq, hash) at a time,
// made with a key kept outside the database and written outside it. Who can
// write the database can recompute the whole chain, or cut its tail and
// move the head back; they cannot make the chain pass through a checkpoint
// they did not sign. Ed25519 rather than an HMAC: verifying needs only the
// public key, so an inspector can check the journal without being able to
// forge a checkpoint.
type Checkpoint struct {
	Seq  int64     `json:"seq"`
	Hash string    `json:"hash"`
	At   time.Time `json:"at"`
	Key  string    `json:"key"` // KeyID of the signing key
	Sig  []byte    `json:"sig"`
}

// KeyID names a public key by the first 16 hex digits of its SHA-256.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// checkpointMessage is what is signed: seq, hash and time, each with its
// length first, after a label that no other congvu signature uses.
func checkpointMessage(seq int64, hash string, at time.Time) []byte {
	var out []byte
	var buf [8]byte
	for _, s := range []string{"congvu-audit-checkpoint-v1", strconv.FormatInt(seq, 10), hash, strconv.FormatInt(at.UnixMicro(), 10)} {
		binary.BigEndian.PutUint64(buf[:], uint64(len(s)))
		out = append(out, buf[:]...)
		out = append(out, s...)
	}
	return out
}

// SignCheckpoint signs the head (seq, hash) as it is at at.
func SignCheckpoint(key ed25519.PrivateKey, seq int64, hash string, at time.Time) Checkpoint {
	at = at.UTC().Truncate(time.Microsecond)
	pub := key.Public().(ed25519.PublicKey)
	return Checkpoint{Seq: seq, Hash: hash, At: at, Key: KeyID(pub), Sig: ed25519.Sign(key, checkpointMessage(seq, hash, at))}
}

// Check verifies the checkpoint's signature with pub.
func (c Checkpoint) Check(pub ed25519.PublicKey) error {
	if c.Key != KeyID(pub) {
		return fmt.Errorf("signed by key %s, not by the key given (%s)", c.Key, KeyID(pub))
	}
	if !ed25519.Verify(pub, checkpointMessage(c.Seq, c.Hash, c.At), c.Sig) {
		return errors.New("the signature does not match: the line was altered or forged")
	}
	return nil
}

// MarshalLine is the checkpoint as one line of JSON, newline included.
func (c Checkpoint) MarshalLine() []byte {
	b, _ := json.Marshal(c) // a struct of plain fields: cannot fail
	return append(b, '\n')
}

// ReadCheckpoints reads a checkpoint file (one JSON line each) and checks
// every signature with pub. The error names the first bad line.
func ReadCheckpoints(r io.Reader, pub ed25519.PublicKey) ([]Checkpoint, error) {
	var out []Checkpoint
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var c Checkpoint
		if err := json.Unmarshal(line, &c); err != nil {
			return out, fmt.Errorf("checkpoint line %d: not a checkpoint: %v", n, err)
		}
		if err := c.Check(pub); err != nil {
			return out, fmt.Errorf("checkpoint line %d (event %d): %w", n, c.Seq, err)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}
