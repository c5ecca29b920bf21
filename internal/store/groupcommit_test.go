package store_test

import (
	"context"
	"errors"
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
