package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
)

// The agency's inspections of process adherence (internal/inspection;
// migration 0040): the year's plan, each inspection with its sample drawn
// from the records and the checklists computed from them, findings,
// recommendations carried out as tasks, the conclusion. The project
// inspections of public investment are inspection.go's.

// CreateInspectionPlan opens the year's plan of an agency. Errors:
// apperr.Invalid, apperr.Conflict (the year has one).
func (db *DB) CreateInspectionPlan(ctx context.Context, actor audit.Actor, p inspection.Plan) (inspection.Plan, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM inspection_plans WHERE agency_id = ? AND year = ?", p.AgencyID, p.Year).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflictf("Cơ quan đã có kế hoạch kiểm tra năm %d", "The agency already has an inspection plan for %d", p.Year)
		}
		p.CreatedBy, p.CreatedAt = actor.PersonID, tx.Now.Truncate(time.Microsecond)
		id, err := tx.InsertID("INSERT INTO inspection_plans (agency_id, year, title, decision, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			p.AgencyID, p.Year, p.Title, p.Decision, actor.PersonID, Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert inspection plan: %w", err)
		}
		p.ID = id
		return tx.AuditFor(p.AgencyID, actor, "inspection_plan", id, "create", map[string]any{"year": p.Year, "title": p.Title})
	})
	return p, err
}

// InspectionPlans returns an agency's plans, the latest year first.
func (db *DB) InspectionPlans(ctx context.Context, agencyID int64) ([]inspection.Plan, error) {
	rows, err := db.query(ctx, "SELECT id, agency_id, year, title, decision, created_by, created_at FROM inspection_plans WHERE agency_id = ? ORDER BY year DESC", agencyID)
	if err != nil {
		return nil, fmt.Errorf("inspection plans: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (inspection.Plan, error) {
		var p inspection.Plan
		var at int64
		err := sc.Scan(&p.ID, &p.AgencyID, &p.Year, &p.Title, &p.Decision, &p.CreatedBy, &at)
		p.CreatedAt = FromMicro(at)
		return p, err
	})
}

// inspectionPopulation returns the ids the sample is drawn from: the
// inspected units' (and their sub-units') dossiers received, tasks
// assigned, or projects running, in the period.
func (db *DB) inspectionPopulation(ctx context.Context, in inspection.Inspection) ([]int64, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range in.UnitIDs {
		if unit, ok := tree.Unit(u); !ok || tree.AgencyOf(unit.ID) != in.AgencyID {
			return nil, apperr.Invalidf("unit_ids", "không có đơn vị số %d trong cơ quan", "no unit %d in the agency", u)
		}
	}
	units := tree.AgencySubtree(in.UnitIDs...)
	args := []any{in.AgencyID}
	for _, u := range units {
		args = append(args, u)
	}
	from := in.From.Time()
	to := in.To.AddDays(1).Time()
	var q string
	switch in.Subject {
	case inspection.SubjectDossier:
		q = "SELECT id FROM dossiers WHERE agency_id = ? AND lead_unit_id IN (" + placeholders(len(units)) + ") AND received_at >= ? AND received_at < ?"
		args = append(args, Micro(from), Micro(to))
	case inspection.SubjectTask:
		q = "SELECT id FROM tasks WHERE agency_id = ? AND lead_unit_id IN (" + placeholders(len(units)) + ") AND assigned_at >= ? AND assigned_at < ? AND parent_id IS NULL"
		args = append(args, Micro(from), Micro(to))
	default:
		q = "SELECT id FROM projects WHERE agency_id = ? AND managing_unit_id IN (" + placeholders(len(units)) + ") AND start_year <= ? AND end_year >= ?"
		args = append(args, in.To.Year, in.From.Year)
	}
	return collectRowsQ(db, ctx, q+" ORDER BY id", args...)
}

