package store_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The bottleneck analysis of a year for one procedure (docs/BENCHMARKS.md,
// "Where time is lost"): from the rollups (store.Bottlenecks) beside the
// replay of every dossier of the procedure active in the year
// (BottlenecksByReplay), on the same database in the same run. The
// dossiers, CONGVU_BENCH_FLOW_DOSSIERS of them (default 20,000), all of
// the one procedure, are spread over the working days of 2026 up to the
// benchmark's "now" and loaded with the bulk loader, which keeps the
// rollups as the event path does; a tenth pause for a supplement, one in
// twenty is returned for rework, about one in eight runs late.
//
//	go test ./internal/store -run '^$' -bench Bottlenecks -benchtime 20x
//	CONGVU_TEST_POSTGRES=... go test ./internal/store -run '^$' -bench Bottlenecks -benchtime 20x
func BenchmarkBottlenecks(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			if engine == "postgres" && storetest.PostgresURL(b) == "" {
				b.Skip("PostgreSQL benchmark skipped: set " + storetest.PostgresEnv)
			}
			db := storetest.New(b, engine, store.Options{Now: func() time.Time { return benchNow }})
			o := newOneStop(b, db)
			n := benchSize("CONGVU_BENCH_FLOW_DOSSIERS", 20_000)
			loadFlowDossiers(b, db, o, n)
			ctx := context.Background()
			from, to := calendar.Date{Year: 2026, Month: 1, Day: 1}, calendar.Date{Year: 2026, Month: 12, Day: 31}
			fast, _, err := db.Bottlenecks(ctx, o.agency.ID, o.proc.Code, nil, from, to)
			if err != nil {
				b.Fatal(err)
			}
			slow, err := db.BottlenecksByReplay(ctx, o.agency.ID, o.proc.Code, from, to)
			if err != nil {
				b.Fatal(err)
			}
			if !reflect.DeepEqual(fast, slow) || fast.Steps[1].Count == 0 {
				b.Fatalf("the rollups and the replay disagree:\n%+v\n%+v", fast, slow)
			}
			b.Logf("%d dossiers; division: %d passes, median %.2f h, p90 %.2f h, %d late", n, fast.Steps[1].Count,
				fast.Steps[1].MedianHours, fast.Steps[1].P90Hours, fast.Late)
			b.Run("rollups", func(b *testing.B) {
				for b.Loop() {
					if _, _, err := db.Bottlenecks(ctx, o.agency.ID, o.proc.Code, nil, from, to); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("replay", func(b *testing.B) {
				for b.Loop() {
					if _, err := db.BottlenecksByReplay(ctx, o.agency.ID, o.proc.Code, from, to); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// loadFlowDossiers bulk-loads n dossiers of o's procedure over 2026.
func loadFlowDossiers(b *testing.B, db *store.DB, o oneStop, n int) {
	b.Helper()
	ctx := context.Background()
	cal, err := db.Calendar(ctx, o.agency.ID)
	if err != nil {
		b.Fatal(err)
	}
	var days []time.Time
	for d := (calendar.Date{Year: 2026, Month: 1, Day: 2}); d.Before(calendar.DateOf(benchNow).AddDays(-60)); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			days = append(days, d.Time().Add(7*time.Hour))
		}
	}
	r := rand.New(rand.NewPCG(14, 2026))
	l, err := db.NewBulkLoader(ctx, audit.System("bench"), o.agency.ID, store.BulkOptions{})
	if err != nil {
		b.Fatal(err)
	}
	add := func(t time.Time, hours float64) time.Time {
		next, err := cal.AddWorking(t, time.Duration(hours*float64(time.Hour)))
		if err != nil {
			b.Fatal(err)
		}
		return next
	}
	for i := range n {
		at := add(days[i%len(days)], r.Float64()*7)
		evs := []dossier.Event{{Action: dossier.Receive, At: at, UnitID: o.desk.ID, ActorID: o.clerk.PersonID, ActorName: o.clerk.Name}}
		ev := func(e dossier.Event, hours float64) {
			at = add(at, hours)
			e.At = at
			evs = append(evs, e)
		}
		fwd := func(from, to int64) dossier.Event {
			return dossier.Event{Action: dossier.Forward, UnitID: from, ToUnitID: to, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}
		}
		ev(fwd(o.desk.ID, o.division.ID), 0.2+r.Float64()*4)
		if r.IntN(10) == 0 {
			ev(dossier.Event{Action: dossier.RequestSupplement, UnitID: o.division.ID, Reason: "Bổ sung giấy tờ"}, r.Float64()*16)
			ev(dossier.Event{Action: dossier.ReceiveSupplement, UnitID: o.desk.ID}, 8+r.Float64()*40)
		}
		hold := min(r.ExpFloat64()*40, 180) // most within the division's 112 h, a tail beyond
		ev(fwd(o.division.ID, o.desk.ID), 1+hold)
		if r.IntN(20) == 0 {
			ev(dossier.Event{Action: dossier.ReturnForRework, UnitID: o.desk.ID, Reason: "Sai thông tin"}, 1+r.Float64()*4)
			ev(fwd(o.division.ID, o.desk.ID), 2+r.Float64()*16)
		}
		ev(dossier.Event{Action: dossier.Complete, UnitID: o.desk.ID}, 0.5+r.Float64()*4)
		rec := dossier.Record{Procedure: dossier.Procedure{Code: o.proc.Code}, Channel: dossier.ChannelDirect, Sets: 1, Events: evs,
			Applicant: dossier.Applicant{Name: "Nguyễn Văn An", IDNumber: "001203004567"},
			Documents: []dossier.Document{{Name: "Giấy đề nghị đăng ký doanh nghiệp", Copy: dossier.Original, Quantity: 1}}}
		if err := l.Add(rec); err != nil {
			for _, e := range evs {
				b.Log(e.Action, e.At)
			}
			b.Fatal(err)
		}
	}
	if _, err := l.Close(); err != nil {
		b.Fatal(err)
	}
}
