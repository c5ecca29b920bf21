package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"congvu/internal/apperr"
)

// groupCommitter runs the write transactions of a node in groups, on one
// writer connection: the transactions waiting while one group commits run
// together in the next, each inside a savepoint of its own, and are
// committed at once. On SQLite, a commit writes every page it touched to
// the WAL one system call each, and concurrent intakes touch mostly the
// same pages (the last leaves of the same tables and indexes), so a group
// costs little more than one transaction. On PostgreSQL, a group waits for
// one WAL flush instead of one each, and holds the journal's head (which
// every write transaction locks) for one commit instead of one each. Each
// caller still gets its own result only after the commit that holds its
// work: an acknowledged write is durable, and a failing transaction is
// rolled back to its savepoint without touching the others.
type groupCommitter struct {
	db      *DB
	engines []groupEngine // one writer each, taking groups in turn
	max     int
	reqs    chan *groupReq
	stop    chan struct{}
	done    sync.WaitGroup
	closed  sync.Once
}

// groupEngine opens a group's transaction on the engine's writer connection.
type groupEngine interface {
	begin() (groupSession, error)
}

// groupSession is one group's transaction.
type groupSession interface {
	// tx is a Tx on the group's transaction for one request.
	tx(ctx context.Context, now time.Time) *Tx
	savepoint() error
	// release ends a request that succeeded; its writes must have reached
	// the database, so that a failure is still its own.
	release() error
	rollbackTo() error
	commit() error
	// rollback ends the transaction, also after commit failed.
	rollback()
}

// maxGroup bounds a group on SQLite, so that one commit never waits on
// too many.
const maxGroup = 64

type groupReq struct {
	ctx    context.Context
	fn     func(tx *Tx) error
	result chan groupResult
}

type groupResult struct {
	err   error
	panic any // a panic in fn, raised again in the caller's goroutine
}

var errClosed = errors.New("store: database is closed")

func newGroupCommitter(db *DB, engines []groupEngine, max int) *groupCommitter {
	g := &groupCommitter{db: db, engines: engines, max: max, reqs: make(chan *groupReq), stop: make(chan struct{})}
	for _, e := range engines {
		g.done.Add(1)
		go g.run(e)
	}
	return g
}

// do runs fn in the next group and returns its result.
func (g *groupCommitter) do(ctx context.Context, fn func(tx *Tx) error) error {
	r := &groupReq{ctx: ctx, fn: fn, result: make(chan groupResult, 1)}
	select {
	case g.reqs <- r:
	case <-g.stop:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	res := <-r.result
	if res.panic != nil {
		panic(res.panic)
	}
	return res.err
}

func (g *groupCommitter) run(e groupEngine) {
	defer g.done.Done()
	for {
		var first *groupReq
		select {
		case first = <-g.reqs:
		case <-g.stop:
			return
		}
		group := []*groupReq{first}
	collect:
		for len(group) < g.max {
			select {
			case r := <-g.reqs:
				group = append(group, r)
			default:
				break collect
			}
		}
		g.commit(e, group)
	}
}

// commit runs a group in one transaction, each request in its savepoint,
// and writes what those that succeeded left for the end just before the
// commit (finishing): the day counters and the journal's head are locked
// once a group, for its commit alone.
func (g *groupCommitter) commit(e groupEngine, group []*groupReq) {
	results := make([]groupResult, len(group))
	now := g.db.now().UTC()
	s, err := e.begin()
	if err != nil {
		for _, r := range group {
			r.result <- groupResult{err: fmt.Errorf("begin transaction: %w", err)}
		}
		return
	}
	var f finishing
	var misses []string
	var changed invalidation
	for i, r := range group {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		tx := s.tx(r.ctx, now)
		if err := s.savepoint(); err != nil {
			results[i].err = fmt.Errorf("savepoint: %w", err)
			continue
		}
		results[i] = runInSavepoint(tx, r.fn)
		if results[i].err == nil && results[i].panic == nil {
			if err := s.release(); err != nil {
				results[i].err = err
			}
		}
		if results[i].err != nil && g.db.d.isTransient(results[i].err) {
			results[i].err = apperr.Conflictf("Có thay đổi đồng thời với thao tác này; hãy thử lại", "a concurrent change got in the way; try again")
		}
		if results[i].err != nil || results[i].panic != nil {
			if err := s.rollbackTo(); err != nil {
				// The savepoint cannot be undone: give up the whole group.
				s.rollback()
				g.fail(group, results, i, fmt.Errorf("rollback to savepoint: %w", err))
				return
			}
			continue
		}
		f.add(tx)
		misses = append(misses, tx.miss...)
		changed |= tx.changed
	}
	last := s.tx(context.Background(), now)
	err = f.write(last)
	if err == nil {
		// One notification for the group, queued with its COMMIT.
		err = g.db.notifyChanged(last, changed)
	}
	if err == nil {
		err = s.commit()
	}
	if err != nil {
		s.rollback() // after a failed commit too: PostgreSQL's writer may be left in the transaction
		g.fail(group, results, -1, fmt.Errorf("commit: %w", err))
		return
	}
	for i, r := range group {
		r.result <- results[i]
	}
	if len(misses) > 0 {
		g.db.stmts.prepare(context.Background(), misses)
	}
}

// fail answers a group that was not committed: err for every request but
// skip, which already has its own answer, and those that had failed anyway.
func (g *groupCommitter) fail(group []*groupReq, results []groupResult, skip int, err error) {
	for i, r := range group {
		if i != skip && results[i].err == nil && results[i].panic == nil {
			results[i].err = err
		}
		r.result <- results[i]
	}
}

// runInSavepoint runs fn, catching a panic so that the others in the
// group are not lost with it.
func runInSavepoint(tx *Tx, fn func(tx *Tx) error) (res groupResult) {
	defer func() {
		if p := recover(); p != nil {
			res = groupResult{panic: p}
		}
	}()
	return groupResult{err: fn(tx)}
}

// close stops the committer after the group in hand; later calls get errClosed.
func (g *groupCommitter) close() {
	g.closed.Do(func() {
		close(g.stop)
		g.done.Wait()
		for _, e := range g.engines {
			if c, ok := e.(interface{ close() }); ok {
				c.close()
			}
		}
	})
}

// sqliteGroups runs groups on SQLite's single writer connection.
type sqliteGroups struct{ db *DB }

type sqliteSession struct {
	db  *DB
	stx *sql.Tx
}

func (e sqliteGroups) begin() (groupSession, error) {
	stx, err := e.db.w.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	return &sqliteSession{e.db, stx}, nil
}

func (s *sqliteSession) tx(ctx context.Context, now time.Time) *Tx {
	return &Tx{tx: s.stx, d: s.db.d, Now: now, ctx: ctx, stmts: s.db.stmts, procs: &s.db.procs}
}

func (s *sqliteSession) exec(q string) error {
	_, err := s.stx.ExecContext(context.Background(), q)
	return err
}

func (s *sqliteSession) savepoint() error { return s.exec("SAVEPOINT congvu_group") }
func (s *sqliteSession) release() error   { return s.exec("RELEASE congvu_group") }
func (s *sqliteSession) rollbackTo() error {
	if err := s.exec("ROLLBACK TO congvu_group"); err != nil {
		return err
	}
	return s.exec("RELEASE congvu_group")
}
func (s *sqliteSession) commit() error { return s.stx.Commit() }
func (s *sqliteSession) rollback()     { _ = s.stx.Rollback() }
