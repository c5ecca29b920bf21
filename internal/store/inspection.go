package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/file"
	"congvu/internal/investment"
)

// Inspections of projects (kiểm tra dự án, Luật Đầu tư công 58/2024/QH15
// Art 73–74; migration 0026).

// RecordInspection records an inspection of a project, journalled
// ("project", code, "inspection"). The caller has checked that the actor
// may manage the project. Errors: apperr.Invalid naming the field,
// apperr.NotFound.
func (db *DB) RecordInspection(ctx context.Context, actor audit.Actor, projectID int64, in investment.Inspection) (investment.Inspection, error) {
	in.Inspectors, in.Findings, in.Conclusion = strings.TrimSpace(in.Inspectors), strings.TrimSpace(in.Findings), strings.TrimSpace(in.Conclusion)
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := in.Validate(calendar.DateOf(tx.Now)); err != nil {
			return err
		}
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		in.ProjectID, in.CreatedBy, in.CreatedAt = projectID, actor.PersonID, tx.Now.Truncate(time.Microsecond)
		in.ID, err = tx.InsertID(`INSERT INTO project_inspections (project_id, inspected_on, inspectors, findings, conclusion, conclusion_file_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, projectID, in.On.String(), in.Inspectors, in.Findings, in.Conclusion, nullID(in.ConclusionFileID), nullID(actor.PersonID), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert inspection: %w", err)
		}
		if err := linkProjectFile(tx, actor, projectID, in.ConclusionFileID, "conclusion_file_id", file.SlotConclusion); err != nil {
			return err
		}
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, "inspection", map[string]any{"inspection_id": in.ID, "date": in.On.String(),
			"inspectors": in.Inspectors, "file_id": in.ConclusionFileID})
	})
	return in, err
}

// FindInspections lists a project's inspections, the latest first.
func (db *DB) FindInspections(ctx context.Context, projectID int64) ([]investment.Inspection, error) {
	rows, err := db.query(ctx, `SELECT id, project_id, inspected_on, inspectors, findings, conclusion, COALESCE(conclusion_file_id, 0), COALESCE(created_by, 0), created_at
		FROM project_inspections WHERE project_id = ? ORDER BY inspected_on DESC, id DESC`, projectID)
	if err != nil {
		return nil, fmt.Errorf("find inspections: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.Inspection, error) {
		var in investment.Inspection
		var on string
		var at int64
		if err := sc.Scan(&in.ID, &in.ProjectID, &on, &in.Inspectors, &in.Findings, &in.Conclusion, &in.ConclusionFileID, &in.CreatedBy, &at); err != nil {
			return in, err
		}
		in.CreatedAt = FromMicro(at)
		var err error
		in.On, err = calendar.ParseDate(on)
		return in, err
	})
}
