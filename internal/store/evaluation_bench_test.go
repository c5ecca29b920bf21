package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// Rating a 40-person agency's year (issue #14 item 10: ≤ 1 s;
// docs/BENCHMARKS.md, "Evaluation"): 40 officials, four tasks due in each
// month of 2026 (1,920 tasks with their histories: on time, late, returned
// once), rated month by month from the task records and averaged over the
// year (evaluation.Compute, evaluation.RateYear).
//
//	one_read  store.AgencyYearFigures: the agency's tasks of the year and their
//	          histories in one read, the months computed in memory
//	baseline  store.MonthlyFigures per person and month: 480 reads, what
//	          opening every evaluation one by one costs
//
//	CONGVU_TEST_POSTGRES=... go test ./internal/store -run '^$' -bench RateAgencyYear -benchtime 5x
func BenchmarkRateAgencyYear(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db := storetest.New(b, engine, store.Options{Now: func() time.Time { return time.Date(2027, 1, 15, 3, 0, 0, 0, time.UTC) }})
			agency, people := buildEvaluationBench(b, db)
			r := evaluation.ND335()
			common := 27.0
			rate := func(months map[int64][12]work.Figures) int {
				rated := 0
				for _, p := range people {
					y := evaluation.YearRating{PersonID: p}
					ms := months[p]
					for m := range ms {
						res, err := evaluation.Compute(r, ms[m:m+1], false, 1, nil)
						if err != nil {
							b.Fatal(err)
						}
						if res.Rated {
							y.Periods = append(y.Periods, evaluation.PeriodResult{Period: work.MonthPeriod(2026, m+1), Total: common + res.Points})
						}
					}
					if evaluation.RateYear(r, y).Rated {
						rated++
					}
				}
				return rated
			}
			ctx := context.Background()
			b.Run("one_read", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					figs, err := db.AgencyYearFigures(ctx, agency, 2026)
					if err != nil {
						b.Fatal(err)
					}
					if n := rate(figs); n != len(people) {
						b.Fatalf("rated %d of %d", n, len(people))
					}
				}
			})
			b.Run("baseline", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					figs := map[int64][12]work.Figures{}
					for _, p := range people {
						var ms [12]work.Figures
						for m := 1; m <= 12; m++ {
							f, err := db.MonthlyFigures(ctx, p, 2026, time.Month(m))
							if err != nil {
								b.Fatal(err)
							}
							ms[m-1] = f
						}
						figs[p] = ms
					}
					if n := rate(figs); n != len(people) {
						b.Fatalf("rated %d of %d", n, len(people))
					}
				}
			})
		})
	}
}

// buildEvaluationBench makes an agency of one division with a head and 40
// officials, each with four tasks due in every month of 2026.
func buildEvaluationBench(b *testing.B, db *store.DB) (int64, []int64) {
	b.Helper()
	ctx := context.Background()
	sys := audit.System("bench")
	unit := func(parent *int64, kind org.UnitKind, code, name string) int64 {
		u, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: parent, Kind: kind, Code: code, Name: name, ValidFrom: "2020-01-01"})
		if err != nil {
			b.Fatal(err)
		}
		return u.ID
	}
	agency := unit(nil, org.KindAgency, "000.00.15.H27", "Sở Tài chính")
	div := unit(&agency, org.KindDivision, "", "Phòng Ngân sách")
	person := func(name string, role org.Role) int64 {
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency, FullName: name})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: div, Role: role, ValidFrom: "2020-01-01"}); err != nil {
			b.Fatal(err)
		}
		return p.ID
	}
	head := person("Trưởng phòng", org.RoleHead)
	var people []int64
	for i := 0; i < 40; i++ {
		people = append(people, person(fmt.Sprintf("Chuyên viên %02d", i+1), org.RoleOfficial))
	}
	l := db.NewTaskBulkLoader(ctx, sys, store.TaskBulkOptions{})
	lead, by := func(p int64) work.Actor { return work.Actor{PersonID: p} }, work.Actor{PersonID: head}
	for pi, p := range people {
		for m := 1; m <= 12; m++ {
			for k := 0; k < 4; k++ {
				assigned := time.Date(2026, time.Month(m), 2, 8, 0, 0, 0, calendar.VN)
				due := calendar.Date{Year: 2026, Month: time.Month(m), Day: 10 + 4*k}
				n := work.NewTask{AgencyID: agency, Title: fmt.Sprintf("Báo cáo %d/%d số %d", m, 2026, k+1), Product: "Báo cáo",
					LeadUnitID: div, LeadPersonID: p, AssignerID: head, AssignedAt: assigned, Deadline: work.DeadlineSpec{Date: &due}, Weight: float64(1 + k%2)}
				at := func(day int) time.Time { return time.Date(2026, time.Month(m), day, 9, 0, 0, 0, calendar.VN) }
				steps := []store.TaskStep{{Event: work.Event{Action: work.ActionStart}, Actor: lead(p), At: at(3)}}
				done := 9 + 4*k
				switch (pi + m + k) % 5 {
				case 0: // late
					done += 3
				case 1: // returned once
					steps = append(steps, store.TaskStep{Event: work.Event{Action: work.ActionSubmit, Note: "Dự thảo"}, Actor: lead(p), At: at(done - 2)},
						store.TaskStep{Event: work.Event{Action: work.ActionReturn, Reason: "Bổ sung số liệu"}, Actor: by, At: at(done - 1)})
				}
				steps = append(steps, store.TaskStep{Event: work.Event{Action: work.ActionSubmit, Note: "Báo cáo"}, Actor: lead(p), At: at(done)},
					store.TaskStep{Event: work.Event{Action: work.ActionAccept}, Actor: by, At: at(done).Add(2 * time.Hour)})
				if err := l.Add(n, steps); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if _, err := l.Close(); err != nil {
		b.Fatal(err)
	}
	return agency, people
}
