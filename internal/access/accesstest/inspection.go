package accesstest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/inspection"
	"congvu/internal/org"
)

// InspectionParties: every inspection the fixture opens is led by
// inspector@own, its only writer.
var InspectionParties = map[string]string{"inspector": "inspector@own"}

// Inspection is an inspection of the own unit's tasks.
type Inspection struct {
	ID    int64
	Title string
}

// NewInspection assigns a task to the own unit and opens an inspection of
// the own unit's tasks of this year, led by inspector@own, sampling it.
func (f *Fixture) NewInspection(t testing.TB) Inspection {
	t.Helper()
	ctx := context.Background()
	f.NewTask(t)
	insp := f.Who(org.RoleInspector, Own)
	today := calendar.DateOf(time.Now())
	p, err := f.DB.EnsureInspectionPlan(ctx, actorOf(insp), f.Agency.ID, today.Year)
	if err != nil {
		t.Fatalf("inspection plan: %v", err)
	}
	title := fmt.Sprintf("Kiểm tra việc thực hiện nhiệm vụ số %d", f.Unique())
	in, err := f.DB.CreateInspection(ctx, actorOf(insp), inspection.Inspection{AgencyID: f.Agency.ID, PlanID: p.ID, Title: title,
		Subject: inspection.SubjectTask, UnitIDs: []int64{f.OwnUnit.ID}, From: calendar.Date{Year: today.Year, Month: 1, Day: 1},
		To: today, SampleSize: 3, Seed: 7})
	if err != nil {
		t.Fatalf("create inspection: %v", err)
	}
	return Inspection{ID: in.ID, Title: title}
}

// NewLesson writes a lesson about a dossier of the own unit, as
// official@own; its text is what lists look for.
func (f *Fixture) NewLesson(t testing.TB) string {
	t.Helper()
	d := f.NewDossier(t)
	what := fmt.Sprintf("Hồ sơ chậm ở bước thẩm định số %d", f.Unique())
	if _, err := f.DB.CreateLesson(context.Background(), f.officialActor, inspection.Lesson{AgencyID: f.Agency.ID, Kind: inspection.LinkDossier,
		Ref: d.Code, What: what, Lesson: "Phân công người thẩm định dự phòng"}); err != nil {
		t.Fatalf("create lesson: %v", err)
	}
	return what
}
