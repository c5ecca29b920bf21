package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

func TestReviewLifecycle(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testReviewLifecycle(t, engine) })
	}
}

// testReviewLifecycle: a head drafts the quarter's review, edits it and
// issues it; the issued DOCX is kept with its SHA-256, which the journal
// holds; editing or issuing it again is a conflict and writes nothing; a
// second review of the same unit and period is a conflict; a head of
// another unit is refused and writes nothing.
func testReviewLifecycle(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2026-04-02 08:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	head := f.actor(f.head)
	q1 := review.Period{Kind: review.Quarter, Year: 2026, Index: 1}
	r, err := db.CreateReview(ctx, head, review.Review{AgencyID: f.agency.ID, UnitID: f.kgvx.ID, UnitName: f.kgvx.Name, Period: q1,
		Figures: review.Figures{TasksAssigned: 4, TasksDone: 3, TasksOnTime: 2, TasksLate: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateReview(ctx, head, review.Review{AgencyID: f.agency.ID, UnitID: f.kgvx.ID, Period: q1}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("a second review of the quarter: %v", err)
	}
	if _, err := db.CreateReview(ctx, head, review.Review{AgencyID: f.agency.ID, UnitID: f.kgvx.ID, Period: review.Period{Kind: review.Quarter, Year: 2026, Index: 5}}); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("quarter 5: %v", err)
	}
	own := func(r review.Review) error { return review.CanWrite(map[int64]bool{f.kgvx.ID: true}, r.UnitID) }
	other := func(r review.Review) error { return review.CanWrite(map[int64]bool{f.bidding.ID: true}, r.UnitID) }
	edit := func(n review.Narrative, number string) func(*review.Review) error {
		return func(r *review.Review) error { return r.Edit(n, number, "Trần Văn Hùng", []string{"Lưu: VT."}) }
	}
	if _, err := db.EditReview(ctx, head, r.ID, other, edit(review.Narrative{Results: "x"}, "1/BC")); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("another unit's head: %v", err)
	}
	if _, err := db.EditReview(ctx, head, r.ID, own, edit(review.Narrative{Results: "Hoàn thành 75% nhiệm vụ đúng hạn."}, "12/BC-KGVX")); err != nil {
		t.Fatal(err)
	}
	render := func(r review.Review) ([]byte, error) {
		return []byte("DOCX " + r.Number + " " + string(r.Status) + " " + r.IssuedAt.Format("2006-01-02")), nil
	}
	issued, err := db.IssueReview(ctx, head, r.ID, own, render)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := db.ReviewDocument(ctx, r.ID)
	if err != nil || string(doc) != "DOCX 12/BC-KGVX issued 2026-04-02" {
		t.Fatalf("issued document %q, %v", doc, err)
	}
	back, err := db.FindReview(ctx, r.ID)
	if err != nil || back.Status != review.Issued || back.SHA256 != issued.SHA256 || len(back.SHA256) != 64 ||
		back.Narrative.Results != "Hoàn thành 75% nhiệm vụ đúng hạn." || back.Figures.TasksLate != 1 || !back.IssuedAt.Equal(issued.IssuedAt) {
		t.Fatalf("read back %+v, %v", back, err)
	}
	evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "review", ObjectID: strconv.FormatInt(r.ID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	journalled := false
	for _, e := range evs {
		journalled = journalled || (e.Action == "issue" && strings.Contains(e.Payload, issued.SHA256))
	}
	if !journalled || len(evs) != 3 {
		t.Fatalf("journal %d entries, issue with the hash: %v", len(evs), journalled)
	}
	if _, err := db.EditReview(ctx, head, r.ID, own, edit(review.Narrative{Results: "sửa sau khi ban hành"}, "13/BC")); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("edit after issue: %v", err)
	}
	if _, err := db.IssueReview(ctx, head, r.ID, own, render); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("issue twice: %v", err)
	}
	after, _ := db.FindReview(ctx, r.ID)
	evs2, _ := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "review", ObjectID: strconv.FormatInt(r.ID, 10)})
	if after.Narrative != back.Narrative || after.Number != "12/BC-KGVX" || len(evs2) != len(evs) {
		t.Fatalf("a refused edit wrote something: %+v, %d journal entries", after, len(evs2))
	}
	list, err := db.FindReviews(ctx, f.agency.ID, 2026)
	if err != nil || len(list) != 1 || list[0].ID != r.ID {
		t.Fatalf("list %+v, %v", list, err)
	}
}

// TestReviewDraftFigures: the quarter's figures count the unit's tasks
// that fell due in it: one accepted on time, one still open past its
// deadline at the quarter's end, with the obstacle raised on it as its
// cause; another unit's task is not counted.
func TestReviewDraftFigures(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			clk := &workClock{}
			clk.Set("2026-03-02 08:00")
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			ctx := context.Background()
			f := newWorkFixture(t, db)
			doneTask(t, db, f, clk, f.lead, "Báo cáo đầu tư công", 0)
			n := f.newTask("Tổng hợp số liệu quý", 3)
			n.Coordinators = nil
			h, err := db.CreateTask(ctx, f.actor(f.head), n, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range []work.Event{{Action: work.ActionStart}, {Action: work.ActionRaiseObstacle, Note: "Chờ số liệu của Kho bạc"}} {
				clk.Add(time.Hour)
				if _, _, err := db.RecordTaskEvent(ctx, f.actor(f.lead), h.Task.ID, 0, ev); err != nil {
					t.Fatal(err)
				}
			}
			other := f.newTask("Việc của phòng khác", 3)
			other.LeadUnitID, other.Coordinators = f.bidding.ID, nil
			other.LeadPersonID = f.coord.ID
			if _, err := db.CreateTask(ctx, f.actor(f.director), other, nil); err != nil {
				t.Fatal(err)
			}
			fig, err := db.DraftReviewFigures(ctx, f.kgvx.ID, review.Period{Kind: review.Quarter, Year: 2026, Index: 1})
			if err != nil {
				t.Fatal(err)
			}
			if fig.TasksAssigned != 2 || fig.TasksDone != 1 || fig.TasksOnTime != 1 || fig.TasksOpen != 1 || fig.Obstacles != 1 || fig.ObstaclesSolved != 0 {
				t.Fatalf("figures %+v", fig)
			}
			if len(fig.Late) != 1 || fig.Late[0].Ref != "Tổng hợp số liệu quý" || fig.Late[0].Cause != "Chờ số liệu của Kho bạc" {
				t.Fatalf("late %+v", fig.Late)
			}
		})
	}
}
