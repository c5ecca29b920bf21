// Package store keeps congvu's data in SQLite (the embedded default) or
// PostgreSQL (for several app nodes), through one SQL code path.
//
// It is the only package that imports database drivers. Queries are written
// once with '?' placeholders in the SQL both engines accept; the few real
// differences live in dialect.go. Public methods own their transaction;
// private helpers take it. Instants are stored as BIGINT microseconds since
// the Unix epoch (UTC), calendar dates as TEXT 'YYYY-MM-DD', money as integer
// đồng: the same representation on both engines, and ordering is numeric.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is an open database: a write pool and a read pool over one engine.
type DB struct {
	w, r       *sql.DB
	d          dialect
	url        string
	now        func() time.Time
	log        *slog.Logger
	closed     atomic.Bool
	cals       calendarCache
	stmts      *stmtCache // SQLite writer only
	rstmts     *stmtCache // SQLite read pool only
	tree       treeCache
	treeFresh  time.Duration
	calRecheck time.Duration
	procs      procedureCache
	inForce    freshCache[inForceKey, int64]
	identities identityCache
	tasks      taskCache
	dossiers   dossierCache
	dossierTri trigramSample // for search (search.go)
	taskTri    trigramSample
	group      *groupCommitter
	// live says whether the caches may answer: always on SQLite; on
	// PostgreSQL while the listener hears of other nodes' changes.
	live      atomic.Bool
	listen    *listener    // PostgreSQL only
	node      string       // this process's name in notifications (random)
	lookupKey []byte       // the key of the lookup secrets' HMAC (lookup_secret.go)
	newsGen   atomic.Int64 // NewsGeneration (invalidate.go)
	// before, set only by the benchmarks (export_test.go), makes the lists
	// count and search as they did before issue #12's "lists that scale"
	// (dossier_page.go): the baseline measured in the same run.
	before listsBefore
}

// listsBefore is how the lists worked before: dossiers counted up to
// beforeCap, a dossier's code searched through the trigram index.
type listsBefore struct {
	cap        int // 0: dossier.TotalCap
	codeByWord bool
}

// Options tune Open. The zero value is fine.
type Options struct {
	Now    func() time.Time // the clock stamped on every transaction; time.Now by default
	Logger *slog.Logger
	// CacheFresh bounds how long a cached token, subject, person, tree,
	// procedure in force or calendar is used without a change being heard
	// of. On PostgreSQL it is a safety net under LISTEN/NOTIFY (for what
	// changes with the date alone, a delegation that ends at midnight, and
	// for rows an operator changes by hand): one minute by default. On
	// SQLite, where the command line writes the same file without telling
	// the server, one or two seconds by default.
	CacheFresh time.Duration
	// LookupKey keys the hashes of the dossiers' lookup secrets; kept
	// outside the database (LoadLookupKey). Without it a random key of this
	// process is used: secrets given out then do not survive a restart, so
	// only tests and commands that hand out none go without.
	LookupKey []byte
}

// pgCacheFresh is Options.CacheFresh's default on PostgreSQL.
const pgCacheFresh = time.Minute

// Open connects to dbURL: a SQLite file path (or "file:..."), or a
// "postgres://" URL. It does not migrate; call Migrate.
func Open(ctx context.Context, dbURL string, opt Options) (*DB, error) {
	db := &DB{url: dbURL, now: opt.Now, log: opt.Logger, dossierTri: trigramSample{table: "dossiers"}, taskTri: trigramSample{table: "tasks"},
		node: rand.Text()[:12]}
	identity, inForce := identityFresh, inForceFresh
	db.treeFresh, db.calRecheck = treeFresh, calendarRecheck
	if IsPostgresURL(dbURL) {
		identity, inForce, db.treeFresh, db.calRecheck = pgCacheFresh, pgCacheFresh, pgCacheFresh, pgCacheFresh
	} else {
		db.live.Store(true)
	}
	if f := opt.CacheFresh; f > 0 {
		identity, inForce, db.treeFresh, db.calRecheck = f, f, f, f
	}
	db.identities = newIdentityCache(identity, &db.live)
	db.inForce = freshCache[inForceKey, int64]{fresh: inForce, live: &db.live}
	if db.now == nil {
		db.now = time.Now
	}
	if db.lookupKey = opt.LookupKey; len(db.lookupKey) == 0 {
		db.lookupKey = make([]byte, LookupKeyLen)
		if _, err := rand.Read(db.lookupKey); err != nil {
			return nil, err
		}
	}
	if db.log == nil {
		db.log = slog.Default()
	}
	var err error
	if IsPostgresURL(dbURL) {
		err = db.openPostgres(dbURL)
	} else {
		err = db.openSQLite(dbURL)
	}
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.w.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.d.name(), err)
	}
	if db.listen != nil {
		select {
		case <-db.listen.first:
		case <-pctx.Done():
		}
	}
	return db, nil
}

