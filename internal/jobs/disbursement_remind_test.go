package jobs_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/jobs"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDisbursementReminders: on the 14th nobody is reminded; from 00:00 on
// the 15th (Vietnam, calendar days) each staff member of an investor that
// has not reported last month gets one reminder, however often the scan
// runs; an investor that reported gets none.
func TestDisbursementReminders(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			clk := &fakeClock{t: vn("2026-05-14 23:00")}
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			sys := audit.System("test")
			agency, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
			if err != nil {
				t.Fatal(err)
			}
			staffOf := map[string]org.Person{}
			for i, name := range []string{"Ban QLDA tỉnh", "UBND xã Yên Phong"} {
				inv, err := db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: agency.ID, Name: name, Kind: investment.InvestorBoard})
				if err != nil {
					t.Fatal(err)
				}
				code := []string{"BN-0001", "BN-0002"}[i]
				if _, err := db.CreateProject(ctx, sys, investment.NewProject{AgencyID: agency.ID, Code: code, Name: "Dự án " + code, InvestorID: inv.ID,
					Band: investment.BandK5, StartYear: 2026, EndYear: 2027, Capital: map[investment.Source]int64{investment.SourceProvincial: 50_000_000_000}}); err != nil {
					t.Fatal(err)
				}
				rep := investment.Reporter{AgencyID: agency.ID, Actor: sys}
				if _, err := db.RecordCapitalPlan(ctx, rep, code, investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026,
					Source: investment.SourceProvincial, AllocatedLocally: 10_000_000_000}); err != nil {
					t.Fatal(err)
				}
				p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: inv.UnitID, FullName: "Cán bộ " + name})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: inv.UnitID, Role: org.RoleInvestor, ValidFrom: "2025-01-01"}); err != nil {
					t.Fatal(err)
				}
				staffOf[code] = p
			}
			// The second investor reported April; the first did not.
			if _, err := db.RecordDisbursements(ctx, investment.Reporter{AgencyID: agency.ID, Actor: sys}, []investment.FigureRow{{Line: 1, ProjectCode: "BN-0002",
				FigureInput: investment.FigureInput{Year: 2026, Month: 4, Source: investment.SourceProvincial, CumulativeActual: 1, EstimateNext: 2}}}); err != nil {
				t.Fatal(err)
			}
			r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Log: quiet})
			jobs.NewWork(r, db, jobs.Config{ScanEvery: time.Minute})
			tick := func() {
				t.Helper()
				for range 3 {
					if err := r.Tick(ctx); err != nil {
						t.Fatal(err)
					}
					clk.Add(time.Minute)
				}
			}
			tick() // 14/05, 23:00–23:03: not late yet
			if n := inbox(t, db, staffOf["BN-0001"], jobs.DisbursementReminderKind); n != 0 {
				t.Fatalf("reminded on the 14th: %d", n)
			}
			clk.Set(vn("2026-05-15 08:00"))
			tick()
			tick()
			if n := inbox(t, db, staffOf["BN-0001"], jobs.DisbursementReminderKind); n != 1 {
				t.Errorf("the late investor's staff got %d reminders, want 1", n)
			}
			if n := inbox(t, db, staffOf["BN-0002"], jobs.DisbursementReminderKind); n != 0 {
				t.Errorf("the investor that reported got %d reminders", n)
			}
		})
	}
}
