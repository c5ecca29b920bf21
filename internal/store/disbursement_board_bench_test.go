package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// BenchmarkDisbursementBoard is the province's disbursement dashboard at
// full size (issue 13 item 10: ≤ 50 ms p95): 20,000 projects of 120
// investors with five years (2022–2026) of monthly figures by capital
// source, about two million rows of disbursements, and their rollups.
// Each iteration asks a random year and month, and, by the filter, a
// random investor, source or project:
//
//   - stats: what GET /api/v1/stats/disbursement reads (DisbursementTotals,
//     CurveFor, and BelowCurve's count when no project is asked);
//   - board: what the director's page reads (the totals, the curve, the
//     breakdowns by source, band and investor, the ranking of every
//     investor and the first 50 projects below the curve);
//   - scan: the baseline, DisbursementTotalsByScan, the same totals from
//     the plans and figures themselves.
//
// The data set is built once by a bulk path of this file (raw INSERTs of
// the rows and of their rollups computed here, not the store's write
// paths) and kept: SQLite in /root/.cache/congvu/disb20k/sqlite.db (or
// CONGVU_DISB20K_DIR), PostgreSQL in the database congvu_bench_disb20k
// on the server of CONGVU_TEST_POSTGRES. Before measuring, the rollups
// are checked against the scan for a few filters.
//
//	CONGVU_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/congvu_test?sslmode=disable \
//	go test ./internal/store -run '^$' -bench DisbursementBoard -benchtime 200x -timeout 0
//
// The scan stops measuring after CONGVU_SCALE_BUDGET (8 s by default).
func BenchmarkDisbursementBoard(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db := openBoardDB(b, engine)
			benchBoard(b, db)
		})
	}
}

const (
	boardProjects  = 20_000
	boardInvestors = 120
	boardFirstYear = 2022
	boardLastYear  = 2026
)

func boardDir() string {
	if d := os.Getenv("CONGVU_DISB20K_DIR"); d != "" {
		return d
	}
	return "/root/.cache/congvu/disb20k"
}

// boardPostgresURL is the URL of the benchmark's own database on the
// server of CONGVU_TEST_POSTGRES ("" without it).
func boardPostgresURL() string {
	base := os.Getenv("CONGVU_TEST_POSTGRES")
	if base == "" {
		return ""
	}
	i := strings.LastIndex(base, "/")
	rest := ""
	if j := strings.Index(base[i:], "?"); j >= 0 {
		rest = base[i+j:]
	}
	return base[:i] + "/congvu_bench_disb20k" + rest
}

