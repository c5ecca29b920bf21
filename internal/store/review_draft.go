package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"congvu/internal/calendar"
	"congvu/internal/review"
	"congvu/internal/work"
)

// DraftReviewFigures drafts the figures of a review of unit (and the units
// under it) for period p from the records: the tasks led by those units
// that fell due in the period (against their original deadline, by dates:
// DOMAIN.md §1.4), the dossiers of the period report (Biểu II.06a), the
// obstacles raised and resolved and the extensions granted on their
// tasks during the period, and the late items with their causes (the
// extension's or the last obstacle's words), the inspections' findings
// and recommendations and the lessons about the units' records
// (inspect_review.go).
func (db *DB) DraftReviewFigures(ctx context.Context, unit int64, p review.Period) (review.Figures, error) {
	var f review.Figures
	units, err := db.StatsUnits(ctx, unit)
	if err != nil {
		return f, err
	}
	from, to := p.Bounds()
	start, end := Micro(from.Time()), Micro(to.AddDays(1).Time())
	rep, err := db.DossierReport(ctx, units, from, to)
	if err != nil {
		return f, err
	}
	f.DossiersTotal, f.DossiersOnTime, f.DossiersLate, f.DossiersOpen = rep.Received.Total, rep.Resolved.Early+rep.Resolved.OnTime, rep.Resolved.Late, rep.InProgress.Total

	in := strings.TrimSuffix(strings.Repeat("?, ", len(units)), ", ")
	args := make([]any, 0, len(units)+2)
	for _, u := range units {
		args = append(args, u)
	}
	rows, err := db.query(ctx, "SELECT id, title, original_deadline_at, completed_at, state FROM tasks WHERE lead_unit_id IN ("+in+
		") AND original_deadline_at >= ? AND original_deadline_at < ? AND state <> ? ORDER BY original_deadline_at, id", append(args, start, end, string(work.StateCancelled))...)
	if err != nil {
		return f, fmt.Errorf("review tasks: %w", err)
	}
	late := map[int64]*review.LateItem{}
	var lateIDs []int64
	for rows.Next() {
		var id, due int64
		var title, state string
		var done sql.NullInt64
		if err := rows.Scan(&id, &title, &due, &done, &state); err != nil {
			rows.Close()
			return f, err
		}
		f.TasksAssigned++
		dueDay := calendar.DateOf(FromMicro(due))
		switch {
		case !done.Valid:
			f.TasksOpen++
			// still open at the period's end and due before it: quá hạn
			if dueDay.Before(to) {
				late[id] = &review.LateItem{Kind: "task", Ref: title, Due: ddmmyyyy(dueDay), Days: days(dueDay, to)}
				lateIDs = append(lateIDs, id)
			}
		case dueDay.Before(calendar.DateOf(FromMicro(done.Int64))):
			f.TasksDone++
			f.TasksLate++
			late[id] = &review.LateItem{Kind: "task", Ref: title, Due: ddmmyyyy(dueDay), Days: days(dueDay, calendar.DateOf(FromMicro(done.Int64)))}
			lateIDs = append(lateIDs, id)
		default:
			f.TasksDone++
			f.TasksOnTime++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}

	rows, err = db.query(ctx, "SELECT e.task_id, e.action, e.payload FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.lead_unit_id IN ("+in+
		") AND e.at >= ? AND e.at < ? AND e.action IN (?, ?, ?, ?) ORDER BY e.task_id, e.seq", append(args, start, end,
		string(work.ActionRaiseObstacle), string(work.ActionResolveObstacle), string(work.ActionRequestExtension), string(work.ActionDecideExtension))...)
	if err != nil {
		return f, fmt.Errorf("review task events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var action, payload string
		if err := rows.Scan(&id, &action, &payload); err != nil {
			return f, err
		}
		var ev eventPayload
		if err := json.Unmarshal([]byte(payload), &ev); err != nil {
			return f, fmt.Errorf("task %d event: %w", id, err)
		}
		switch work.Action(action) {
		case work.ActionRaiseObstacle:
			f.Obstacles++
			if l := late[id]; l != nil {
				l.Cause = ev.Note
			}
		case work.ActionResolveObstacle:
			f.ObstaclesSolved++
		case work.ActionRequestExtension:
			if l := late[id]; l != nil && ev.Reason != "" {
				l.Cause = ev.Reason
			}
		case work.ActionDecideExtension:
			if ev.Approved != nil && *ev.Approved {
				f.Extensions++
			}
		}
	}
	for _, id := range lateIDs {
		f.Late = append(f.Late, *late[id])
	}
	if err := rows.Err(); err != nil {
		return f, err
	}
	return f, db.draftInspectionFigures(ctx, units, start, end, &f)
}

// days counts the calendar days from a to b.
func days(a, b calendar.Date) int {
	return int(b.Time().Sub(a.Time()).Hours()/24 + 0.5)
}

// ddmmyyyy writes a date as a report prints it, 05/03/2026.
func ddmmyyyy(d calendar.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}
