package store

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/flow"
	"congvu/internal/work"
)

// The task rollups of "where time is lost" (migration 0039,
// task_flow_daily): per agency, plan (0 for none), lead unit and day, the
// obstacles resolved and how long they blocked, the reviews decided and
// how long the results waited for them, and the returns for rework; kept
// in each task event's transaction (flow.NewTaskFacts) and by the task
// bulk loader (flow.TaskFacts).

// flowTaskKey names a row of task_flow_daily.
type flowTaskKey struct {
	agency int64
	day    calendar.Date
	plan   int64
	unit   int64
}

func (a flowTaskKey) compare(b flowTaskKey) int {
	return cmp.Or(cmp.Compare(a.agency, b.agency), a.day.Compare(b.day), cmp.Compare(a.plan, b.plan), cmp.Compare(a.unit, b.unit))
}

// taskFacts adds a task's facts to its rows.
func (f *flowRollup) taskFacts(t work.Task, facts []flow.TaskFact) {
	if len(facts) == 0 {
		return
	}
	if f.tasks == nil {
		f.tasks = map[flowTaskKey]*flow.TaskSums{}
	}
	var plan int64
	if t.PlanID != nil {
		plan = *t.PlanID
	}
	for _, x := range facts {
		x.Took = x.Took.Truncate(time.Millisecond)
		k := flowTaskKey{t.AgencyID, calendar.DateOf(x.At), plan, t.LeadUnitID}
		s := f.tasks[k]
		if s == nil {
			s = &flow.TaskSums{PlanID: plan, UnitID: t.LeadUnitID}
			f.tasks[k] = s
		}
		s.Add(x)
	}
}

var (
	flowTaskKeyCols              = []string{"agency_id", "day", "plan_id", "unit_id"}
	flowTaskSumCols              = []string{"obstacles", "blocked_ms", "reviews", "review_wait_ms", "returns"}
	flowTaskHead, flowTaskSuffix = addUpsert("task_flow_daily", "agency_id, day, plan_id, unit_id", flowTaskKeyCols, flowTaskSumCols)
	flowTaskOne                  = flowTaskHead + "(" + placeholders(len(flowTaskKeyCols)+len(flowTaskSumCols)) + ")" + flowTaskSuffix
)

func taskValues(k flowTaskKey, s *flow.TaskSums) []any {
	return []any{k.agency, k.day.String(), k.plan, k.unit, s.Obstacles, s.Blocked.Milliseconds(), s.Reviews, s.ReviewWait.Milliseconds(), s.Returns}
}

// writeTasks is write for the task rows.
func (f *flowRollup) writeTasks(tx *Tx, bulk bool) error {
	keys := slices.SortedFunc(maps.Keys(f.tasks), flowTaskKey.compare)
	if bulk {
		var vals []any
		for _, k := range keys {
			vals = append(vals, taskValues(k, f.tasks[k])...)
		}
		return multiRow(tx, flowTaskHead, len(flowTaskKeyCols)+len(flowTaskSumCols), 1000, vals, flowTaskSuffix, nil)
	}
	for _, k := range keys {
		if err := tx.Write("task rollup of where time is lost", flowTaskOne, taskValues(k, f.tasks[k])...); err != nil {
			return err
		}
	}
	return nil
}

// TaskFlowRows returns the task rollups of an agency for the days from to
// to, both included, per plan and lead unit; units, when not nil, keeps
// the tasks led by those units.
func (db *DB) TaskFlowRows(ctx context.Context, agency int64, units []int64, from, to calendar.Date) ([]flow.TaskSums, error) {
	args := []any{agency, from.String(), to.String()}
	cond := ""
	if units != nil {
		if len(units) == 0 {
			return nil, nil
		}
		cond = " AND unit_id IN (" + placeholders(len(units)) + ")"
		for _, u := range units {
			args = append(args, u)
		}
	}
	rows, err := db.query(ctx, `SELECT plan_id, unit_id, COALESCE(SUM(obstacles), 0), COALESCE(SUM(blocked_ms), 0), COALESCE(SUM(reviews), 0),
		COALESCE(SUM(review_wait_ms), 0), COALESCE(SUM(returns), 0) FROM task_flow_daily
		WHERE agency_id = ? AND day >= ? AND day <= ?`+cond+` GROUP BY plan_id, unit_id ORDER BY plan_id, unit_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("task bottleneck rows: %w", err)
	}
	return collectRows(rows, func(r interface{ Scan(...any) error }) (flow.TaskSums, error) {
		var s flow.TaskSums
		var blocked, wait int64
		err := r.Scan(&s.PlanID, &s.UnitID, &s.Obstacles, &blocked, &s.Reviews, &wait, &s.Returns)
		s.Blocked, s.ReviewWait = time.Duration(blocked)*time.Millisecond, time.Duration(wait)*time.Millisecond
		return s, err
	})
}

// recountTasks replays every task and returns what the task rollups hold
// of them, for the backfill and the tests.
func (db *DB) recountTasks(ctx context.Context, each func(flowRollup) error) error {
	var after int64
	for {
		rows, err := db.query(ctx, "SELECT id FROM tasks WHERE id > ? ORDER BY id LIMIT "+strconv.Itoa(recordsPage), after)
		if err != nil {
			return err
		}
		ids, err := collectRows(rows, func(r interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if err != nil {
			return err
		}
		var f flowRollup
		for _, id := range ids {
			h, err := db.FindTaskByID(ctx, id)
			if err != nil {
				return fmt.Errorf("recount task %d: %w", id, err)
			}
			f.taskFacts(h.Task, flow.TaskFacts(h))
			after = id
		}
		if err := each(f); err != nil {
			return err
		}
		if len(ids) < recordsPage {
			return nil
		}
	}
}
