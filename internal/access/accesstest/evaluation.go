package accesstest

import (
	"context"
	"testing"

	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/org"
	"congvu/internal/work"
)

// Evaluation is a civil-servant evaluation of a person of the own unit.
type Evaluation struct {
	ID       int64
	Version  int
	PersonID int64
}

// EvaluationParties: the evaluation NewOwnEvaluation makes is official@own's.
var EvaluationParties = map[string]string{"self": "official@own"}

// NewOwnEvaluation opens official@own's evaluation of March 2026 (draft),
// the one every read of the matrix looks for. Call it once.
func (f *Fixture) NewOwnEvaluation(t testing.TB) Evaluation {
	t.Helper()
	who := f.Who(org.RoleOfficial, Own)
	e, err := f.DB.CreateEvaluation(context.Background(), sys, who.Person.ID, work.MonthPeriod(2026, 3), nil)
	if err != nil {
		t.Fatalf("create evaluation: %v", err)
	}
	return Evaluation{ID: e.ID, Version: e.Version, PersonID: who.Person.ID}
}

// NewSelfAssessedEvaluation gives a new official of the own unit (none of
// the identities) a task due in three working days and opens and
// self-assesses their evaluation of the month it falls due: what the head
// of the own unit assesses.
func (f *Fixture) NewSelfAssessedEvaluation(t testing.TB) Evaluation {
	t.Helper()
	ctx := context.Background()
	p := f.NewPerson(t, false)
	head := f.Who(org.RoleHead, Own)
	days := 3.0
	h, err := f.DB.CreateTask(ctx, actorOf(head), work.NewTask{AgencyID: f.Agency.ID, Title: "Tổng hợp báo cáo tháng", Product: "Báo cáo",
		LeadUnitID: f.OwnUnit.ID, LeadPersonID: p.ID, AssignerID: head.Person.ID, Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil)
	if err != nil {
		t.Fatalf("create task: %v", err)
	}
	due := calendar.DateOf(h.Task.OriginalDeadline)
	e, err := f.DB.CreateEvaluation(ctx, sys, p.ID, work.MonthPeriod(due.Year, int(due.Month)), nil)
	if err != nil {
		t.Fatalf("create evaluation: %v", err)
	}
	e, err = f.DB.RecordEvaluationEvent(ctx, sys, e.ID, 0, evaluation.Event{Action: evaluation.ActionSelfAssess,
		Common: map[string]float64{"politics": 9, "capacity": 9, "innovation": 8}}, nil)
	if err != nil {
		t.Fatalf("self-assess: %v", err)
	}
	return Evaluation{ID: e.ID, Version: e.Version, PersonID: p.ID}
}
