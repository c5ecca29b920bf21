package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// Every list of dossiers, page after page, for the director, a head, an
// official and the desk (docs/BENCHMARKS.md, "Search and lists"): the new
// keyset pages (FindDossierPage) beside the old OFFSET query (FindDossiers)
// in the same run. "new" and "old" read the next page of their list at
// each iteration (pages 1 to 100, then again from the first; the new
// counts the list's total with its first page, as the web and the API
// do); "first" reads the first page with its capped count every time.
// The metrics are p50, p95 and p99 per page in ms.
//
// The database is generated once (congvu demo --dossiers N, the bulk
// loader) and kept under /root/.cache/congvu/dossierlists/:
//
//	congvu demo --dossiers 10000000 --db /root/.cache/congvu/dossierlists/sqlite-10000000.db
//	go test ./internal/store -run '^$' -bench 'DossierLists$' -benchtime 300x -timeout 0
//
// CONGVU_BENCH_LIST_DOSSIERS names the size (default 10,000,000); on
// PostgreSQL the database is the schema dossierlists_bench_N of
// CONGVU_TEST_POSTGRES's database, generated the same way with
// search_path=dossierlists_bench_N in the URL. Without the database the
// benchmark is skipped; CONGVU_BENCH_BUILD=1 generates it.

func BenchmarkDossierLists(b *testing.B) {
	n := benchSize("CONGVU_BENCH_LIST_DOSSIERS", 10_000_000)
	path := filepath.Join(listBenchDir(), fmt.Sprintf("sqlite-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CONGVU_BENCH_BUILD") == "" {
			b.Skipf("no benchmark database %s: set CONGVU_BENCH_BUILD=1 to generate it (%d dossiers)", path, n)
		}
		buildListBenchDB(b, path+".tmp", n)
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	}
	benchLists(b, path, n)
}

func BenchmarkDossierListsPostgres(b *testing.B) {
	base := os.Getenv(storetest.PostgresEnv)
	if base == "" {
		b.Skip("PostgreSQL benchmark skipped: set " + storetest.PostgresEnv)
	}
	n := benchSize("CONGVU_BENCH_LIST_DOSSIERS", 10_000_000)
	schema := fmt.Sprintf("dossierlists_bench_%d", n)
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var ready bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_ready')`, schema).Scan(&ready); err != nil {
		b.Fatal(err)
	}
	if !ready {
		if os.Getenv("CONGVU_BENCH_BUILD") == "" {
			b.Skipf("no benchmark schema %s with its bench_ready table: set CONGVU_BENCH_BUILD=1 to generate it (%d dossiers)", schema, n)
		}
		for _, s := range []string{"DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema} {
			if _, err := admin.Exec(s); err != nil {
				b.Fatal(err)
			}
		}
		buildListBenchDB(b, u.String(), n)
		if _, err := admin.Exec("CREATE TABLE " + schema + ".bench_ready (n BIGINT)"); err != nil {
			b.Fatal(err)
		}
	}
	benchLists(b, u.String(), n)
}

func listBenchDir() string {
	if d := os.Getenv("CONGVU_BENCH_DIR"); d != "" {
		return d
	}
	return "/root/.cache/congvu/dossierlists"
}

func buildListBenchDB(b *testing.B, dsn string, n int) {
	b.Helper()
	ctx := context.Background()
	now := time.Now()
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Seed(ctx, db, now); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: n, Now: now, Seed: 1}); err != nil {
		b.Fatal(err)
	}
}

// listRoles are the people and units of the generated agency whose lists
// are measured.
type listRoles struct {
	agency, desk int64
	headUnits    []int64 // the busiest division and the units below it
	official     int64   // the official holding the most open dossiers
	name         string  // an applicant's full name, its words reversed
}

func findListRoles(b *testing.B, db *store.DB) listRoles {
	ctx := context.Background()
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var r listRoles
	for _, u := range units {
		switch {
		case u.Name == "Sở Tài chính tỉnh Bắc Ninh":
			r.agency = u.ID
		case u.Kind == org.KindDesk && r.desk == 0:
			r.desk = u.ID
		}
	}
	open, err := db.FindDossierPage(ctx, dossier.Filter{AgencyID: r.agency, Open: true, Limit: 500})
	if err != nil || len(open.Rows) == 0 {
		b.Fatalf("no open dossiers: %v", err)
	}
	byUnit, byHandler := map[int64]int{}, map[int64]int{}
	for _, s := range open.Rows {
		if s.CurrentUnitID != r.desk {
			byUnit[s.CurrentUnitID]++
		}
		if s.HandlerID != 0 {
			byHandler[s.HandlerID]++
		}
	}
	busiest := func(m map[int64]int) int64 {
		var best int64
		for k, v := range m {
			if best == 0 || v > m[best] {
				best = k
			}
		}
		return best
	}
	division := busiest(byUnit)
	r.official = busiest(byHandler)
	r.headUnits = []int64{division}
	for _, u := range units {
		if u.ParentID != nil && *u.ParentID == division {
			r.headUnits = append(r.headUnits, u.ID)
		}
	}
	if len(r.headUnits) == 1 { // a division without units below: the head oversees it with the desk's
		r.headUnits = append(r.headUnits, r.desk)
	}
	mid := open.Rows[len(open.Rows)/2]
	words := strings.Fields(mid.ApplicantName)
	slices.Reverse(words)
	r.name = strings.Join(words, " ")
	return r
}

