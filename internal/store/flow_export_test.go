package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/flow"
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
	tcols := append(slices.Clone(flowTaskKeyCols), flowTaskSumCols...)
	rows, err = db.query(ctx, "SELECT "+strings.Join(tcols, ", ")+" FROM task_flow_daily ORDER BY agency_id, day, plan_id, unit_id")
	if err != nil {
		return nil, nil, err
	}
	tasks, err := flowLines(rows, len(tcols), "task")
	if err != nil {
		return nil, nil, err
	}
	stored = append(stored, tasks...)
	f, err := db.recountFlow(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	if err := db.recountTasks(ctx, func(t flowRollup) error { f.merge(&t); return nil }); err != nil {
		return nil, nil, err
	}
	for _, k := range slices.SortedFunc(maps.Keys(f.steps), flowStepKey.compare) {
		recounted = append(recounted, "step "+joinVals(stepValues(k, f.steps[k])))
	}
	for _, k := range slices.SortedFunc(maps.Keys(f.edges), flowEdgeKey.compare) {
		e := f.edges[k]
		recounted = append(recounted, "edge "+joinVals([]any{k.agency, k.proc, k.day.String(), k.from, k.to, k.unit, e.Passes, e.Spent.Milliseconds()}))
	}
	for _, k := range slices.SortedFunc(maps.Keys(f.tasks), flowTaskKey.compare) {
		recounted = append(recounted, "task "+joinVals(taskValues(k, f.tasks[k])))
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
	for _, t := range []string{"dossier_step_daily", "dossier_flow_daily", "task_flow_daily"} {
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

// BottlenecksByReplay is the bottleneck analysis the slow way, the
// baseline of BenchmarkBottlenecks: every dossier of the procedure active
// in the period is read with its history and replayed (flow.Recount), and
// the passes that ended in the period summed.
func (db *DB) BottlenecksByReplay(ctx context.Context, agency int64, proc string, from, to calendar.Date) (flow.Analysis, error) {
	return db.bottlenecksByReplay(ctx, agency, proc, from, to, "")
}

// BottlenecksByReplayOriginals is BottlenecksByReplay over the dossiers
// whose id is below maxID only: BenchmarkDashboardFull's copies of open
// dossiers have no history (and so no pass) to replay.
func (db *DB) BottlenecksByReplayOriginals(ctx context.Context, agency int64, proc string, from, to calendar.Date, maxID int64) (flow.Analysis, error) {
	return db.bottlenecksByReplay(ctx, agency, proc, from, to, " AND id <= "+strconv.FormatInt(maxID, 10))
}

func (db *DB) bottlenecksByReplay(ctx context.Context, agency int64, proc string, from, to calendar.Date, cond string) (flow.Analysis, error) {
	rows, err := db.query(ctx, `SELECT code FROM dossiers WHERE agency_id = ? AND procedure_code = ? AND received_at < ?
		AND (completed_at IS NULL OR completed_at >= ?)`+cond+` ORDER BY id`, agency, proc, Micro(to.AddDays(1).Time()), Micro(from.Time()))
	if err != nil {
		return flow.Analysis{}, err
	}
	codes, err := collectRows(rows, func(r interface{ Scan(...any) error }) (string, error) {
		var c string
		return c, r.Scan(&c)
	})
	if err != nil {
		return flow.Analysis{}, err
	}
	var f flowRollup
	var p dossier.Procedure
	for _, code := range codes {
		one, err := db.recountCode(ctx, code)
		if err != nil {
			return flow.Analysis{}, err
		}
		f.merge(&one)
	}
	versions, err := db.FindProcedureVersions(ctx, agency, proc)
	if err != nil {
		return flow.Analysis{}, err
	}
	p = versions[len(versions)-1]
	var steps []flow.StepSums
	for k, s := range f.steps {
		if !k.day.Before(from) && !to.Before(k.day) {
			steps = append(steps, *s)
		}
	}
	var edges []flow.EdgeSums
	for k, e := range f.edges {
		if !k.day.Before(from) && !to.Before(k.day) {
			edges = append(edges, *e)
		}
	}
	info := make([]flow.StepInfo, len(p.Steps))
	for i, s := range p.Steps {
		info[i] = flow.StepInfo{Name: s.Name, Budget: s.Budget}
	}
	return flow.Analyse(info, steps, edges), nil
}
