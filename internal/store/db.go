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
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

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
	procs      procedureCache
	identities identityCache
	tasks      taskCache
	group      *groupCommitter // SQLite writer only
}

// Options tune Open. The zero value is fine.
type Options struct {
	Now    func() time.Time // the clock stamped on every transaction; time.Now by default
	Logger *slog.Logger
}

// Open connects to dbURL: a SQLite file path (or "file:..."), or a
// "postgres://" URL. It does not migrate; call Migrate.
func Open(ctx context.Context, dbURL string, opt Options) (*DB, error) {
	db := &DB{url: dbURL, now: opt.Now, log: opt.Logger}
	if db.now == nil {
		db.now = time.Now
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
	db.group = newGroupCommitter(db)
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
	db.w, db.r = p, p
	return nil
}

// Engine names the engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.name() }

// Close closes both pools.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
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

// Tx is a write transaction with the time it started, so that every row it
// writes carries the same instant.
type Tx struct {
	tx    *sql.Tx
	d     dialect
	Now   time.Time
	ctx   context.Context
	stmts *stmtCache
	miss  []string // statements to prepare once the transaction is over
	// identities is set when the transaction changed what a subject or a
	// token resolves to, so that the identity cache forgets on commit.
	identities bool
	procs      *procedureCache
}

// stmt returns the cached prepared statement for q, noting a miss.
func (tx *Tx) stmt(q string) *sql.Stmt {
	if tx.stmts == nil {
		return nil
	}
	s := tx.stmts.get(q)
	if s == nil {
		tx.miss = append(tx.miss, q)
	}
	return s
}

// InTx runs fn in one write transaction, committing when fn returns nil.
// Work that spans modules (a dossier event plus its audit entry plus its
// rollups) goes through one InTx so that it is all or nothing.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var identities bool
	err := db.inTx(ctx, func(tx *Tx) error {
		err := fn(tx)
		identities = tx.identities
		return err
	})
	if err == nil && identities {
		db.identities.forget()
	}
	return err
}

func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if db.group != nil {
		return db.group.do(ctx, fn)
	}
	stx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{tx: stx, d: db.d, Now: db.now().UTC(), ctx: ctx, stmts: db.stmts, procs: &db.procs}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = stx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if len(tx.miss) > 0 {
		tx.stmts.prepare(ctx, tx.miss)
	}
	return nil
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(q string, args ...any) (sql.Result, error) {
	if s := tx.stmt(q); s != nil {
		return tx.tx.StmtContext(tx.ctx, s).ExecContext(tx.ctx, args...)
	}
	return tx.tx.ExecContext(tx.ctx, tx.d.rebind(q), args...)
}

// QueryRow runs a query expected to return at most one row.
func (tx *Tx) QueryRow(q string, args ...any) *sql.Row {
	if s := tx.stmt(q); s != nil {
		return tx.tx.StmtContext(tx.ctx, s).QueryRowContext(tx.ctx, args...)
	}
	return tx.tx.QueryRowContext(tx.ctx, tx.d.rebind(q), args...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(q string, args ...any) (*sql.Rows, error) {
	if s := tx.stmt(q); s != nil {
		return tx.tx.StmtContext(tx.ctx, s).QueryContext(tx.ctx, args...)
	}
	return tx.tx.QueryContext(tx.ctx, tx.d.rebind(q), args...)
}

// InsertID inserts a row and returns its generated id (RETURNING id works on
// both engines).
func (tx *Tx) InsertID(q string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRow(q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// ForUpdate is the locking suffix for SELECTs that must serialise writers.
func (tx *Tx) ForUpdate() string { return tx.d.forUpdate() }

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
