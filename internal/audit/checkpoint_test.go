package audit

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckpointSignatures(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	otherPub, other, _ := ed25519.GenerateKey(rand.Reader)
	at := time.Date(2026, 3, 2, 1, 0, 0, 123456789, time.UTC)
	good := SignCheckpoint(key, 42, "ab12", at)
	var file bytes.Buffer
	file.Write(good.MarshalLine())
	cps, err := ReadCheckpoints(&file, pub)
	if err != nil || len(cps) != 1 || cps[0].Seq != 42 || cps[0].Hash != "ab12" || !cps[0].At.Equal(at.Truncate(time.Microsecond)) {
		t.Fatalf("read back: %+v %v", cps, err)
	}
	cases := []struct {
		name string
		c    Checkpoint
		pub  ed25519.PublicKey
		want string
	}{
		{"seq moved", func() Checkpoint { c := good; c.Seq = 41; return c }(), pub, "signature does not match"},
		{"hash changed", func() Checkpoint { c := good; c.Hash = "ab13"; return c }(), pub, "signature does not match"},
		{"time changed", func() Checkpoint { c := good; c.At = c.At.Add(time.Second); return c }(), pub, "signature does not match"},
		{"signed by another key", SignCheckpoint(other, 42, "ab12", at), pub, "not by the key given"},
		{"another key claimed", func() Checkpoint { c := good; c.Key = KeyID(otherPub); return c }(), otherPub, "signature does not match"},
	}
	for _, c := range cases {
		file.Reset()
		if bytes.Equal(c.pub, pub) {
			file.Write(good.MarshalLine()) // a good line first: the bad one is named
		}
		file.Write(c.c.MarshalLine())
		_, err := ReadCheckpoints(&file, c.pub)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := ReadCheckpoints(strings.NewReader("not json\n"), pub); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("garbage line: %v", err)
	}
}

// chain makes n events hashed the new way from event from on, the old way before.
func chain(n, from int64) []Event {
	var out []Event
	prev := ""
	for i := int64(1); i <= n; i++ {
		e := Event{Seq: i, At: time.UnixMicro(i * 1000), Actor: "cli", ObjectType: "unit", ObjectID: "1", Action: "create", Payload: "{}", AgencyID: 3, PrevHash: prev}
		if i < from {
			e.Hash = LegacyHash(prev, e)
		} else {
			e.Hash = ComputeHash(prev, e)
		}
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func TestVerifierHashVersionsAndAnchors(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	evs := chain(6, 4)
	run := func(evs []Event, from int64, cps []Checkpoint) error {
		v := Verifier{FullHashFrom: from}
		v.Anchor(cps)
		for _, e := range evs {
			if err := v.Next(e); err != nil {
				return err
			}
		}
		last := evs[len(evs)-1]
		return v.Finish(last.Seq, last.Hash)
	}
	if err := run(evs, 4, nil); err != nil {
		t.Fatalf("old then new hashes: %v", err)
	}
	// Each rule applies to its own events only.
	for _, from := range []int64{1, 3, 5} {
		var b *Break
		if err := run(evs, from, nil); !errors.As(err, &b) {
			t.Errorf("cutover %d accepted for a chain cut over at 4", from)
		}
	}
	// The agency is covered by the new hash only.
	alt := chain(6, 4)
	alt[1].AgencyID, alt[4].AgencyID = 9, 9
	var b *Break
	if err := run(alt, 4, nil); !errors.As(err, &b) || b.Seq != 5 {
		t.Errorf("agency changed on events 2 and 5: %v, want a break at 5", err)
	}
	// A checkpoint past the end, or off the chain.
	past := SignCheckpoint(key, 8, "x", time.Now())
	if err := run(evs, 4, []Checkpoint{past}); !errors.As(err, &b) || !strings.Contains(b.Reason, "last rows were deleted") {
		t.Errorf("checkpoint past the head: %v", err)
	}
	off := SignCheckpoint(key, 3, "not-the-hash", time.Now())
	if err := run(evs, 4, []Checkpoint{off}); !errors.As(err, &b) || b.Seq != 3 {
		t.Errorf("checkpoint off the chain: %v", err)
	}
	on := SignCheckpoint(key, 3, evs[2].Hash, time.Now())
	if err := run(evs, 4, []Checkpoint{on, SignCheckpoint(key, 6, evs[5].Hash, time.Now())}); err != nil {
		t.Errorf("checkpoints on the chain: %v", err)
	}
}
