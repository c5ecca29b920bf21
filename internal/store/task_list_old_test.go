package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"congvu/internal/calendar"
	"congvu/internal/fold"
)

// FindTasksSorted is FindTasks before issue #12, kept as the benchmarks' and
// the plan tests' baseline: one query whose visible tasks the database
// sorts for each page.
func (db *DB) FindTasksSorted(ctx context.Context, f TaskFilter) ([]TaskSummary, error) {
	q, args, err := db.sortedTaskQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	list, err := db.taskPage(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find tasks: %w", err)
	}
	return list, nil
}

// ExplainTaskListSorted is ExplainTaskList for the old query.
func (db *DB) ExplainTaskListSorted(ctx context.Context, f TaskFilter) (string, error) {
	q, args, err := db.sortedTaskQuery(ctx, f)
	if err != nil {
		return "", err
	}
	return db.explain(ctx, q, args)
}

func (db *DB) sortedTaskQuery(ctx context.Context, f TaskFilter) (string, []any, error) {
	var where []string
	var args []any
	in := func(col string, ids []int64) {
		where = append(where, col+" IN ("+placeholders(len(ids))+")")
		for _, id := range ids {
			args = append(args, id)
		}
	}
	if s := f.Scope; s != nil {
		or := []string{"lead_person_id = ?", "assigner_id = ?", "id IN (SELECT task_id FROM task_coordinators WHERE person_id = ?)"}
		args = append(args, s.PersonID, s.PersonID, s.PersonID)
		add := func(cond string, ids []int64) {
			if len(ids) > 0 {
				or = append(or, strings.Replace(cond, "%s", placeholders(len(ids)), 1))
				for _, id := range ids {
					args = append(args, id)
				}
			}
		}
		add("lead_unit_id IN (%s)", s.UnitIDs)
		add("id IN (SELECT task_id FROM task_coordinators WHERE unit_id IN (%s))", s.CoordinatingUnitIDs)
		add("agency_id IN (%s)", s.AgencyIDs)
		where = append(where, "("+strings.Join(or, " OR ")+")")
	}
	eq := func(col string, v int64) {
		if v != 0 {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("agency_id", f.AgencyID)
	eq("lead_person_id", f.LeadPersonID)
	eq("assigner_id", f.AssignerID)
	eq("plan_id", f.PlanID)
	eq("parent_id", f.ParentID)
	if f.CoordinatorPersonID != 0 {
		where = append(where, "id IN (SELECT task_id FROM task_coordinators WHERE person_id = ?)")
		args = append(args, f.CoordinatorPersonID)
	}
	if f.UnitIDs != nil {
		in("lead_unit_id", f.UnitIDs)
	}
	if f.CoordinatingUnitIDs != nil {
		where = append(where, "id IN (SELECT task_id FROM task_coordinators WHERE unit_id IN ("+placeholders(len(f.CoordinatingUnitIDs))+"))")
		for _, id := range f.CoordinatingUnitIDs {
			args = append(args, id)
		}
	}
	if len(f.States) > 0 {
		where = append(where, "state IN ("+placeholders(len(f.States))+")")
		for _, s := range f.States {
			args = append(args, string(s))
		}
	}
	if f.Open || f.Overdue {
		where = append(where, "state NOT IN ('done', 'cancelled')")
	}
	if f.Overdue {
		now := f.Now
		if now.IsZero() {
			now = db.now()
		}
		where = append(where, "deadline_at < ?")
		args = append(args, Micro(calendar.DateOf(now).Time()))
	}
	if f.DueBefore != nil {
		where = append(where, "deadline_at < ?")
		args = append(args, Micro(*f.DueBefore))
	}
	from := "tasks"
	var mode []any
	if q := strings.TrimSpace(f.Query); q != "" {
		hint, err := db.searchHint(ctx, &db.taskTri, fold.String(q))
		if err != nil {
			return "", nil, err
		}
		if s, ok := db.d.search("task_search", "tasks", q, hint, false); ok {
			from = s.from + from + s.on
			where = append(where, s.cond)
			args = append(args, s.args...)
			mode = s.mode
		} else {
			where = append(where, `search_text LIKE ? ESCAPE '\'`)
			args = append(args, fold.LikePattern(q))
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	q := "SELECT " + taskIDColumns + " FROM " + from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY deadline_at, id LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(0, f.Offset))
	return q, append(mode, args...), nil
}
