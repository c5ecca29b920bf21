package store_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// checkpointHead signs the journal's head as the checkpoint job does.
func checkpointHead(t *testing.T, db *store.DB, key ed25519.PrivateKey) audit.Checkpoint {
	t.Helper()
	seq, hash, err := db.AuditHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return audit.SignCheckpoint(key, seq, hash, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
}

// rehashFrom recomputes the chain from event seq to the end and moves the
// head, as someone who can write the database and knows the (unkeyed)
// hash would after altering a row.
func rehashFrom(t *testing.T, db *store.DB, seq int64) {
	t.Helper()
	ctx := context.Background()
	evs, err := db.FindAuditEvents(ctx, audit.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i := len(evs) - 1; i >= 0; i-- { // oldest first
		e := evs[i]
		if e.Seq >= seq {
			e.PrevHash = prev
			e.Hash = audit.ComputeHash(prev, e)
			if err := db.ExecRaw(ctx, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", e.PrevHash, e.Hash, e.Seq); err != nil {
				t.Fatal(err)
			}
		}
		prev = e.Hash
	}
	if err := db.ExecRaw(ctx, "UPDATE audit_head SET hash = ? WHERE id = 1", prev); err != nil {
		t.Fatal(err)
	}
}

// The attacks of issue #11 finding 6 that the chain alone lets through:
// each passes the unanchored check and is caught by a checkpoint.
func TestAuditCheckpointsCatchRewrites(t *testing.T) {
	cases := []struct {
		name    string
		attack  func(t *testing.T, db *store.DB)
		wantSeq int64
		want    string
	}{
		{"last rows deleted and head moved back", func(t *testing.T, db *store.DB) {
			ctx := context.Background()
			var hash string
			evs, _ := db.FindAuditEvents(ctx, audit.Filter{Limit: 500})
			for _, e := range evs {
				if e.Seq == 5 {
					hash = e.Hash
				}
			}
			for _, q := range []string{"DELETE FROM audit_events WHERE seq > 5", "UPDATE audit_head SET seq = 5, hash = '" + hash + "' WHERE id = 1"} {
				if err := db.ExecRaw(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
		}, 6, "last rows were deleted"},
		{"chain recomputed forward", func(t *testing.T, db *store.DB) {
			if err := db.ExecRaw(context.Background(), `UPDATE audit_events SET payload = '{"full_name":"Kẻ giả mạo"}' WHERE seq = 4`); err != nil {
				t.Fatal(err)
			}
			rehashFrom(t, db, 4)
		}, 7, "rewritten"},
		{"agency changed and chain recomputed", func(t *testing.T, db *store.DB) {
			if err := db.ExecRaw(context.Background(), "UPDATE audit_events SET agency_id = 999 WHERE seq = 6"); err != nil {
				t.Fatal(err)
			}
			rehashFrom(t, db, 6)
		}, 7, "rewritten"},
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				newFixture(t, db) // 7 events
				cp := checkpointHead(t, db, key)
				if cp.Seq != 7 {
					t.Fatalf("checkpoint at %d, want 7", cp.Seq)
				}
				if _, err := db.VerifyAuditAgainst(ctx, []audit.Checkpoint{cp}); err != nil {
					t.Fatalf("intact journal against its checkpoint: %v", err)
				}
				c.attack(t, db)
				if _, err := db.VerifyAudit(ctx); err != nil {
					t.Fatalf("the attack should pass the chain alone (that is the point of checkpoints): %v", err)
				}
				_, err := db.VerifyAuditAgainst(ctx, []audit.Checkpoint{cp})
				var b *audit.Break
				if !errors.As(err, &b) {
					t.Fatalf("attack not detected by the checkpoint: %v", err)
				}
				if b.Seq != c.wantSeq || !strings.Contains(b.Reason, c.want) {
					t.Errorf("break at %d (%s), want %d (%s)", b.Seq, b.Reason, c.wantSeq, c.want)
				}
			})
		})
	}
}

// A database whose journal was written before migration 0013 (hashes that
// do not cover the agency) still verifies after the upgrade, and the
// events written after it are hashed over every column.
func TestAuditUpgradeKeepsOldHashes(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.NewEmpty(t, engine, store.Options{})
			if err := db.MigrateTo(ctx, 12); err != nil {
				t.Fatal(err)
			}
			// Three events as congvu before 0013 wrote them.
			prev := ""
			at := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
			for i := int64(1); i <= 3; i++ {
				e := audit.Event{Seq: i, At: at.Add(time.Duration(i) * time.Minute), Actor: "cli", ObjectType: "calendar",
					ObjectID: "2026", Action: "set", Payload: "{}", AgencyID: 7, PrevHash: prev}
				e.Hash = audit.LegacyHash(prev, e)
				if err := db.ExecRaw(ctx, `INSERT INTO audit_events (seq, at, actor, object_type, object_id, action, payload, prev_hash, hash, agency_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, store.Micro(e.At), e.Actor, e.ObjectType, e.ObjectID, e.Action, e.Payload, e.PrevHash, e.Hash, e.AgencyID); err != nil {
					t.Fatal(err)
				}
				prev = e.Hash
			}
			if err := db.ExecRaw(ctx, "UPDATE audit_head SET seq = 3, hash = ? WHERE id = 1", prev); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			newFixture(t, db) // 7 more events, hashed the new way
			n, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatalf("upgraded journal does not verify: %v", err)
			}
			if n < 10 {
				t.Fatalf("%d events checked, want at least 10", n)
			}
			// The new events' agency is covered; an old one's never was.
			if err := db.ExecRaw(ctx, "UPDATE audit_events SET agency_id = 8 WHERE seq = 2"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Errorf("an old event's agency was never hashed; verify should still pass: %v", err)
			}
			if err := db.ExecRaw(ctx, "UPDATE audit_events SET agency_id = 8 WHERE seq = 5"); err != nil {
				t.Fatal(err)
			}
			var b *audit.Break
			if _, err := db.VerifyAudit(ctx); !errors.As(err, &b) || b.Seq != 5 {
				t.Errorf("a new event's agency changed: %v, want a break at 5", err)
			}
		})
	}
}