// sampleItems reads each sampled record and computes its checklist.
func (db *DB) sampleItems(ctx context.Context, subject inspection.Subject, ids []int64, now time.Time) ([]inspection.Item, error) {
	var out []inspection.Item
	switch subject {
	case inspection.SubjectDossier:
		for _, id := range ids {
			var code string
			if err := db.queryRow(ctx, "SELECT code FROM dossiers WHERE id = ?", id).Scan(&code); err != nil {
				return nil, fmt.Errorf("sampled dossier %d: %w", id, err)
			}
			rec, err := db.FindDossierByCode(ctx, code)
			if err != nil {
				return nil, err
			}
			out = append(out, inspection.Item{Subject: subject, RefID: id, Ref: code,
				Title: rec.Procedure.Code + " " + rec.Procedure.Name, Checks: inspection.DossierChecks(rec, now)})
		}
	case inspection.SubjectTask:
		hs, err := db.TasksWithHistory(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			out = append(out, inspection.Item{Subject: subject, RefID: h.Task.ID, Ref: "#" + strconv.FormatInt(h.Task.ID, 10),
				Title: h.Task.Title, Checks: inspection.TaskChecks(h, now)})
		}
	default:
		for _, id := range ids {
			p, err := db.FindProjectByID(ctx, id)
			if err != nil {
				return nil, err
			}
			out = append(out, inspection.Item{Subject: subject, RefID: id, Ref: p.Code, Title: p.Name, Checks: inspection.ProjectChecks()})
		}
	}
	return out, nil
}

