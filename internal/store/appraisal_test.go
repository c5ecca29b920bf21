package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/appraisal"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// An appraisal received for a project takes the time limit of the
// project's group in force that day; an unknown project, or a project on
// a one-stop procedure, is a 400 on project_code with nothing written.
func TestReceiveAppraisal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		desk, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDesk, Name: "Bộ phận Một cửa", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		p := appraisal.Policy.Procedure(f.agency.ID, desk.ID, f.divA.ID, calendar.Date{Year: 2025, Month: 1, Day: 1})
		if _, err := db.CreateProcedureVersion(ctx, sys, p); err != nil {
			t.Fatal(err)
		}
		big, err := db.CreateProject(ctx, f.actor, investment.NewProject{AgencyID: f.agency.ID, Code: "DA-2026-001",
			Name: "Đường vành đai 4 đoạn qua tỉnh", InvestorID: f.ban.ID, Band: investment.BandK2, StartYear: 2026, EndYear: 2029,
			Capital: map[investment.Source]int64{investment.SourceProvincial: 5000 * bn}})
		if err != nil {
			t.Fatal(err)
		}
		if big.Group != "A" {
			t.Fatalf("group %s", big.Group)
		}
		at := time.Date(2026, 3, 2, 8, 0, 0, 0, vn)
		in := dossier.Intake{AgencyID: f.agency.ID, UnitID: desk.ID, ProcedureCode: p.Code, Channel: dossier.ChannelDirect, ReceivedAt: at,
			Applicant: dossier.Applicant{Name: f.ban.Name, Organization: true}, Sets: 1}
		rec, _, err := db.ReceiveAppraisal(ctx, f.actor, in, "DA-2026-001")
		if err != nil {
			t.Fatal(err)
		}
		if rec.ProjectID != big.ID || rec.State.Limit.Value != 45 || rec.State.StatutoryDue.In(vn).Format("2006-01-02") != "2026-04-16" {
			t.Errorf("project %d limit %v due %v", rec.ProjectID, rec.State.Limit, rec.State.StatutoryDue)
		}
		list, err := db.FindProjectAppraisals(ctx, big.ID)
		if err != nil || len(list) != 1 || list[0].ProcedureName != p.Name {
			t.Errorf("appraisals of the project: %+v %v", list, err)
		}
		for name, code := range map[string]string{"unknown project": "DA-KHONG-CO"} {
			if _, _, err := db.ReceiveAppraisal(ctx, f.actor, in, code); apperr.As(err) == nil || apperr.As(err).Field != "project_code" {
				t.Errorf("%s: %v", name, err)
			}
		}
		oneStop := in
		oneStop.ProcedureCode = "1.009645"
		if _, _, err := db.ReceiveAppraisal(ctx, f.actor, oneStop, "DA-2026-001"); apperr.As(err) == nil || apperr.As(err).Field != "project_code" {
			t.Errorf("one-stop procedure: %v", err)
		}
		if list, _ := db.FindProjectAppraisals(ctx, big.ID); len(list) != 1 {
			t.Errorf("a refusal wrote: %d appraisals", len(list))
		}
	})
}
