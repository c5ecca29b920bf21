package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// BenchmarkDashboardFull measures the dashboards and the bottleneck
// analysis on a database whose rollups and open records are at the
// density of 10,000,000 dossiers and 1,000,000 tasks (issue #14 item 10;
// docs/BENCHMARKS.md, "The dashboard and the bottlenecks at full density").
//
// Generating ten million histories takes hours here, so the database is a
// base built through the real path (the demo, CONGVU_BENCH_DASH10_TASKS
// generated tasks, default 20,000, and CONGVU_BENCH_DASH10_DOSSIERS
// dossiers, default 40,000) and then, in SQL:
//
//   - every rollup the dashboard and the analysis read (dossier_daily,
//     task_daily, dossier_step_daily, dossier_flow_daily, and the nightly
//     snapshots dossier_open_daily on the days that have one) gets a row for
//     every key the base uses (unit × procedure, unit, procedure × step ×
//     unit, hand-off × unit) on every working day from 1/1/2025 to
//     20/11/2026, as ten million dossiers over those days would give; the
//     added rows hold zeros, so every figure stays the base's and the
//     dashboard can still be checked against the recount from the records;
//   - the open dossiers and the open tasks are copied until there are as
//     many as 10,000,000 dossiers and 1,000,000 tasks with the base's share
//     of open ones would hold (a copy: a new id, the code suffixed "-c" and
//     the copy's number); what is counted from records (late and blocked
//     tasks now, the dossiers open now) reads them.
//
// The closed records are not copied: only the recount reads them, and the
// recount is the baseline.
//
// The database is kept (SQLite: /root/.cache/congvu/dash10/sqlite.db;
// PostgreSQL: congvu_bench_dash10 on CONGVU_TEST_POSTGRES's server) and
// built again only when missing.
//
//	CONGVU_TEST_POSTGRES=... go test ./internal/store -run '^$' -bench DashboardFull -benchtime 20x -timeout 0
func BenchmarkDashboardFull(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			if engine == "postgres" && storetest.PostgresURL(b) == "" {
				b.Skip("PostgreSQL benchmark skipped: set " + storetest.PostgresEnv)
			}
			ctx := context.Background()
			db := dash10DB(b, engine)
			agency := demoAgency(b, db)
			today := calendar.DateOf(benchNow)
			year := [2]calendar.Date{{Year: 2026, Month: 1, Day: 1}, today}
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
			b.Logf("%s: open now: %d dossiers, %d tasks late, %d blocked", engine, whole.Report.InProgress.Total, whole.LateTasksNow, whole.BlockedNow)
			for _, c := range []struct {
				name   string
				unit   int64
				period [2]calendar.Date
			}{
				{"director-year", agency, year},
				// A deputy sees the whole agency (PermStats over it); the
				// page's "6 months" preset.
				{"deputy-6months", agency, [2]calendar.Date{today.AddDays(-182), today}},
				{"head-quarter", division, [2]calendar.Date{{Year: 2026, Month: 10, Day: 1}, today}},
			} {
				units, err := db.StatsUnits(ctx, c.unit)
				if err != nil {
					b.Fatal(err)
				}
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
				})
				b.Run("baseline-recount-"+c.name, func(b *testing.B) {
					timed(b, func() error { _, err := db.DashboardRecount(ctx, units, c.period[0], c.period[1]); return err })
				})
			}

			// The bottleneck analysis of the year for the procedure with the
			// most step passes in the base.
			procs, err := db.QueryStringsRaw(ctx, `SELECT procedure_code FROM dossier_step_daily WHERE agency_id = ? AND day >= '2026-01-01'
				GROUP BY procedure_code ORDER BY SUM(passes) DESC, procedure_code LIMIT 1`, agency)
			if err != nil || len(procs) == 0 {
				b.Fatal("no procedure with passes", err)
			}
			proc, from, to := procs[0], calendar.Date{Year: 2026, Month: 1, Day: 1}, calendar.Date{Year: 2026, Month: 12, Day: 31}
			fast, _, err := db.Bottlenecks(ctx, agency, proc, nil, from, to)
			if err != nil {
				b.Fatal(err)
			}
			// The copies of open dossiers (ids above the base's) have no history.
			var baseMax int64
			if err := db.QueryRowRaw(ctx, "SELECT MIN(id) - 1 FROM dossiers WHERE code LIKE '%-c1'").Scan(&baseMax); err != nil {
				b.Fatal(err)
			}
			slow, err := db.BottlenecksByReplayOriginals(ctx, agency, proc, from, to, baseMax)
			if err != nil {
				b.Fatal(err)
			}
			if !reflect.DeepEqual(fast, slow) {
				b.Fatalf("the rollups and the replay disagree:\n%+v\n%+v", fast, slow)
			}
			var rows int
			if err := db.QueryRowRaw(ctx, `SELECT COUNT(*) FROM dossier_step_daily WHERE agency_id = ? AND procedure_code = ? AND day >= ? AND day <= ?`,
				agency, proc, from.String(), to.String()).Scan(&rows); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: bottlenecks of %s: %d step rows in the year", engine, proc, rows)
			b.Run("bottlenecks-year", func(b *testing.B) {
				timed(b, func() error { _, _, err := db.Bottlenecks(ctx, agency, proc, nil, from, to); return err })
			})
			b.Run("baseline-replay-bottlenecks-year", func(b *testing.B) {
				timed(b, func() error {
					_, err := db.BottlenecksByReplayOriginals(ctx, agency, proc, from, to, baseMax)
					return err
				})
			})
		})
	}
}

