package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/fold"
	"congvu/internal/work"
)

// PlanFilter selects plans for FindPlans. Zero fields do not filter.
type PlanFilter struct {
	AgencyID     int64
	OwnerUnitIDs []int64 // owned by one of these units
	Year         int     // plans whose period lies in this year
	Query        string  // diacritic-insensitive, in the title and the source document
	Limit        int     // 50 by default, at most 1000
	Offset       int
}

// PlanProgress is how a plan's tasks stand.
type PlanProgress struct {
	Tasks     int     // not cancelled
	KeyTasks  int     // nhiệm vụ trọng điểm among them
	Done      int     // accepted
	Overdue   int     // open and past the deadline's day
	Cancelled int     // left out of the other counts
	Progress  float64 // weighted mean of the tasks' reported percentages, 0–100
}

// PlanDetail is a plan with its targets (and their actuals) and the
// progress of its tasks.
type PlanDetail struct {
	Plan     work.Plan
	Progress PlanProgress
}

// CreatePlan stores a plan with its targets (and any actuals given).
// Errors: apperr.Invalid naming the field.
func (db *DB) CreatePlan(ctx context.Context, actor audit.Actor, p work.Plan) (work.Plan, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	p.Version = 1
	err := db.InTx(ctx, func(tx *Tx) error {
		var agency sql.NullInt64
		var validTo sql.NullString
		err := tx.QueryRow("SELECT agency_id, valid_to FROM units WHERE id = ?", p.OwnerUnitID).Scan(&agency, &validTo)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (agency.Int64 != p.AgencyID || validTo.Valid)) {
			return apperr.Invalidf("owner_unit_id", "không có đơn vị số %d đang hoạt động trong cơ quan", "no current unit %d in the agency", p.OwnerUnitID)
		}
		if err != nil {
			return err
		}
		var srcDate any
		if !p.Source.IsZero() {
			srcDate = p.Source.Date.String()
		}
		var createdBy any
		if actor.PersonID != 0 {
			createdBy = actor.PersonID
		}
		p.ID, err = tx.InsertID(`INSERT INTO plans (agency_id, owner_unit_id, title, search_text, period_kind, period_year, period_quarter, period_month,
			period_start, source_number, source_date, source_issuer, source_title, version, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.AgencyID, p.OwnerUnitID, p.Title, fold.String(p.Title+" "+p.Source.Number+" "+p.Source.Title), string(p.Period.Kind), p.Period.Year,
			p.Period.Quarter, p.Period.Month, p.Period.Start().String(), p.Source.Number, srcDate, p.Source.Issuer, p.Source.Title,
			p.Version, createdBy, Micro(tx.Now), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert plan: %w", err)
		}
		for i := range p.Targets {
			tg := &p.Targets[i]
			tg.ID, err = tx.InsertID(`INSERT INTO plan_targets (plan_id, pos, name, unit_of_measure, target_value, sum_actuals) VALUES (?, ?, ?, ?, ?, ?)`,
				p.ID, i, tg.Name, tg.UnitOfMeasure, tg.TargetValue, tg.Sum)
			if err != nil {
				return fmt.Errorf("insert target: %w", err)
			}
			for _, a := range tg.Actuals {
				if err := insertActual(tx, tg.ID, a, actor); err != nil {
					return err
				}
			}
		}
		return tx.Audit(actor, "plan", p.ID, "create", map[string]any{"title": p.Title, "owner_unit_id": p.OwnerUnitID,
			"period": p.Period, "source": p.Source, "targets": len(p.Targets)})
	})
	return p, err
}

func insertActual(tx *Tx, targetID int64, a work.Actual, actor audit.Actor) error {
	var by any
	if actor.PersonID != 0 {
		by = actor.PersonID
	}
	_, err := tx.Exec(`INSERT INTO target_actuals (target_id, label, as_of, value, evidence, reported_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		targetID, a.Label, a.Date.String(), a.Value, a.Evidence, by, Micro(tx.Now))
	if err != nil {
		return fmt.Errorf("insert actual: %w", err)
	}
	return nil
}

// AddTargetActual records an actual value of a plan's target, with its
// evidence, and returns the target with all its actuals. Errors:
// apperr.NotFound (plan or target), apperr.Invalid naming the field.
func (db *DB) AddTargetActual(ctx context.Context, actor audit.Actor, planID, targetID int64, a work.Actual) (work.Target, error) {
	// The domain checks an actual as part of a plan: check it in a stand-in
	// plan and name the field as the caller knows it.
	check := work.Plan{AgencyID: 1, OwnerUnitID: 1, Title: "kiểm tra", Period: work.YearPeriod(2026),
		Targets: []work.Target{{Name: "kiểm tra", UnitOfMeasure: "x", TargetValue: 1, Actuals: []work.Actual{a}}}}
	if err := check.Validate(); err != nil {
		if e := apperr.As(err); e != nil {
			e.Field = strings.TrimPrefix(e.Field, "targets[0].actuals[0].")
		}
		return work.Target{}, err
	}
	a = check.Targets[0].Actuals[0]
	err := db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM plan_targets WHERE id = ? AND plan_id = ?", targetID, planID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return apperr.NotFoundf("Không tìm thấy chỉ tiêu số %d của kế hoạch số %d", "target %d of plan %d not found", targetID, planID)
		}
		if err := insertActual(tx, targetID, a, actor); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE plans SET version = version + 1, updated_at = ? WHERE id = ?", Micro(tx.Now), planID); err != nil {
			return err
		}
		return tx.Audit(actor, "plan", planID, "add_actual", map[string]any{"target_id": targetID, "label": a.Label,
			"date": a.Date.String(), "value": a.Value, "evidence": a.Evidence})
	})
	if err != nil {
		return work.Target{}, err
	}
	d, err := db.FindPlanByID(ctx, planID)
	if err != nil {
		return work.Target{}, err
	}
	for _, t := range d.Plan.Targets {
		if t.ID == targetID {
			return t, nil
		}
	}
	return work.Target{}, apperr.NotFoundf("Không tìm thấy chỉ tiêu số %d", "target %d not found", targetID)
}

