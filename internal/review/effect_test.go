package review_test

import (
	"testing"

	"congvu/internal/evaluation"
	"congvu/internal/review"
	"congvu/internal/work"
)

// TestViolationsFeedTheEvaluation: reminders cost common points of the
// discipline criterion; a discipline (khiển trách or above) in the year
// rates the person KHTNV whatever their score (NĐ 335/2025; DOMAIN.md §3),
// through evaluation's own rules.
func TestViolationsFeedTheEvaluation(t *testing.T) {
	r := evaluation.ND335()
	from, to := review.Period{Kind: review.Year, Year: 2026}.Bounds()
	common := map[string]float64{"politics": 10, "capacity": 10, "innovation": 10}
	for _, c := range []struct {
		name     string
		vs       []review.Violation
		politics float64
		grade    work.Grade
	}{
		{"none", nil, 10, work.Excellent},
		{"two reminders", []review.Violation{{On: from, Severity: review.Reminder}, {On: to, Severity: review.Reminder}}, 6, work.Good},
		{"a discipline", []review.Violation{{On: from.AddDays(40), Severity: review.Discipline}}, 10, work.Failed},
	} {
		e := review.EffectOf(review.DefaultDeduction, c.vs, from, to)
		got := e.Apply(common, review.DisciplineCriterion)
		if got["politics"] != c.politics || common["politics"] != 10 {
			t.Errorf("%s: politics %v (input now %v), want %v", c.name, got["politics"], common["politics"], c.politics)
		}
		total := got["politics"] + got["capacity"] + got["innovation"] + 62 // task points
		if g := r.Level(total, e.Disciplined); g != c.grade {
			t.Errorf("%s: total %v → %s, want %s", c.name, total, g, c.grade)
		}
		y := evaluation.RateYear(r, evaluation.YearRating{Periods: []evaluation.PeriodResult{{Total: 95}}, Disciplined: e.Disciplined})
		if e.Disciplined != (y.Grade == work.Failed) {
			t.Errorf("%s: year %s with disciplined=%v", c.name, y.Grade, e.Disciplined)
		}
	}
}
