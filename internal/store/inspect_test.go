package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

func TestInspectionLifecycle(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testInspectionLifecycle(t, engine) })
	}
}

// testInspectionLifecycle: an inspector opens the year's plan and an
// inspection of six of a division's ten tasks with a seed; the same seed
// draws the same sample again; the checklist is computed; a manual item is
// filled, a computed one refused; a finding and a recommendation that
// becomes a task of its owner, assigned by the inspector; the conclusion
// is refused while items wait, then locks the inspection.
func testInspectionLifecycle(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2026-03-02 08:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	insp := f.peer // the inspector of the test, acting as the team's lead
	plan, err := db.CreateInspectionPlan(ctx, f.actor(insp), inspection.Plan{AgencyID: f.agency.ID, Year: 2026, Title: "Kế hoạch kiểm tra năm 2026"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateInspectionPlan(ctx, f.actor(insp), inspection.Plan{AgencyID: f.agency.ID, Year: 2026, Title: "Kế hoạch thứ hai"}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("a second plan of the year: %v", err)
	}
	var planID int64
	p, err := db.CreatePlan(ctx, f.actor(f.head), work.Plan{AgencyID: f.agency.ID, OwnerUnitID: f.kgvx.ID, Title: "Kế hoạch công tác quý I",
		Period: work.QuarterPeriod(2026, 1)})
	if err != nil {
		t.Fatal(err)
	}
	planID = p.ID
	var ids []int64
	for i := range 10 {
		n := f.newTask("Báo cáo chuyên đề số "+strconv.Itoa(i+1), 5)
		n.Coordinators = nil
		if i == 0 {
			n.PlanID = &planID
		}
		h, err := db.CreateTask(ctx, f.actor(f.head), n, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h.Task.ID)
	}
	clk.Set("2026-03-20 08:00")
	open := func(seed uint64) inspection.Inspection {
		in, err := db.CreateInspection(ctx, f.actor(insp), inspection.Inspection{AgencyID: f.agency.ID, PlanID: plan.ID, Title: "Kiểm tra việc thực hiện nhiệm vụ quý I",
			Subject: inspection.SubjectTask, UnitIDs: []int64{f.kgvx.ID}, From: calendar.Date{Year: 2026, Month: 3, Day: 1},
			To: calendar.Date{Year: 2026, Month: 3, Day: 31}, SampleSize: 6, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	in := open(20260320)
	again := open(20260320)
	refs := func(in inspection.Inspection) []int64 {
		var out []int64
		for _, it := range in.Items {
			out = append(out, it.RefID)
		}
		return out
	}
	if len(in.Items) != 6 || in.Population != 10 || !slices.Equal(refs(in), refs(again)) {
		t.Fatalf("sample %v of %d, again %v", refs(in), in.Population, refs(again))
	}
	if want := inspection.Sample(ids, 6, 20260320); !slices.Equal(refs(in), want) {
		t.Fatalf("sample %v, want the domain's draw %v", refs(in), want)
	}
	// The tasks are past their deadline and open: late.
	first := in.Items[0]
	for _, c := range first.Checks {
		if c.Code == inspection.TaskOnTime && c.Verdict != inspection.Fail {
			t.Errorf("task on time: %+v, want fail (open past its deadline)", c)
		}
	}
	lead := func(in inspection.Inspection) error {
		if in.LeadID != insp.ID {
			return apperr.Forbiddenf("không", "no")
		}
		return nil
	}
	if _, err := db.RecordInspectionCheck(ctx, f.actor(insp), in.ID, lead, first.RefID, inspection.TaskOnTime, inspection.Pass, ""); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("overriding a computed item: %v", err)
	}
	if _, err := db.RecordInspectionCheck(ctx, f.actor(insp), in.ID, func(inspection.Inspection) error { return apperr.Forbiddenf("không", "no") },
		first.RefID, inspection.ProductAsRequired, inspection.Pass, ""); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("someone off the team: %v", err)
	}
	got, err := db.RecordInspectionCheck(ctx, f.actor(insp), in.ID, lead, first.RefID, inspection.ProductAsRequired, inspection.Fail, "Thiếu phụ lục số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if c := got.Items[0].Checks[len(got.Items[0].Checks)-1]; c.Verdict != inspection.Fail || c.Detail != "Thiếu phụ lục số liệu" || got.Version != 2 {
		t.Fatalf("manual item %+v, version %d", c, got.Version)
	}
	got, err = db.AddInspectionFinding(ctx, f.actor(insp), in.ID, lead, inspection.Finding{RefID: first.RefID, Text: "Nhiệm vụ quá hạn không đề nghị gia hạn", Severity: inspection.Major})
	if err != nil || len(got.Findings) != 1 {
		t.Fatalf("finding: %v %+v", err, got.Findings)
	}
	due := calendar.Date{Year: 2026, Month: 4, Day: 28} // a Tuesday
	if _, err := db.AddInspectionRecommendation(ctx, f.actor(insp), in.ID, lead, inspection.Recommendation{Text: "Rà soát hạn nhiệm vụ", OwnerPersonID: insp.ID, Due: due}); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("the lead as owner: %v", err)
	}
	got, err = db.AddInspectionRecommendation(ctx, f.actor(insp), in.ID, lead, inspection.Recommendation{FindingID: got.Findings[0].ID,
		Text: "Rà soát, đề nghị gia hạn các nhiệm vụ quá hạn", OwnerPersonID: f.head.ID, Due: due})
	if err != nil || len(got.Recommendations) != 1 {
		t.Fatalf("recommendation: %v %+v", err, got.Recommendations)
	}
	rec := got.Recommendations[0]
	task, err := db.FindTaskByID(ctx, rec.TaskID)
	if err != nil || task.Task.LeadPersonID != f.head.ID || task.Task.LeadUnitID != f.kgvx.ID || task.Task.AssignerID != insp.ID ||
		calendar.DateOf(task.Task.Deadline) != due || rec.TaskState != string(work.StateAssigned) || rec.Closed() {
		t.Fatalf("the recommendation's task %+v (%v), recommendation %+v", task.Task, err, rec)
	}
	c := inspection.Conclusion{Number: "05/KL-TTr", On: calendar.Date{Year: 2026, Month: 3, Day: 25}, Signer: "Bùi Văn Khải",
		Text: "Đơn vị cơ bản chấp hành quy trình; còn nhiệm vụ quá hạn."}
	if _, err := db.ConcludeInspection(ctx, f.actor(insp), in.ID, lead, c); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("concluding with items pending: %v", err)
	}
	for _, it := range got.Items {
		for _, ch := range it.Checks {
			if ch.Verdict == inspection.Pending {
				if _, err := db.RecordInspectionCheck(ctx, f.actor(insp), in.ID, lead, it.RefID, ch.Code, inspection.Pass, ""); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	done, err := db.ConcludeInspection(ctx, f.actor(insp), in.ID, lead, c)
	if err != nil || done.Status != inspection.Concluded || done.Conclusion.Number != "05/KL-TTr" || done.Conclusion.On != c.On {
		t.Fatalf("concluded %+v, %v", done.Conclusion, err)
	}
	if _, err := db.AddInspectionFinding(ctx, f.actor(insp), in.ID, lead, inspection.Finding{Text: "Một phát hiện muộn"}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("a finding after the conclusion: %v", err)
	}
	rows, err := db.ListInspections(ctx, f.agency.ID, 2026)
	if err != nil || len(rows) != 2 || rows[1].ID != in.ID || rows[1].Findings != 1 || rows[1].Open != 1 || rows[1].Status != inspection.Concluded {
		t.Fatalf("list %+v, %v", rows, err)
	}

	// Lessons: about the task of the plan, found without diacritics and on
	// the plan's tasks; a record of no agency's is not found.
	l, err := db.CreateLesson(ctx, f.actor(f.head), inspection.Lesson{AgencyID: f.agency.ID, Kind: inspection.LinkTask, Ref: "#" + strconv.FormatInt(ids[0], 10),
		What: "Báo cáo chuyên đề nộp trễ", Cause: "Chờ số liệu của đơn vị phối hợp", Lesson: "Đề nghị gia hạn sớm khi thiếu số liệu"})
	if err != nil || l.PlanID != planID || l.RefTitle == "" {
		t.Fatalf("lesson %+v, %v", l, err)
	}
	if _, err := db.CreateLesson(ctx, f.actor(f.head), inspection.Lesson{AgencyID: f.agency.ID, Kind: inspection.LinkDossier, Ref: "KHONG-CO",
		What: "Không có hồ sơ", Lesson: "Không có bài học"}); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("a dossier that does not exist: %v", err)
	}
	for _, q := range []store.LessonFilter{{Query: "de nghi gia han"}, {PlanID: planID}, {Query: "CHỜ SỐ LIỆU"}} {
		q.AgencyID = f.agency.ID
		ls, err := db.FindLessons(ctx, q)
		if err != nil || len(ls) != 1 || ls[0].ID != l.ID || ls[0].ByName != f.head.FullName {
			t.Errorf("lessons of %+v: %+v, %v", q, ls, err)
		}
	}
	if ls, err := db.FindLessons(ctx, store.LessonFilter{AgencyID: f.agency.ID, Query: "khong co gi"}); err != nil || len(ls) != 0 {
		t.Errorf("a search for nothing: %+v, %v", ls, err)
	}

	// The quarter's review of the division drafts them: two inspections, one
	// finding, one recommendation not yet done, the lesson.
	fig, err := db.DraftReviewFigures(ctx, f.kgvx.ID, review.Period{Kind: review.Quarter, Year: 2026, Index: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []review.Count{{Label: "Cuộc kiểm tra", Value: 2}, {Label: "Tồn tại, vi phạm phát hiện", Value: 1},
		{Label: "Kiến nghị được giao", Value: 1}, {Label: "Kiến nghị đã thực hiện xong", Value: 0}}
	if !slices.Equal(fig.Inspections, want) || !slices.Equal(fig.Lessons, []string{l.Lesson}) {
		t.Errorf("review figures: inspections %+v, lessons %q", fig.Inspections, fig.Lessons)
	}
	if fig, err := db.DraftReviewFigures(ctx, f.bidding.ID, review.Period{Kind: review.Quarter, Year: 2026, Index: 1}); err != nil || fig.Inspections != nil || fig.Lessons != nil {
		t.Errorf("another division's review: %+v, %v", fig, err)
	}
}