const planColumns = `id, agency_id, owner_unit_id, title, period_kind, period_year, period_quarter, period_month,
	source_number, source_date, source_issuer, source_title, version`

func scanPlan(sc interface{ Scan(...any) error }) (work.Plan, error) {
	var p work.Plan
	var kind string
	var srcDate sql.NullString
	err := sc.Scan(&p.ID, &p.AgencyID, &p.OwnerUnitID, &p.Title, &kind, &p.Period.Year, &p.Period.Quarter, &p.Period.Month,
		&p.Source.Number, &srcDate, &p.Source.Issuer, &p.Source.Title, &p.Version)
	if err != nil {
		return p, err
	}
	p.Period.Kind = work.PeriodKind(kind)
	if srcDate.Valid {
		if p.Source.Date, err = calendar.ParseDate(srcDate.String); err != nil {
			return p, fmt.Errorf("plan %d source date: %w", p.ID, err)
		}
	}
	return p, nil
}

// FindPlans lists plans, the latest period first, with their targets.
func (db *DB) FindPlans(ctx context.Context, f PlanFilter) ([]work.Plan, error) {
	q := "SELECT " + planColumns + " FROM plans WHERE 1=1"
	var args []any
	if f.AgencyID != 0 {
		q += " AND agency_id = ?"
		args = append(args, f.AgencyID)
	}
	if f.OwnerUnitIDs != nil {
		q += " AND owner_unit_id IN (" + placeholders(len(f.OwnerUnitIDs)) + ")"
		for _, id := range f.OwnerUnitIDs {
			args = append(args, id)
		}
	}
	if f.Year != 0 {
		q += " AND period_year = ?"
		args = append(args, f.Year)
	}
	if s := strings.TrimSpace(f.Query); s != "" {
		q += ` AND search_text LIKE ? ESCAPE '\'`
		args = append(args, fold.LikePattern(s))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	q += " ORDER BY period_start DESC, id DESC LIMIT " + strconv.Itoa(min(limit, 1000)) + " OFFSET " + strconv.Itoa(max(0, f.Offset))
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find plans: %w", err)
	}
	out, err := collectRows(rows, scanPlan)
	if err != nil {
		return nil, err
	}
	return out, db.loadTargets(ctx, out)
}

