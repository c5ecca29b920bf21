package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// maxPGGroup bounds a group on PostgreSQL below 64 savepoints: past 64
// subtransactions a transaction overflows the server's per-backend cache
// of them, and every other session's snapshots get slower.
const maxPGGroup = 48

// pgWriters is how many groups a node runs at once on PostgreSQL, each on
// a connection of its own: while one waits for its commit to reach the
// disk, or for the server to answer, another runs. (A single writer was
// busy all the time at about 1,200 writes per second on two cores;
// three or four did no better than two.)
const pgWriters = 2

// pgGroups runs groups on a PostgreSQL connection of the node's own,
// through pgx directly: database/sql would make each statement a round trip
// of its own.
type pgGroups struct {
	cfg  *pgx.ConnConfig
	conn *pgx.Conn
	db   *DB
	used time.Time // when conn last ended a group
}

// pgIdleCheck is how long a writer connection may sit unused before a
// group checks that the server still has it (a restart of PostgreSQL, or
// an administrator, may have ended it): otherwise the first group after
// would fail on it. Under load it is never idle that long.
var pgIdleCheck = time.Second

// pgSession is a group's transaction. The group's BEGIN, each request's
// SAVEPOINT and the previous request's RELEASE are queued, and travel with
// the request's first statement that waits for an answer.
type pgSession struct {
	g *pgGroups
	p *pipe
	// spQueued is where the current request's SAVEPOINT sits in the queue,
	// as long as the queue has not been sent since (spSends).
	spQueued, spSends int
}

// pgConnTimeout bounds connecting the writer.
const pgConnTimeout = 10 * time.Second

func (e *pgGroups) begin() (groupSession, error) {
	if e.conn != nil && !e.conn.IsClosed() && time.Since(e.used) >= pgIdleCheck {
		ctx, cancel := context.WithTimeout(context.Background(), pgConnTimeout)
		if err := e.conn.Ping(ctx); err != nil {
			_ = e.conn.Close(ctx)
		}
		cancel()
	}
	if e.conn == nil || e.conn.IsClosed() {
		ctx, cancel := context.WithTimeout(context.Background(), pgConnTimeout)
		defer cancel()
		c, err := pgx.ConnectConfig(ctx, e.cfg)
		if err != nil {
			return nil, fmt.Errorf("connect the writer: %w", err)
		}
		// pgx prepares a statement it has not seen before sending it in a
		// batch, and the server refuses even that in a transaction a failed
		// statement has aborted: exactly when ROLLBACK TO is sent. So the
		// group's own statements are prepared now, while nothing failed.
		for _, q := range groupControl {
			if _, err := c.Prepare(ctx, q, q); err != nil {
				_ = c.Close(ctx)
				return nil, fmt.Errorf("connect the writer: prepare %s: %w", q, err)
			}
		}
		e.conn = c
	}
	e.used = time.Now()
	p := &pipe{conn: e.conn, ctx: context.Background()}
	p.later(pending{what: "begin", sql: "BEGIN"})
	return &pgSession{g: e, p: p}, nil
}

// groupControl are the statements that begin, divide and end a group.
var groupControl = []string{"BEGIN", "SAVEPOINT congvu_group", "RELEASE congvu_group", "ROLLBACK TO congvu_group", "COMMIT"}

func (e *pgGroups) close() {
	if e.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), pgConnTimeout)
		defer cancel()
		_ = e.conn.Close(ctx)
		e.conn = nil
	}
}

func (s *pgSession) tx(ctx context.Context, now time.Time) *Tx {
	return &Tx{pipe: s.p, d: s.g.db.d, Now: now, ctx: ctx, procs: &s.g.db.procs}
}

func (s *pgSession) savepoint() error {
	s.spQueued, s.spSends = len(s.p.queue), s.p.sends
	s.p.later(pending{what: "savepoint", sql: "SAVEPOINT congvu_group"})
	return nil
}

// release sends what the request left queued, so that its failure is still
// its own; the RELEASE itself waits for the next statement sent.
func (s *pgSession) release() error {
	if err := s.p.flush(); err != nil {
		return err
	}
	s.p.later(pending{what: "release savepoint", sql: "RELEASE congvu_group"})
	return nil
}

func (s *pgSession) rollbackTo() error {
	if s.p.sends == s.spSends {
		// Nothing of the request was sent: forget it, savepoint and all.
		s.p.queue = s.p.queue[:s.spQueued]
		return nil
	}
	s.p.queue, s.p.err = nil, nil
	s.p.later(pending{what: "rollback to savepoint", sql: "ROLLBACK TO congvu_group"})
	s.p.later(pending{what: "release savepoint", sql: "RELEASE congvu_group"})
	return s.p.flush()
}

func (s *pgSession) commit() error {
	s.p.later(pending{what: "commit", sql: "COMMIT"})
	return s.p.flush()
}

// rollback ends the transaction; when that fails too, the connection is
// closed, which ends it on the server, and the next group opens another.
func (s *pgSession) rollback() {
	s.p.queue, s.p.err = nil, nil
	ctx, cancel := context.WithTimeout(context.Background(), pgConnTimeout)
	defer cancel()
	if _, err := s.g.conn.Exec(ctx, "ROLLBACK"); err != nil {
		_ = s.g.conn.Close(ctx)
	}
}
