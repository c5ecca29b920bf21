package store

import (
	"context"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/review"
)

// EvalViolations is what a person's violations do to an evaluation: those
// of its period lower the head's common points, those of its year force
// KHTNV when one is at the discipline severity. InPeriod are the period's
// own, oldest first, for the evaluation page to list beside the points.
type EvalViolations struct {
	Period, Year review.Effect
	InPeriod     []review.Violation
	Rule         review.DeductionRule
}

// EvaluationViolations reads the person's violations of e's year and sums
// them for e's period and the year with the deduction rule
// (review.DefaultDeduction; UNVERIFIED, DOMAIN.md §3).
func (db *DB) EvaluationViolations(ctx context.Context, e evaluation.Evaluation) (EvalViolations, error) {
	jan := calendar.Date{Year: e.Period.Year, Month: time.January, Day: 1}
	dec := calendar.Date{Year: e.Period.Year, Month: time.December, Day: 31}
	vs, err := db.Violations(ctx, e.PersonID, jan, dec)
	if err != nil {
		return EvalViolations{}, err
	}
	rule := review.DefaultDeduction
	from, to := e.Period.Start(), e.Period.End()
	out := EvalViolations{Rule: rule, Period: review.EffectOf(rule, vs, from, to), Year: review.EffectOf(rule, vs, jan, dec)}
	for _, v := range vs {
		if !v.On.Before(from) && !to.Before(v.On) {
			out.InPeriod = append(out.InPeriod, v)
		}
	}
	return out, nil
}
