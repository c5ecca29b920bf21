package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/inspection"
	"congvu/internal/store"
)

// InspectionStore is what the HTTP adapters need for the agency's
// inspections and its lessons learned (internal/inspection).
type InspectionStore interface {
	CreateInspectionPlan(ctx context.Context, actor audit.Actor, p inspection.Plan) (inspection.Plan, error)
	InspectionPlans(ctx context.Context, agencyID int64) ([]inspection.Plan, error)
	EnsureInspectionPlan(ctx context.Context, actor audit.Actor, agencyID int64, year int) (inspection.Plan, error)
	CreateInspection(ctx context.Context, actor audit.Actor, in inspection.Inspection) (inspection.Inspection, error)
	ListInspections(ctx context.Context, agencyID int64, year int) ([]store.InspectionRow, error)
	FindInspection(ctx context.Context, id int64) (inspection.Inspection, error)
	RecordInspectionCheck(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error,
		refID int64, code inspection.Code, verdict inspection.Verdict, detail string) (inspection.Inspection, error)
	AddInspectionFinding(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error, f inspection.Finding) (inspection.Inspection, error)
	AddInspectionRecommendation(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error,
		r inspection.Recommendation) (inspection.Inspection, error)
	ConcludeInspection(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error, c inspection.Conclusion) (inspection.Inspection, error)
	CreateLesson(ctx context.Context, actor audit.Actor, l inspection.Lesson) (inspection.Lesson, error)
	FindLessons(ctx context.Context, f store.LessonFilter) ([]inspection.Lesson, error)
}