func benchLists(b *testing.B, dsn string, n int) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.Migrate(ctx); err != nil { // the lists' indexes on a database generated before 0017
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("migrated in %v", d)
	}
	r := findListRoles(b, db)
	now := db.Now()
	month := [2]time.Time{now.AddDate(0, -2, 0), now.AddDate(0, -1, 0)}
	lists := []struct {
		role, name string
		f          dossier.Filter
	}{
		{"director", "all", dossier.Filter{AgencyID: r.agency}},
		{"director", "open", dossier.Filter{AgencyID: r.agency, Open: true}},
		{"director", "overdue", dossier.Filter{AgencyID: r.agency, Overdue: true}},
		{"director", "due-soon", dossier.Filter{AgencyID: r.agency, DueSoon: true}},
		{"director", "status", dossier.Filter{AgencyID: r.agency, Statuses: []dossier.Status{dossier.StatusResolved, dossier.StatusReturned}}},
		{"director", "received-month", dossier.Filter{AgencyID: r.agency, ReceivedOn: month}},
		{"director", "due-month", dossier.Filter{AgencyID: r.agency, DueOn: month}},
		{"director", "search-name", dossier.Filter{AgencyID: r.agency, Query: r.name}},
		{"director", "search-word", dossier.Filter{AgencyID: r.agency, Query: "nguyen"}},
		{"head", "open", dossier.Filter{AgencyID: r.agency, Open: true, UnitIDs: r.headUnits}},
		{"head", "overdue", dossier.Filter{AgencyID: r.agency, Overdue: true, UnitIDs: r.headUnits}},
		{"head", "answerable", dossier.Filter{AgencyID: r.agency, LeadUnitIDs: r.headUnits}},
		{"official", "mine", dossier.Filter{AgencyID: r.agency, Open: true, HandlerID: r.official}},
		{"official", "handled", dossier.Filter{AgencyID: r.agency, HandledBy: r.official}},
		{"desk", "open", dossier.Filter{AgencyID: r.agency, Open: true, UnitIDs: []int64{r.desk}}},
		{"desk", "to-return", dossier.Filter{AgencyID: r.agency, Statuses: []dossier.Status{dossier.StatusResolved}}},
	}
	const pages = 100
	for _, l := range lists {
		b.Run(fmt.Sprintf("n=%d/%s/%s/first", n, l.role, l.name), func(b *testing.B) {
			benchListLatency(b, func() error { // the first page with the list's capped count
				_, err := db.FindDossierPage(ctx, l.f)
				return err
			})
		})
		b.Run(fmt.Sprintf("n=%d/%s/%s/new", n, l.role, l.name), func(b *testing.B) {
			f := l.f
			page := 0
			benchListLatency(b, func() error {
				f.SkipTotal = f.After != "" // as the web and the API: the total with the first page
				p, err := db.FindDossierPage(ctx, f)
				if err != nil {
					return err
				}
				page++
				if f.After = p.Next; p.Next == "" || page == pages {
					f.After, page = "", 0
				}
				return nil
			})
		})
		if l.f.HandledBy != 0 || l.f.Overdue || l.f.DueSoon || !l.f.DueOn[0].IsZero() {
			continue // FindDossiers has no such filter
		}
		b.Run(fmt.Sprintf("n=%d/%s/%s/old", n, l.role, l.name), func(b *testing.B) {
			f := l.f
			f.Limit = 50
			benchListLatency(b, func() error {
				rows, err := db.FindDossiers(ctx, f)
				if err != nil {
					return err
				}
				if f.Offset += 50; len(rows) < 50 || f.Offset == pages*50 {
					f.Offset = 0
				}
				return nil
			})
		})
	}
}

// benchListLatency reports p50, p95 and p99 of op in ms.
func benchListLatency(b *testing.B, op func() error) {
	var lat []time.Duration
	for b.Loop() {
		t := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p/100)].Microseconds()) / 1000 }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
	b.ReportMetric(pct(99), "p99-ms")
}
