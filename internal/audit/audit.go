// Package audit is the tamper-evident journal of who did what and when.
//
// Every write in congvu appends an Event in the same transaction as the
// change. Each event's hash covers its content and the previous event's hash
// (a SHA-256 chain), and the head of the chain is kept apart, so that any
// altered, inserted or deleted row — including the last ones — breaks the
// chain at a point Verify names. This is what lets the agency show an
// inspector that the record of a dossier or task was not rewritten.
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
	PrevHash   string
	Hash       string
}

// ComputeHash returns the hash of e chained to prev. Every field is written
// with its length first, so that no two different events encode alike.
func ComputeHash(prev string, e Event) string {
	h := sha256.New()
	var buf [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(buf[:], uint64(len(s)))
		h.Write(buf[:])
		h.Write([]byte(s))
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
	prevSeq  int64
	prevHash string
	n        int64
}

// Next checks the next event and returns a *Break at the first broken link.
func (v *Verifier) Next(e Event) error {
	switch {
	case e.Seq != v.prevSeq+1:
		return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("event %d is missing (next present is %d): a row was deleted or renumbered", v.prevSeq+1, e.Seq)}
	case e.PrevHash != v.prevHash:
		return &Break{Seq: e.Seq, Reason: "its link to the previous event does not match: a row was inserted, deleted or altered before it"}
	case ComputeHash(v.prevHash, e) != e.Hash:
		return &Break{Seq: e.Seq, Reason: "its content does not match its hash: the row was altered"}
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	v.n++
	return nil
}

// Finish checks the end of the chain against the recorded head.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		if headSeq > v.prevSeq {
			return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("the journal ends at event %d but its head records %d: the last rows were deleted", v.prevSeq, headSeq)}
		}
		return &Break{Seq: headSeq + 1, Reason: fmt.Sprintf("the journal holds events past its recorded head %d: rows were appended outside congvu", headSeq)}
	}
	return nil
}

// Checked returns how many events passed.
func (v *Verifier) Checked() int64 { return v.n }

// Filter selects journal entries.
type Filter struct {
	// AgencyIDs limits the list to entries by people of these agencies, and
	// the system's own; nil lists every entry (the operator's view).
	AgencyIDs  []int64
	ObjectType string
	ObjectID   string
	ActorID    int64
	Limit      int
	BeforeSeq  int64 // for paging backwards; 0 = from the newest
}
