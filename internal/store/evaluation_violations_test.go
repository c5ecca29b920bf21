package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestEvaluationViolations: the head assesses 10 + 10 + 10 common points;
// two reminders recorded in March take 2 × 2 points off "politics"
// (review.DefaultDeduction), one in February nothing, and the
// self-assessment is left as the official wrote it; a discipline in May
// (khiển trách or above) rates June KHTNV whatever the points.
func TestEvaluationViolations(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testEvaluationViolations(t, engine) })
	}
}

func testEvaluationViolations(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2026-03-02 08:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	doneTask(t, db, f, clk, f.lead, "Báo cáo đầu tư công", 0)
	violate := func(month time.Month, day int, sev review.Severity) {
		t.Helper()
		if _, err := db.RecordViolation(ctx, f.actor(f.head), review.Violation{AgencyID: f.agency.ID, PersonID: f.lead.ID, UnitID: f.kgvx.ID,
			Checklist: "ct09", ItemCode: "CT09-01", On: calendar.Date{Year: 2026, Month: month, Day: day}, Severity: sev},
			func(review.Violation) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	violate(time.February, 20, review.Reminder)
	violate(time.March, 5, review.Reminder)
	violate(time.March, 9, review.Reminder)
	full := map[string]float64{"politics": 10, "capacity": 10, "innovation": 10}
	rate := func(p work.Period) evaluation.Evaluation {
		t.Helper()
		e, err := db.CreateEvaluation(ctx, f.actor(f.lead), f.lead.ID, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if e, err = db.RecordEvaluationEvent(ctx, f.actor(f.lead), e.ID, 0, evaluation.Event{Action: evaluation.ActionSelfAssess, Common: full}, nil); err != nil {
			t.Fatal(err)
		}
		if e.SelfCommon["politics"] != 10 {
			t.Errorf("the self-assessment was changed: %v", e.SelfCommon)
		}
		// Out of the scale is still refused, the deduction notwithstanding.
		if _, err := db.RecordEvaluationEvent(ctx, f.actor(f.head), e.ID, 0, evaluation.Event{Action: evaluation.ActionAssess,
			Common: map[string]float64{"politics": 12, "capacity": 10, "innovation": 10}}, nil); err == nil {
			t.Errorf("12 of 10 points accepted")
		}
		if e, err = db.RecordEvaluationEvent(ctx, f.actor(f.head), e.ID, 0, evaluation.Event{Action: evaluation.ActionAssess, Common: full}, nil); err != nil {
			t.Fatal(err)
		}
		return e
	}
	clk.Set("2026-04-02 08:00")
	march := rate(work.MonthPeriod(2026, 3))
	if march.Common["politics"] != 6 || march.Common["capacity"] != 10 || march.CommonTotal != 26 || march.Disciplined {
		t.Errorf("March with two reminders: %v total %g disciplined %v", march.Common, march.CommonTotal, march.Disciplined)
	}
	violate(time.May, 4, review.Discipline)
	clk.Set("2026-06-02 08:00")
	doneTask(t, db, f, clk, f.lead, "Báo cáo quý II", 0)
	clk.Set("2026-07-02 08:00")
	june := rate(work.MonthPeriod(2026, 6))
	if june.Grade != work.Failed || !june.Disciplined || june.Common["politics"] != 10 {
		t.Errorf("June after a discipline in May: grade %s disciplined %v %v", june.Grade, june.Disciplined, june.Common)
	}
}
