// Package audit is the tamper-evident journal of who did what and when.
//
// Every write in congvu appends an Event in the same transaction as the
// change. Each event's hash covers its content and the previous event's hash
// (a SHA-256 chain), and the head of the chain is kept apart, so that any
// altered, inserted or deleted row breaks the chain at a point Verify
// names. The chain alone cannot stop someone who can write the database
// from recomputing it forward, or from cutting its tail and moving the head
// back; checkpoints (checkpoint.go), signatures over the head kept outside
// the database, pin it down. This is what lets the agency show an inspector
// that the record of a dossier or task was not rewritten.
package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// Actor is who performs a change: a person, or congvu itself or its
// operator (PersonID 0) with a label such as "cli" or "demo".
type Actor struct {
	PersonID int64
	Name     string
	// AgencyID is the person's agency, when the caller knows it (a
	// subject does); otherwise the journal looks it up.
	AgencyID int64
}

// System is the actor for changes made by congvu itself or its operator.
func System(label string) Actor { return Actor{Name: label} }

// Label is how the actor is written in the journal.
func (a Actor) Label() string {
	if a.PersonID == 0 {
		if a.Name == "" {
			return "system"
		}
		return a.Name
	}
	return a.Name + " (#" + strconv.FormatInt(a.PersonID, 10) + ")"
}

// Event is one journal entry.
type Event struct {
	Seq        int64
	At         time.Time // when it was recorded (UTC, microsecond precision)
	ActorID    int64     // 0 for the system
	Actor      string
	ObjectType string // "unit", "person", "account", "dossier", ...
	ObjectID   string
	Action     string // "create", "restructure", "login", "forward", ...
	Payload    string // JSON: what changed and why
	// AgencyID is the agency the event concerns, whose auditors read it:
	// the acting person's, or for congvu itself the agency of the object
	// changed; 0 when it concerns no agency (the national holiday table).
	AgencyID int64
	PrevHash string
	Hash     string
}

// hashV2 opens every hash of ComputeHash, so that no event hashed one way
// can pass for one hashed the other.
const hashV2 = "congvu-audit-v2"

// ComputeHash returns the hash of e chained to prev, over every column of
// the event: a column left out (the agency, before migration 0013) could be
// changed without breaking the chain. Every field is written with its
// length first, so that no two different events encode alike.
func ComputeHash(prev string, e Event) string {
	return chainHash(true, prev, e)
}

// LegacyHash is the hash of the events recorded before migration 0013: it
// does not cover AgencyID. Those events are still verified with it.
func LegacyHash(prev string, e Event) string {
	return chainHash(false, prev, e)
}

func chainHash(full bool, prev string, e Event) string {
	h := sha256.New()
	var buf [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(buf[:], uint64(len(s)))
		h.Write(buf[:])
		h.Write([]byte(s))
	}
	if full {
		field(hashV2)
	}
	field(prev)
	field(strconv.FormatInt(e.Seq, 10))
	field(strconv.FormatInt(e.At.UnixMicro(), 10))
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.Actor)
	field(e.ObjectType)
	field(e.ObjectID)
	field(e.Action)
	field(e.Payload)
	if full {
		field(strconv.FormatInt(e.AgencyID, 10))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Break describes the first place the chain does not hold.
type Break struct {
	Seq    int64  // the sequence number of the first broken link
	Reason string // what is wrong there
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain broken at event %d: %s", b.Seq, b.Reason)
}

// Verifier checks events one by one, in sequence order.
type Verifier struct {
	// FullHashFrom is the first event hashed by ComputeHash; those before
	// it were recorded before migration 0013 and are checked with
	// LegacyHash. 0 or 1: every event.
	FullHashFrom int64
	prevSeq      int64
	prevHash     string
	n            int64
	anchors      map[int64]Checkpoint
}

// Anchor adds checkpoints the chain must pass through: the event of each
// checkpoint's Seq must exist and carry its Hash. Their signatures are
// checked beforehand (Checkpoint.Check).
func (v *Verifier) Anchor(cps []Checkpoint) {
	if v.anchors == nil {
		v.anchors = make(map[int64]Checkpoint, len(cps))
	}
	for _, c := range cps {
		if old, ok := v.anchors[c.Seq]; !ok || c.At.After(old.At) {
			v.anchors[c.Seq] = c
		}
	}
}

// Next checks the next event and returns a *Break at the first broken link.
func (v *Verifier) Next(e Event) error {
	hash := ComputeHash
	if e.Seq < v.FullHashFrom {
		hash = LegacyHash
	}
	switch {
	case e.Seq != v.prevSeq+1:
		return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("event %d is missing (next present is %d): a row was deleted or renumbered", v.prevSeq+1, e.Seq)}
	case e.PrevHash != v.prevHash:
		return &Break{Seq: e.Seq, Reason: "its link to the previous event does not match: a row was inserted, deleted or altered before it"}
	case hash(v.prevHash, e) != e.Hash:
		return &Break{Seq: e.Seq, Reason: "its content does not match its hash: the row was altered"}
	}
	if c, ok := v.anchors[e.Seq]; ok && c.Hash != e.Hash {
		return &Break{Seq: e.Seq, Reason: fmt.Sprintf("the checkpoint signed at %s records another hash for this event: the journal was rewritten from here or before and its hashes recomputed",
			c.At.UTC().Format(time.RFC3339))}
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	v.n++
	return nil
}

// Finish checks the end of the chain against the recorded head and the
// checkpoints past it.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		if headSeq > v.prevSeq {
			return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("the journal ends at event %d but its head records %d: the last rows were deleted", v.prevSeq, headSeq)}
		}
		return &Break{Seq: headSeq + 1, Reason: fmt.Sprintf("the journal holds events past its recorded head %d: rows were appended outside congvu", headSeq)}
	}
	var last *Checkpoint
	for _, c := range v.anchors {
		if c.Seq > v.prevSeq && (last == nil || c.Seq > last.Seq) {
			last = &c
		}
	}
	if last != nil {
		return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("the journal ends at event %d but a checkpoint signed at %s covers event %d: the last rows were deleted and the head moved back",
			v.prevSeq, last.At.UTC().Format(time.RFC3339), last.Seq)}
	}
	return nil
}

// Anchored returns how many checkpoints the chain was checked against.
func (v *Verifier) Anchored() int { return len(v.anchors) }

// Checked returns how many events passed.
func (v *Verifier) Checked() int64 { return v.n }

// Filter selects journal entries.
type Filter struct {
	// AgencyIDs limits the list to entries concerning these agencies;
	// entries that concern no agency are then left out. nil lists every
	// entry (the system operator's view).
	AgencyIDs  []int64
	ObjectType string
	ObjectID   string
	ActorID    int64
	Limit      int
	BeforeSeq  int64 // for paging backwards; 0 = from the newest
}
