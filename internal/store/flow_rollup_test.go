package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/flow"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// The bottleneck rollups, kept in each event's transaction, equal a
// recount from the events after a sequence of events of every kind that
// moves a dossier between steps (forwards, a pause, a return for rework,
// late and on-time completions, a refusal), on both engines; and the
// backfill of migration 0039 rebuilds them the same from the histories.
func TestFlowRollupEqualsRecount(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		p := o.proc
		p.Code, p.Version = "1.001613", 0
		p.Limit = calendar.Limit{Value: 3, Unit: calendar.WorkingDays}
		p.Steps = []dossier.Step{
			{Name: "Tiếp nhận", UnitID: o.desk.ID, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: o.division.ID, Budget: 2},
			{Name: "Trưởng phòng phê duyệt", UnitID: o.division.ID, Role: org.RoleHead, Budget: 0.5},
		}
		if _, err := db.CreateProcedureVersion(ctx, sys, p); err != nil {
			t.Fatal(err)
		}
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		fwd := func(t time.Time, from int64) dossier.Event {
			return dossier.Event{Action: dossier.Forward, At: t, UnitID: from, ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}
		}
		var codes []string
		run := func(day int, evs ...dossier.Event) string {
			in := o.intake("Nguyễn Văn An", at(day, 8), dossier.ChannelDirect)
			in.ProcedureCode = p.Code
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range evs {
				if _, err := db.RecordDossierEvent(ctx, o.official, rec.Code, 0, ev); err != nil {
					t.Fatalf("%s %s: %v", rec.Code, ev.Action, err)
				}
			}
			codes = append(codes, rec.Code)
			return rec.Code
		}
		// On time, straight through.
		run(2, fwd(at(2, 9), o.desk.ID), fwd(at(2, 15), o.division.ID), dossier.Event{Action: dossier.Complete, At: at(3, 9), UnitID: o.division.ID})
		// A supplement at the division (its pick-up), then late at the head's step.
		run(2, fwd(at(2, 10), o.desk.ID),
			dossier.Event{Action: dossier.RequestSupplement, At: at(2, 14), UnitID: o.division.ID, Reason: "Thiếu bản sao"},
			dossier.Event{Action: dossier.ReceiveSupplement, At: at(3, 8), UnitID: o.desk.ID},
			fwd(at(4, 9), o.division.ID), dossier.Event{Action: dossier.Complete, At: at(10, 10), UnitID: o.division.ID})
		// Returned for rework from the head's step, then completed.
		run(3, fwd(at(3, 9), o.desk.ID), fwd(at(4, 9), o.division.ID),
			dossier.Event{Action: dossier.ReturnForRework, At: at(4, 15), UnitID: o.division.ID, Reason: "Sai số liệu"},
			fwd(at(5, 9), o.division.ID), dossier.Event{Action: dossier.Complete, At: at(5, 10), UnitID: o.division.ID})
		// Still open at the division; and one refused at the desk.
		run(4, fwd(at(4, 9), o.desk.ID))
		run(5, dossier.Event{Action: dossier.Refuse, At: at(5, 9), UnitID: o.desk.ID, Reason: "Không thuộc thẩm quyền"})

		stored, recounted, err := db.FlowTables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) == 0 || !slices.Equal(stored, recounted) {
			t.Fatalf("rollup ≠ recount\nstored:\n%v\nrecounted:\n%v", stored, recounted)
		}
		steps, edges, err := db.FlowRows(ctx, o.agency.ID, p.Code, nil, calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31})
		if err != nil {
			t.Fatal(err)
		}
		a := flow.Analyse([]flow.StepInfo{{Name: "Tiếp nhận", Budget: 0.5}, {Name: "Thẩm định", Budget: 2}, {Name: "Trưởng phòng", Budget: 0.5}}, steps, edges)
		// Passes: the desk 4 (the refused dossier never left it), the
		// division 4 (one a second pass after the return), the head 4 (one
		// returned); one late dossier, laid to the head's step.
		if a.Steps[0].Count != 4 || a.Steps[1].Count != 4 || a.Steps[2].Count != 4 || a.Steps[2].Returned != 1 || a.Late != 1 || a.Steps[2].LateCaused != 1 {
			t.Errorf("analysis = %+v", a.Steps)
		}
		// The division's wait: 10:00 → 14:00 on the supplement dossier = 2 h,
		// over 4 passes.
		if a.Steps[1].WaitHours != 0.5 {
			t.Errorf("division wait = %v h a pass, want 2 h over 4 = 0.5", a.Steps[1].WaitHours)
		}
		onlyDesk, _, err := db.FlowRows(ctx, o.agency.ID, p.Code, []int64{o.desk.ID}, calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31})
		if err != nil || len(onlyDesk) != 1 || onlyDesk[0].Step != 0 {
			t.Errorf("desk only = %+v, %v", onlyDesk, err)
		}
		// The same dossiers again through the bulk loader (the demo's and the
		// scale build's path) keep the rollups equal to the recount too.
		l, err := db.NewBulkLoader(ctx, audit.System("test"), o.agency.ID, store.BulkOptions{Batch: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range codes {
			e, err := db.FindDossierByCode(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			rec := dossier.Record{Procedure: dossier.Procedure{Code: p.Code}, Applicant: e.Applicant, Channel: e.Channel, Documents: e.Documents, Sets: e.Sets}
			for _, ev := range e.Events {
				ev.Seq, ev.RecordedAt = 0, time.Time{}
				rec.Events = append(rec.Events, ev)
			}
			if err := l.Add(rec); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Close(); err != nil {
			t.Fatal(err)
		}
		if stored, recounted, err = db.FlowTables(ctx); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(stored, recounted) {
			t.Fatalf("after the bulk load, rollup ≠ recount\nstored:\n%v\nrecounted:\n%v", stored, recounted)
		}
		if err := db.EmptyAndBackfillFlow(ctx); err != nil {
			t.Fatal(err)
		}
		again, _, err := db.FlowTables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(again, stored) {
			t.Fatalf("backfill ≠ rollup\nbackfill:\n%v\nrollup:\n%v", again, stored)
		}
	})
}

// The dossiers behind a step's figures are those the figures counted.
func TestFlowDossiers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		var codes []string
		for i, days := range []int{1, 20} { // the second one sits 20 days at the division: over its 14
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Nguyễn Văn An", at(2, 8), dossier.ChannelDirect))
			if err != nil {
				t.Fatal(err)
			}
			evs := []dossier.Event{
				{Action: dossier.Forward, At: at(2, 9), UnitID: o.desk.ID, ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name},
				{Action: dossier.Forward, At: at(2, 9).AddDate(0, 0, days+i*7), UnitID: o.division.ID, ToUnitID: o.desk.ID, ToPersonID: o.clerk.PersonID, ToPersonName: o.clerk.Name},
			}
			for _, ev := range evs {
				if _, err := db.RecordDossierEvent(ctx, o.official, rec.Code, 0, ev); err != nil {
					t.Fatal(err)
				}
			}
			codes = append(codes, rec.Code)
		}
		from, to := calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 4, Day: 30}
		all, more, err := db.FlowDossiers(ctx, o.agency.ID, o.proc.Code, nil, from, to, 1, flow.FigPasses, 50)
		if err != nil || more || len(all) != 2 || all[0].Code != codes[1] {
			t.Fatalf("passes: %v, more %v, %v", all, more, err)
		}
		over, _, err := db.FlowDossiers(ctx, o.agency.ID, o.proc.Code, nil, from, to, 1, flow.FigOverBudget, 50)
		if err != nil || len(over) != 1 || over[0].Code != codes[1] {
			t.Fatalf("over budget: %v, %v", over, err)
		}
		one, more, err := db.FlowDossiers(ctx, o.agency.ID, o.proc.Code, nil, from, to, 1, flow.FigPasses, 1)
		if err != nil || !more || len(one) != 1 {
			t.Fatalf("limit 1: %v, more %v, %v", one, more, err)
		}
		none, _, err := db.FlowDossiers(ctx, o.agency.ID, o.proc.Code, []int64{o.desk.ID}, from, to, 1, flow.FigPasses, 50)
		if err != nil || len(none) != 0 {
			t.Fatalf("the desk handled no division pass: %v, %v", none, err)
		}
	})
}

