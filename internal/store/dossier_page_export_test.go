package store

import (
	"context"
	"strings"

	"congvu/internal/dossier"
)

// ExplainDossierPage returns the plan of the query of a second page of
// the list f selects (one with a cursor, as every page but the first):
// EXPLAIN QUERY PLAN's details on SQLite, EXPLAIN's lines on PostgreSQL.
//
// With dear, PostgreSQL is asked with sorts and sequential scans disabled
// (a small test table has no statistics to choose from): the plan then
// shows whether an index in the list's order exists.
func (db *DB) ExplainDossierPage(ctx context.Context, f dossier.Filter, dear bool) (string, error) {
	l, err := db.dossierList(ctx, f, dossier.SortOf(f))
	if err != nil {
		return "", err
	}
	q, args := l.pageSQL(cursor{set: true, key: 1, id: 1 << 40}, 51)
	return db.explainList(ctx, l, q, args, dear)
}

// ExplainDossierCount is the plan of the list's capped count.
func (db *DB) ExplainDossierCount(ctx context.Context, f dossier.Filter) (string, error) {
	l, err := db.dossierList(ctx, f, dossier.SortOf(f))
	if err != nil {
		return "", err
	}
	q, args := l.countSQL(f.HandledBy, db.countCap())
	return db.explainList(ctx, dossierList{}, q, args, false)
}

func (db *DB) explainList(ctx context.Context, l dossierList, q string, args []any, dear bool) (string, error) {
	prefix, col := "EXPLAIN ", 0
	if db.d.name() == "sqlite" {
		prefix, col = "EXPLAIN QUERY PLAN ", 3
	}
	args = append(append([]any(nil), l.mode...), args...)
	if len(l.mode) > 0 {
		args = args[len(l.mode):] // EXPLAIN with a mode would go through a prepared statement anyway
	}
	tx, err := db.r.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if dear && db.d.name() == "postgres" {
		if _, err := tx.ExecContext(ctx, "SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off"); err != nil {
			return "", err
		}
	}
	rows, err := tx.QueryContext(ctx, db.d.rebind(prefix+q), args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		v := vals[min(col, len(vals)-1)]
		if b, ok := v.([]byte); ok {
			v = string(b)
		}
		lines = append(lines, strings.TrimSpace(toString(v)))
	}
	return strings.Join(lines, "\n"), rows.Err()
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// ExplainHandledBatch is the plan of one batch of "dossiers I handled"
// (handledPage): ids dossiers checked against the list f.
func (db *DB) ExplainHandledBatch(ctx context.Context, f dossier.Filter, ids []int64) (string, error) {
	l, err := db.dossierList(ctx, f, dossier.SortOf(f))
	if err != nil {
		return "", err
	}
	args := append([]any(nil), l.args...)
	for _, id := range ids {
		args = append(args, id)
	}
	return db.explainList(ctx, dossierList{}, db.handledBatchSQL(l, len(ids), 51), args, false)
}
