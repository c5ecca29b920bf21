package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// BenchmarkDashboard measures the dashboard (db.Dashboard: every figure of
// the page, from the rollups) beside a recount of its counts from the
// records (db.DashboardRecount: the tasks completed, the obstacles raised,
// the dossiers resolved and the ratings of the period, read row by row),
// for the director's year over the whole agency and a head's quarter over
// one division (docs/BENCHMARKS.md, "The dashboard"). The database is the
// demo with CONGVU_BENCH_DASH_TASKS generated tasks (default 100,000) and
// CONGVU_BENCH_DASH_DOSSIERS dossiers (default 200,000) over 18 months,
// built for the run, on SQLite and, with CONGVU_TEST_POSTGRES, PostgreSQL.
// Each case reports its 95th percentile (p95-ms) beside the mean.
//
//	go test ./internal/store -run '^$' -bench Dashboard -benchtime 100x
func BenchmarkDashboard(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			clock := store.Options{Now: func() time.Time { return benchNow }}
			var db *store.DB
			if engine == "sqlite" {
				var err error
				if db, err = store.Open(ctx, filepath.Join(b.TempDir(), "dash.db"), clock); err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Migrate(ctx); err != nil {
					b.Fatal(err)
				}
			} else {
				db = storetest.New(b, engine, clock) // skips without CONGVU_TEST_POSTGRES
			}
			tasks := benchSize("CONGVU_BENCH_DASH_TASKS", 100_000)
			dossiers := benchSize("CONGVU_BENCH_DASH_DOSSIERS", 200_000)
			start := time.Now()
			if _, err := demo.Seed(ctx, db, benchNow); err != nil {
				b.Fatal(err)
			}
			if _, err := db.GenerateTasks(ctx, audit.System("bench"), store.TaskGenOptions{N: tasks, Now: benchNow, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: dossiers, Now: benchNow, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			if engine == "postgres" { // as autovacuum would after the load
				if err := db.ExecRaw(ctx, "ANALYZE"); err != nil {
					b.Fatal(err)
				}
			}
			b.Logf("%s: %d tasks and %d dossiers built in %s", engine, tasks, dossiers, time.Since(start).Round(time.Second))
			agency := demoAgency(b, db)
			year := [2]calendar.Date{{Year: 2026, Month: 1, Day: 1}, calendar.DateOf(benchNow)}
			whole, err := db.Dashboard(ctx, agency, year[0], year[1])
			if err != nil {
				b.Fatal(err)
			}
			division, most := agency, -1 // the division with the most done in the year
			for _, l := range whole.Units[1:] {
				if n := l.Tasks.Done() + l.Dossiers.Resolved(); n > most {
					division, most = l.UnitID, n
				}
			}
			quarter := [2]calendar.Date{{Year: 2026, Month: 10, Day: 1}, calendar.DateOf(benchNow)}
			for _, c := range []struct {
				name   string
				unit   int64
				period [2]calendar.Date
			}{{"director-year", agency, year}, {"head-quarter", division, quarter}} {
				units, err := db.StatsUnits(ctx, c.unit)
				if err != nil {
					b.Fatal(err)
				}
				// The two agree before either is timed.
				got, err := db.Dashboard(ctx, c.unit, c.period[0], c.period[1])
				if err != nil {
					b.Fatal(err)
				}
				want, err := db.DashboardRecount(ctx, units, c.period[0], c.period[1])
				if err != nil {
					b.Fatal(err)
				}
				if got.Tasks != want.Tasks || got.Dossiers() != want.Dossiers || got.Ratings != want.Ratings {
					b.Fatalf("%s: dashboard %+v %+v, recount %+v %+v", c.name, got.Tasks, got.Dossiers(), want.Tasks, want.Dossiers)
				}
				b.Run("dashboard-"+c.name, func(b *testing.B) {
					timed(b, func() error { _, err := db.Dashboard(ctx, c.unit, c.period[0], c.period[1]); return err })
					b.ReportMetric(float64(got.Tasks.Done()+got.Dossiers().Resolved()), "records")
				})
				b.Run("baseline-recount-"+c.name, func(b *testing.B) {
					timed(b, func() error { _, err := db.DashboardRecount(ctx, units, c.period[0], c.period[1]); return err })
				})
			}
		})
	}
}

// timed runs fn b.N times and reports the 95th percentile in milliseconds
// and the process's CPU time per run (cpu-ms: user and system, which on a
// machine shared with other builds says more than the wall clock; on
// PostgreSQL the server's own CPU is not in it).
func timed(b *testing.B, fn func() error) {
	b.Helper()
	d := make([]time.Duration, 0, b.N)
	cpu0 := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t))
	}
	b.StopTimer()
	b.ReportMetric(float64(processCPU()-cpu0)/1e6/float64(b.N), "cpu-ms")
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)*95/100])/1e6, "p95-ms")
}

// processCPU is the CPU time the process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
