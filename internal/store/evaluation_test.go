package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// doneTask assigns a task to p due in five working days from the clock and
// has it started, submitted and accepted an hour later: on time.
func doneTask(t *testing.T, db *store.DB, f *workFixture, clk *workClock, p org.Person, title string, returns int) {
	t.Helper()
	ctx := context.Background()
	n := f.newTask(title, 5)
	n.LeadPersonID, n.Coordinators = p.ID, nil
	h, err := db.CreateTask(ctx, f.actor(f.head), n, nil)
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		who org.Person
		ev  work.Event
	}
	steps := []step{{p, work.Event{Action: work.ActionStart}}}
	for i := 0; i < returns; i++ {
		steps = append(steps, step{p, work.Event{Action: work.ActionSubmit, Note: "Dự thảo"}}, step{f.head, work.Event{Action: work.ActionReturn, Reason: "Thiếu số liệu"}})
	}
	steps = append(steps, step{p, work.Event{Action: work.ActionSubmit, Note: "Báo cáo"}}, step{f.head, work.Event{Action: work.ActionAccept}})
	for _, s := range steps {
		clk.Add(time.Hour)
		if _, _, err := db.RecordTaskEvent(ctx, f.actor(s.who), h.Task.ID, 0, s.ev); err != nil {
			t.Fatalf("%s: %v", s.ev.Action, err)
		}
	}
}

func TestEvaluationWorkflow(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testEvaluationWorkflow(t, engine) })
	}
}

