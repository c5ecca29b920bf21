package store

import (
	"cmp"
	"fmt"
	"slices"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/work"
)

// task_daily (migration 0038) counts, per agency, lead unit and day, the
// tasks completed on time and late and the obstacles raised, for the
// dashboard. It is kept in the transaction of each event (RecordTaskEvent)
// and of each bulk batch, so that the figures of a period are a sum over
// days, never a scan of the tasks.

// taskDayKey is a row of task_daily.
type taskDayKey struct {
	agency, unit int64
	day          calendar.Date
}

// taskDayDelta is what one event adds to a row of task_daily.
type taskDayDelta struct {
	taskDayKey
	onTime, late, obstacles int
}

// taskRollup is what event e, which led to h, adds to task_daily: a task
// accepted counts once, on its completion's day (the accepted submission's),
// on time when that day is not after the original deadline's (an extension
// never turns a late task into an on-time one, as every task statistic
// counts); an obstacle raised counts on the event's day. Done is terminal,
// so an accepted task is counted exactly once.
func taskRollup(h work.TaskWithHistory, e work.Event) (taskDayDelta, bool) {
	t := h.Task
	k := taskDayKey{agency: t.AgencyID, unit: t.LeadUnitID}
	switch {
	case e.Action == work.ActionAccept && t.State == work.StateDone && h.CompletedAt != nil:
		k.day = calendar.DateOf(*h.CompletedAt)
		d := taskDayDelta{taskDayKey: k}
		if k.day.After(calendar.DateOf(t.OriginalDeadline)) {
			d.late = 1
		} else {
			d.onTime = 1
		}
		return d, true
	case e.Action == work.ActionRaiseObstacle:
		k.day = calendar.DateOf(e.At)
		return taskDayDelta{taskDayKey: k, obstacles: 1}, true
	}
	return taskDayDelta{}, false
}

// historyRollup is what a whole history adds, for the bulk loader: the
// deltas of its events, each judged on the task as it ended (the lead unit
// and original deadline never change; the completion is set once).
func historyRollup(h work.TaskWithHistory) []taskDayDelta {
	var out []taskDayDelta
	for _, e := range h.Events {
		if d, ok := taskRollup(h, e); ok {
			out = append(out, d)
		}
	}
	return out
}

// writeTaskDaily adds deltas to task_daily, summed by row and in key order
// so that concurrent writers lock rows in the same order.
func writeTaskDaily(tx *Tx, deltas []taskDayDelta) error {
	if len(deltas) == 0 {
		return nil
	}
	slices.SortFunc(deltas, func(a, b taskDayDelta) int {
		return cmp.Or(cmp.Compare(a.agency, b.agency), cmp.Compare(a.unit, b.unit), a.day.Compare(b.day))
	})
	sum := []taskDayDelta{deltas[0]}
	for _, d := range deltas[1:] {
		last := &sum[len(sum)-1]
		if last.taskDayKey == d.taskDayKey {
			last.onTime, last.late, last.obstacles = last.onTime+d.onTime, last.late+d.late, last.obstacles+d.obstacles
			continue
		}
		sum = append(sum, d)
	}
	for _, d := range sum {
		if _, err := tx.Exec(`INSERT INTO task_daily (agency_id, unit_id, day, done_on_time, done_late, obstacles) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (agency_id, unit_id, day) DO UPDATE SET done_on_time = task_daily.done_on_time + excluded.done_on_time,
			done_late = task_daily.done_late + excluded.done_late, obstacles = task_daily.obstacles + excluded.obstacles`,
			d.agency, d.unit, d.day.String(), d.onTime, d.late, d.obstacles); err != nil {
			return fmt.Errorf("task rollup: %w", err)
		}
	}
	return nil
}

// rollupRating counts an applicant's rating in dossier_daily on the day it
// was given (migration 0038), for the dashboard's satisfaction figures.
func rollupRating(tx *Tx, rec *dossier.Record, score dossier.Satisfaction) {
	col := map[dossier.Satisfaction]string{dossier.Satisfied: "rated_satisfied", dossier.Acceptable: "rated_acceptable",
		dossier.Dissatisfied: "rated_dissatisfied"}[score]
	if col == "" {
		return
	}
	tx.daily = append(tx.daily, dailyDelta{dailyKey{rec.AgencyID, rec.LeadUnitID, rec.Procedure.Code, calendar.DateOf(tx.Now)}, col, 1})
}
