package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pipe runs a transaction's statements on PostgreSQL's writer connection,
// sending the statements whose results nobody waits for (Tx.Write) together
// with the next one somebody does, in one round trip: on two cores shared
// with the server, each round trip is two system calls and two context
// switches, and they were most of a write's cost.
type pipe struct {
	conn  *pgx.Conn
	ctx   context.Context
	queue []pending
	// err is the first failure since the last savepoint: the server has
	// aborted the transaction, so every later statement fails with it.
	err error
	// sends counts the batches sent.
	sends int
}

// pending is a queued statement; notOne, when set, is the error the
// transaction fails with unless the statement changes exactly one row.
type pending struct {
	what, sql string
	args      []any
	notOne    error
	// dest, when set, receives the statement's one row (RETURNING).
	dest []any
}

func (p *pipe) later(w pending) { p.queue = append(p.queue, w) }

// send sends the queued statements and then q (when not empty) in one
// batch, and reads the queued statements' results. It returns the batch
// positioned at q's result, for the caller to read and close.
func (p *pipe) send(q string, args []any) (pgx.BatchResults, error) {
	if p.err != nil {
		return nil, p.err
	}
	b := &pgx.Batch{}
	for _, w := range p.queue {
		b.Queue(w.sql, w.args...)
	}
	if q != "" {
		b.Queue(q, args...)
	}
	queued := p.queue
	p.queue = nil
	p.sends++
	br := p.conn.SendBatch(p.ctx, b)
	for _, w := range queued {
		var err error
		if w.dest != nil {
			err = br.QueryRow().Scan(w.dest...)
		} else {
			var tag pgconn.CommandTag
			tag, err = br.Exec()
			if err == nil && w.notOne != nil && tag.RowsAffected() != 1 {
				err = w.notOne
			}
		}
		if err != nil && err != w.notOne {
			err = fmt.Errorf("%s: %w", w.what, err)
		}
		if err != nil {
			p.err = err
			br.Close()
			return nil, err
		}
	}
	return br, nil
}

// flush sends whatever is queued and reports the first failure.
func (p *pipe) flush() error {
	if len(p.queue) == 0 {
		return p.err
	}
	br, err := p.send("", nil)
	if err != nil {
		return err
	}
	return p.fail(br.Close())
}

// fail records err (when the server failed the statement, the transaction
// is aborted) and returns it.
func (p *pipe) fail(err error) error {
	if err != nil && !errors.Is(err, pgx.ErrNoRows) && p.err == nil {
		p.err = err
	}
	return err
}

func (p *pipe) exec(q string, args []any) (Result, error) {
	br, err := p.send(q, args)
	if err != nil {
		return nil, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, p.fail(err)
	}
	return pgResult(tag), nil
}

func (p *pipe) queryRow(q string, args []any) Row {
	return pipeRow{p, q, args}
}

func (p *pipe) query(q string, args []any) (Rows, error) {
	br, err := p.send(q, args)
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return nil, p.fail(err)
	}
	return &pipeRows{Rows: rows, br: br, p: p}, nil
}

// pipeRow sends its query when scanned, as database/sql's Row does.
type pipeRow struct {
	p    *pipe
	q    string
	args []any
}

func (r pipeRow) Scan(dest ...any) error {
	br, err := r.p.send(r.q, r.args)
	if err != nil {
		return err
	}
	err = br.QueryRow().Scan(dest...)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return r.p.fail(err)
}

type pipeRows struct {
	pgx.Rows
	br pgx.BatchResults
	p  *pipe
}

func (r *pipeRows) Close() error {
	r.Rows.Close()
	err := r.Rows.Err()
	if cerr := r.br.Close(); err == nil {
		err = cerr
	}
	return r.p.fail(err)
}

type pgResult pgconn.CommandTag

func (r pgResult) RowsAffected() (int64, error) { return pgconn.CommandTag(r).RowsAffected(), nil }
