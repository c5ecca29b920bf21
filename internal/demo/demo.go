// Package demo fills an empty congvu database with a realistic agency, so
// that `congvu serve --demo` shows something worth clicking through.
//
// The agency is the one congvu was written for (DOMAIN.md §5): the
// Department of Planning and Investment of Bắc Ninh (Sở Kế hoạch và Đầu tư),
// with its divisions and about forty staff, and its merger with the
// Department of Finance into a new Sở Tài chính on 01/03/2025 (NQ
// 18-NQ/TW's restructuring of the state apparatus) recorded as history. The
// staff are placed before the merger, so that the demo shows what a
// restructuring does: old units ended with a successor, memberships and
// divisions carried over, and statistics able to roll 2024 up into 2026.
//
// Everything goes through the store's public methods, each its own audited
// transaction, as an operator would do it by hand; names, dates and
// passwords are fixed so that every demo database is the same. The
// catalogue of procedures (procedures.go) is seeded with the agency; the
// optional dossier history (GenerateDossiers, dossiers.go) goes through the
// store's bulk loader instead, one audited transaction per batch.
package demo

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/audit"
	"congvu/internal/org"
	"congvu/internal/store"
)

// Account is a demo login, printed at start-up so that a visitor can sign in
// as each kind of user.
type Account struct {
	Login    string
	Password string
	Name     string // the person's full name
	Role     string // the role's Vietnamese label
}

// actor is who the journal says made the demo.
var actor = audit.System("demo")

// Seed creates the demo agency in an empty database and returns the logins
// it made. A database that already has any unit is left untouched and Seed
// returns no accounts and no error, so that `serve --demo` may run on every
// start. now is when the demo delegation begins.
//
// Each step is its own transaction: if Seed fails halfway the database
// holds part of the demo and later runs will skip it; start again from an
// empty database.
func Seed(ctx context.Context, db *store.DB, now time.Time) ([]Account, error) {
	units, err := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	if err != nil {
		return nil, fmt.Errorf("demo: look for existing units: %w", err)
	}
	if len(units) > 0 {
		return nil, nil
	}
	s := &seeder{db: db, units: map[string]int64{}, people: map[string]int64{}}
	steps := []func(context.Context) error{
		s.createUnits,
		s.createStaff,
		s.restructure,
		s.createProcedures, // the catalogue, once the merged department exists
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	accs, err := s.createAccounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := s.createDelegation(ctx, now); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return accs, nil
}

// seeder remembers what it created, by the keys the tables below use.
type seeder struct {
	db     *store.DB
	units  map[string]int64 // unit key → id
	people map[string]int64 // staff key → person id
}
