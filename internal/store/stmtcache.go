package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements of a SQLite pool: the writer
// connection, and the read pool. Parsing SQL was a third of the CPU of a
// write transaction, and a seventh of all the CPU of a busy server on its
// reads; database/sql reuses a statement prepared on the same connection
// and prepares it on each other connection of the pool the first time it
// runs there. (PostgreSQL's driver caches statements itself.)
type stmtCache struct {
	db    *sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache: queries built with variable IN lists
// would otherwise grow it without end.
const maxCachedStmts = 512

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for q, or nil when it is not prepared
// yet (the caller runs q directly and asks for it with prepare later).
func (c *stmtCache) get(q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stmts[q]
}

// prepare prepares the statements a transaction missed. It runs after the
// transaction has given the single writer connection back: preparing on the
// pool during the transaction would wait for that very connection.
func (c *stmtCache) prepare(ctx context.Context, qs []string) {
	for _, q := range qs {
		c.mu.RLock()
		have, n := c.stmts[q] != nil, len(c.stmts)
		c.mu.RUnlock()
		if have || n >= maxCachedStmts {
			continue
		}
		s, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue // the query still runs unprepared
		}
		c.mu.Lock()
		if c.stmts == nil || c.stmts[q] != nil {
			s.Close()
		} else {
			c.stmts[q] = s
		}
		c.mu.Unlock()
	}
}

// ready returns the prepared statement for q, preparing it now when it is
// missing; nil when the cache is full or q does not prepare (the caller
// then runs q directly). Only for the read pool: on the writer, preparing
// would wait for the connection a transaction holds.
func (c *stmtCache) ready(ctx context.Context, q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	if s := c.get(q); s != nil {
		return s
	}
	c.prepare(ctx, []string{q})
	return c.get(q)
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stmts {
		s.Close()
	}
	c.stmts = nil
}