// IsPostgresURL reports whether s names a PostgreSQL database.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

func (db *DB) openSQLite(path string) error {
	db.d = sqliteDialect{}
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return errors.New("empty SQLite path")
	}
	// busy_timeout first so that every later pragma waits instead of failing.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	// The writer keeps its temporary files in memory: group commit runs each
	// transaction in a savepoint, whose sub-journal (the pages as they were
	// before it) otherwise spills to a file, a write call per page changed.
	w, err := sql.Open("sqlite", dsn+"&_txlock=immediate&_pragma=temp_store(MEMORY)")
	if err != nil {
		return fmt.Errorf("open SQLite %s: %w", path, err)
	}
	// One writer: SQLite allows one at a time, and queuing in Go is cheaper
	// than spinning on SQLITE_BUSY.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return fmt.Errorf("open SQLite %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU()*2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.w, db.r = w, r
	db.stmts = newStmtCache(w)
	db.rstmts = newStmtCache(r)
	db.group = newGroupCommitter(db, []groupEngine{sqliteGroups{db}}, maxGroup)
	return nil
}

func (db *DB) openPostgres(u string) error {
	db.d = postgresDialect{}
	p, err := sql.Open("pgx", u)
	if err != nil {
		return fmt.Errorf("open PostgreSQL: %w", err)
	}
	p.SetMaxOpenConns(max(8, runtime.NumCPU()*4))
	p.SetMaxIdleConns(max(8, runtime.NumCPU()*4))
	p.SetConnMaxIdleTime(5 * time.Minute)
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		p.Close()
		return fmt.Errorf("open PostgreSQL: %w", err)
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "congvu writer" // for pg_stat_activity
	}
	db.w, db.r = p, p
	writers := make([]groupEngine, pgWriters)
	for i := range writers {
		writers[i] = &pgGroups{cfg: cfg, db: db}
	}
	db.group = newGroupCommitter(db, writers, maxPGGroup)
	db.listen = newListener(db, cfg)
	return nil
}

// Engine names the engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.name() }

// Close closes both pools.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	if db.listen != nil {
		db.listen.close()
	}
	if db.group != nil {
		db.group.close()
	}
	// Prepared statements hold the writer connection busy; close them first
	// (while the writer is idle) so that the connection can close.
	db.stmts.close()
	db.rstmts.close()
	err := db.w.Close()
	if db.r != db.w {
		if e := db.r.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Ping checks that the database answers, for /readyz.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return err
	}
	var one int
	return db.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Now is the store's clock.
func (db *DB) Now() time.Time { return db.now() }

// query runs a read on the read pool.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := db.rstmts.ready(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return db.r.QueryContext(ctx, db.d.rebind(q), args...)
}

// queryRow runs a single-row read on the read pool.
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if s := db.rstmts.ready(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return db.r.QueryRowContext(ctx, db.d.rebind(q), args...)
}

// collectRows scans every row with scan and closes rows.
func collectRows[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// scanValue scans a row of one column, for collectRows.
func scanValue[T any](sc interface{ Scan(...any) error }) (T, error) {
	var v T
	return v, sc.Scan(&v)
}

// Micro converts an instant to its stored form.
func Micro(t time.Time) int64 { return t.UnixMicro() }

// FromMicro converts a stored instant back, in UTC.
func FromMicro(us int64) time.Time { return time.UnixMicro(us).UTC() }

// nullMicro stores an optional instant.
func nullMicro(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

// fromNullMicro reads an optional instant.
func fromNullMicro(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := FromMicro(v.Int64)
	return &t
}

// Redact hides the password in a database URL, for messages and logs.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return strings.ReplaceAll(u.String(), "xxxxx", "***")
}

// Settle does after a bulk load what the engine's own upkeep would do in
// time, so that a measurement that follows sees the steady state: on
// PostgreSQL, VACUUM ANALYZE (autovacuum would otherwise run in the middle
// of it); on SQLite nothing is needed.
func (db *DB) Settle(ctx context.Context) error {
	if db.d.name() != "postgres" {
		return nil
	}
	if _, err := db.w.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}
