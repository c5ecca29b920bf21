package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/appraisal"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// An appraisal on the dossier engine, stored: its own limit at receipt,
// two units consulted at once, one answering and one late, refusals that
// write nothing, the report, one extension and a second refused; the
// consultations projection, the figures by unit and records_verify's
// replay agree with the history.
func TestDossierParallelConsultation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		other, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &o.agency.ID, Kind: org.KindDivision, Name: "Phòng Kinh tế ngành", ValidFrom: "2025-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		third, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &o.agency.ID, Kind: org.KindDivision, Name: "Phòng Quản lý ngân sách", ValidFrom: "2025-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		p := appraisal.Policy.Procedure(o.agency.ID, o.desk.ID, o.division.ID, calendar.Date{Year: 2025, Month: 3, Day: 1})
		if p, err = db.CreateProcedureVersion(ctx, sys, p); err != nil {
			t.Fatal(err)
		}
		stored, err := db.FindProcedureVersions(ctx, o.agency.ID, p.Code)
		if err != nil || len(stored) != 1 || stored[0].MaxExtensions != 1 || stored[0].Steps[2].Kind != dossier.StepParallel || stored[0].Steps[3].Kind != dossier.StepReport {
			t.Fatalf("stored procedure %+v, %v", stored, err)
		}
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		in := o.intake("Ban Quản lý dự án đầu tư xây dựng tỉnh", at(2, 8), dossier.ChannelDirect)
		in.ProcedureCode = p.Code
		in.Limit = &calendar.Limit{Value: 45, Unit: calendar.CalendarDays}
		in.ProjectID = 77
		rec, _, err := db.ReceiveDossier(ctx, o.clerk, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.State.StatutoryDue.In(vn).Format("2006-01-02 15:04"); got != "2026-04-16 17:00" {
			t.Errorf("due %s, want 45 calendar days", got)
		}
		step := func(actor audit.Actor, ev dossier.Event) (dossier.Record, error) {
			return db.RecordDossierEvent(ctx, actor, rec.Code, 0, ev)
		}
		must := func(r dossier.Record, err error) dossier.Record {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		fwd := func(at time.Time) dossier.Event {
			return dossier.Event{Action: dossier.Forward, At: at, UnitID: o.division.ID, ToUnitID: o.division.ID,
				ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}
		}
		must(step(o.clerk, dossier.Event{Action: dossier.Forward, At: at(2, 9), UnitID: o.desk.ID, ToUnitID: o.division.ID,
			ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}))
		must(step(o.official, fwd(at(3, 8))))
		must(step(o.official, dossier.Event{Action: dossier.Consult, At: at(3, 9), UnitID: o.division.ID,
			Branches: []dossier.BranchAsk{{UnitID: other.ID, Days: 5}, {UnitID: third.ID, Days: 2}}}))
		before := must(db.FindDossierByCode(ctx, rec.Code))

		// Refusals: leaving before the answers, an answer from a unit not
		// asked; nothing written.
		if _, err := step(o.official, fwd(at(4, 9))); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("forward while waiting: %v", err)
		}
		if _, err := step(o.official, dossier.Event{Action: dossier.AnswerConsultation, At: at(4, 9), UnitID: o.desk.ID,
			Verdict: dossier.VerdictAgree, Reason: "đồng ý"}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("answer by a unit not asked: %v", err)
		}
		if after := must(db.FindDossierByCode(ctx, rec.Code)); after.State.Version != before.State.Version {
			t.Fatalf("a refusal wrote: v%d → v%d", before.State.Version, after.State.Version)
		}
		must(step(o.official, dossier.Event{Action: dossier.AnswerConsultation, At: at(4, 10), UnitID: other.ID,
			Verdict: dossier.VerdictDisagree, Reason: "Đề nghị làm rõ nguồn vốn", FileID: 0}))

		owed, err := db.FindConsultations(ctx, dossier.ConsultationFilter{UnitIDs: []int64{third.ID}, Owed: true})
		if err != nil || len(owed) != 1 || owed[0].Code != rec.Code || owed[0].ProjectID != 77 {
			t.Fatalf("owed by the third unit: %+v, %v", owed, err)
		}
		if none, _ := db.FindConsultations(ctx, dossier.ConsultationFilter{UnitIDs: []int64{other.ID}, Owed: true}); len(none) != 0 {
			t.Errorf("the unit that answered still owes %d", len(none))
		}
		// The third unit's 2 days end on 5/3 09:00; on the 9th it is late.
		figs, err := db.ConsultationFigures(ctx, o.agency.ID, at(9, 8))
		if err != nil || len(figs) != 2 || figs[0].UnitID != third.ID || figs[0].Overdue != 1 || figs[0].Late != 1 || figs[1].AnsweredOnTime != 1 {
			t.Fatalf("figures %+v, %v", figs, err)
		}
		// Its time up, the dossier goes on; the unanswered unit is closed as no answer.
		must(step(o.official, fwd(at(9, 9))))
		closed, _ := db.FindConsultations(ctx, dossier.ConsultationFilter{AgencyID: o.agency.ID})
		if len(closed) != 2 || !closed[0].Branch.Closed || !closed[1].Branch.Closed {
			t.Errorf("after the step: %+v", closed)
		}
		if owed, _ := db.FindConsultations(ctx, dossier.ConsultationFilter{UnitIDs: []int64{third.ID}, Owed: true}); len(owed) != 0 {
			t.Errorf("still owed after the step: %d", len(owed))
		}
		must(step(o.official, dossier.Event{Action: dossier.AppraisalReport, At: at(10, 9), UnitID: o.division.ID,
			Verdict: dossier.VerdictConditional, Reason: "Đồng ý với điều kiện bổ sung nguồn vốn"}))
		head := audit.Actor{PersonID: o.official.PersonID, Name: "Trưởng phòng"}
		r := must(step(head, dossier.Event{Action: dossier.Extend, At: at(10, 10), UnitID: o.division.ID, ExtendDays: 10, Reason: "Chờ ý kiến bổ sung"}))
		if r.State.Extensions != 1 {
			t.Fatalf("extensions %d", r.State.Extensions)
		}
		_, err = step(head, dossier.Event{Action: dossier.Extend, At: at(10, 11), UnitID: o.division.ID, ExtendDays: 5, Reason: "lần hai"})
		if e := apperr.As(err); e == nil || e.Code != apperr.Conflict {
			t.Fatalf("second extension: %v", err)
		}
		got := must(db.FindDossierByCode(ctx, rec.Code))
		if got.ProjectID != 77 || got.State.Report == nil || got.State.Report.Verdict != dossier.VerdictConditional ||
			len(got.State.Branches) != 2 || got.State.Branches[0].Verdict != dossier.VerdictDisagree || got.State.Limit.Value != 45 {
			t.Fatalf("replayed %+v", got.State)
		}
		var mismatches []store.RecordMismatch
		if _, err := db.VerifyRecords(ctx, func(m store.RecordMismatch) { mismatches = append(mismatches, m) }); err != nil || len(mismatches) > 0 {
			t.Errorf("records_verify: %v %+v", err, mismatches)
		}
		list, err := db.FindProjectAppraisals(ctx, 77)
		if err != nil || len(list) != 1 || list[0].Code != rec.Code || list[0].Status != dossier.StatusProcessing {
			t.Errorf("project appraisals %+v, %v", list, err)
		}
	})
}