func testEvaluationWorkflow(t *testing.T, engine string) {
	{
		clk := &workClock{}
		clk.Set("2026-03-02 08:00")
		db := storetest.New(t, engine, store.Options{Now: clk.Now})
		ctx := context.Background()
		f := newWorkFixture(t, db)
		doneTask(t, db, f, clk, f.lead, "Báo cáo đầu tư công", 0)
		doneTask(t, db, f, clk, f.peer, "Tổng hợp đấu thầu", 1)
		clk.Set("2026-04-02 08:00")
		march := work.MonthPeriod(2026, 3)

		e, err := db.CreateEvaluation(ctx, f.actor(f.lead), f.lead.ID, march, nil)
		if err != nil {
			t.Fatal(err)
		}
		if e.State != evaluation.StateDraft || e.RuleVersion != "nd335-2026-01" || e.UnitID != f.kgvx.ID || e.Group != evaluation.GroupStaff || e.Task.Assigned != 1 {
			t.Fatalf("draft: %+v", e)
		}
		if _, err := db.CreateEvaluation(ctx, f.actor(f.lead), f.lead.ID, march, nil); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("twice: %v", err)
		}
		if _, err := db.CreateEvaluation(ctx, f.actor(f.lead), f.lead.ID, work.YearPeriod(2026), nil); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a year: %v", err)
		}
		if h, err := db.CreateEvaluation(ctx, f.actor(f.head), f.head.ID, march, nil); err != nil || h.Group != evaluation.GroupLeader {
			t.Errorf("the head is a leader: %v %s", err, h.Group)
		}

		full := map[string]float64{"politics": 10, "capacity": 10, "innovation": 10}
		step := func(who org.Person, id int64, ev evaluation.Event) (evaluation.Evaluation, error) {
			clk.Add(time.Minute)
			return db.RecordEvaluationEvent(ctx, f.actor(who), id, 0, ev, nil)
		}
		must := func(e evaluation.Evaluation, err error) evaluation.Evaluation {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		e = must(step(f.lead, e.ID, evaluation.Event{Action: evaluation.ActionSelfAssess, Common: full}))
		// one task, done on time, no return: 70 task points; 30 + 70 = 100
		if e.Total != 100 || e.Grade != work.Excellent {
			t.Fatalf("self-assessed: %v %s", e.Total, e.Grade)
		}
		e = must(step(f.head, e.ID, evaluation.Event{Action: evaluation.ActionAssess, Common: full}))
		// HTXSNV with nobody approved HTTNV: 20% of 0 is 0, refused, nothing written
		_, err = step(f.director, e.ID, evaluation.Event{Action: evaluation.ActionApprove})
		if !apperr.Is(err, apperr.Conflict) || apperr.As(err).Field != "quota" {
			t.Fatalf("past the quota: %v", err)
		}
		again := must(db.FindEvaluation(ctx, e.ID))
		if again.State != evaluation.StateAssessed || again.Version != e.Version || len(again.Events) != 2 {
			t.Errorf("a refusal wrote: %s v%d, %d events", again.State, again.Version, len(again.Events))
		}
		// out of scale: 400 naming the criterion, nothing written
		if _, err := step(f.director, e.ID, evaluation.Event{Action: evaluation.ActionReturn}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("return without reason: %v", err)
		}
		e = must(step(f.director, e.ID, evaluation.Event{Action: evaluation.ActionReturn, Reason: "Vượt tỷ lệ 20%, đề nghị chấm lại"}))
		if _, err := step(f.lead, e.ID, evaluation.Event{Action: evaluation.ActionSelfAssess, Common: map[string]float64{"politics": 10, "capacity": 12, "innovation": 0}}); apperr.As(err) == nil || apperr.As(err).Field != "common.capacity" {
			t.Errorf("out of the scale: %v", err)
		}
		part := map[string]float64{"politics": 8, "capacity": 7, "innovation": 4}
		e = must(step(f.lead, e.ID, evaluation.Event{Action: evaluation.ActionSelfAssess, Common: part}))
		e = must(step(f.head, e.ID, evaluation.Event{Action: evaluation.ActionAssess, Common: part}))
		e = must(step(f.director, e.ID, evaluation.Event{Action: evaluation.ActionApprove}))
		// 8 + 7 + 4 = 19; 19 + 70 = 89: HTTNV, approved
		if e.State != evaluation.StateApproved || e.Total != 89 || e.Grade != work.Good || len(e.Events) != 6 {
			t.Errorf("approved: %s %v %s %d events", e.State, e.Total, e.Grade, len(e.Events))
		}

		// The peer: one task returned once and accepted on time:
		// quantity 1, quality 1 − 0,25 = 0,75, progress 1: 70 × 2,75 ÷ 3 = 64,17; a discipline forces KHTNV.
		if _, err := db.RecordDiscipline(ctx, f.actor(f.director), store.DisciplineRecord{AgencyID: f.agency.ID, PersonID: f.peer.ID,
			Level: store.DisciplineReprimand, DecidedOn: "2026-03-20", Decision: "15/QĐ-SKHĐT"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordDiscipline(ctx, f.actor(f.director), store.DisciplineRecord{AgencyID: f.agency.ID, PersonID: f.peer.ID,
			Level: "nhac_nho", DecidedOn: "2026-03-20", Decision: "15/QĐ-SKHĐT"}); apperr.As(err) == nil || apperr.As(err).Field != "level" {
			t.Errorf("unknown level: %v", err)
		}
		p := must(db.CreateEvaluation(ctx, f.actor(f.peer), f.peer.ID, march, nil))
		p = must(step(f.peer, p.ID, evaluation.Event{Action: evaluation.ActionSelfAssess, Common: full}))
		if p.Total != 94.17 || p.Grade != work.Failed || !p.Disciplined {
			t.Errorf("disciplined peer: %v %s %v", p.Total, p.Grade, p.Disciplined)
		}
		p = must(step(f.head, p.ID, evaluation.Event{Action: evaluation.ActionAssess, Common: full}))
		p = must(step(f.director, p.ID, evaluation.Event{Action: evaluation.ActionApprove}))

		list, err := db.ListEvaluations(ctx, store.EvaluationFilter{AgencyID: f.agency.ID, Year: 2026, Period: &march, UnitIDs: []int64{f.kgvx.ID}})
		if err != nil || len(list) != 3 {
			t.Fatalf("list: %d %v", len(list), err)
		}
		ys, _, err := db.YearRatings(ctx, f.agency.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		rated := map[int64]evaluation.YearRating{}
		for _, y := range ys {
			rated[y.PersonID] = y
		}
		if y := rated[f.lead.ID]; y.Average != e.Total || y.Grade != e.Grade {
			t.Errorf("lead's year: %+v", y)
		}
		if y := rated[f.peer.ID]; y.Grade != work.Failed {
			t.Errorf("peer's year: %+v", y)
		}
		if y := rated[f.head.ID]; y.Rated {
			t.Errorf("the head has no approved month: %+v", y)
		}
		figs, err := db.AgencyYearFigures(ctx, f.agency.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		one, _ := db.MonthlyFigures(ctx, f.peer.ID, 2026, time.March)
		if got := figs[f.peer.ID][2]; got.Assigned != one.Assigned || got.FailedReviews != one.FailedReviews || got.Assigned != 1 {
			t.Errorf("bulk figures %+v, one by one %+v", got, one)
		}
		_ = calendar.VN
	}
}