// openBoardDB opens the benchmark's database, building it first when it
// does not hold the data set.
func openBoardDB(b *testing.B, engine string) *store.DB {
	db, err := store.Open(context.Background(), prepareBoard(b, engine), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

var boardCopies int

// copyBoardDB opens a copy of the data set, dropped when b ends, for a
// benchmark that writes.
func copyBoardDB(b *testing.B, engine string, opt store.Options) *store.DB {
	src := prepareBoard(b, engine)
	var dsn string
	if engine == "sqlite" {
		dsn = filepath.Join(b.TempDir(), "copy.db")
		in, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(dsn, in, 0o600); err != nil {
			b.Fatal(err)
		}
	} else {
		admin, err := sql.Open("pgx", os.Getenv("CONGVU_TEST_POSTGRES"))
		if err != nil {
			b.Fatal(err)
		}
		// A copy of its own for each run of the benchmark's function
		// (the testing package runs it more than once).
		boardCopies++
		name := fmt.Sprintf("congvu_bench_disb20k_copy%d", boardCopies)
		admin.Exec("DROP DATABASE IF EXISTS " + name)
		if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE congvu_bench_disb20k"); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name); admin.Close() })
		dsn = strings.Replace(src, "/congvu_bench_disb20k", "/"+name, 1)
	}
	db, err := store.Open(context.Background(), dsn, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// prepareBoard returns the data set's DSN, migrated and built, with no
// connection left open to it.
func prepareBoard(b *testing.B, engine string) string {
	ctx := context.Background()
	var dsn string
	switch engine {
	case "sqlite":
		if err := os.MkdirAll(boardDir(), 0o755); err != nil {
			b.Fatal(err)
		}
		dsn = filepath.Join(boardDir(), "sqlite.db")
	case "postgres":
		if dsn = boardPostgresURL(); dsn == "" {
			b.Skip("set CONGVU_TEST_POSTGRES")
		}
		admin, err := sql.Open("pgx", os.Getenv("CONGVU_TEST_POSTGRES"))
		if err != nil {
			b.Fatal(err)
		}
		var exists bool
		if err := admin.QueryRow("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'congvu_bench_disb20k')").Scan(&exists); err != nil {
			b.Skip(err)
		}
		if !exists {
			if _, err := admin.Exec("CREATE DATABASE congvu_bench_disb20k"); err != nil {
				b.Fatal(err)
			}
		}
		admin.Close()
	}
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var n int
	if err := db.QueryRowRaw(ctx, "SELECT count(*) FROM projects").Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n != boardProjects {
		if n != 0 {
			b.Fatalf("%s holds %d projects, not %d: drop it to build it again", engine, n, boardProjects)
		}
		start := time.Now()
		buildBoard(b, db, engine, dsn)
		b.Logf("%s: built in %v", engine, time.Since(start).Round(time.Second))
	}
	return dsn
}

// buildBoard makes the agency and its investors through the store, then
// writes the projects, plans, figures and rollups in bulk.
func buildBoard(b *testing.B, db *store.DB, engine, dsn string) {
	ctx := context.Background()
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	province, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.00.H27", Name: "UBND tỉnh Bắc Ninh", ValidFrom: "1997-01-01"})
	must(err)
	agency, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &province.ID, Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	must(err)
	person, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency.ID, FullName: "Nguyễn Thị Ánh"})
	must(err)
	actor := audit.Actor{PersonID: person.ID, Name: person.FullName, AgencyID: agency.ID}
	var investors []int64
	for i := range boardInvestors {
		inv, err := db.CreateInvestor(ctx, actor, investment.NewInvestor{AgencyID: agency.ID, Name: fmt.Sprintf("Chủ đầu tư số %03d", i+1), Kind: investment.InvestorBoard})
		must(err)
		investors = append(investors, inv.ID)
	}
	raw, err := scaleRawOpen(engine, dsn)
	must(err)
	defer raw.Close()
	if engine == "sqlite" {
		for _, p := range []string{"PRAGMA synchronous=OFF", "PRAGMA cache_size=-500000"} {
			_, err := raw.Exec(p)
			must(err)
		}
	} else {
		_, err := raw.Exec("SET synchronous_commit = off")
		must(err)
	}
	tx, err := raw.Begin()
	must(err)
	w := &boardWriter{b: b, tx: tx}
	rnd := rand.New(rand.NewPCG(20_000, 5))
	curve := investment.DefaultCurve()
	type groupKey struct {
		year     int
		investor int64
		source   investment.Source
		band     investment.Band
	}
	groups := map[groupKey]*[26]int64{}
	now := strconv.FormatInt(time.Now().UnixMicro(), 10)
	// The projects first (the other tables refer to them), then their years.
	type boardProject struct {
		investor int64
		band     investment.Band
		sources  []investment.Source
		pace     float64
	}
	ps := make([]boardProject, boardProjects+1)
	for id := 1; id <= boardProjects; id++ {
		p := boardProject{investor: investors[rnd.IntN(len(investors))], band: investment.Bands[rnd.IntN(len(investment.Bands))],
			sources: []investment.Source{investment.SourceProvincial}, pace: 0.4 + 0.9*rnd.Float64()}
		if rnd.IntN(10) < 4 {
			p.sources = append(p.sources, investment.SourceCentral)
		}
		if rnd.IntN(10) < 3 {
			p.sources = append(p.sources, investment.SourceCommune)
		}
		ps[id] = p
		total := int64(5+rnd.IntN(400)) * 1_000_000_000
		code := fmt.Sprintf("DA-%05d", id)
		grp := investment.ComputeGroup(investment.Law582024(), p.band, total, total, false)
		w.add("projects", "id, agency_id, code, name, investor_id, managing_unit_id, sector_band, commune, start_year, end_year, phase, grp, group_law, total_investment, special, search_text, created_at, updated_at",
			fmt.Sprintf("(%d,%d,'%s','Dự án số %05d',%d,%d,'%s','xã Yên Phong',%d,%d,'implementation','%s','58/2024/QH15',%d,FALSE,'%s du an so',%s,%s)",
				id, agency.ID, code, id, p.investor, agency.ID, p.band, boardFirstYear, boardLastYear, grp, total, strings.ToLower(code), now, now))
		w.add("project_capital", "project_id, source, amount", fmt.Sprintf("(%d,'provincial',%d)", id, total))
	}
	w.flushAll()
	for id := 1; id <= boardProjects; id++ {
		p := ps[id]
		for y := boardFirstYear; y <= boardLastYear; y++ {
			var all [26]int64
			for _, s := range p.sources {
				var v [26]int64 // pm, local, a1..a12, e1..e12
				v[0] = int64(2+rnd.IntN(200)) * 1_000_000_000
				v[1] = v[0] / 100 * int64(90+rnd.IntN(20))
				at := func(m int) int64 {
					t := 1.0
					if m <= 12 {
						t = float64(curve.Targets[m-1]) / 10000
					}
					return min(v[1], int64(float64(v[0])*t*p.pace)/1_000_000*1_000_000)
				}
				var last int64
				for m := 1; m <= 12; m++ {
					a, e := max(last, at(m)), max(last, at(m+1))
					last = a
					v[1+m], v[13+m] = a, e
					w.add("disbursements", "project_id, year, source, month, cumulative_actual, estimate_next, version, person_id, at",
						fmt.Sprintf("(%d,%d,'%s',%d,%d,%d,1,%d,%s)", id, y, s, m, a, e, person.ID, now))
				}
				w.add("capital_plans", "project_id, kind, year, source, assigned_by_pm, allocated_locally, version, updated_at",
					fmt.Sprintf("(%d,'annual',%d,'%s',%d,%d,1,%s)", id, y, s, v[0], v[1], now))
				w.add("disbursement_year", boardYearCols, boardYearRow(id, y, string(s), agency.ID, p.investor, p.band, v))
				g := groupKey{y, p.investor, s, p.band}
				if groups[g] == nil {
					groups[g] = &[26]int64{}
				}
				for k := range v {
					all[k] += v[k]
					groups[g][k] += v[k]
				}
			}
			w.add("disbursement_year", boardYearCols, boardYearRow(id, y, "", agency.ID, p.investor, p.band, all))
		}
	}
	for g, v := range groups {
		vals := []string{strconv.FormatInt(agency.ID, 10), strconv.Itoa(g.year), strconv.FormatInt(g.investor, 10), "'" + string(g.source) + "'", "'" + string(g.band) + "'"}
		for _, x := range v {
			vals = append(vals, strconv.FormatInt(x, 10))
		}
		w.add("disbursement_groups", boardGroupCols, "("+strings.Join(vals, ",")+")")
	}
	w.flushAll()
	must(tx.Commit())
	if engine == "sqlite" {
		_, err = raw.Exec("ANALYZE")
	} else {
		// The ids were given, not drawn: move the identities past them so
		// that a copy can take more (BenchmarkDisbursementImportAtScale).
		for _, t := range []string{"projects", "capital_plans"} {
			_, err := raw.Exec("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT max(id) FROM " + t + "))")
			must(err)
		}
		_, err = raw.Exec("VACUUM ANALYZE")
	}
	must(err)
}

var boardMonthCols = func() string {
	var c []string
	for _, p := range []string{"a", "e"} {
		for m := 1; m <= 12; m++ {
			c = append(c, p+strconv.Itoa(m))
		}
	}
	return strings.Join(c, ", ")
}()

var (
	boardYearCols  = "project_id, year, source, agency_id, investor_id, sector_band, assigned_by_pm, allocated_locally, " + boardMonthCols
	boardGroupCols = "agency_id, year, investor_id, source, sector_band, assigned_by_pm, allocated_locally, " + boardMonthCols
)

func boardYearRow(id, year int, src string, agency, inv int64, band investment.Band, v [26]int64) string {
	vals := []string{strconv.Itoa(id), strconv.Itoa(year), "'" + src + "'", strconv.FormatInt(agency, 10), strconv.FormatInt(inv, 10), "'" + string(band) + "'"}
	for _, x := range v {
		vals = append(vals, strconv.FormatInt(x, 10))
	}
	return "(" + strings.Join(vals, ",") + ")"
}

// boardWriter batches rows into multi-row INSERTs, a table at a time.
type boardWriter struct {
	b    *testing.B
	tx   *sql.Tx
	bufs map[string]*boardBuf
}

type boardBuf struct {
	cols string
	rows []string
}

func (w *boardWriter) add(table, cols, row string) {
	if w.bufs == nil {
		w.bufs = map[string]*boardBuf{}
	}
	buf := w.bufs[table]
	if buf == nil {
		buf = &boardBuf{cols: cols}
		w.bufs[table] = buf
	}
	buf.rows = append(buf.rows, row)
	if len(buf.rows) >= 2000 {
		w.flush(table, buf)
	}
}

func (w *boardWriter) flush(table string, buf *boardBuf) {
	if len(buf.rows) == 0 {
		return
	}
	if _, err := w.tx.Exec("INSERT INTO " + table + " (" + buf.cols + ") VALUES " + strings.Join(buf.rows, ",")); err != nil {
		w.b.Fatalf("bulk insert into %s: %v", table, err)
	}
	buf.rows = buf.rows[:0]
}

func (w *boardWriter) flushAll() {
	// Projects first: the other tables refer to them.
	for _, t := range []string{"projects", "project_capital", "capital_plans", "disbursements", "disbursement_year", "disbursement_groups"} {
		if buf := w.bufs[t]; buf != nil {
			w.flush(t, buf)
		}
	}
}

// boardFilters are the filters measured, each drawing its own.
var boardFilters = []struct {
	name string
	draw func(r *rand.Rand, f *investment.StatsFilter, investors, projects []int64)
}{
	{"none", func(*rand.Rand, *investment.StatsFilter, []int64, []int64) {}},
	{"investor", func(r *rand.Rand, f *investment.StatsFilter, inv, _ []int64) { f.InvestorID = inv[r.IntN(len(inv))] }},
	{"source", func(r *rand.Rand, f *investment.StatsFilter, _, _ []int64) {
		f.Source = []investment.Source{investment.SourceCentral, investment.SourceProvincial, investment.SourceCommune}[r.IntN(3)]
	}},
	{"project", func(r *rand.Rand, f *investment.StatsFilter, _, ps []int64) { f.ProjectID = ps[r.IntN(len(ps))] }},
}

func benchBoard(b *testing.B, db *store.DB) {
	ctx := context.Background()
	var agency int64
	var rows int
	if err := db.QueryRowRaw(ctx, "SELECT agency_id, (SELECT count(*) FROM disbursements) FROM projects WHERE id = 1").Scan(&agency, &rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d projects, %d disbursement rows", db.Engine(), boardProjects, rows)
	invs, err := db.FindInvestors(ctx, investment.InvestorFilter{AgencyID: agency})
	if err != nil {
		b.Fatal(err)
	}
	var investors, projects []int64
	for _, i := range invs {
		investors = append(investors, i.ID)
	}
	for id := int64(1); id <= boardProjects; id++ {
		projects = append(projects, id)
	}
	// The rollups agree with the figures.
	for _, f := range []investment.StatsFilter{{AgencyID: agency, Year: 2024, Month: 7}, {AgencyID: agency, Year: 2026, Month: 3, InvestorID: investors[3]},
		{AgencyID: agency, Year: 2025, Month: 12, Source: investment.SourceCentral}, {AgencyID: agency, Year: 2022, Month: 1, ProjectID: 777}} {
		got, err := db.DisbursementTotals(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		want, err := db.DisbursementTotalsByScan(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		if got != want || got.AssignedByPM == 0 {
			b.Fatalf("%+v: rollups %+v, scan %+v", f, got, want)
		}
	}
	for _, fl := range boardFilters {
		b.Run(fl.name, func(b *testing.B) {
			rnd := rand.New(rand.NewPCG(1, 2))
			draw := func() investment.StatsFilter {
				f := investment.StatsFilter{AgencyID: agency, Year: boardFirstYear + rnd.IntN(boardLastYear-boardFirstYear+1), Month: 1 + rnd.IntN(12)}
				fl.draw(rnd, &f, investors, projects)
				return f
			}
			b.Run("stats", func(b *testing.B) {
				boardLatency(b, func() error {
					f := draw()
					if _, err := db.DisbursementTotals(ctx, f); err != nil {
						return err
					}
					curve, err := db.CurveFor(ctx, agency, f.Year)
					if err != nil || f.ProjectID != 0 {
						return err
					}
					_, _, err = db.BelowCurve(ctx, f, curve, 0)
					return err
				})
			})
			if fl.name != "project" { // the page has no project filter
				b.Run("board", func(b *testing.B) { boardLatency(b, func() error { return boardPage(ctx, db, draw()) }) })
			}
			b.Run("scan", func(b *testing.B) {
				boardLatency(b, func() error { _, err := db.DisbursementTotalsByScan(ctx, draw()); return err })
			})
		})
	}
}

// boardLatency is scaleLatency with the process's CPU time per operation
// beside it (user and system, from getrusage): on a machine shared by
// many, the wall time includes the wait for a core, the CPU time does not
// (for SQLite it is the query's whole work; for PostgreSQL only the
// client's, the server's is in its own process).
func boardLatency(b *testing.B, op func() error) {
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	n := 0
	scaleLatency(b, func() error { n++; return op() })
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano()-ru0.Utime.Nano()+ru1.Stime.Nano()-ru0.Stime.Nano()) * time.Nanosecond
	if n > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
	}
}

// boardPage reads what internal/web's disbursement dashboard reads.
func boardPage(ctx context.Context, db *store.DB, f investment.StatsFilter) error {
	if _, err := db.DisbursementTotals(ctx, f); err != nil {
		return err
	}
	curve, err := db.CurveFor(ctx, f.AgencyID, f.Year)
	if err != nil {
		return err
	}
	for _, dim := range []string{"source", "sector_band", "investor"} {
		if _, err := db.DisbursementBreakdown(ctx, f, dim); err != nil {
			return err
		}
	}
	all := investment.StatsFilter{AgencyID: f.AgencyID, Year: f.Year, Month: f.Month}
	if _, err := db.DisbursementBreakdown(ctx, all, "investor"); err != nil {
		return err
	}
	_, _, err = db.BelowCurve(ctx, f, curve, 50)
	return err
}
