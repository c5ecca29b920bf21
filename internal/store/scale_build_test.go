package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/store"
)

// The full-size benchmark database (docs/BENCHMARKS.md, "Lists at full
// size"): 1,000,000 tasks and 10,000,000 dossiers in ONE database per
// engine, built once and kept:
//
//	SQLite:     /root/.cache/congvu/scale/sqlite.db (CONGVU_SCALE_DIR)
//	PostgreSQL: the database congvu_bench_scale_pg of CONGVU_TEST_POSTGRES's server
//
//	CONGVU_SCALE_BUILD=sqlite   go test ./internal/store -run TestBuildScale -timeout 0 -v
//	CONGVU_SCALE_BUILD=postgres go test ./internal/store -run TestBuildScale -timeout 0 -v
//
// Generating ten million histories through the domain replay (the demo
// generator and the bulk loaders) runs at 16,000–35,000 dossiers a minute
// on this shared machine: five to ten hours. So the build generates a
// base through the real path — scaleBaseDossiers dossiers (demo.GenerateDossiers)
// and scaleBaseTasks tasks (db.GenerateTasks), every history replayed by the
// domain — and then copies it, in SQL, until the sizes are reached: copy k
// of a row gets the id id + k·B (B above the base's highest id), every
// reference to a copied row the same shift, every instant k ms later (so
// that keys do not tie), and a dossier's code the suffix "-k". The indexes
// are dropped while copying and rebuilt after, as a restore would. The
// copies keep the base's mix of states, units, handlers, words and dates:
// each list holds K times the rows it holds in the base, which is what
// the lists' cost depends on. The daily rollups are multiplied by K.
var (
	scaleDossiers     = benchSizeOr("CONGVU_SCALE_DOSSIERS", 10_000_000)
	scaleTasks        = benchSizeOr("CONGVU_SCALE_TASKS", 1_000_000)
	scaleBaseDossiers = benchSizeOr("CONGVU_SCALE_BASE_DOSSIERS", 500_000)
	scaleBaseTasks    = benchSizeOr("CONGVU_SCALE_BASE_TASKS", 100_000)
)

func benchSizeOr(env string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
		return n
	}
	return def
}

func scaleDir() string {
	if d := os.Getenv("CONGVU_SCALE_DIR"); d != "" {
		return d
	}
	return "/root/.cache/congvu/scale"
}

// scalePostgresURL is the URL of the full-size PostgreSQL database on the
// server of CONGVU_TEST_POSTGRES, or "" without it.
func scalePostgresURL() string {
	base := os.Getenv("CONGVU_TEST_POSTGRES")
	if base == "" {
		return ""
	}
	i := strings.LastIndex(base, "/")
	j := strings.Index(base[i:], "?")
	if j < 0 {
		return base[:i] + "/" + scalePGName()
	}
	return base[:i] + "/" + scalePGName() + base[i+j:]
}

func scalePGName() string {
	if n := os.Getenv("CONGVU_SCALE_PG_NAME"); n != "" {
		return n
	}
	return "congvu_bench_scale_pg"
}

