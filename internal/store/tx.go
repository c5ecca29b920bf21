package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Row, Rows and Result are what a transaction's statements give back, the
// same whether they ran through database/sql (SQLite, and PostgreSQL
// migrations) or on PostgreSQL's pipelined writer connection.
type Row interface {
	Scan(dest ...any) error
}

type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Close() error
	Err() error
}

type Result interface {
	RowsAffected() (int64, error)
}

// Tx is a write transaction with the time it started, so that every row it
// writes carries the same instant.
type Tx struct {
	tx    *sql.Tx // database/sql: SQLite, and PostgreSQL migrations
	pipe  *pipe   // PostgreSQL's writer connection, statements pipelined
	d     dialect
	Now   time.Time
	ctx   context.Context
	stmts *stmtCache
	miss  []string // statements to prepare once the transaction is over
	// changed names the caches the transaction made stale (what a token
	// or subject resolves to, the tree, the procedures in force, the
	// calendars), forgotten when it commits, on every node (invalidate.go).
	changed invalidation
	procs   *procedureCache
	// audits are the journal entries of the transaction, chained and
	// written just before it commits (auditJournal).
	audits []pendingAudit
	// daily are the counts the transaction adds to the statistics, also
	// written just before it commits (writeDaily).
	daily []dailyDelta
	// flow is what it adds to the bottleneck rollups, written with daily
	// (flow_rollup.go).
	flow flowRollup
	// taskDaily are the counts it adds to task_daily (task_rollup.go),
	// written with daily, for the same reason.
	taskDaily []taskDayDelta
	// intakes are the dossiers it received, numbered just before it commits.
	intakes []*pendingIntake
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
// rollups) goes through one InTx so that it is all or nothing. The
// transactions of concurrent callers are committed in groups (groupcommit.go).
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var changed *Tx
	err := db.group.do(ctx, func(tx *Tx) error {
		changed = tx
		return fn(tx)
	})
	if err == nil {
		db.forgetChanged(changed)
	}
	return err
}

// forgetChanged empties this node's caches of what a committed
// transaction changed; the other nodes hear of it through the NOTIFY the
// transaction sent (notifyChanged).
func (db *DB) forgetChanged(tx *Tx) {
	if tx.changed != 0 {
		db.forget(tx.changed)
	}
}

// notifyChanged tells the other nodes, in tx and so only once it commits,
// which of their caches the transactions committing with it made stale.
func (db *DB) notifyChanged(tx *Tx, k invalidation) error {
	if k == 0 || db.listen == nil {
		return nil
	}
	return tx.Write("tell the other nodes", notifyStatement, k.kinds(), db.node)
}

// inSQLTx runs fn in a transaction of its own through database/sql, for
// the migrations, whose scripts the pipelined writer does not run.
func (db *DB) inSQLTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	stx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{tx: stx, d: db.d, Now: db.now().UTC(), ctx: ctx, procs: &db.procs}
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
	var f finishing
	f.add(tx)
	if err = f.write(tx); err != nil {
		return err
	}
	if err = db.notifyChanged(tx, tx.changed); err != nil {
		return err
	}
	if err = stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	db.forgetChanged(tx)
	return nil
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(q string, args ...any) (Result, error) {
	if tx.pipe != nil {
		return tx.pipe.exec(tx.d.rebind(q), args)
	}
	if s := tx.stmt(q); s != nil {
		return tx.tx.StmtContext(tx.ctx, s).ExecContext(tx.ctx, args...)
	}
	return tx.tx.ExecContext(tx.ctx, tx.d.rebind(q), args...)
}

// QueryRow runs a query expected to return at most one row.
func (tx *Tx) QueryRow(q string, args ...any) Row {
	if tx.pipe != nil {
		return tx.pipe.queryRow(tx.d.rebind(q), args)
	}
	if s := tx.stmt(q); s != nil {
		return tx.tx.StmtContext(tx.ctx, s).QueryRowContext(tx.ctx, args...)
	}
	return tx.tx.QueryRowContext(tx.ctx, tx.d.rebind(q), args...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(q string, args ...any) (Rows, error) {
	if tx.pipe != nil {
		return tx.pipe.query(tx.d.rebind(q), args)
	}
	if s := tx.stmt(q); s != nil {
		return tx.tx.StmtContext(tx.ctx, s).QueryContext(tx.ctx, args...)
	}
	return tx.tx.QueryContext(tx.ctx, tx.d.rebind(q), args...)
}

// Write runs a statement whose result the caller does not need. On
// PostgreSQL it is only queued, and sent with the transaction's next
// statement or at its end, in one round trip with the others; an error
// then fails the transaction, named by what. Elsewhere it runs now.
func (tx *Tx) Write(what, q string, args ...any) error {
	return tx.WriteOne(nil, what, q, args...)
}

// WriteOne is Write for a statement that must change exactly one row: the
// transaction fails with notOne when it changes none (a version moved on).
// With notOne nil, any number of rows is fine.
func (tx *Tx) WriteOne(notOne error, what, q string, args ...any) error {
	if tx.pipe != nil {
		tx.pipe.later(pending{what: what, sql: tx.d.rebind(q), args: args, notOne: notOne})
		return nil
	}
	res, err := tx.Exec(q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if notOne != nil {
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return notOne
		}
	}
	return nil
}

// WriteReturning is Write for a statement that returns one row (RETURNING),
// scanned into dest by the time the transaction's next statement that
// waits for an answer has run, or the transaction has committed.
func (tx *Tx) WriteReturning(dest []any, what, q string, args ...any) error {
	if tx.pipe != nil {
		tx.pipe.later(pending{what: what, sql: tx.d.rebind(q), args: args, dest: dest})
		return nil
	}
	if err := tx.QueryRow(q, args...).Scan(dest...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
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

// finishing is what the transactions about to commit together left for
// the end: the dossiers they received, to be numbered, their statistics
// counts and their journal entries.
type finishing struct {
	intakes   []*pendingIntake
	daily     []dailyDelta
	flow      flowRollup
	taskDaily []taskDayDelta
	audits    []pendingAudit
}

func (f *finishing) add(tx *Tx) {
	f.intakes = append(f.intakes, tx.intakes...)
	f.daily = append(f.daily, tx.daily...)
	f.flow.merge(&tx.flow)
	f.taskDaily = append(f.taskDaily, tx.taskDaily...)
	f.audits = append(f.audits, tx.audits...)
}

// write writes it all in tx, just before the commit. Every writer takes
// these rows last and in the same order (the day counters by key, the
// journal's head, the counts by key), so two writers committing at once
// may queue but never deadlock here. On PostgreSQL it is two round trips:
// the counters' answers with the head, then the rest with the commit.
func (f *finishing) write(tx *Tx) error {
	if err := writeTaskDaily(tx, f.taskDaily); err != nil {
		return err
	}
	if len(f.intakes) == 0 && len(f.audits) == 0 {
		if err := writeDaily(tx, f.daily); err != nil {
			return err
		}
		return f.flow.write(tx, false)
	}
	last, err := queueDossierNumbers(tx, f.intakes)
	if err != nil {
		return err
	}
	seq, hash, err := lockAuditHead(tx)
	if err != nil {
		return err
	}
	intakeAudits, err := writeIntakes(tx, f.intakes, last)
	if err != nil {
		return err
	}
	if err := writeDaily(tx, f.daily); err != nil {
		return err
	}
	if err := f.flow.write(tx, false); err != nil {
		return err
	}
	return appendAudits(tx, seq, hash, append(f.audits, intakeAudits...))
}
