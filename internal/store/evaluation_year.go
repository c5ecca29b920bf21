package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/work"
)

// YearRatings rates an agency's year (NĐ 335/2025 Art 21): for every person
// with an evaluation in the year, the average of their approved periods
// (months, or quarters when they have no approved month) rated on the
// rules in force on 1 January, KHTNV when disciplined in the year. It
// returns the ratings by unit and name and the rules used.
func (db *DB) YearRatings(ctx context.Context, agencyID int64, year int) ([]evaluation.YearRating, evaluation.RuleSet, error) {
	sets, err := db.EvaluationRuleSets(ctx, agencyID)
	if err != nil {
		return nil, evaluation.RuleSet{}, err
	}
	r, _ := evaluation.InForce(sets, calendar.Date{Year: year, Month: time.January, Day: 1})
	list, err := db.ListEvaluations(ctx, EvaluationFilter{AgencyID: agencyID, Year: year})
	if err != nil {
		return nil, r, err
	}
	disc, err := db.Disciplines(ctx, agencyID, year)
	if err != nil {
		return nil, r, err
	}
	disciplined := map[int64]bool{}
	for _, d := range disc {
		disciplined[d.PersonID] = true
	}
	severe, err := db.disciplineViolators(ctx, agencyID, year)
	if err != nil {
		return nil, r, err
	}
	for id := range severe {
		disciplined[id] = true
	}
	type acc struct {
		y                evaluation.YearRating
		months, quarters []evaluation.PeriodResult
	}
	by := map[int64]*acc{}
	var order []int64
	for _, e := range list {
		a := by[e.PersonID]
		if a == nil {
			a = &acc{y: evaluation.YearRating{PersonID: e.PersonID, PersonName: e.PersonName, UnitID: e.UnitID, Group: e.Group, Disciplined: disciplined[e.PersonID]}}
			by[e.PersonID] = a
			order = append(order, e.PersonID)
		}
		if e.State != evaluation.StateApproved {
			continue
		}
		pr := evaluation.PeriodResult{Period: e.Period, Total: e.Total, Grade: e.Grade}
		if e.Period.Kind == work.PeriodQuarter {
			a.quarters = append(a.quarters, pr)
		} else {
			a.months = append(a.months, pr)
		}
	}
	out := make([]evaluation.YearRating, 0, len(order))
	for _, id := range order {
		a := by[id]
		a.y.Periods = a.months
		if len(a.months) == 0 {
			a.y.Periods = a.quarters
		}
		out = append(out, evaluation.RateYear(r, a.y))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].UnitID != out[j].UnitID {
			return out[i].UnitID < out[j].UnitID
		}
		return out[i].PersonName < out[j].PersonName
	})
	return out, r, nil
}

// AgencyYearFigures computes every month's task figures of the year for
// every person who leads a task of the agency due in it, from one read of
// the tasks and their histories (rather than a query per person and
// month): the provisional task results of the yearly page, and what rating
// a whole agency's year costs.
func (db *DB) AgencyYearFigures(ctx context.Context, agencyID int64, year int) (map[int64][12]work.Figures, error) {
	p := work.YearPeriod(year)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	list, err := db.scanTasks(ctx, "SELECT "+taskColumns+" FROM tasks WHERE agency_id = ? AND original_deadline_at >= ? AND original_deadline_at < ? ORDER BY original_deadline_at, id",
		agencyID, Micro(p.Start().Time()), Micro(p.End().AddDays(1).Time()))
	if err != nil {
		return nil, err
	}
	hs, err := loadHistories(reader{db, ctx}, list)
	if err != nil {
		return nil, fmt.Errorf("year figures: %w", err)
	}
	byPerson := map[int64][]work.TaskWithHistory{}
	for _, h := range hs {
		byPerson[h.Task.LeadPersonID] = append(byPerson[h.Task.LeadPersonID], h)
	}
	out := make(map[int64][12]work.Figures, len(byPerson))
	for person, tasks := range byPerson {
		var months [12]work.Figures
		for m := 1; m <= 12; m++ {
			months[m-1] = work.MonthlyFigures(tasks, person, year, time.Month(m))
		}
		out[person] = months
	}
	return out, nil
}
