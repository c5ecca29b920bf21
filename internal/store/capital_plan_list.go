package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"congvu/internal/investment"
)

// CapitalPlans is every version of a project's plans, oldest first per
// plan (kind, year, source), each with its decision: the current plans
// are the last version of each.
func (db *DB) CapitalPlans(ctx context.Context, project int64) ([]investment.CapitalPlan, error) {
	rows, err := db.query(ctx, `SELECT p.kind, p.year, p.source, v.version, v.assigned_by_pm, v.allocated_locally,
		v.decision_number, v.decision_date, v.decision_signer, v.decision_file_id
		FROM capital_plans p JOIN capital_plan_versions v ON v.plan_id = p.id
		WHERE p.project_id = ? ORDER BY p.year, p.kind, p.source, v.version`, project)
	if err != nil {
		return nil, fmt.Errorf("plans of project %d: %w", project, err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.CapitalPlan, error) {
		p := investment.CapitalPlan{ProjectID: project}
		var file sql.NullInt64
		err := sc.Scan(&p.Kind, &p.Year, &p.Source, &p.Version, &p.AssignedByPM, &p.AllocatedLocally,
			&p.Decision.Number, &p.Decision.Date, &p.Decision.Signer, &file)
		p.Decision.FileID = file.Int64
		return p, err
	})
}

// Extensions are a project's Art 72 extensions, by plan year.
func (db *DB) Extensions(ctx context.Context, project int64) ([]investment.Extension, error) {
	rows, err := db.query(ctx, `SELECT year, until_date, decision_number, decision_date, decision_signer, decision_file_id
		FROM capital_extensions WHERE project_id = ? ORDER BY year`, project)
	if err != nil {
		return nil, fmt.Errorf("extensions of project %d: %w", project, err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.Extension, error) {
		var e investment.Extension
		var until string
		var file sql.NullInt64
		if err := sc.Scan(&e.Year, &until, &e.Decision.Number, &e.Decision.Date, &e.Decision.Signer, &file); err != nil {
			return e, err
		}
		e.Decision.FileID = file.Int64
		var err error
		e.Until, err = parseStoredDate(until)
		return e, err
	})
}

// FigureEvent is one report or correction of a month's figure.
type FigureEvent struct {
	investment.Figure
	Reason   string
	PersonID int64
	At       time.Time
}

// DisbursementHistory is every report and correction of a project's
// figures for a year, by month and source then in order.
func (db *DB) DisbursementHistory(ctx context.Context, project int64, year int) ([]FigureEvent, error) {
	rows, err := db.query(ctx, `SELECT month, source, cumulative_actual, estimate_next, version, reason, person_id, at
		FROM disbursement_events WHERE project_id = ? AND year = ? ORDER BY month, source, id`, project, year)
	if err != nil {
		return nil, fmt.Errorf("figures of project %d: %w", project, err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (FigureEvent, error) {
		e := FigureEvent{Figure: investment.Figure{ProjectID: project, Year: year}}
		var m int
		var at int64
		err := sc.Scan(&m, &e.Source, &e.CumulativeActual, &e.EstimateNext, &e.Version, &e.Reason, &e.PersonID, &at)
		e.Month, e.At = time.Month(m), FromMicro(at)
		return e, err
	})
}