func TestBuildScale(t *testing.T) {
	engine := os.Getenv("CONGVU_SCALE_BUILD")
	if engine == "" {
		t.Skip("set CONGVU_SCALE_BUILD=sqlite or postgres to build the full-size benchmark database")
	}
	ctx := context.Background()
	var dsn string
	switch engine {
	case "sqlite":
		if err := os.MkdirAll(scaleDir(), 0o755); err != nil {
			t.Fatal(err)
		}
		dsn = filepath.Join(scaleDir(), "sqlite.db")
	case "postgres":
		dsn = scalePostgresURL()
		if dsn == "" {
			t.Fatal("CONGVU_TEST_POSTGRES is not set")
		}
		admin, err := sql.Open("pgx", os.Getenv("CONGVU_TEST_POSTGRES"))
		if err != nil {
			t.Fatal(err)
		}
		var exists bool
		admin.QueryRow("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", scalePGName()).Scan(&exists)
		if !exists {
			if _, err := admin.Exec("CREATE DATABASE " + scalePGName()); err != nil {
				t.Fatal(err)
			}
		}
		admin.Close()
	default:
		t.Fatalf("CONGVU_SCALE_BUILD=%q: sqlite or postgres", engine)
	}
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := demo.Seed(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := db.QueryRowRaw(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	start := time.Now()
	if count("dossiers") == 0 {
		st, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: scaleBaseDossiers, Now: now, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("base: %d dossiers, %d events in %v", st.Dossiers, st.Events, time.Since(start).Round(time.Second))
	}
	start = time.Now()
	if count("tasks") < scaleBaseTasks/2 {
		st, err := db.GenerateTasks(ctx, audit.System("bench"), store.TaskGenOptions{N: scaleBaseTasks, Now: now, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("base: %d tasks, %d events in %v", st.Tasks, st.Events, time.Since(start).Round(time.Second))
	}
	db.Close()

	raw, err := scaleRawOpen(engine, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	sq := engine == "sqlite"
	if sq {
		for _, p := range []string{"PRAGMA journal_mode=DELETE", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-3000000", "PRAGMA temp_store=FILE", "PRAGMA foreign_keys=OFF"} {
			if _, err := raw.Exec(p); err != nil {
				t.Fatal(p, err)
			}
		}
	} else {
		for _, p := range []string{"SET maintenance_work_mem = '1GB'", "SET synchronous_commit = off", "SET max_parallel_maintenance_workers = 1"} {
			if _, err := raw.Exec(p); err != nil {
				t.Fatal(p, err)
			}
		}
	}
	sc := scaleCopier{t: t, db: raw, sqlite: sq}
	sc.multiply("dossiers", scaleDossiers, []scaleTable{
		{name: "dossiers", idCols: []string{"id"}, code: true},
		{name: "dossier_events", idCols: []string{"dossier_id"}},
	}, []string{"dossier_daily", "dossier_open_daily"}, "dossier_search")
	sc.multiply("tasks", scaleTasks, []scaleTable{
		{name: "tasks", idCols: []string{"id", "parent_id"}},
		{name: "task_coordinators", idCols: []string{"task_id", "sub_task_id"}},
		{name: "task_checklist", idCols: []string{"task_id"}},
		{name: "task_events", idCols: []string{"task_id"}},
	}, []string{"task_daily"}, "task_search")
	if !sq {
		if _, err := raw.Exec("VACUUM ANALYZE"); err != nil {
			t.Fatal(err)
		}
	} else if _, err := raw.Exec("PRAGMA journal_mode=WAL"); err != nil {
		t.Fatal(err)
	}
	t.Logf("dossiers %d, dossier events %d, tasks %d, task events %d",
		sc.count("dossiers"), sc.count("dossier_events"), sc.count("tasks"), sc.count("task_events"))
}

func scaleRawOpen(engine, dsn string) (*sql.DB, error) {
	if engine == "sqlite" {
		db, err := sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)")
		if err == nil {
			db.SetMaxOpenConns(1)
		}
		return db, err
	}
	db, err := sql.Open("pgx", dsn)
	if err == nil {
		db.SetMaxOpenConns(1)
	}
	return db, err
}

// scaleTable is a table copied with its root: the columns holding the
// root's id (shifted with it).
type scaleTable struct {
	name   string
	idCols []string
	code   bool // the dossier code gets "-k"
}

type scaleCopier struct {
	t      *testing.T
	db     *sql.DB
	sqlite bool
}

func (c scaleCopier) exec(q string, args ...any) {
	c.t.Helper()
	if _, err := c.db.Exec(q, args...); err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
}

func (c scaleCopier) count(table string) int {
	var n int
	if err := c.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		c.t.Fatal(err)
	}
	return n
}

func (c scaleCopier) columns(table string) []string {
	q := "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"
	if !c.sqlite {
		q = "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '" + table + "' ORDER BY ordinal_position"
	}
	rows, err := c.db.Query(q)
	if err != nil {
		c.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// multiply copies root's tables until root holds want rows.
func (c scaleCopier) multiply(root string, want int, tables []scaleTable, rollups []string, fts string) {
	t := c.t
	// Copy k of a row has the id id + k·shift; the base is below shift.
	// Each copy is its own statement, skipped when already there, so that
	// an interrupted build resumes.
	const shift = int64(1_000_000)
	have := c.count(root + " WHERE id < " + fmt.Sprint(shift))
	var maxID int64
	c.db.QueryRow("SELECT max(id) FROM " + root + " WHERE id < " + fmt.Sprint(shift)).Scan(&maxID)
	if c.count(root) >= want {
		// A build stopped after its copies (while indexing) resumes
		// here: what the schema dump has on these tables and is missing
		// is made again, and on SQLite the copies' search index.
		t.Logf("%s: %d rows, nothing to copy", root, c.count(root))
		c.finish(root, fts, shift, schemaDump(t, c.sqlite, tables, fts))
		return
	}
	k := (want + have - 1) / have // copies in all, the base included
	t.Logf("%s: base of %d rows (ids to %d), %d copies, id shift %d", root, have, maxID, k-1, shift)
	start := time.Now()
	// Drop the copied tables' secondary indexes (and SQLite's search
	// triggers), to rebuild them once after: on PostgreSQL from the schema
	// dump (schema/postgres.sql), so that a resumed build finds them.
	var recreate []string
	if !c.sqlite {
		recreate = dumpIndexes(t, tables)
		for _, tb := range []string{"dossier_events", "task_events", "task_checklist"} {
			if slices.ContainsFunc(tables, func(x scaleTable) bool { return x.name == tb }) {
				if _, err := c.db.Exec("ALTER TABLE " + tb + " SET UNLOGGED"); err != nil {
					t.Logf("%s stays logged: %v", tb, err)
				}
			}
		}
	}
	for _, tb := range tables {
		q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
		if !c.sqlite {
			q = `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = $1
				AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`
		}
		rows, err := c.db.Query(q, tb.name)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for rows.Next() {
			var n, s string
			rows.Scan(&n, &s)
			names = append(names, n)
			recreate = append(recreate, s) // on PostgreSQL, besides the dump's: those of later migrations
		}
		rows.Close()
		for _, n := range names {
			c.exec("DROP INDEX " + n)
		}
	}
	var triggers []string
	if c.sqlite {
		rows, err := c.db.Query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%_insert'", root)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for rows.Next() {
			var n, s string
			rows.Scan(&n, &s)
			names = append(names, n)
			triggers = append(triggers, s)
		}
		rows.Close()
		for _, n := range names {
			c.exec("DROP TRIGGER " + n)
		}
	}
	for _, tb := range tables {
		cols := c.columns(tb.name)
		sel := make([]string, len(cols))
		for i, col := range cols {
			switch {
			case slices.Contains(tb.idCols, col):
				sel[i] = col + " + ?*" + fmt.Sprint(shift)
			case tb.code && col == "code":
				sel[i] = "code || '-' || CAST(? AS BIGINT)"
			case strings.HasSuffix(col, "_at") && col != "task_deadline_at":
				sel[i] = col + " + ?*1000"
			case col == "task_deadline_at":
				sel[i] = "CASE WHEN task_deadline_at = 0 THEN 0 ELSE task_deadline_at + ?*1000 END"
			default:
				sel[i] = col
				continue
			}
		}
		// Each "?" in sel is the copy's number.
		n := 0
		for _, s := range sel {
			n += strings.Count(s, "?")
		}
		q := "INSERT INTO " + tb.name + " (" + strings.Join(cols, ", ") + ") SELECT " + strings.Join(sel, ", ") +
			" FROM " + tb.name + " WHERE " + tb.idCols[0] + " < " + fmt.Sprint(shift)
		if !c.sqlite {
			q = rebindDollar(q)
		}
		for i := 1; i < k; i++ {
			var there bool
			c.db.QueryRow(fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM %s WHERE %s >= %d AND %s < %d)", tb.name, tb.idCols[0], int64(i)*shift, tb.idCols[0], int64(i+1)*shift)).Scan(&there)
			if there {
				continue
			}
			args := make([]any, n)
			for j := range args {
				args[j] = i
			}
			if c.sqlite {
				c.exec("BEGIN")
			}
			c.exec(q, args...)
			if c.sqlite {
				c.exec("COMMIT")
			}
			if i%5 == 0 || i == k-1 {
				t.Logf("  %s: copy %d of %d in %v", tb.name, i, k-1, time.Since(start).Round(time.Second))
			}
		}
	}
	if len(rollups) > 0 {
		marker := "scale_rollups_multiplied" // the dossiers' (the first root), named before the tasks had a rollup
		if root != "dossiers" {
			marker = "scale_" + root + "_rollups_multiplied"
		}
		if _, err := c.db.Exec("CREATE TABLE " + marker + " (k INTEGER)"); err != nil {
			rollups = nil // done by an earlier run
		}
	}
	for _, r := range rollups {
		set := []string{}
		for _, col := range c.columns(r) {
			if col == "agency_id" || col == "unit_id" || col == "procedure_code" || col == "day" {
				continue
			}
			set = append(set, fmt.Sprintf("%s = %s * %d", col, col, k))
		}
		c.exec("UPDATE " + r + " SET " + strings.Join(set, ", "))
	}
	c.finish(root, fts, shift, append(triggers, recreate...))
}

// finish writes the copies' search index unless it holds them (SQLite:
// its triggers were dropped while copying) or moves the id sequence on (PostgreSQL), then makes the
// statements (indexes, triggers) that do not exist yet.
func (c scaleCopier) finish(root, fts string, shift int64, stmts []string) {
	t, start := c.t, time.Now()
	if c.sqlite {
		var done bool // the copies' rows (rowid -id) are in the index
		c.db.QueryRow(fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM %s_docsize WHERE id <= %d)", fts, -shift)).Scan(&done)
		if !done {
			c.exec("BEGIN")
			c.exec("INSERT INTO " + fts + "(rowid, search_text) SELECT -id, search_text FROM " + root + " WHERE id >= " + fmt.Sprint(shift) + " ORDER BY id DESC")
			c.exec("COMMIT")
			t.Logf("  %s: search index in %v", root, time.Since(start).Round(time.Second))
		}
	} else {
		c.exec("SELECT setval(pg_get_serial_sequence('" + root + "', 'id'), (SELECT max(id) FROM " + root + "))")
	}
	for _, s := range stmts {
		for _, kw := range []string{"CREATE INDEX ", "CREATE UNIQUE INDEX ", "CREATE TRIGGER "} {
			if strings.HasPrefix(s, kw) && !strings.HasPrefix(s, kw+"IF NOT EXISTS ") {
				s = kw + "IF NOT EXISTS " + s[len(kw):]
				break
			}
		}
		c.exec(s)
		t.Logf("  %s in %v", s[:min(len(s), 60)], time.Since(start).Round(time.Second))
	}
}

// schemaDump are the statements of the schema dump (schema/sqlite.sql or
// postgres.sql) that make the tables' secondary indexes and, on SQLite,
// the search index's insert trigger: what a build drops while copying.
func schemaDump(t *testing.T, sqlite bool, tables []scaleTable, fts string) []string {
	if !sqlite {
		return dumpIndexes(t, tables)
	}
	b, err := os.ReadFile("../../schema/sqlite.sql")
	if err != nil {
		t.Fatal(err)
	}
	dump := string(b)
	var out []string
	if i := strings.Index(dump, "CREATE TRIGGER "+fts+"_insert "); i >= 0 {
		if j := strings.Index(dump[i:], "\nEND;"); j > 0 {
			out = append(out, dump[i:i+j+len("\nEND;")])
		}
	}
	for _, st := range strings.Split(dump, ";\n") {
		st = strings.TrimSpace(st)
		if !strings.HasPrefix(st, "CREATE INDEX ") && !strings.HasPrefix(st, "CREATE UNIQUE INDEX ") {
			continue
		}
		for _, tb := range tables {
			if strings.Contains(st, " ON "+tb.name+"(") {
				out = append(out, st)
			}
		}
	}
	return out
}

// dumpIndexes are the CREATE INDEX statements of the tables in the
// PostgreSQL schema dump, but those of constraints (kept while copying).
func dumpIndexes(t *testing.T, tables []scaleTable) []string {
	b, err := os.ReadFile("../../schema/postgres.sql")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "CREATE INDEX ") {
			continue // UNIQUE ones are the keys'
		}
		for _, tb := range tables {
			if strings.Contains(line, " ON "+tb.name+" USING ") {
				out = append(out, line)
			}
		}
	}
	return out
}

func rebindDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
