package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/inspection"
)

// Lessons learned (inspection.Lesson; migration 0040), linked to a record
// of the writer's agency and shown again where they matter.

// resolveLesson finds the linked record in the lesson's agency and fills
// RefID, RefTitle and the keys that show the lesson again. A record of
// another agency, or none, is apperr.NotFound naming the field.
func (db *DB) resolveLesson(ctx context.Context, l *inspection.Lesson) error {
	notFound := apperr.New(apperr.NotFound, "ref", "Không tìm thấy "+strings.ToLower(l.Kind.Label("vi"))+" «"+l.Ref+"» trong cơ quan",
		strings.ToLower(l.Kind.Label("en"))+" "+l.Ref+" not found in the agency")
	num := func() (int64, error) {
		id, err := strconv.ParseInt(strings.TrimPrefix(l.Ref, "#"), 10, 64)
		if err != nil || id <= 0 {
			return 0, apperr.Invalidf("ref", "số %s không hợp lệ", "invalid number %s", l.Ref)
		}
		return id, nil
	}
	var agency int64
	var err error
	switch l.Kind {
	case inspection.LinkDossier:
		var project sql.NullInt64
		err = db.queryRow(ctx, `SELECT d.id, d.agency_id, d.procedure_code, p.name, d.project_id FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.code = ?`,
			l.Ref).Scan(&l.RefID, &agency, &l.ProcedureCode, &l.RefTitle, &project)
		if err == nil && project.Valid {
			err = db.queryRow(ctx, "SELECT investor_id FROM projects WHERE id = ?", project.Int64).Scan(&l.InvestorID)
		}
	case inspection.LinkProcedure:
		err = db.queryRow(ctx, "SELECT id, agency_id, code, name FROM procedures WHERE agency_id = ? AND code = ? ORDER BY version DESC LIMIT 1",
			l.AgencyID, l.Ref).Scan(&l.RefID, &agency, &l.ProcedureCode, &l.RefTitle)
	case inspection.LinkTask:
		var id int64
		if id, err = num(); err != nil {
			return err
		}
		var plan sql.NullInt64
		err = db.queryRow(ctx, "SELECT id, agency_id, title, plan_id FROM tasks WHERE id = ?", id).Scan(&l.RefID, &agency, &l.RefTitle, &plan)
		l.PlanID, l.Ref = plan.Int64, strconv.FormatInt(id, 10)
	case inspection.LinkProject:
		err = db.queryRow(ctx, "SELECT id, agency_id, name, investor_id FROM projects WHERE agency_id = ? AND code = ?", l.AgencyID, l.Ref).
			Scan(&l.RefID, &agency, &l.RefTitle, &l.InvestorID)
	case inspection.LinkInspection:
		var id int64
		if id, err = num(); err != nil {
			return err
		}
		err = db.queryRow(ctx, "SELECT id, agency_id, title FROM inspections WHERE id = ?", id).Scan(&l.RefID, &agency, &l.RefTitle)
		l.Ref = strconv.FormatInt(id, 10)
	}
	if errors.Is(err, sql.ErrNoRows) || err == nil && agency != l.AgencyID {
		return notFound
	}
	if err != nil {
		return fmt.Errorf("lesson link: %w", err)
	}
	return nil
}

// CreateLesson records a lesson about a record of l.AgencyID (the
// writer's). Errors: apperr.Invalid naming the field, apperr.NotFound (the
// record).
func (db *DB) CreateLesson(ctx context.Context, actor audit.Actor, l inspection.Lesson) (inspection.Lesson, error) {
	if err := l.Validate(); err != nil {
		return l, err
	}
	if err := db.resolveLesson(ctx, &l); err != nil {
		return l, err
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		l.ByID, l.At = actor.PersonID, tx.Now.Truncate(time.Microsecond)
		id, err := tx.InsertID(`INSERT INTO lessons (agency_id, kind, ref, ref_id, ref_title, what, cause, lesson, action, procedure_code, plan_id, investor_id,
			search_text, by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			l.AgencyID, string(l.Kind), l.Ref, l.RefID, l.RefTitle, l.What, l.Cause, l.Lesson, l.Action, l.ProcedureCode, l.PlanID, l.InvestorID,
			l.SearchText(), actor.PersonID, Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert lesson: %w", err)
		}
		l.ID = id
		return tx.AuditFor(l.AgencyID, actor, "lesson", id, "create", map[string]any{"kind": l.Kind, "ref": l.Ref})
	})
	return l, err
}

// LessonFilter picks lessons of one agency: by words (without diacritics),
// by the kind of record, or where they matter (a procedure, a plan, an
// investor; any of those given).
type LessonFilter struct {
	AgencyID      int64
	Query         string
	Kind          inspection.LinkKind
	ProcedureCode string
	PlanID        int64
	InvestorID    int64
	Limit         int // 50 by default, at most 500
}

// FindLessons returns the lessons of the filter, the latest first.
func (db *DB) FindLessons(ctx context.Context, f LessonFilter) ([]inspection.Lesson, error) {
	q := `SELECT l.id, l.agency_id, l.kind, l.ref, l.ref_id, l.ref_title, l.what, l.cause, l.lesson, l.action, l.procedure_code, l.plan_id, l.investor_id,
		l.by_id, COALESCE(p.full_name, ''), l.created_at FROM lessons l LEFT JOIN people p ON p.id = l.by_id WHERE l.agency_id = ?`
	args := []any{f.AgencyID}
	if f.Query != "" {
		q += ` AND l.search_text LIKE ? ESCAPE '\'`
		args = append(args, likeFold(f.Query))
	}
	if f.Kind != "" {
		q += " AND l.kind = ?"
		args = append(args, string(f.Kind))
	}
	var where []string
	if f.ProcedureCode != "" {
		where = append(where, "l.procedure_code = ?")
		args = append(args, f.ProcedureCode)
	}
	if f.PlanID != 0 {
		where = append(where, "l.plan_id = ?")
		args = append(args, f.PlanID)
	}
	if f.InvestorID != 0 {
		where = append(where, "l.investor_id = ?")
		args = append(args, f.InvestorID)
	}
	if len(where) > 0 {
		q += " AND (" + strings.Join(where, " OR ") + ")"
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := db.query(ctx, q+" ORDER BY l.id DESC LIMIT "+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("find lessons: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (inspection.Lesson, error) {
		var l inspection.Lesson
		var kind string
		var at int64
		err := sc.Scan(&l.ID, &l.AgencyID, &kind, &l.Ref, &l.RefID, &l.RefTitle, &l.What, &l.Cause, &l.Lesson, &l.Action, &l.ProcedureCode,
			&l.PlanID, &l.InvestorID, &l.ByID, &l.ByName, &at)
		l.Kind, l.At = inspection.LinkKind(kind), FromMicro(at)
		return l, err
	})
}
