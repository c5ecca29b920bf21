package store

import (
	"context"
	"fmt"
	"strings"
)

// ExplainTaskList returns the plan the database makes for each statement
// f's list sends (the page's UNION of streams and the count): EXPLAIN QUERY
// PLAN on SQLite, EXPLAIN on PostgreSQL with sequential scans, bitmap
// scans and sorts priced out: a test's small tables have no statistics
// worth planning on (the planner would read 300 rows and sort them, as it
// should), so the plan shows whether an index CAN give the order — a Sort
// node left means none can. The benchmark at 1,000,000 tasks shows the
// planner choosing those index ranges on its own.
func (db *DB) ExplainTaskList(ctx context.Context, f TaskFilter) (page string, single bool, err error) {
	plan, err := db.planTaskList(ctx, f, 51)
	if err != nil {
		return "", false, err
	}
	if plan.single == nil && len(plan.streams) == 0 {
		return "", false, fmt.Errorf("the list reads nothing")
	}
	q, args := plan.union()
	out, err := db.explain(ctx, q, args)
	return out, plan.single != nil, err
}

func (db *DB) explain(ctx context.Context, q string, args []any) (string, error) {
	tx, err := db.r.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	prefix := "EXPLAIN QUERY PLAN "
	if db.d.name() == "postgres" {
		prefix = "EXPLAIN "
		for _, set := range []string{"SET LOCAL enable_seqscan = off", "SET LOCAL enable_bitmapscan = off", "SET LOCAL enable_sort = off"} {
			if _, err := tx.ExecContext(ctx, set); err != nil {
				return "", err
			}
		}
	}
	rows, err := tx.QueryContext(ctx, db.d.rebind(prefix+q), args...)
	if err != nil {
		return "", fmt.Errorf("explain %s: %w", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		if s, ok := vals[len(vals)-1].([]byte); ok {
			vals[len(vals)-1] = string(s)
		}
		fmt.Fprintln(&b, vals[len(vals)-1])
	}
	return b.String(), rows.Err()
}

// QueryRowRaw runs a one-row read for the benchmarks.
func (db *DB) QueryRowRaw(ctx context.Context, q string, args ...any) interface{ Scan(...any) error } {
	return db.queryRow(ctx, q, args...)
}

// TaskListRanges is how many index ranges f's list reads (its streams).
func (db *DB) TaskListRanges(ctx context.Context, f TaskFilter) (int, error) {
	plan, err := db.planTaskList(ctx, f, 51)
	return len(plan.streams), err
}
