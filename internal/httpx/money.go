package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// MoneyStore is the capital plans and disbursement of the investment
// register (store/capital_plan.go, store/disbursement*.go).
type MoneyStore interface {
	FindInvestorByID(ctx context.Context, id int64) (investment.Investor, error)
	FindProjectByCode(ctx context.Context, agencyID int64, code string) (investment.Project, error)
	RegisterOf(ctx context.Context, agency int64) (int64, error)
	InvestorOfUnit(ctx context.Context, unit int64) (int64, error)
	RecordCapitalPlan(ctx context.Context, r investment.Reporter, code string, in investment.PlanInput) (investment.CapitalPlan, error)
	RecordExtension(ctx context.Context, r investment.Reporter, code string, e investment.Extension) error
	RecordDisbursements(ctx context.Context, r investment.Reporter, rows []investment.FigureRow) ([]investment.Figure, error)
	DisbursementTotals(ctx context.Context, f investment.StatsFilter) (investment.Totals, error)
	DisbursementBreakdown(ctx context.Context, f investment.StatsFilter, dim string) ([]store.Breakdown, error)
	BelowCurve(ctx context.Context, f investment.StatsFilter, curve investment.Curve, limit int) ([]investment.ProjectRate, int, error)
	ProjectSeries(ctx context.Context, project int64, year int) ([]investment.Series, error)
	CapitalPlans(ctx context.Context, project int64) ([]investment.CapitalPlan, error)
	Extensions(ctx context.Context, project int64) ([]investment.Extension, error)
	DisbursementHistory(ctx context.Context, project int64, year int) ([]store.FigureEvent, error)
	DisbursementCurves(ctx context.Context, agency int64) ([]investment.Curve, error)
	CurveFor(ctx context.Context, agency int64, year int) (investment.Curve, error)
	SetDisbursementCurve(ctx context.Context, actor audit.Actor, agency int64, c investment.Curve) error
}
