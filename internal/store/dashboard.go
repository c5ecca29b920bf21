package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"congvu/internal/calendar"
	"congvu/internal/dashboard"
	"congvu/internal/investment"
)

// Dashboard computes the dashboard of unit (with the units below it in its
// agency and those they succeeded, StatsUnits) for the period from–to, from
// the rollups only: dossier_daily and its snapshots for the dossiers and
// the ratings, task_daily for the tasks (migration 0038), the disbursement
// groups for the agency's register. Two counts are of open tasks now, from
// partial indexes on open rows (late: tasks_late; blocked: tasks_unit), so
// their cost follows what is open, not the history.
func (db *DB) Dashboard(ctx context.Context, unit int64, from, to calendar.Date) (dashboard.Figures, error) {
	f := dashboard.Figures{From: from, To: to, UnitID: unit}
	tree, err := db.Tree(ctx)
	if err != nil {
		return f, err
	}
	units := statsUnits(tree, unit)
	// Each unit counted goes to the unit directly below the one asked
	// about whose figures it rolls into, or to that unit itself.
	lineOf := map[int64]int{}
	f.Units = []dashboard.UnitLine{{UnitID: unit}}
	if u, ok := tree.Unit(unit); ok {
		for _, c := range tree.Children(unit) {
			if tree.AgencyOf(c) != u.AgencyID {
				continue
			}
			f.Units = append(f.Units, dashboard.UnitLine{UnitID: c})
			for _, id := range statsUnits(tree, c) {
				lineOf[id] = len(f.Units) - 1
			}
		}
	}
	months := dashboard.Months(from, to)
	f.Months = make([]dashboard.MonthLine, len(months))
	monthAt := map[string]int{}
	for i, m := range months {
		f.Months[i].Month, monthAt[m.Key()] = m, i
	}
	if f.Report, err = db.DossierReport(ctx, units, from, to); err != nil {
		return f, err
	}
	in, args := idArgs(units)
	period := append(args, from.String(), to.String())

	// Dossiers and ratings by unit, month and procedure, in one read of
	// the covering index dossier_daily_dashboard (migration 0038).
	rows, err := db.query(ctx, `SELECT unit_id, substr(day, 1, 7), procedure_code, SUM(resolved_early), SUM(resolved_on_time), SUM(resolved_late),
			SUM(rated_satisfied), SUM(rated_acceptable), SUM(rated_dissatisfied)
		FROM dossier_daily`+db.d.indexedBy("dossier_daily_dashboard")+` WHERE unit_id IN (`+in+`) AND day >= ? AND day <= ?
		GROUP BY unit_id, substr(day, 1, 7), procedure_code`, period...)
	if err != nil {
		return f, fmt.Errorf("dashboard dossiers: %w", err)
	}
	byProc := map[string]*dashboard.ProcedureLine{}
	err = eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var id int64
		var month, proc string
		var d dashboard.Dossiers
		var r dashboard.Ratings
		if err := sc.Scan(&id, &month, &proc, &d.Early, &d.OnTime, &d.Late, &r.Satisfied, &r.Acceptable, &r.Dissatisfied); err != nil {
			return err
		}
		l := &f.Units[lineOf[id]]
		l.Dossiers, l.Ratings = l.Dossiers.Add(d), l.Ratings.Add(r)
		if i, ok := monthAt[month]; ok {
			m := &f.Months[i]
			m.Dossiers, m.Ratings = m.Dossiers.Add(d), m.Ratings.Add(r)
		}
		f.Ratings = f.Ratings.Add(r)
		p := byProc[proc]
		if p == nil {
			p = &dashboard.ProcedureLine{Code: proc}
			byProc[proc] = p
		}
		p.Dossiers = p.Dossiers.Add(d)
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("dashboard dossiers: %w", err)
	}

	// Tasks by unit and month.
	rows, err = db.query(ctx, `SELECT unit_id, substr(day, 1, 7), SUM(done_on_time), SUM(done_late), SUM(obstacles)
		FROM task_daily`+db.d.indexedBy("task_daily_unit_day")+` WHERE unit_id IN (`+in+`) AND day >= ? AND day <= ? GROUP BY unit_id, substr(day, 1, 7)`, period...)
	if err != nil {
		return f, fmt.Errorf("dashboard tasks: %w", err)
	}
	err = eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var id int64
		var month string
		var t dashboard.Tasks
		if err := sc.Scan(&id, &month, &t.OnTime, &t.Late, &t.Obstacles); err != nil {
			return err
		}
		l := &f.Units[lineOf[id]]
		l.Tasks = l.Tasks.Add(t)
		if i, ok := monthAt[month]; ok {
			f.Months[i].Tasks = f.Months[i].Tasks.Add(t)
		}
		f.Tasks = f.Tasks.Add(t)
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("dashboard tasks: %w", err)
	}

	// Dossiers by procedure, the most late first.
	if f.Procedures, err = db.dashboardProcedures(ctx, byProc); err != nil {
		return f, err
	}

	// Open tasks now.
	today := Micro(calendar.DateOf(db.now()).Time())
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM tasks`+db.d.indexedBy("tasks_late")+` WHERE lead_unit_id IN (`+in+`)
		AND state NOT IN ('done', 'cancelled') AND deadline_at < ?`, append(args[:len(args):len(args)], today)...).Scan(&f.LateTasksNow); err != nil {
		return f, fmt.Errorf("dashboard late tasks: %w", err)
	}
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM tasks WHERE lead_unit_id IN (`+in+`) AND state = 'blocked'`, args...).Scan(&f.BlockedNow); err != nil {
		return f, fmt.Errorf("dashboard blocked tasks: %w", err)
	}

	// The agency's register, for the agency's own dashboard.
	if u, ok := tree.Unit(unit); ok && u.ID == u.AgencyID {
		t, err := db.DisbursementTotals(ctx, investment.StatsFilter{AgencyID: unit, Year: to.Year, Month: int(to.Month)})
		if err != nil {
			return f, err
		}
		f.Disbursement = &dashboard.Disbursement{Year: to.Year, Month: to.Month, Plan: t.AssignedByPM, Actual: t.CumulativeActual}
	}
	return f, nil
}