// CreateInspection opens an inspection of a plan: it draws the sample with
// in.Seed from the units' records of the period, computes each item's
// checklist, and stores it all, led by actor (the caller has checked that
// they may conduct inspections). Members must be people of the agency.
// Errors: apperr.Invalid naming the field, apperr.NotFound (the plan).
func (db *DB) CreateInspection(ctx context.Context, actor audit.Actor, in inspection.Inspection) (inspection.Inspection, error) {
	if err := in.Validate(); err != nil {
		return in, err
	}
	var planAgency int64
	err := db.queryRow(ctx, "SELECT agency_id FROM inspection_plans WHERE id = ?", in.PlanID).Scan(&planAgency)
	if errors.Is(err, sql.ErrNoRows) || err == nil && planAgency != in.AgencyID {
		return in, apperr.Invalidf("plan_id", "không có kế hoạch kiểm tra số %d của cơ quan", "no inspection plan %d in the agency", in.PlanID)
	}
	if err != nil {
		return in, fmt.Errorf("inspection plan: %w", err)
	}
	pop, err := db.inspectionPopulation(ctx, in)
	if err != nil {
		return in, err
	}
	sample := inspection.Sample(pop, in.SampleSize, in.Seed)
	if len(sample) == 0 {
		return in, apperr.New(apperr.Invalid, "unit_ids",
			fmt.Sprintf("các đơn vị không có %s nào trong khoảng thời gian đã chọn để lấy mẫu", strings.ToLower(in.Subject.Label("vi"))),
			fmt.Sprintf("the units have no %s in the period to sample", strings.ToLower(in.Subject.Label("en"))))
	}
	now := db.now()
	items, err := db.sampleItems(ctx, in.Subject, sample, now)
	if err != nil {
		return in, err
	}
	in.LeadID, in.Status, in.Population, in.Items, in.Version = actor.PersonID, inspection.Open, len(pop), items, 1
	units, _ := json.Marshal(in.UnitIDs)
	if in.Members == nil {
		in.Members = []int64{}
	}
	members, _ := json.Marshal(in.Members)
	err = db.InTx(ctx, func(tx *Tx) error {
		for _, m := range in.Members {
			var agency int64
			if err := tx.QueryRow("SELECT agency_id FROM people WHERE id = ?", m).Scan(&agency); err != nil || agency != in.AgencyID {
				return apperr.Invalidf("members", "không có cán bộ số %d trong cơ quan", "no person %d in the agency", m)
			}
		}
		in.CreatedAt = tx.Now.Truncate(time.Microsecond)
		id, err := tx.InsertID(`INSERT INTO inspections (agency_id, plan_id, title, subject, unit_ids, from_day, to_day, sample_size, seed, population,
			lead_id, members, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			in.AgencyID, in.PlanID, in.Title, string(in.Subject), string(units), in.From.String(), in.To.String(), in.SampleSize,
			strconv.FormatUint(in.Seed, 10), in.Population, in.LeadID, string(members), string(in.Status), Micro(tx.Now), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert inspection: %w", err)
		}
		in.ID = id
		for i, it := range items {
			checks, _ := json.Marshal(it.Checks)
			if _, err := tx.Exec("INSERT INTO inspection_items (inspection_id, pos, subject, ref_id, ref, title, checks) VALUES (?, ?, ?, ?, ?, ?, ?)",
				id, i, string(it.Subject), it.RefID, it.Ref, it.Title, string(checks)); err != nil {
				return fmt.Errorf("insert inspection item: %w", err)
			}
		}
		return tx.AuditFor(in.AgencyID, actor, "inspection", id, "create", map[string]any{"plan_id": in.PlanID, "subject": in.Subject,
			"units": in.UnitIDs, "from": in.From.String(), "to": in.To.String(), "seed": strconv.FormatUint(in.Seed, 10),
			"population": in.Population, "sample": sample})
	})
	return in, err
}

// InspectionRow is one line of the list of inspections.
type InspectionRow struct {
	ID              int64
	PlanID          int64
	Year            int
	Title           string
	Subject         inspection.Subject
	Status          inspection.Status
	From, To        calendar.Date
	Items, Findings int
	Open, Closed    int // recommendations whose task is open, closed
	LeadID          int64
}

// ListInspections returns an agency's inspections of a year (every year
// when 0), the latest first.
func (db *DB) ListInspections(ctx context.Context, agencyID int64, year int) ([]InspectionRow, error) {
	q := `SELECT i.id, i.plan_id, p.year, i.title, i.subject, i.status, i.from_day, i.to_day, i.lead_id,
		(SELECT COUNT(*) FROM inspection_items x WHERE x.inspection_id = i.id),
		(SELECT COUNT(*) FROM inspection_findings f WHERE f.inspection_id = i.id),
		(SELECT COUNT(*) FROM inspection_recommendations r JOIN tasks t ON t.id = r.task_id WHERE r.inspection_id = i.id AND t.state NOT IN ('done', 'cancelled')),
		(SELECT COUNT(*) FROM inspection_recommendations r JOIN tasks t ON t.id = r.task_id WHERE r.inspection_id = i.id AND t.state IN ('done', 'cancelled'))
		FROM inspections i JOIN inspection_plans p ON p.id = i.plan_id WHERE i.agency_id = ?`
	args := []any{agencyID}
	if year != 0 {
		q += " AND p.year = ?"
		args = append(args, year)
	}
	rows, err := db.query(ctx, q+" ORDER BY i.id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("list inspections: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (InspectionRow, error) {
		var r InspectionRow
		var from, to, subject, status string
		if err := sc.Scan(&r.ID, &r.PlanID, &r.Year, &r.Title, &subject, &status, &from, &to, &r.LeadID, &r.Items, &r.Findings, &r.Open, &r.Closed); err != nil {
			return r, err
		}
		r.Subject, r.Status = inspection.Subject(subject), inspection.Status(status)
		r.From, _ = calendar.ParseDate(from)
		r.To, _ = calendar.ParseDate(to)
		return r, nil
	})
}

// EnsureInspectionPlan returns the agency's plan of the year, opening one
// with a plain title when there is none (an inspection opened through the
// API without naming its plan).
func (db *DB) EnsureInspectionPlan(ctx context.Context, actor audit.Actor, agencyID int64, year int) (inspection.Plan, error) {
	plans, err := db.InspectionPlans(ctx, agencyID)
	if err != nil {
		return inspection.Plan{}, err
	}
	for _, p := range plans {
		if p.Year == year {
			return p, nil
		}
	}
	p, err := db.CreateInspectionPlan(ctx, actor, inspection.Plan{AgencyID: agencyID, Year: year, Title: fmt.Sprintf("Kế hoạch kiểm tra năm %d", year)})
	if apperr.Is(err, apperr.Conflict) { // opened meanwhile
		return db.EnsureInspectionPlan(ctx, actor, agencyID, year)
	}
	return p, err
}
