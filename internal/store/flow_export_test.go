package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// FlowTables returns the bottleneck rollups as stored, a line a row in key
// order, and the same rows recounted from the events (recountFlow), for
// the tests that compare them.
func (db *DB) FlowTables(ctx context.Context) (stored, recounted []string, err error) {
	cols := append(slices.Clone(flowStepKeyCols), flowStepCols...)
	rows, err := db.query(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM dossier_step_daily ORDER BY "+strings.Join(flowStepKeyCols, ", "))
	if err != nil {
		return nil, nil, err
	}
	if stored, err = flowLines(rows, len(cols), "step"); err != nil {
		return nil, nil, err
	}
	ecols := append(slices.Clone(flowEdgeKeyCols), "passes", "spent_ms")
	rows, err = db.query(ctx, "SELECT "+strings.Join(ecols, ", ")+" FROM dossier_flow_daily ORDER BY "+strings.Join(flowEdgeKeyCols, ", "))
	if err != nil {
		return nil, nil, err
	}
	edges, err := flowLines(rows, len(ecols), "edge")
	if err != nil {
		return nil, nil, err
	}
	stored = append(stored, edges...)
	f, err := db.recountFlow(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	for _, k := range slices.SortedFunc(maps.Keys(f.steps), flowStepKey.compare) {
		recounted = append(recounted, "step "+joinVals(stepValues(k, f.steps[k])))
	}
	for _, k := range slices.SortedFunc(maps.Keys(f.edges), flowEdgeKey.compare) {
		e := f.edges[k]
		recounted = append(recounted, "edge "+joinVals([]any{k.agency, k.proc, k.day.String(), k.from, k.to, k.unit, e.Passes, e.Spent.Milliseconds()}))
	}
	return stored, recounted, nil
}

func flowLines(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}, n int, prefix string) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out = append(out, prefix+" "+joinVals(vals))
	}
	return out, rows.Err()
}

// EmptyAndBackfillFlow empties the bottleneck rollups and fills them again
// as migration 0039's backfill does.
func (db *DB) EmptyAndBackfillFlow(ctx context.Context) error {
	for _, t := range []string{"dossier_step_daily", "dossier_flow_daily"} {
		if _, err := db.w.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return err
		}
	}
	return db.backfillFlow(ctx)
}

func joinVals(vals []any) string {
	s := make([]string, len(vals))
	for i, v := range vals {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, "|")
}
