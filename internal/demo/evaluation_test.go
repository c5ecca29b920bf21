package demo

import (
	"context"
	"testing"

	"congvu/internal/evaluation"
	"congvu/internal/store"
	"congvu/internal/work"
)

// TestGenerateEvaluations: the demo's monthly evaluations of 2026 are in
// every state, each from its person's tasks, under NĐ 335/2025, with the
// quota holding among those approved.
func TestGenerateEvaluations(t *testing.T) {
	db := workDB(t)
	ctx := context.Background()
	o, err := workOrg(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.ListEvaluations(ctx, store.EvaluationFilter{AgencyID: o.agency, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 20 {
		t.Fatalf("only %d evaluations", len(list))
	}
	states := map[evaluation.State]int{}
	type key struct {
		month int
		group evaluation.Group
	}
	tally := map[key]*evaluation.Tally{}
	for _, e := range list {
		states[e.State]++
		if e.RuleVersion != "nd335-2026-01" || e.Period.Kind != work.PeriodMonth || e.Task.Assigned == 0 {
			t.Errorf("evaluation %d: %s %v, %d tasks", e.ID, e.RuleVersion, e.Period, e.Task.Assigned)
		}
		if e.State == evaluation.StateApproved {
			k := key{e.Period.Month, e.Group}
			if tally[k] == nil {
				tally[k] = &evaluation.Tally{}
			}
			tally[k].Add(e.Grade)
		}
	}
	for _, s := range evaluation.States {
		if states[s] == 0 {
			t.Errorf("no evaluation %s: %v", s, states)
		}
	}
	for k, c := range tally {
		if c.Excellent > evaluation.QuotaAllowed(20, c.Good) {
			t.Errorf("month %d %s: %d HTXSNV for %d HTTNV", k.month, k.group, c.Excellent, c.Good)
		}
	}
}
