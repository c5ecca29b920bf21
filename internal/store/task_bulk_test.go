package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestGenerateTasksReplays generates tasks on the demo agency through the
// bulk loader and checks that every stored task replays from its stored
// events to its stored state, progress, version and completion, that the
// states are a mix, that each batch wrote one journal entry and that the
// journal verifies.
func TestGenerateTasksReplays(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		if _, err := demo.Seed(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		before, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "task", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		const n = 600
		stats, err := db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: n, Now: now, Seed: 7, Batch: 250})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Tasks != n || stats.Batches != 3 || stats.Events < n {
			t.Fatalf("stats = %+v, want %d tasks in 3 batches with events", stats, n)
		}
		after, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "task", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(after) - len(before); got != 3 {
			t.Errorf("journal grew by %d entries, want 3 (one per batch)", got)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatalf("journal does not verify: %v", err)
		}
		list, err := db.FindTasks(ctx, store.TaskFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != n {
			t.Fatalf("found %d tasks, want %d", len(list), n)
		}
		ids := make([]int64, len(list))
		rows := map[int64]store.TaskSummary{}
		for i, s := range list {
			ids[i], rows[s.ID] = s.ID, s
		}
		hs, err := db.TasksWithHistory(ctx, ids) // replays every history
		if err != nil {
			t.Fatal(err)
		}
		states := map[work.State]int{}
		for _, h := range hs {
			row := rows[h.Task.ID]
			states[row.State]++
			if h.Task.State != row.State || h.Task.Progress != row.Progress || h.Task.Version != row.Version ||
				!h.Task.Deadline.Equal(row.Deadline) || len(h.Events)+1 != row.Version {
				t.Fatalf("task %d: replayed %s %d%% v%d due %v, stored %s %d%% v%d due %v", h.Task.ID, h.Task.State, h.Task.Progress,
					h.Task.Version, h.Task.Deadline, row.State, row.Progress, row.Version, row.Deadline)
			}
			if (h.CompletedAt == nil) != (row.CompletedAt == nil) || (h.CompletedAt != nil && !h.CompletedAt.Equal(*row.CompletedAt)) {
				t.Fatalf("task %d: replayed completion %v, stored %v", h.Task.ID, h.CompletedAt, row.CompletedAt)
			}
			if h.Task.LeadPersonID == h.Task.AssignerID {
				t.Fatalf("task %d: the lead is the assigner", h.Task.ID)
			}
		}
		for _, s := range []work.State{work.StateDone, work.StateInProgress, work.StateCancelled, work.StateSubmitted} {
			if states[s] == 0 {
				t.Errorf("no task %s among %v", s, states)
			}
		}
		if states[work.StateDone] < n/2 {
			t.Errorf("%d done of %d, want most: %v", states[work.StateDone], n, states)
		}
		// The engine carries on from a generated history.
		for _, h := range hs {
			if h.Task.State == work.StateInProgress {
				p := 95
				if _, _, err := db.RecordTaskEvent(ctx, audit.Actor{PersonID: h.Task.LeadPersonID}, h.Task.ID, h.Task.Version,
					work.Event{Action: work.ActionReportProgress, Percent: &p}); err != nil {
					t.Fatalf("report on generated task %d: %v", h.Task.ID, err)
				}
				break
			}
		}
	})
}
