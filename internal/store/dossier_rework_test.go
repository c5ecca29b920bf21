package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// A return for rework applies atomically: the row goes back to the earlier
// step's unit and handler, the event records the step reached and who
// holds it, the journal has it, records_verify's replay agrees, one
// notification job is enqueued, and a rejected return writes nothing.
func TestDossierReturnForRework(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		p := o.proc
		p.Code, p.Version = "1.001613", 0
		p.Steps = []dossier.Step{
			{Name: "Tiếp nhận", UnitID: o.desk.ID, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: o.division.ID, Budget: 12},
			{Name: "Trưởng phòng phê duyệt", UnitID: o.division.ID, Role: org.RoleHead, Budget: 2.5},
		}
		if _, err := db.CreateProcedureVersion(ctx, sys, p); err != nil {
			t.Fatal(err)
		}
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		in := o.intake("Nguyễn Văn An", at(2, 8), dossier.ChannelDirect)
		in.ProcedureCode = p.Code
		rec, _, err := db.ReceiveDossier(ctx, o.clerk, in)
		if err != nil {
			t.Fatal(err)
		}
		step := func(ev dossier.Event) (dossier.Record, error) {
			return db.RecordDossierEvent(ctx, o.official, rec.Code, 0, ev)
		}
		if _, err := step(dossier.Event{Action: dossier.Forward, At: at(2, 10), UnitID: o.desk.ID, ToUnitID: o.division.ID,
			ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}); err != nil {
			t.Fatal(err)
		}
		r, err := step(dossier.Event{Action: dossier.Forward, At: at(5, 10), UnitID: o.division.ID, ToUnitID: o.division.ID, ToPersonID: 999, ToPersonName: "Trưởng phòng"})
		if err != nil {
			t.Fatal(err)
		}
		due := r.State.StatutoryDue
		// No reason: refused, nothing written.
		_, err = step(dossier.Event{Action: dossier.ReturnForRework, At: at(6, 9), UnitID: o.division.ID})
		if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "reason" {
			t.Fatalf("no reason: %v", err)
		}
		r, err = step(dossier.Event{Action: dossier.ReturnForRework, At: at(6, 9), UnitID: o.division.ID, Reason: "Thiếu ý kiến Phòng Đấu thầu"})
		if err != nil {
			t.Fatal(err)
		}
		if r.State.Version != 4 || r.State.CurrentStep != 1 || r.State.Status != dossier.StatusProcessing || !r.State.StatutoryDue.Equal(due) {
			t.Fatalf("after the return: v%d step %d status %d due %v (was %v)", r.State.Version, r.State.CurrentStep, r.State.Status, r.State.StatutoryDue, due)
		}
		got, err := db.FindDossierByCode(ctx, rec.Code)
		if err != nil {
			t.Fatal(err)
		}
		ev := got.Events[3]
		if ev.Action != dossier.ReturnForRework || ev.ToStep != 1 || ev.ToUnitID != o.division.ID || ev.ToPersonID != o.official.PersonID || ev.Reason == "" {
			t.Errorf("stored event %+v", ev)
		}
		if cur, _ := got.State.Current(); cur.Handler.ID != o.official.PersonID || cur.UnitID != o.division.ID {
			t.Errorf("current step held by %+v", cur)
		}
		// The dossier's row (queues read it) is back with the official.
		page, err := db.FindDossiers(ctx, dossier.Filter{HandlerID: o.official.PersonID})
		if err != nil || len(page) != 1 {
			t.Errorf("the official's queue: %d dossiers, %v", len(page), err)
		}
		var mismatches []store.RecordMismatch
		if _, err := db.VerifyRecords(ctx, func(m store.RecordMismatch) { mismatches = append(mismatches, m) }); err != nil || len(mismatches) > 0 {
			t.Errorf("records_verify: %v %+v", err, mismatches)
		}
		entries, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "dossier", ObjectID: rec.Code})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.Action == string(dossier.ReturnForRework) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d journal entries for the return, want 1", n)
		}
		js, err := db.FindJobs(ctx, "dossier_notify", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(js) != 3 { // two forwards and the return
			t.Errorf("%d notification jobs, want 3", len(js))
		}
	})
}