// dashboardProcedures orders the period's procedures, the most late first,
// keeps at most 15 of those with a dossier resolved and names them (each
// procedure's latest version's name).
func (db *DB) dashboardProcedures(ctx context.Context, byProc map[string]*dashboard.ProcedureLine) ([]dashboard.ProcedureLine, error) {
	lines := make([]dashboard.ProcedureLine, 0, len(byProc))
	for _, p := range byProc {
		lines = append(lines, *p)
	}
	lines = slices.DeleteFunc(lines, func(l dashboard.ProcedureLine) bool { return l.Dossiers.Resolved() == 0 })
	slices.SortFunc(lines, func(a, b dashboard.ProcedureLine) int {
		return cmp.Or(cmp.Compare(b.Dossiers.Late, a.Dossiers.Late), cmp.Compare(b.Dossiers.Resolved(), a.Dossiers.Resolved()), cmp.Compare(a.Code, b.Code))
	})
	lines = lines[:min(len(lines), 15)]
	if len(lines) == 0 {
		return lines, nil
	}
	codes := make([]any, len(lines))
	for i, l := range lines {
		codes[i] = l.Code
	}
	rows, err := db.query(ctx, `SELECT code, name FROM procedures WHERE code IN (`+placeholders(len(codes))+`) ORDER BY code, version`, codes...)
	if err != nil {
		return nil, fmt.Errorf("dashboard procedure names: %w", err)
	}
	names := map[string]string{}
	err = eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var code, name string
		err := sc.Scan(&code, &name)
		names[code] = name // the latest version's, read last
		return err
	})
	for i := range lines {
		lines[i].Name = names[lines[i].Code]
	}
	return lines, err
}

// idArgs is the placeholders and arguments of an IN list of ids.
func idArgs(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return placeholders(len(ids)), args
}

// eachRow calls fn on each row, closing the rows.
func eachRow(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}, fn func(interface{ Scan(...any) error }) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// The task figures of the dashboard, whose records a figure links to.
const (
	TaskFigDoneOnTime = "done_on_time"
	TaskFigDoneLate   = "done_late"
	TaskFigObstacles  = "obstacles"
)

// TaskFigures lists the task figures in the page's order.
func TaskFigures() []string { return []string{TaskFigDoneOnTime, TaskFigDoneLate, TaskFigObstacles} }

// vnDayAfter is, in SQL, the first instant of the day (in Vietnam, UTC+7
// all year) after the day of the instant in col: what task_daily compares
// by days, in microseconds.
func vnDayAfter(col string) string {
	return "((" + col + " + 25200000000) / 86400000000 + 1) * 86400000000 - 25200000000"
}

// DashboardTasks lists the tasks behind a task figure of the dashboard for
// units and the period from–to, at most limit (500 at most): completed on
// time or late in the period (by the completion's instant, the latest
// first), or with an obstacle raised in it. They are the tasks task_daily
// counted, so a figure and its list agree.
func (db *DB) DashboardTasks(ctx context.Context, units []int64, figure string, from, to calendar.Date, limit int) ([]TaskSummary, error) {
	if len(units) == 0 {
		return nil, nil
	}
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	in, args := idArgs(units)
	start, end := Micro(from.Time()), Micro(to.AddDays(1).Time())
	q := "SELECT " + taskColumns + " FROM tasks WHERE lead_unit_id IN (" + in + ")"
	switch figure {
	case TaskFigDoneOnTime, TaskFigDoneLate:
		op := "<"
		if figure == TaskFigDoneLate {
			op = ">="
		}
		q += " AND state = 'done' AND completed_at >= ? AND completed_at < ? AND completed_at " + op + " " + vnDayAfter("original_deadline_at") +
			" ORDER BY completed_at DESC, id DESC"
	case TaskFigObstacles:
		q += " AND id IN (SELECT task_id FROM task_events WHERE action = 'raise_obstacle' AND at >= ? AND at < ?) ORDER BY id DESC"
	default:
		return nil, fmt.Errorf("unknown task figure %q", figure)
	}
	return db.scanTasks(ctx, q+" LIMIT "+strconv.Itoa(limit), append(args, start, end)...)
}
