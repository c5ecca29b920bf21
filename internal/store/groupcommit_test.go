package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestGroupCommitIsolatesFailures runs many writes at once on SQLite, where
// they are committed in groups: a failing one must leave no trace while
// the others in its group are kept, and every caller gets its own answer.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	ctx := context.Background()
	f := newFixture(t, db)
	before, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 60
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := "Nguyễn Văn Thử " + string(rune('A'+i%26)) + string(rune('a'+i/26))
			if i%3 == 0 {
				name = "x" // too short: refused by validation inside the store
			}
			err := db.InTx(ctx, func(tx *store.Tx) error {
				if _, err := tx.Exec("INSERT INTO restructurings (kind, effective_on, created_at) VALUES ('rename', '2026-01-01', 0)"); err != nil {
					return err
				}
				if i%3 == 1 {
					return errors.New("refused after writing")
				}
				return nil
			})
			if err != nil && i%3 != 1 {
				errs[i] = err
				return
			}
			if i%3 == 1 {
				if err == nil {
					errs[i] = errors.New("a failing transaction was reported as committed")
				}
				return
			}
			_, errs[i] = db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: name})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		switch {
		case i%3 == 0:
			if !apperr.Is(err, apperr.Invalid) {
				t.Errorf("write %d: %v, want the validation error", i, err)
			}
		case err != nil:
			t.Errorf("write %d: %v", i, err)
		}
	}
	var kept int
	if err := db.InTx(ctx, func(tx *store.Tx) error {
		return tx.QueryRow("SELECT COUNT(*) FROM restructurings").Scan(&kept)
	}); err != nil {
		t.Fatal(err)
	}
	if want := n - n/3; kept != want {
		t.Errorf("%d restructuring rows kept, want %d (the failing ones rolled back)", kept, want)
	}
	people, err := db.FindPeople(ctx, org.PersonFilter{Query: "Thu"})
	if err != nil || len(people) != n/3 {
		t.Errorf("%d people created, want %d (%v)", len(people), n/3, err)
	}
	after, err := db.VerifyAudit(ctx)
	if err != nil || after != before+int64(n/3) {
		t.Errorf("journal: %d events after %d (%v)", after, before, err)
	}
}

// TestGroupCommitKeepsEachFailureItsOwn runs, at once, transactions that
// succeed and transactions that fail at each point a grouped one can: on
// PostgreSQL their writes are queued and sent later, so a failure may
// surface only when the writer sends them. Each caller must get its own
// answer, a failed transaction must leave neither rows nor journal entries,
// and the others in its group must be kept.
func TestGroupCommitKeepsEachFailureItsOwn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		refused := errors.New("refused by the caller")
		stale := apperr.Conflictf("đã đổi", "changed meanwhile")
		insert := "INSERT INTO restructurings (kind, effective_on, note, created_at) VALUES ('rename', '2026-01-01', ?, 0)"
		kinds := []struct {
			name string
			fn   func(tx *store.Tx, note string) error
			want func(error) bool // nil: must succeed
		}{
			{"ok", func(tx *store.Tx, note string) error {
				return tx.Write("insert", insert, note)
			}, nil},
			{"refused before anything was sent", func(tx *store.Tx, note string) error {
				if err := tx.Write("insert", insert, note); err != nil {
					return err
				}
				return refused
			}, func(err error) bool { return errors.Is(err, refused) }},
			{"refused after a query was sent", func(tx *store.Tx, note string) error {
				if err := tx.Write("insert", insert, note); err != nil {
					return err
				}
				var n int
				if err := tx.QueryRow("SELECT COUNT(*) FROM restructurings").Scan(&n); err != nil {
					return err
				}
				return refused
			}, func(err error) bool { return errors.Is(err, refused) }},
			{"a queued write the database refuses", func(tx *store.Tx, note string) error {
				if err := tx.Write("insert", insert, note); err != nil {
					return err
				}
				return tx.Write("insert without a kind", "INSERT INTO restructurings (effective_on, created_at) VALUES ('2026-01-01', 0)")
			}, func(err error) bool { return err != nil && strings.Contains(err.Error(), "insert without a kind") }},
			{"a queued update that changes no row", func(tx *store.Tx, note string) error {
				if err := tx.Write("insert", insert, note); err != nil {
					return err
				}
				return tx.WriteOne(stale, "update", "UPDATE restructurings SET note = 'x' WHERE id = -1")
			}, func(err error) bool { return errors.Is(err, stale) }},
		}
		const rounds = 12
		var wg sync.WaitGroup
		errs := make([][]error, len(kinds))
		for k := range kinds {
			errs[k] = make([]error, rounds)
			for i := 0; i < rounds; i++ {
				wg.Add(1)
				go func(k, i int) {
					defer wg.Done()
					note := fmt.Sprintf("%d-%d", k, i)
					errs[k][i] = db.InTx(ctx, func(tx *store.Tx) error {
						if err := tx.Audit(sys, "restructuring", note, "test", nil); err != nil {
							return err
						}
						return kinds[k].fn(tx, note)
					})
				}(k, i)
			}
		}
		wg.Wait()
		for k, kind := range kinds {
			for i, err := range errs[k] {
				if kind.want == nil && err != nil || kind.want != nil && !kind.want(err) {
					t.Errorf("%s, round %d: %v", kind.name, i, err)
				}
			}
		}
		var kept []string
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			rows, err := tx.Query("SELECT note FROM restructurings ORDER BY id")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var note string
				if err := rows.Scan(&note); err != nil {
					return err
				}
				kept = append(kept, note)
			}
			return rows.Err()
		}); err != nil {
			t.Fatal(err)
		}
		if len(kept) != rounds {
			t.Errorf("rows kept: %v, want the %d of the successful ones", kept, rounds)
		}
		for _, note := range kept {
			if !strings.HasPrefix(note, "0-") {
				t.Errorf("row %q of a failed transaction was kept", note)
			}
		}
		after, err := db.VerifyAudit(ctx)
		if err != nil || after != before+rounds {
			t.Errorf("journal: %d events after %d (%v), want %d more", after, before, err, rounds)
		}
	})
}

// When the server ends a writer's connection while it is idle (PostgreSQL
// restarted, or an administrator ended it), the next writes open another
// and succeed.
func TestWriterSurvivesLostConnection(t *testing.T) {
	db := storetest.New(t, "postgres", store.Options{})
	defer store.CheckIdleWriters()()
	ctx := context.Background()
	pids := map[int64]bool{}
	// Both writers: as many transactions at once as it takes to see two pids.
	for round := 0; round < 20 && len(pids) < 2; round++ {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var pid int64
				if err := db.InTx(ctx, func(tx *store.Tx) error {
					return tx.QueryRow("SELECT pg_backend_pid()").Scan(&pid)
				}); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				pids[pid] = true
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	for pid := range pids {
		if err := db.ExecRaw(ctx, "SELECT pg_terminate_backend(?)", pid); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 4; i++ {
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			return tx.Write("insert", "INSERT INTO restructurings (kind, effective_on, created_at) VALUES ('rename', '2026-01-01', 0)")
		}); err != nil {
			t.Fatalf("write %d after the connections were ended: %v", i, err)
		}
	}
}
