package accesstest

import (
	"context"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/review"
)

// NewReview drafts a review of the own unit for a period no other review
// of the matrix uses (a month of a year from 2000 on, by the fixture's
// counter), with its results written so that it can be issued.
func (f *Fixture) NewReview(t testing.TB) review.Review {
	t.Helper()
	n := f.Unique()
	p := review.Period{Kind: review.Month, Year: 2000 + (n/12)%100, Index: n%12 + 1}
	r, err := f.DB.CreateReview(context.Background(), sys, review.Review{AgencyID: f.Agency.ID, UnitID: f.OwnUnit.ID, UnitName: f.OwnUnit.Name,
		Period: p, Number: "1/BC-QLNS", Narrative: review.Narrative{Results: "Hoàn thành các nhiệm vụ được giao."}})
	if err != nil {
		t.Fatalf("create review: %v", err)
	}
	return r
}

// ReviewPeriod is a period no review of the matrix has yet, as
// "kind", year, index.
func (f *Fixture) ReviewPeriod() (string, int, int) {
	n := f.Unique()
	return "month", 2000 + (n/12)%100, n%12 + 1
}

// NewViolation records a reminder of a new person of the own unit on 2
// March 2026.
func (f *Fixture) NewViolation(t testing.TB) review.Violation {
	t.Helper()
	p := f.NewPerson(t, false)
	v, err := f.DB.RecordViolation(context.Background(), sys, review.Violation{AgencyID: f.Agency.ID, PersonID: p.ID, UnitID: f.OwnUnit.ID,
		Checklist: "ct09", ItemCode: "CT09-01", On: calendar.Date{Year: 2026, Month: time.March, Day: 2}, Severity: review.Reminder, Note: "Đi muộn"},
		func(review.Violation) error { return nil })
	if err != nil {
		t.Fatalf("record violation: %v", err)
	}
	return v
}
