package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// Issue #11 finding 6: a dossier's or task's row edited directly, behind
// congvu's back, passes the journal's check (no journal row changes) and
// is caught by replaying the record's events.
func TestVerifyRecordsCatchesEditedRows(t *testing.T) {
	cases := []struct {
		name, kind, tamper, column string
	}{
		{"intact", "", "", ""},
		{"dossier status", "dossier", "UPDATE dossiers SET status = 10, completed_at = received_at WHERE code = ?", "status"},
		{"dossier due moved", "dossier", "UPDATE dossiers SET statutory_due_at = statutory_due_at + 86400000000 WHERE code = ?", "statutory_due_at"},
		{"dossier step", "dossier", "UPDATE dossiers SET current_step = 2 WHERE code = ?", "current_step"},
		{"dossier handler", "dossier", "UPDATE dossiers SET handler_id = NULL WHERE code = ?", "handler_id"},
		{"dossier version hides the last event", "dossier", "UPDATE dossiers SET version = version - 1 WHERE code = ?", "version"},
		{"task state", "task", "UPDATE tasks SET state = 'completed' WHERE id = ?", "state"},
		{"task progress", "task", "UPDATE tasks SET progress = 100 WHERE id = ?", "progress"},
		{"task deadline", "task", "UPDATE tasks SET deadline_at = deadline_at + 86400000000 WHERE id = ?", "deadline_at"},
		{"task version", "task", "UPDATE tasks SET version = version + 1 WHERE id = ?", "version"},
		{"task checklist", "task", "UPDATE task_checklist SET done = NOT done WHERE task_id = ? AND pos = 1", "task_checklist[1].done"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				code, taskID := recordsFixture(t, db)
				id := map[string]any{"dossier": code, "task": taskID}[c.kind]
				if c.tamper != "" {
					if err := db.ExecRaw(ctx, c.tamper, id); err != nil {
						t.Fatal(err)
					}
				}
				var got []store.RecordMismatch
				n, err := db.VerifyRecords(ctx, func(m store.RecordMismatch) { got = append(got, m) })
				if err != nil {
					t.Fatal(err)
				}
				if n != 2 {
					t.Errorf("%d records checked, want 2", n)
				}
				if _, err := db.VerifyAudit(ctx); err != nil {
					t.Fatalf("the journal is untouched: %v", err)
				}
				if c.tamper == "" {
					if len(got) != 0 {
						t.Fatalf("intact records reported: %+v", got)
					}
					return
				}
				found := false
				for _, m := range got {
					found = found || m.Kind == c.kind && m.ID == fmt.Sprint(id) && m.Column == c.column
				}
				if !found {
					t.Errorf("edited %s %v not reported in column %s: %+v", c.kind, id, c.column, got)
				}
			})
		})
	}
}

// recordsFixture makes a dossier forwarded to an official and a task in
// progress with one checklist item ticked.
func recordsFixture(t *testing.T, db *store.DB) (string, int64) {
	t.Helper()
	ctx := context.Background()
	o := newOneStop(t, db)
	received := time.Date(2026, 3, 2, 8, 0, 0, 0, vn)
	rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Nguyễn Văn An", received, dossier.ChannelDirect))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordDossierEvent(ctx, o.official, rec.Code, 1, dossier.Event{Action: dossier.Forward, At: received.Add(2 * time.Hour),
		UnitID: o.desk.ID, ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}); err != nil {
		t.Fatal(err)
	}
	days := 5.0
	h, err := db.CreateTask(ctx, o.clerk, work.NewTask{AgencyID: o.agency.ID, Title: "Báo cáo tình hình", Product: "Báo cáo",
		LeadUnitID: o.division.ID, LeadPersonID: o.official.PersonID, AssignerID: o.clerk.PersonID, Deadline: work.DeadlineSpec{WorkingDays: &days},
		Checklist: []string{"Thu thập số liệu", "Dự thảo báo cáo"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for v, ev := range []work.Event{{Action: work.ActionStart}, {Action: work.ActionReportProgress, Percent: pct(40), Ticks: []int{0}}} {
		if _, _, err := db.RecordTaskEvent(ctx, o.official, h.Task.ID, v+1, ev); err != nil {
			t.Fatalf("%s: %v", ev.Action, err)
		}
	}
	return rec.Code, h.Task.ID
}
