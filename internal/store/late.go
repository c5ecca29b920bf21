package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"congvu/internal/calendar"
)

// LateCount is how much of one unit's, or one person's, work is late now.
// PersonID is 0 for dossiers at a step nobody has taken yet (the unit's).
type LateCount struct {
	UnitID   int64
	PersonID int64
	Dossiers int // open dossiers past their statutory due, the clock not stopped before it
	Tasks    int // open tasks whose deadline's day is over
}

// LateWork counts what is late at now in units, grouped by unit and person,
// for the director's and heads' "who is late" (ai đang trễ hạn): dossiers by
// the unit and handler they sit with (current_unit_id, handler_id: who must
// act), tasks by their lead unit and lead person (who answers for them).
// Both are answered from partial indexes on open rows that hold every
// column they read (dossiers_late, tasks_late; migration 0020), so the cost
// follows what is late, not the history, and no table row is read.
// The rows come unit by unit, then person, in id order.
func (db *DB) LateWork(ctx context.Context, units []int64, now time.Time) ([]LateCount, error) {
	if len(units) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(units)+1)
	for _, u := range units {
		args = append(args, u)
	}
	type key struct{ unit, person int64 }
	byKey := map[key]*LateCount{}
	var order []key
	add := func(k key) *LateCount {
		c := byKey[k]
		if c == nil {
			c = &LateCount{UnitID: k.unit, PersonID: k.person}
			byKey[k] = c
			order = append(order, k)
		}
		return c
	}
	rows, err := db.query(ctx, `SELECT current_unit_id, COALESCE(handler_id, 0), COUNT(*) FROM dossiers`+db.d.indexedBy("dossiers_late")+`
		WHERE current_unit_id IN (`+placeholders(len(units))+`) AND closed_at IS NULL AND completed_at IS NULL
		AND received_at IS NOT NULL AND statutory_due_at < ? AND NOT (paused_at IS NOT NULL AND paused_at < statutory_due_at)
		GROUP BY current_unit_id, COALESCE(handler_id, 0)`, append(args, Micro(now))...)
	if err != nil {
		return nil, fmt.Errorf("late dossiers: %w", err)
	}
	for rows.Next() {
		var k key
		var n int
		if err := rows.Scan(&k.unit, &k.person, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("late dossiers: %w", err)
		}
		add(k).Dossiers += n
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("late dossiers: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("late dossiers: %w", err)
	}
	rows, err = db.query(ctx, `SELECT lead_unit_id, lead_person_id, COUNT(*) FROM tasks`+db.d.indexedBy("tasks_late")+`
		WHERE lead_unit_id IN (`+placeholders(len(units))+`) AND state NOT IN ('done', 'cancelled') AND deadline_at < ?
		GROUP BY lead_unit_id, lead_person_id`, append(args[:len(units):len(units)], Micro(calendar.DateOf(now).Time()))...)
	if err != nil {
		return nil, fmt.Errorf("late tasks: %w", err)
	}
	for rows.Next() {
		var k key
		var n int
		if err := rows.Scan(&k.unit, &k.person, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("late tasks: %w", err)
		}
		add(k).Tasks += n
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("late tasks: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("late tasks: %w", err)
	}
	out := make([]LateCount, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	sortLate(out)
	return out, nil
}

func sortLate(cs []LateCount) {
	slices.SortFunc(cs, func(a, b LateCount) int {
		return cmp.Or(cmp.Compare(a.UnitID, b.UnitID), cmp.Compare(a.PersonID, b.PersonID))
	})
}
