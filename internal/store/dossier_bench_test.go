package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The period report over many dossiers (docs/BENCHMARKS.md, "One-stop
// dossiers"). The database is generated once with the bulk loader (congvu
// demo --dossiers) and kept between runs: a SQLite file under os.TempDir()
// named after its size, and on PostgreSQL a schema of the same name. Build
// it by setting CONGVU_BENCH_BUILD=1; without it and without the database
// the benchmark is skipped.
//
//	CONGVU_BENCH_BUILD=1 go test ./internal/store -run '^$' -bench DossierReport -benchtime 200x
//
// CONGVU_BENCH_DOSSIERS sets the size (default 1,000,000; 200,000 on
// PostgreSQL, CONGVU_BENCH_PG_DOSSIERS).

// benchNow is the generated history's "now": the snapshots run to the day
// before, and the benchmark opens the database with the same clock.
var benchNow = time.Date(2026, 11, 20, 10, 30, 0, 0, calendar.VN)

func benchSize(env string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
		return n
	}
	return def
}

func BenchmarkDossierReport(b *testing.B) {
	dsn, n := sqliteBenchDB(b)
	benchReports(b, dsn, n)
}

func BenchmarkDossierReportPostgres(b *testing.B) {
	dsn, n := postgresBenchDB(b)
	benchReports(b, dsn, n)
}

// sqliteBenchDB is the SQLite benchmark database, built when asked.
func sqliteBenchDB(b *testing.B) (string, int) {
	n := benchSize("CONGVU_BENCH_DOSSIERS", 1_000_000)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("congvu-bench-report-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CONGVU_BENCH_BUILD") == "" {
			b.Skipf("no benchmark database %s: set CONGVU_BENCH_BUILD=1 to generate it (%d dossiers)", path, n)
		}
		buildBenchDB(b, path+".tmp", n)
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	}
	return path, n
}

// postgresBenchDB is the PostgreSQL benchmark schema, built when asked.
func postgresBenchDB(b *testing.B) (string, int) {
	base := os.Getenv(storetest.PostgresEnv)
	if base == "" {
		b.Skip("PostgreSQL benchmark skipped: set " + storetest.PostgresEnv)
	}
	n := benchSize("CONGVU_BENCH_PG_DOSSIERS", 200_000)
	schema := fmt.Sprintf("congvu_bench_report_%d", n)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var ready bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_ready')`, schema).Scan(&ready); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	if !ready {
		if os.Getenv("CONGVU_BENCH_BUILD") == "" {
			b.Skipf("no benchmark schema %s: set CONGVU_BENCH_BUILD=1 to generate it (%d dossiers)", schema, n)
		}
		if _, err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); err != nil {
			b.Fatal(err)
		}
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			b.Fatal(err)
		}
		buildBenchDB(b, u.String(), n)
		if _, err := admin.Exec("CREATE TABLE " + schema + ".bench_ready (n BIGINT)"); err != nil {
			b.Fatal(err)
		}
		if _, err := admin.Exec("VACUUM ANALYZE"); err != nil { // as autovacuum would after the load (migration 0008)
			b.Fatal(err)
		}
	}
	return u.String(), n
}

// buildBenchDB seeds the demo and generates n dossiers into dsn.
func buildBenchDB(b *testing.B, dsn string, n int) {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Seed(ctx, db, benchNow); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	stats, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: n, Now: benchNow, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d dossiers, %d events in %v", stats.Dossiers, stats.Events, time.Since(start))
}

// benchReports measures the report for a past month, a past half-year and
// the current year (whose end is judged from the open dossiers
// themselves), for the agency and for one division.
func benchReports(b *testing.B, dsn string, n int) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil { // a database built by an older congvu
		b.Fatal(err)
	}
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var agency, division int64
	for _, u := range units {
		switch u.Name {
		case "Sở Tài chính tỉnh Bắc Ninh":
			agency = u.ID
		case "Phòng Đăng ký kinh doanh và Hộ kinh doanh":
			division = u.ID
		}
	}
	d := func(y int, m time.Month, day int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: day} }
	periods := []struct {
		name     string
		from, to calendar.Date
	}{
		{"month=2026-10", d(2026, 10, 1), d(2026, 10, 31)},
		{"year=2025", d(2025, 1, 1), d(2025, 12, 31)},
		{"year=2026", d(2026, 1, 1), d(2026, 12, 31)},
	}
	for _, scope := range []struct {
		name string
		unit int64
	}{{"agency", agency}, {"division", division}} {
		ids, err := db.StatsUnits(ctx, scope.unit)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range periods {
			b.Run(fmt.Sprintf("n=%d/%s/%s", n, scope.name, p.name), func(b *testing.B) {
				var rep any
				for b.Loop() {
					r, err := db.DossierReport(ctx, ids, p.from, p.to)
					if err != nil {
						b.Fatal(err)
					}
					rep = r
				}
				_ = rep
			})
			// Biểu II.06a as the workbook prints it: the total beside the
			// lines per field and per unit (DossierReportLines).
			b.Run(fmt.Sprintf("n=%d/%s/%s/lines", n, scope.name, p.name), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := db.DossierReportLines(ctx, scope.unit, p.from, p.to); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
