package store

import (
	"context"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/review"
)

// evalViolations is what a person's violations do to an evaluation: those
// of its period lower the head's common points, those of its year force
// KHTNV when one is at the discipline severity.
type evalViolations struct {
	period, year review.Effect
}

// violationEffect reads the person's violations of e's year and sums them
// for e's period and the year with the deduction rule
// (review.DefaultDeduction; UNVERIFIED, DOMAIN.md §3).
func (db *DB) violationEffect(ctx context.Context, e evaluation.Evaluation) (evalViolations, error) {
	jan := calendar.Date{Year: e.Period.Year, Month: time.January, Day: 1}
	dec := calendar.Date{Year: e.Period.Year, Month: time.December, Day: 31}
	vs, err := db.Violations(ctx, e.PersonID, jan, dec)
	if err != nil {
		return evalViolations{}, err
	}
	rule := review.DefaultDeduction
	return evalViolations{
		period: review.EffectOf(rule, vs, e.Period.Start(), e.Period.End()),
		year:   review.EffectOf(rule, vs, jan, dec),
	}, nil
}
