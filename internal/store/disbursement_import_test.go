package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// disbFixture is invFixture with two projects (one per investor), their
// 2026 provincial plans (10 bn allocated locally) and a staff member of
// the first investor.
type disbFixture struct {
	invFixture
	p1, p2 investment.Project
	staff  *auth.Subject
}

var disbNow = time.Date(2026, 5, 20, 3, 0, 0, 0, time.UTC)

func newDisbFixture(t *testing.T, db *store.DB) disbFixture {
	t.Helper()
	ctx := context.Background()
	f := disbFixture{invFixture: newInvFixture(t, db)}
	var err error
	if f.p1, err = db.CreateProject(ctx, f.actor, newProject(f.invFixture, "BN-0001", 20*bn)); err != nil {
		t.Fatal(err)
	}
	n := newProject(f.invFixture, "BN-0002", 20*bn)
	n.InvestorID = f.xa.ID
	if f.p2, err = db.CreateProject(ctx, f.actor, n); err != nil {
		t.Fatal(err)
	}
	sysRep := investment.Reporter{AgencyID: f.agency.ID, Actor: f.actor}
	for _, code := range []string{"BN-0001", "BN-0002"} {
		if _, err := db.RecordCapitalPlan(ctx, sysRep, code, investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026, Source: investment.SourceProvincial,
			AssignedByPM: 0, AllocatedLocally: 10 * bn}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.ban.UnitID, FullName: "Lê Văn Ban"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: f.ban.UnitID, Role: org.RoleInvestor, ValidFrom: "2025-07-01"}); err != nil {
		t.Fatal(err)
	}
	if f.staff, err = db.Subject(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func figureRow(line int, code string, month int, actual int64) investment.FigureRow {
	return investment.FigureRow{Line: line, ProjectCode: code, FigureInput: investment.FigureInput{Year: 2026, Month: month,
		Source: investment.SourceProvincial, CumulativeActual: actual, EstimateNext: actual}}
}

// reported is how many of the register's lines have a figure for the month.
func reported(t *testing.T, db *store.DB, agency int64, month int) int {
	t.Helper()
	lines, err := db.DisbursementLines(context.Background(), investment.StatsFilter{AgencyID: agency, Year: 2026, Month: month})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range lines {
		if l.Reported {
			n++
		}
	}
	return n
}

// TestImportAllOrNothing: a batch with one wrong row is refused whole, on
// both engines, the check and the commit alike, every wrong row named by
// its line; a check of a right batch writes nothing; the commit writes all.
func TestImportAllOrNothing(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := storetest.New(t, engine, store.Options{Now: func() time.Time { return disbNow }})
			f := newDisbFixture(t, db)
			ctx := context.Background()
			rep := investment.Reporter{AgencyID: f.agency.ID, Actor: f.actor, Subject: f.staff, Policy: disbPolicy()}
			bad := []investment.FigureRow{
				figureRow(2, "BN-0001", 4, 1*bn),
				figureRow(3, "BN-0001", 3, 11*bn), // above the plan
				figureRow(4, "BN-0002", 4, 1*bn),  // another investor's
				figureRow(5, "BN-9999", 4, 1*bn),  // no such project
				figureRow(6, "BN-0001", 6, 1*bn),  // a future month
			}
			want := map[int]apperr.Code{3: apperr.Invalid, 4: apperr.Forbidden, 5: apperr.NotFound, 6: apperr.Invalid}
			for name, run := range map[string]func() error{
				"check":  func() error { return db.CheckDisbursements(ctx, rep, bad) },
				"record": func() error { _, err := db.RecordDisbursements(ctx, rep, bad); return err },
			} {
				var be *investment.BatchError
				if err := run(); !errors.As(err, &be) || len(be.Rows) != len(want) {
					t.Fatalf("%s: %v", name, err)
				}
				for _, r := range be.Rows {
					if want[r.Line] != r.Err.Code {
						t.Errorf("%s: line %d: %v, want %s", name, r.Line, r.Err, want[r.Line])
					}
				}
				if n := reported(t, db, f.agency.ID, 4); n != 0 {
					t.Fatalf("%s: %d figures written by a refused batch", name, n)
				}
			}
			good := []investment.FigureRow{figureRow(2, "BN-0001", 3, 1*bn), figureRow(3, "BN-0001", 4, 2*bn)}
			if err := db.CheckDisbursements(ctx, rep, good); err != nil {
				t.Fatal(err)
			}
			if n := reported(t, db, f.agency.ID, 4); n != 0 {
				t.Fatalf("a check wrote %d figures", n)
			}
			if _, err := db.RecordDisbursements(ctx, rep, good); err != nil {
				t.Fatal(err)
			}
			if n := reported(t, db, f.agency.ID, 4); n != 1 {
				t.Fatalf("%d figures after the commit, want 1", n)
			}
			// The same month again is a duplicate, named on its line.
			var be *investment.BatchError
			if err := db.CheckDisbursements(ctx, rep, good[1:]); !errors.As(err, &be) || be.Rows[0].Err.Code != apperr.Conflict || be.Rows[0].Line != 3 {
				t.Fatalf("again: %v", err)
			}
		})
	}
}

// TestDisbursementReports: the lines of a month (standing figures, whether
// reported), the ranking of the investors and the late ones.
func TestDisbursementReports(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDisbFixture(t, db)
		ctx := context.Background()
		sysRep := investment.Reporter{AgencyID: f.agency.ID, Actor: f.actor}
		if _, err := db.RecordDisbursements(ctx, sysRep, []investment.FigureRow{figureRow(1, "BN-0001", 3, 4*bn), figureRow(2, "BN-0002", 4, 1*bn)}); err != nil {
			t.Fatal(err)
		}
		lines, err := db.DisbursementLines(ctx, investment.StatsFilter{AgencyID: f.agency.ID, Year: 2026, Month: 4})
		if err != nil || len(lines) != 2 {
			t.Fatalf("lines %v %+v", err, lines)
		}
		if l := lines[0]; l.ProjectCode != "BN-0001" || l.Reported || l.CumulativeActual != 4*bn || l.AllocatedLocally != 10*bn || l.InvestorID != f.ban.ID {
			t.Errorf("BN-0001 stands at March's figure, not reported in April: %+v", l)
		}
		if l := lines[1]; !l.Reported || l.CumulativeActual != 1*bn {
			t.Errorf("BN-0002: %+v", l)
		}
		ranks, err := db.InvestorRanking(ctx, investment.StatsFilter{AgencyID: f.agency.ID, Year: 2026, Month: 4}, investment.AgainstLocal)
		if err != nil || len(ranks) != 2 || ranks[0].InvestorID != f.ban.ID || ranks[0].Rank != 1 || ranks[1].Rank != 2 {
			t.Fatalf("ranking %v %+v", err, ranks)
		}
		late, err := db.LateInvestors(ctx, f.agency.ID, investment.Period{Year: 2026, Month: 4})
		if err != nil || len(late) != 1 || late[0].InvestorID != f.ban.ID || late[0].Missing != 1 || late[0].UnitID != f.ban.UnitID {
			t.Fatalf("late %v %+v", err, late)
		}
		regs, err := db.DisbursementRegisters(ctx)
		if err != nil || len(regs) != 1 || regs[0] != f.agency.ID {
			t.Fatalf("registers %v %v", err, regs)
		}
	})
}

func disbPolicy() *auth.Policy {
	p := auth.NewPolicy()
	investment.RegisterPolicy(p)
	return p
}
