package store

import (
	"context"
	"fmt"
	"strings"

	"congvu/internal/calendar"
	"congvu/internal/dashboard"
)

// Recount is the dashboard's counts recounted from the records themselves
// (the tasks, their events and the dossiers), never from a rollup: the
// oracle of the rollup tests and the baseline of BenchmarkDashboard.
type Recount struct {
	Tasks    dashboard.Tasks
	Dossiers dashboard.Dossiers
	Ratings  dashboard.Ratings
	ByUnit   map[int64]dashboard.Tasks    // by lead unit
	ByMonth  map[string]dashboard.Tasks   // YYYY-MM
	DossUnit map[int64]dashboard.Dossiers // by lead unit
	DossProc map[string]dashboard.Dossiers
}

// DashboardRecount reads every task completed, every obstacle raised, every
// dossier resolved and every rating given in the period for units, and
// counts them as task_daily and dossier_daily do: by the day in Vietnam.
func (db *DB) DashboardRecount(ctx context.Context, units []int64, from, to calendar.Date) (Recount, error) {
	r := Recount{ByUnit: map[int64]dashboard.Tasks{}, ByMonth: map[string]dashboard.Tasks{}, DossUnit: map[int64]dashboard.Dossiers{},
		DossProc: map[string]dashboard.Dossiers{}}
	in, args := idArgs(units)
	period := append(args, Micro(from.Time()), Micro(to.AddDays(1).Time()))
	add := func(unit int64, at int64, t dashboard.Tasks) {
		m := calendar.DateOf(FromMicro(at)).String()[:7]
		r.Tasks, r.ByUnit[unit], r.ByMonth[m] = r.Tasks.Add(t), r.ByUnit[unit].Add(t), r.ByMonth[m].Add(t)
	}
	rows, err := db.query(ctx, `SELECT lead_unit_id, completed_at, original_deadline_at FROM tasks
		WHERE lead_unit_id IN (`+in+`) AND state = 'done' AND completed_at >= ? AND completed_at < ?`, period...)
	if err != nil {
		return r, err
	}
	if err := eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var unit, done, due int64
		if err := sc.Scan(&unit, &done, &due); err != nil {
			return err
		}
		if calendar.DateOf(FromMicro(done)).After(calendar.DateOf(FromMicro(due))) {
			add(unit, done, dashboard.Tasks{Late: 1})
		} else {
			add(unit, done, dashboard.Tasks{OnTime: 1})
		}
		return nil
	}); err != nil {
		return r, err
	}
	rows, err = db.query(ctx, `SELECT t.lead_unit_id, e.at FROM task_events e JOIN tasks t ON t.id = e.task_id
		WHERE t.lead_unit_id IN (`+in+`) AND e.action = 'raise_obstacle' AND e.at >= ? AND e.at < ?`, period...)
	if err != nil {
		return r, err
	}
	if err := eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var unit, at int64
		if err := sc.Scan(&unit, &at); err != nil {
			return err
		}
		add(unit, at, dashboard.Tasks{Obstacles: 1})
		return nil
	}); err != nil {
		return r, err
	}
	rows, err = db.query(ctx, `SELECT lead_unit_id, procedure_code, result FROM dossiers
		WHERE lead_unit_id IN (`+in+`) AND completed_at >= ? AND completed_at < ?`, period...)
	if err != nil {
		return r, err
	}
	if err := eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var unit int64
		var proc, result string
		if err := sc.Scan(&unit, &proc, &result); err != nil {
			return err
		}
		var d dashboard.Dossiers
		switch result {
		case "early":
			d.Early = 1
		case "on_time":
			d.OnTime = 1
		default:
			d.Late = 1
		}
		r.Dossiers, r.DossUnit[unit], r.DossProc[proc] = r.Dossiers.Add(d), r.DossUnit[unit].Add(d), r.DossProc[proc].Add(d)
		return nil
	}); err != nil {
		return r, err
	}
	rows, err = db.query(ctx, `SELECT rating FROM dossiers WHERE lead_unit_id IN (`+in+`) AND rated_at >= ? AND rated_at < ?`, period...)
	if err != nil {
		return r, err
	}
	return r, eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var v int
		if err := sc.Scan(&v); err != nil {
			return err
		}
		switch v {
		case 1:
			r.Ratings.Satisfied++
		case 2:
			r.Ratings.Acceptable++
		case 3:
			r.Ratings.Dissatisfied++
		}
		return nil
	})
}

// RerunDashboardBackfill empties the rollups of migration 0038 and runs
// its backfill statements again, as on a database migrated with records
// already in it.
func (db *DB) RerunDashboardBackfill(ctx context.Context) error {
	body, err := migrations.ReadFile("migrations/" + db.Engine() + "/0038_dashboard.sql")
	if err != nil {
		return err
	}
	if _, err := db.w.ExecContext(ctx, "DELETE FROM task_daily"); err != nil {
		return err
	}
	if _, err := db.w.ExecContext(ctx, "UPDATE dossier_daily SET rated_satisfied = 0, rated_acceptable = 0, rated_dissatisfied = 0"); err != nil {
		return err
	}
	for _, stmt := range strings.Split(string(body), ";\n") {
		var lines []string
		for _, l := range strings.Split(stmt, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		if s := strings.TrimSpace(strings.Join(lines, "\n")); strings.HasPrefix(s, "INSERT") {
			if _, err := db.w.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
		}
	}
	return nil
}
