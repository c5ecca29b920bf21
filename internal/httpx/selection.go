package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// SelectionStore keeps the contractor-selection plans, their posting
// deadlines, the supervision reports and the inspections of projects (see
// store/selection_plan.go, selection_posting.go, supervision.go,
// inspection.go).
type SelectionStore interface {
	FindPackages(ctx context.Context, projectID int64) ([]investment.Package, error)
	AddPackage(ctx context.Context, actor audit.Actor, projectID int64, in investment.PackageInput) (investment.Package, error)
	UpdatePackage(ctx context.Context, actor audit.Actor, projectID, packageID int64, in investment.PackageInput) (investment.Package, error)
	FindPlanVersions(ctx context.Context, projectID int64) ([]investment.PlanVersion, error)
	ApprovePlanVersion(ctx context.Context, actor audit.Actor, projectID int64, d investment.Decision) (investment.PlanVersion, error)
	RecordSelectionResult(ctx context.Context, actor audit.Actor, projectID, packageID int64, r investment.SelectionResult) (investment.SelectionResult, error)
	FindPostings(ctx context.Context, f store.PostingFilter) ([]store.PostingRow, error)
	RecordPosting(ctx context.Context, actor audit.Actor, projectID, postingID int64, posted calendar.Date) (investment.PostingDoc, error)
	SupervisionRules(ctx context.Context) ([]investment.DueRule, error)
	SetSupervisionRule(ctx context.Context, actor audit.Actor, r investment.DueRule) error
	FindObligations(ctx context.Context, projectID int64) ([]investment.Obligation, error)
	SubmitSupervisionReport(ctx context.Context, actor audit.Actor, projectID int64, key string, s investment.Submission) (investment.Obligation, error)
	FindObligationsAcross(ctx context.Context, f store.ObligationFilter) ([]store.ObligationRow, error)
	RecordInspection(ctx context.Context, actor audit.Actor, projectID int64, in investment.Inspection) (investment.Inspection, error)
	FindInspections(ctx context.Context, projectID int64) ([]investment.Inspection, error)
}
