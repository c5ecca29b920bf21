package evaluation

import (
	"congvu/internal/calendar"
	"congvu/internal/work"
)

// YearDeadline is the day by which the yearly rating is made: 15 December
// (NĐ 335/2025 Art 21).
func YearDeadline(year int) calendar.Date {
	return calendar.Date{Year: year, Month: 12, Day: 15}
}

// PeriodResult is one approved month or quarter of a person's year.
type PeriodResult struct {
	Period work.Period
	Total  float64
	Grade  work.Grade
}

// YearRating is a person's yearly rating: the average of the approved
// periods' totals (NĐ 335/2025 Art 21), rated on r's thresholds, KHTNV when
// disciplined in the year. Under NĐ 90 (no points) the level is the
// lowest of the periods' levels (UNVERIFIED). Periods counts the periods
// averaged; Rated is false without any.
type YearRating struct {
	PersonID    int64
	PersonName  string
	UnitID      int64
	Group       Group
	Periods     []PeriodResult
	Average     float64
	Grade       work.Grade
	Disciplined bool
	Rated       bool
}

// RateYear rates y from its approved periods.
func RateYear(r RuleSet, y YearRating) YearRating {
	y.Rated = len(y.Periods) > 0
	if !y.Rated {
		y.Grade = ""
		if y.Disciplined {
			y.Grade = work.Failed
		}
		return y
	}
	if r.Scheme == SchemeND90 {
		rank := map[work.Grade]int{work.Excellent: 4, work.Good: 3, work.Completed: 2, work.Failed: 1}
		y.Grade = work.Excellent
		for _, p := range y.Periods {
			if rank[p.Grade] < rank[y.Grade] {
				y.Grade = p.Grade
			}
		}
		if y.Disciplined {
			y.Grade = work.Failed
		}
		return y
	}
	sum := 0.0
	for _, p := range y.Periods {
		sum += p.Total
	}
	y.Average = round2(sum / float64(len(y.Periods)))
	y.Grade = r.Level(y.Average, y.Disciplined)
	return y
}

// QuotaOver reports, for a group's yearly ratings, the tally and whether
// HTXSNV exceed the quota (the approver then lowers some before the year
// is closed).
func QuotaOver(r RuleSet, ys []YearRating, g Group) (Tally, bool) {
	var t Tally
	for _, y := range ys {
		if y.Group == g && y.Rated {
			t.Add(y.Grade)
		}
	}
	return t, t.Excellent > QuotaAllowed(r.QuotaPercent, t.Good)
}

// AgencyScore is the agency's own score on the same 100-point scale
// (NĐ 335/2025: agencies are scored 30 + 70, their 70 including the
// results of resolving administrative procedures). UNVERIFIED formula:
// the 70 is TaskPoints × the mean of (the average task-result ratio of the
// agency's approved evaluations) and (the share of dossiers resolved on
// time); the 30 are the superior's to give and are left blank here.
type AgencyScore struct {
	TaskRatio     float64 // mean of the staff's task-result points ÷ TaskPoints, 0–1
	DossierRatio  float64 // dossiers resolved on time ÷ resolved, 0–1
	Dossiers      int
	Evaluations   int
	Points        float64 // of TaskPoints
	HasDossiers   bool
	HasEvaluation bool
}

// ScoreAgency computes the agency's 70 from the task points of its
// approved evaluations and its dossiers resolved (on time of all).
func ScoreAgency(r RuleSet, taskPoints []float64, onTime, resolved int) AgencyScore {
	a := AgencyScore{Dossiers: resolved, Evaluations: len(taskPoints)}
	parts, sum := 0, 0.0
	if len(taskPoints) > 0 && r.TaskPoints > 0 {
		t := 0.0
		for _, p := range taskPoints {
			t += p
		}
		a.TaskRatio = t / float64(len(taskPoints)) / r.TaskPoints
		a.HasEvaluation = true
		parts++
		sum += a.TaskRatio
	}
	if resolved > 0 {
		a.DossierRatio = float64(onTime) / float64(resolved)
		a.HasDossiers = true
		parts++
		sum += a.DossierRatio
	}
	if parts > 0 {
		a.Points = round2(r.TaskPoints * sum / float64(parts))
	}
	return a
}