// The appraisal limits are data: the defaults until an agency sets its own
// from a date; a bad rule is refused naming its field.
func TestAppraisalLimits(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		code := appraisal.Policy.ProcedureCode()
		on := calendar.Date{Year: 2026, Month: 3, Day: 2}
		rules, err := db.AppraisalLimits(ctx, o.agency.ID)
		if err != nil || len(rules) != 0 {
			t.Fatalf("%v %v", rules, err)
		}
		if r, _ := appraisal.PickLimit(rules, code, "A", on); r.Limit.Value != 45 || r.Verified {
			t.Errorf("default A %+v", r)
		}
		set := appraisal.LimitRule{ProcedureCode: code, Group: "A", EffectiveFrom: calendar.Date{Year: 2026, Month: 1, Day: 1},
			Limit: calendar.Limit{Value: 40, Unit: calendar.CalendarDays}, Verified: true, Basis: "NĐ 85/2025/NĐ-CP"}
		if err := db.SetAppraisalLimit(ctx, sys, o.agency.ID, set); err != nil {
			t.Fatal(err)
		}
		rules, _ = db.AppraisalLimits(ctx, o.agency.ID)
		if r, _ := appraisal.PickLimit(rules, code, "A", on); r.Limit.Value != 40 || !r.Verified {
			t.Errorf("set A %+v", r)
		}
		if r, _ := appraisal.PickLimit(rules, code, "A", calendar.Date{Year: 2025, Month: 12, Day: 31}); r.Limit.Value != 45 {
			t.Errorf("before its date %+v", r)
		}
		bad := set
		bad.Group = "D"
		if err := db.SetAppraisalLimit(ctx, sys, o.agency.ID, bad); apperr.As(err) == nil || apperr.As(err).Field != "group" {
			t.Errorf("bad group: %v", err)
		}
	})
}
