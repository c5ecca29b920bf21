package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// groupCommitter runs the write transactions of SQLite's single writer
// connection in groups: the transactions waiting while one group commits
// run together in the next, each inside a savepoint of its own, and are
// committed at once. A commit writes every page it touched to the WAL one
// system call each, and concurrent intakes touch mostly the same pages
// (the last leaves of the same tables and indexes), so a group costs little
// more than one transaction. Each caller still gets its own result only
// after the commit that holds its work: an acknowledged write is durable,
// and a failing transaction is rolled back to its savepoint without
// touching the others.
type groupCommitter struct {
	db     *DB
	reqs   chan *groupReq
	stop   chan struct{}
	done   chan struct{}
	closed sync.Once
}

// maxGroup bounds a group, so that one commit never waits on too many.
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

func newGroupCommitter(db *DB) *groupCommitter {
	g := &groupCommitter{db: db, reqs: make(chan *groupReq), stop: make(chan struct{}), done: make(chan struct{})}
	go g.run()
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

func (g *groupCommitter) run() {
	defer close(g.done)
	for {
		var first *groupReq
		select {
		case first = <-g.reqs:
		case <-g.stop:
			return
		}
		group := []*groupReq{first}
	collect:
		for len(group) < maxGroup {
			select {
			case r := <-g.reqs:
				group = append(group, r)
			default:
				break collect
			}
		}
		g.commit(group)
	}
}

// commit runs a group in one transaction, each request in its savepoint.
func (g *groupCommitter) commit(group []*groupReq) {
	ctx := context.Background()
	results := make([]groupResult, len(group))
	stx, err := g.db.w.BeginTx(ctx, nil)
	if err != nil {
		for _, r := range group {
			r.result <- groupResult{err: fmt.Errorf("begin transaction: %w", err)}
		}
		return
	}
	var misses []string
	for i, r := range group {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		if _, err := stx.ExecContext(ctx, "SAVEPOINT congvu_group"); err != nil {
			results[i].err = fmt.Errorf("savepoint: %w", err)
			continue
		}
		tx := &Tx{tx: stx, d: g.db.d, Now: g.db.now().UTC(), ctx: r.ctx, stmts: g.db.stmts, procs: &g.db.procs}
		results[i] = runInSavepoint(tx, r.fn)
		if results[i].err != nil || results[i].panic != nil {
			if _, err := stx.ExecContext(ctx, "ROLLBACK TO congvu_group"); err != nil {
				// The savepoint cannot be undone: give up the whole group.
				_ = stx.Rollback()
				for j, r := range group {
					if j != i {
						results[j] = groupResult{err: fmt.Errorf("rollback to savepoint: %w", err)}
					}
					r.result <- results[j]
				}
				return
			}
		}
		if _, err := stx.ExecContext(ctx, "RELEASE congvu_group"); err != nil && results[i].err == nil {
			results[i].err = fmt.Errorf("release savepoint: %w", err)
		}
		misses = append(misses, tx.miss...)
	}
	if err := stx.Commit(); err != nil {
		for i := range results {
			if results[i].err == nil && results[i].panic == nil {
				results[i].err = fmt.Errorf("commit: %w", err)
			}
		}
	}
	for i, r := range group {
		r.result <- results[i]
	}
	if len(misses) > 0 {
		g.db.stmts.prepare(ctx, misses)
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
		<-g.done
	})
}
