package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"congvu/internal/review"
)

// draftInspectionFigures adds to a review's figures what the agency's
// inspections (internal/inspection) found in the units during the period
// [start, end): the inspections opened on them, their findings, the
// recommendations the units were given and how many are carried out; and
// the lessons written in the period about the units' tasks and dossiers.
func (db *DB) draftInspectionFigures(ctx context.Context, units []int64, start, end int64, f *review.Figures) error {
	rows, err := db.query(ctx, `SELECT i.id, i.unit_ids, (SELECT COUNT(*) FROM inspection_findings x WHERE x.inspection_id = i.id)
		FROM inspections i WHERE i.created_at >= ? AND i.created_at < ?`, start, end)
	if err != nil {
		return fmt.Errorf("review inspections: %w", err)
	}
	inspections, findings := 0, 0
	for rows.Next() {
		var id int64
		var raw string
		var n int
		if err := rows.Scan(&id, &raw, &n); err != nil {
			rows.Close()
			return err
		}
		var ids []int64
		if json.Unmarshal([]byte(raw), &ids) != nil {
			continue
		}
		for _, u := range ids {
			if slices.Contains(units, u) {
				inspections, findings = inspections+1, findings+n
				break
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	in := placeholders(len(units))
	args := []any{}
	for _, u := range units {
		args = append(args, u)
	}
	var given, done int
	if err := db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN t.state = 'done' THEN 1 ELSE 0 END), 0) FROM inspection_recommendations r
		JOIN tasks t ON t.id = r.task_id WHERE r.owner_unit_id IN (`+in+`) AND r.at >= ? AND r.at < ?`, append(args, start, end)...).Scan(&given, &done); err != nil {
		return fmt.Errorf("review recommendations: %w", err)
	}
	if inspections+given > 0 {
		f.Inspections = []review.Count{
			{Label: "Cuộc kiểm tra", Value: inspections},
			{Label: "Tồn tại, vi phạm phát hiện", Value: findings},
			{Label: "Kiến nghị được giao", Value: given},
			{Label: "Kiến nghị đã thực hiện xong", Value: done},
		}
	}
	lessons, err := db.query(ctx, `SELECT l.lesson FROM lessons l WHERE l.created_at >= ? AND l.created_at < ? AND (
		(l.kind = 'task' AND l.ref_id IN (SELECT id FROM tasks WHERE lead_unit_id IN (`+in+`))) OR
		(l.kind = 'dossier' AND l.ref_id IN (SELECT id FROM dossiers WHERE lead_unit_id IN (`+in+`)))) ORDER BY l.id LIMIT 20`,
		append(append([]any{start, end}, args...), args...)...)
	if err != nil {
		return fmt.Errorf("review lessons: %w", err)
	}
	defer lessons.Close()
	for lessons.Next() {
		var s string
		if err := lessons.Scan(&s); err != nil {
			return err
		}
		f.Lessons = append(f.Lessons, s)
	}
	return lessons.Err()
}