const (
	dash10Dossiers = 10_000_000
	dash10Tasks    = 1_000_000
)

// dash10DB opens the benchmark's kept database, building it first when
// it is missing (see BenchmarkDashboardFull).
func dash10DB(b *testing.B, engine string) *store.DB {
	b.Helper()
	ctx := context.Background()
	dir := "/root/.cache/congvu/dash10"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	done := filepath.Join(dir, engine+".done")
	var dsn string
	if engine == "sqlite" {
		dsn = filepath.Join(dir, "sqlite.db")
		if _, err := os.Stat(done); err != nil {
			os.Remove(dsn)
			os.Remove(dsn + "-wal")
			os.Remove(dsn + "-shm")
		}
	} else {
		base := storetest.PostgresURL(b)
		i := strings.LastIndex(base, "/")
		dsn = base[:i] + "/congvu_bench_dash10"
		if j := strings.Index(base[i:], "?"); j >= 0 {
			dsn += base[i+j:] + "&search_path=bench"
		} else {
			dsn += "?search_path=bench"
		}
		if _, err := os.Stat(done); err != nil {
			admin, err := sql.Open("pgx", base)
			if err != nil {
				b.Fatal(err)
			}
			for _, q := range []string{"DROP DATABASE IF EXISTS congvu_bench_dash10", "CREATE DATABASE congvu_bench_dash10"} {
				if _, err := admin.Exec(q); err != nil {
					b.Fatal(q, err)
				}
			}
			admin.Close()
			// The server's template may have no public schema: the
			// tables go to their own.
			bench, err := sql.Open("pgx", strings.Replace(dsn, "search_path=bench", "search_path=public", 1))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := bench.Exec("CREATE SCHEMA bench"); err != nil {
				b.Fatal(err)
			}
			bench.Close()
		}
	}
	db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(done); err == nil {
		return db
	}
	start := time.Now()
	tasks := benchSize("CONGVU_BENCH_DASH10_TASKS", 20_000)
	dossiers := benchSize("CONGVU_BENCH_DASH10_DOSSIERS", 40_000)
	if _, err := demo.Seed(ctx, db, benchNow); err != nil {
		b.Fatal(err)
	}
	if _, err := db.GenerateTasks(ctx, audit.System("bench"), store.TaskGenOptions{N: tasks, Now: benchNow, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: dossiers, Now: benchNow, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: base of %d tasks and %d dossiers in %s", engine, tasks, dossiers, time.Since(start).Round(time.Second))
	start = time.Now()
	dash10Densify(b, db)
	dash10CopyOpen(b, db, "dossiers", "closed_at IS NULL AND completed_at IS NULL AND received_at IS NOT NULL", dash10Dossiers)
	dash10CopyOpen(b, db, "tasks", "state NOT IN ('done', 'cancelled')", dash10Tasks)
	// As autovacuum would after the load (PostgreSQL: the visibility map
	// too, without which the open counts cannot be read from their
	// covering indexes alone and fall back to the table).
	analyze := "ANALYZE"
	if engine == "postgres" {
		analyze = "VACUUM ANALYZE"
	}
	if err := db.ExecRaw(ctx, analyze); err != nil {
		b.Fatal(err)
	}
	for _, t := range []string{"dossier_daily", "task_daily", "dossier_open_daily", "dossier_step_daily", "dossier_flow_daily", "dossiers", "tasks"} {
		var n int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM "+t).Scan(&n); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %s %d rows", engine, t, n)
	}
	b.Logf("%s: densified in %s", engine, time.Since(start).Round(time.Second))
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return db
}

// dash10Days is the VALUES list of the working days (Monday to Friday)
// from 1/1/2025 to the benchmark's today.
func dash10Days() string {
	var days []string
	for d := (calendar.Date{Year: 2025, Month: 1, Day: 1}); !calendar.DateOf(benchNow).Before(d); d = d.AddDays(1) {
		if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, "('"+d.String()+"')")
		}
	}
	return "WITH days(day) AS (VALUES " + strings.Join(days, ", ") + ") "
}