// loadTargets attaches targets and their actuals to plans.
func (db *DB) loadTargets(ctx context.Context, plans []work.Plan) error {
	if len(plans) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ids := make([]any, len(plans))
	for i, p := range plans {
		idx[p.ID], ids[i] = i, p.ID
	}
	rows, err := db.query(ctx, `SELECT t.plan_id, t.id, t.name, t.unit_of_measure, t.target_value, t.sum_actuals,
		a.label, a.as_of, a.value, a.evidence
		FROM plan_targets t LEFT JOIN target_actuals a ON a.target_id = t.id
		WHERE t.plan_id IN (`+placeholders(len(ids))+`) ORDER BY t.plan_id, t.pos, a.id`, ids...)
	if err != nil {
		return fmt.Errorf("find targets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var planID int64
		var t work.Target
		var label, asOf, evidence sql.NullString
		var value sql.NullFloat64
		if err := rows.Scan(&planID, &t.ID, &t.Name, &t.UnitOfMeasure, &t.TargetValue, &t.Sum, &label, &asOf, &value, &evidence); err != nil {
			return err
		}
		p := &plans[idx[planID]]
		if n := len(p.Targets); n == 0 || p.Targets[n-1].ID != t.ID {
			p.Targets = append(p.Targets, t)
		}
		if asOf.Valid {
			d, err := calendar.ParseDate(asOf.String)
			if err != nil {
				return fmt.Errorf("target %d actual date: %w", t.ID, err)
			}
			tg := &p.Targets[len(p.Targets)-1]
			tg.Actuals = append(tg.Actuals, work.Actual{Label: label.String, Date: d, Value: value.Float64, Evidence: evidence.String})
		}
	}
	return rows.Err()
}

// FindPlanByID returns a plan with its targets, their actuals, and the
// progress of the tasks that carry it out. Errors: apperr.NotFound.
func (db *DB) FindPlanByID(ctx context.Context, id int64) (PlanDetail, error) {
	p, err := scanPlan(db.queryRow(ctx, "SELECT "+planColumns+" FROM plans WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return PlanDetail{}, apperr.NotFoundf("Không tìm thấy kế hoạch số %d", "plan %d not found", id)
	}
	if err != nil {
		return PlanDetail{}, fmt.Errorf("find plan %d: %w", id, err)
	}
	ps := []work.Plan{p}
	if err := db.loadTargets(ctx, ps); err != nil {
		return PlanDetail{}, err
	}
	d := PlanDetail{Plan: ps[0]}
	startOfToday := Micro(calendar.DateOf(db.now()).Time())
	rows, err := db.query(ctx, "SELECT state, is_key, weight, progress, deadline_at FROM tasks WHERE plan_id = ?", id)
	if err != nil {
		return d, fmt.Errorf("plan %d tasks: %w", id, err)
	}
	defer rows.Close()
	var weights, weighted float64
	for rows.Next() {
		var state string
		var key bool
		var weight float64
		var progress int
		var deadline int64
		if err := rows.Scan(&state, &key, &weight, &progress, &deadline); err != nil {
			return d, err
		}
		s := work.State(state)
		if s == work.StateCancelled {
			d.Progress.Cancelled++
			continue
		}
		d.Progress.Tasks++
		if key {
			d.Progress.KeyTasks++
		}
		if s == work.StateDone {
			d.Progress.Done++
		} else if deadline < startOfToday {
			d.Progress.Overdue++
		}
		weights += weight
		weighted += weight * float64(progress)
	}
	if weights > 0 {
		d.Progress.Progress = weighted / weights
	}
	return d, rows.Err()
}
