package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/appraisal"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// AppraisalLimits returns an agency's own appraisal time limits
// (appraisal_limits); appraisal.PickLimit falls back on the defaults.
func (db *DB) AppraisalLimits(ctx context.Context, agencyID int64) ([]appraisal.LimitRule, error) {
	rows, err := db.query(ctx, `SELECT procedure_code, grp, effective_from, limit_value, limit_unit, verified, basis
		FROM appraisal_limits WHERE agency_id = ? ORDER BY procedure_code, grp, effective_from`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("appraisal limits: %w", err)
	}
	defer rows.Close()
	var out []appraisal.LimitRule
	for rows.Next() {
		var r appraisal.LimitRule
		var eff, unit string
		if err := rows.Scan(&r.ProcedureCode, &r.Group, &eff, &r.Limit.Value, &unit, &r.Verified, &r.Basis); err != nil {
			return nil, fmt.Errorf("appraisal limits: %w", err)
		}
		if r.EffectiveFrom, err = calendar.ParseDate(eff); err != nil {
			return nil, fmt.Errorf("appraisal limits: %w", err)
		}
		r.Limit.Unit = calendar.WorkingDays
		if unit == "calendar_days" {
			r.Limit.Unit = calendar.CalendarDays
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetAppraisalLimit records an agency's time limit for a kind of appraisal
// and a project group from a date (replacing one of the same date), as an
// administrator changes a rule that is data (DOMAIN.md §0); journaled.
// Dossiers already received keep the limit they started with.
func (db *DB) SetAppraisalLimit(ctx context.Context, actor audit.Actor, agencyID int64, r appraisal.LimitRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.Write("set appraisal limit", `INSERT INTO appraisal_limits (agency_id, procedure_code, grp, effective_from, limit_value, limit_unit, verified, basis, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (agency_id, procedure_code, grp, effective_from) DO UPDATE SET limit_value = excluded.limit_value,
			limit_unit = excluded.limit_unit, verified = excluded.verified, basis = excluded.basis`,
			agencyID, r.ProcedureCode, r.Group, r.EffectiveFrom.String(), r.Limit.Value, r.Limit.Unit.String(), r.Verified, r.Basis, Micro(tx.Now)); err != nil {
			return err
		}
		return tx.AuditFor(agencyID, actor, "appraisal_limit", r.ProcedureCode+"/"+r.Group, "set", map[string]any{
			"effective_from": r.EffectiveFrom.String(), "limit": r.Limit.Value, "unit": r.Limit.Unit.String(), "verified": r.Verified})
	})
}

// FindAppraisalProject returns the project of an agency's register with
// that code. Errors: apperr.Invalid on project_code when there is none, so
// that an intake naming an unknown project is a 400 naming the field.
func (db *DB) FindAppraisalProject(ctx context.Context, agencyID int64, code string) (appraisal.ProjectRef, error) {
	p := appraisal.ProjectRef{Code: code}
	err := db.queryRow(ctx, "SELECT id, name, grp FROM projects WHERE agency_id = ? AND code = ?", agencyID, code).Scan(&p.ID, &p.Name, &p.Group)
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.Invalidf("project_code", "không có dự án mã %q trong danh mục của cơ quan", "no project %q in the agency's register", code)
	}
	if err != nil {
		return p, fmt.Errorf("find project %s: %w", code, err)
	}
	return p, nil
}

// ReceiveAppraisal takes an appraisal dossier in for a project: the
// procedure must be an appraisal's (appraisal.KindOf), the project one of
// the agency's register, and the dossier's time limit is the rule in force
// on the day of receipt for the project's group (appraisal.PickLimit).
// Then as ReceiveDossier: one transaction, journaled.
func (db *DB) ReceiveAppraisal(ctx context.Context, actor audit.Actor, in dossier.Intake, projectCode string) (dossier.Record, string, error) {
	if _, ok := appraisal.KindOf(in.ProcedureCode); !ok {
		return dossier.Record{}, "", apperr.Invalidf("project_code", "thủ tục %s không phải thủ tục thẩm định: không gắn được với dự án",
			"procedure %s is not an appraisal: it cannot refer to a project", in.ProcedureCode)
	}
	p, err := db.FindAppraisalProject(ctx, in.AgencyID, projectCode)
	if err != nil {
		return dossier.Record{}, "", err
	}
	rules, err := db.AppraisalLimits(ctx, in.AgencyID)
	if err != nil {
		return dossier.Record{}, "", err
	}
	day := calendar.DateOf(db.now())
	if !in.ReceivedAt.IsZero() {
		day = calendar.DateOf(in.ReceivedAt)
	}
	rule, err := appraisal.PickLimit(rules, in.ProcedureCode, p.Group, day)
	if err != nil {
		return dossier.Record{}, "", err
	}
	l := rule.Limit
	in.ProjectID, in.Limit = p.ID, &l
	return db.ReceiveDossier(ctx, actor, in)
}

// FindProjectAppraisals lists the appraisal dossiers of a project, newest
// first.
func (db *DB) FindProjectAppraisals(ctx context.Context, projectID int64) ([]dossier.Summary, error) {
	rows, err := db.query(ctx, `SELECT d.code, d.procedure_code, p.name, d.applicant_name, d.status, d.received_at, d.statutory_due_at, d.paused_at,
		d.completed_at, d.result, d.version, d.current_unit_id
		FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.project_id = ? ORDER BY d.id DESC LIMIT 200`, projectID)
	if err != nil {
		return nil, fmt.Errorf("project appraisals: %w", err)
	}
	defer rows.Close()
	var out []dossier.Summary
	for rows.Next() {
		var s dossier.Summary
		var status int
		var received, due, paused, completed, unit sql.NullInt64
		var result string
		if err := rows.Scan(&s.Code, &s.ProcedureCode, &s.ProcedureName, &s.ApplicantName, &status, &received, &due, &paused,
			&completed, &result, &s.Version, &unit); err != nil {
			return nil, fmt.Errorf("project appraisals: %w", err)
		}
		s.Status, s.CurrentUnitID = dossier.Status(status), unit.Int64
		if received.Valid {
			s.ReceivedAt = FromMicro(received.Int64)
		}
		if due.Valid {
			s.StatutoryDue, s.AppointedDue = FromMicro(due.Int64), FromMicro(due.Int64)
		}
		s.PausedAt = fromNullMicro(paused)
		if completed.Valid {
			s.CompletedAt = FromMicro(completed.Int64)
		}
		s.Result = resultFromCode(result)
		out = append(out, s)
	}
	return out, rows.Err()
}

// limitPayload journals a dossier's own limit, nil for the procedure's.
func limitPayload(l *calendar.Limit) any {
	if l == nil {
		return nil
	}
	return map[string]any{"value": l.Value, "unit": l.Unit.String()}
}
