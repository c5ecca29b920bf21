package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/evaluation"
	"congvu/internal/store"
	"congvu/internal/work"
)

// EvaluationStore is what the HTTP adapters need for civil-servant
// evaluations (internal/evaluation).
type EvaluationStore interface {
	EvaluationRuleSets(ctx context.Context, agencyID int64) ([]evaluation.RuleSet, error)
	EvaluationRuleSet(ctx context.Context, agencyID int64, version string) (evaluation.RuleSet, error)
	SaveEvaluationRules(ctx context.Context, actor audit.Actor, agencyID int64, r evaluation.RuleSet) error
	CreateEvaluation(ctx context.Context, actor audit.Actor, personID int64, p work.Period, authorize func(evaluation.Evaluation) error) (evaluation.Evaluation, error)
	FindEvaluation(ctx context.Context, id int64) (evaluation.Evaluation, error)
	ListEvaluations(ctx context.Context, f store.EvaluationFilter) ([]evaluation.Evaluation, error)
	RecordEvaluationEvent(ctx context.Context, actor audit.Actor, id int64, expectedVersion int, ev evaluation.Event,
		authorize func(evaluation.Evaluation) error) (evaluation.Evaluation, error)
	RecordDiscipline(ctx context.Context, actor audit.Actor, d store.DisciplineRecord) (store.DisciplineRecord, error)
	Disciplines(ctx context.Context, agencyID int64, year int) ([]store.DisciplineRecord, error)
	YearRatings(ctx context.Context, agencyID int64, year int) ([]evaluation.YearRating, evaluation.RuleSet, error)
	EvaluationViolations(ctx context.Context, e evaluation.Evaluation) (store.EvalViolations, error)
	AgencyYearFigures(ctx context.Context, agencyID int64, year int) (map[int64][12]work.Figures, error)
}
