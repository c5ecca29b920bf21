package httpx

import (
	"context"
	"time"

	"congvu/internal/appraisal"
	"congvu/internal/audit"
	"congvu/internal/dossier"
)

// AppraisalStore keeps the parallel consultations of dossiers and the
// appraisals of projects (see store/dossier_branch.go, store/appraisal.go).
type AppraisalStore interface {
	FindConsultations(ctx context.Context, f dossier.ConsultationFilter) ([]dossier.Consultation, error)
	ConsultationFigures(ctx context.Context, agencyID int64, now time.Time) ([]dossier.ConsultationFigure, error)
	AppraisalLimits(ctx context.Context, agencyID int64) ([]appraisal.LimitRule, error)
	SetAppraisalLimit(ctx context.Context, actor audit.Actor, agencyID int64, r appraisal.LimitRule) error
	FindAppraisalProject(ctx context.Context, agencyID int64, code string) (appraisal.ProjectRef, error)
	ReceiveAppraisal(ctx context.Context, actor audit.Actor, in dossier.Intake, projectCode string) (dossier.Record, string, error)
	FindProjectAppraisals(ctx context.Context, projectID int64) ([]dossier.Summary, error)
}
