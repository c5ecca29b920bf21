package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func TestViolations(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testViolations(t, engine) })
	}
}

// testViolations: a head records a violation of their own unit's official
// against a checklist item; one on someone of another unit is refused, and
// an unknown item is invalid, neither written; the agency's new version of
// a checklist takes over from its date.
func testViolations(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2026-03-02 08:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	on := calendar.Date{Year: 2026, Month: time.March, Day: 2}
	v := review.Violation{AgencyID: f.agency.ID, PersonID: f.lead.ID, UnitID: f.kgvx.ID, Checklist: "ct09", ItemCode: "CT09-01", On: on, Severity: review.Reminder, Note: "Đi muộn 40 phút"}
	headOf := func(unit int64) func(review.Violation) error {
		return func(v review.Violation) error { return review.CanRecord(false, map[int64]bool{unit: true}, v.UnitID) }
	}
	if _, err := db.RecordViolation(ctx, f.actor(f.head), v, headOf(f.kgvx.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordViolation(ctx, f.actor(f.head), v, headOf(f.bidding.ID)); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("someone outside the head's unit: %v", err)
	}
	bad := v
	bad.ItemCode = "CT09-77"
	if _, err := db.RecordViolation(ctx, f.actor(f.head), bad, headOf(f.kgvx.ID)); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("unknown item: %v", err)
	}
	year := func() []review.Violation {
		vs, err := db.Violations(ctx, f.lead.ID, calendar.Date{Year: 2026, Month: 1, Day: 1}, calendar.Date{Year: 2026, Month: 12, Day: 31})
		if err != nil {
			t.Fatal(err)
		}
		return vs
	}
	if vs := year(); len(vs) != 1 || vs[0].ItemCode != "CT09-01" || vs[0].On != on || vs[0].RecordedBy != f.head.ID {
		t.Fatalf("violations %+v", vs)
	}
	from := calendar.Date{Year: 2026, Month: time.July, Day: 1}
	if err := db.SaveChecklist(ctx, f.actor(f.director), f.agency.ID, review.Checklist{Key: "ct09", From: from, Items: []review.Item{{Code: "QC-01", Text: "Quy chế làm việc mới"}}}); err != nil {
		t.Fatal(err)
	}
	later := v
	later.On, later.ItemCode = from, "QC-01"
	if _, err := db.RecordViolation(ctx, f.actor(f.head), later, headOf(f.kgvx.ID)); err != nil {
		t.Fatalf("the agency's new item from its date: %v", err)
	}
	later.ItemCode = "CT09-01"
	if _, err := db.RecordViolation(ctx, f.actor(f.head), later, headOf(f.kgvx.ID)); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("an item the new version dropped: %v", err)
	}
	if n := len(year()); n != 2 {
		t.Fatalf("%d violations, want 2", n)
	}
}