// dash10Densify gives every rollup key of the base a row (of zeros) on
// every working day.
func dash10Densify(b *testing.B, db *store.DB) {
	ctx := context.Background()
	days := dash10Days()
	for _, q := range []string{
		`INSERT INTO dossier_daily (agency_id, unit_id, procedure_code, day)
			SELECT k.agency_id, k.unit_id, k.procedure_code, days.day FROM (SELECT DISTINCT agency_id, unit_id, procedure_code FROM dossier_daily) k CROSS JOIN days
			WHERE true ON CONFLICT DO NOTHING`,
		`INSERT INTO task_daily (agency_id, unit_id, day)
			SELECT k.agency_id, k.unit_id, days.day FROM (SELECT DISTINCT agency_id, unit_id FROM task_daily) k CROSS JOIN days
			WHERE true ON CONFLICT DO NOTHING`,
		`INSERT INTO dossier_step_daily (agency_id, procedure_code, day, step, unit_id)
			SELECT k.agency_id, k.procedure_code, days.day, k.step, k.unit_id FROM (SELECT DISTINCT agency_id, procedure_code, step, unit_id FROM dossier_step_daily) k CROSS JOIN days
			WHERE true ON CONFLICT DO NOTHING`,
		`INSERT INTO dossier_flow_daily (agency_id, procedure_code, day, from_step, to_step, unit_id)
			SELECT k.agency_id, k.procedure_code, days.day, k.from_step, k.to_step, k.unit_id FROM (SELECT DISTINCT agency_id, procedure_code, from_step, to_step, unit_id FROM dossier_flow_daily) k CROSS JOIN days
			WHERE true ON CONFLICT DO NOTHING`,
		// The snapshots: only on the days the nightly job ran, every key.
		`INSERT INTO dossier_open_daily (agency_id, unit_id, procedure_code, day, open_total, open_overdue, open_paused)
			SELECT k.agency_id, k.unit_id, k.procedure_code, s.day, 0, 0, 0 FROM (SELECT DISTINCT agency_id, unit_id, procedure_code FROM dossier_daily) k
			CROSS JOIN (SELECT DISTINCT day FROM dossier_open_daily) s WHERE true ON CONFLICT DO NOTHING`,
	} {
		if err := db.ExecRaw(ctx, days+q); err != nil {
			b.Fatal(q, err)
		}
	}
}

// dash10CopyOpen copies the open rows (where) of table until the table
// holds as many open rows as full rows of it would with the base's share.
func dash10CopyOpen(b *testing.B, db *store.DB, table, where string, full int) {
	ctx := context.Background()
	var total, open, maxID int
	if err := db.QueryRowRaw(ctx, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM "+table).Scan(&total, &maxID); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+where).Scan(&open); err != nil {
		b.Fatal(err)
	}
	if open == 0 || total == 0 {
		b.Fatalf("%s: nothing open to copy", table)
	}
	copies := full/total - 1
	q := "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"
	if db.Engine() == "postgres" {
		q = "SELECT column_name FROM information_schema.columns WHERE table_name = '" + table + "' AND table_schema = current_schema() ORDER BY ordinal_position"
	}
	cols, err := db.QueryStringsRaw(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	step := maxID + 1
	for k := 1; k <= copies; k++ {
		sel := make([]string, len(cols))
		for i, c := range cols {
			switch c {
			case "id":
				sel[i] = fmt.Sprintf("id + %d", k*step)
			case "code":
				sel[i] = fmt.Sprintf("code || '-c%d'", k)
			default:
				sel[i] = c
			}
		}
		if err := db.ExecRaw(ctx, "INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") SELECT "+strings.Join(sel, ", ")+
			" FROM "+table+" WHERE id < ? AND "+where, step); err != nil {
			b.Fatal(table, err)
		}
	}
	b.Logf("%s: %d open of %d in the base, copied %d times: %d open", table, open, total, copies, open*(copies+1))
}