// The task rollups equal a recount from the task events after a task is
// blocked, unblocked, returned and accepted, on both engines; and the
// backfill rebuilds them. Worked by hand: blocked Mon 02/03 09:00 → Wed
// 04/03 09:00 (2 days); submitted Wed 10:00, returned Sat 07/03 10:00 (3
// days); submitted Mon 09/03 10:00, accepted 22:00 (half a day).
func TestTaskFlowRollupEqualsRecount(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db0 *store.DB) {
		clock := &workClock{}
		clock.Set("2026-03-02 08:00")
		db := storetest.New(t, db0.Engine(), store.Options{Now: clock.Now})
		ctx := context.Background()
		f := newWorkFixture(t, db)
		h, err := db.CreateTask(ctx, f.actor(f.head), f.newTask("Báo cáo quý", 10), nil)
		if err != nil {
			t.Fatal(err)
		}
		id := h.Task.ID
		steps := []struct {
			at  string
			who org.Person
			ev  work.Event
		}{
			{"2026-03-02 09:00", f.lead, work.Event{Action: work.ActionRaiseObstacle, Note: "Thiếu số liệu của các huyện"}},
			{"2026-03-04 09:00", f.head, work.Event{Action: work.ActionResolveObstacle, Note: "Đã có số liệu"}},
			{"2026-03-04 10:00", f.lead, work.Event{Action: work.ActionSubmit, Note: "Dự thảo báo cáo"}},
			{"2026-03-07 10:00", f.head, work.Event{Action: work.ActionReturn, Reason: "Thiếu phần kiến nghị"}},
			{"2026-03-09 10:00", f.lead, work.Event{Action: work.ActionSubmit, Note: "Đã bổ sung kiến nghị"}},
			{"2026-03-09 22:00", f.head, work.Event{Action: work.ActionAccept}},
		}
		for _, s := range steps {
			clock.Set(s.at)
			if _, _, err := db.RecordTaskEvent(ctx, f.actor(s.who), id, 0, s.ev); err != nil {
				t.Fatalf("%s: %v", s.ev.Action, err)
			}
		}
		stored, recounted, err := db.FlowTables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != 3 || !slices.Equal(stored, recounted) {
			t.Fatalf("rollup ≠ recount\nstored:\n%v\nrecounted:\n%v", stored, recounted)
		}
		rows, err := db.TaskFlowRows(ctx, f.agency.ID, nil, calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31})
		if err != nil || len(rows) != 1 {
			t.Fatalf("rows %+v, %v", rows, err)
		}
		l := rows[0].Line()
		if l.Obstacles != 1 || l.BlockedDays != 2 || l.Reviews != 2 || l.MeanReviewDays != 1.75 || l.Returns != 1 || l.UnitID != f.kgvx.ID {
			t.Errorf("line = %+v", l)
		}
		if none, _ := db.TaskFlowRows(ctx, f.agency.ID, []int64{f.bidding.ID}, calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31}); len(none) != 0 {
			t.Errorf("another unit's tasks: %+v", none)
		}
		if err := db.EmptyAndBackfillFlow(ctx); err != nil {
			t.Fatal(err)
		}
		again, _, err := db.FlowTables(ctx)
		if err != nil || !slices.Equal(again, stored) {
			t.Fatalf("backfill ≠ rollup: %v\n%v\n%v", err, again, stored)
		}
	})
}

// Tasks loaded in bulk (the demo's and the scale build's path) keep the
// task rollups equal to a recount too.
func TestTaskFlowRollupOfBulkTasks(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	ctx := context.Background()
	now := time.Now()
	if _, err := demo.Seed(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: 300, Now: now, Seed: 7, Batch: 100}); err != nil {
		t.Fatal(err)
	}
	stored, recounted, err := db.FlowTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tasks := 0
	for _, l := range stored {
		if strings.HasPrefix(l, "task ") {
			tasks++
		}
	}
	if tasks == 0 || !slices.Equal(stored, recounted) {
		t.Fatalf("%d task rows; rollup ≠ recount\nstored:\n%v\nrecounted:\n%v", tasks, stored, recounted)
	}
}
