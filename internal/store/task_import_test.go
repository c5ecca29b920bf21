package store_test

import (
	"context"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestImportTasks: a list is imported whole, in order, each task as
// CreateTask would build it; one bad task leaves nothing behind.
func TestImportTasks(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			clk := &workClock{}
			clk.Set("2026-03-02 08:00")
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			ctx := context.Background()
			f := newWorkFixture(t, db)
			count := func() int {
				list, err := db.FindTasks(ctx, store.TaskFilter{AgencyID: f.agency.ID})
				if err != nil {
					t.Fatal(err)
				}
				return len(list)
			}

			good := []work.NewTask{f.newTask("Báo cáo quý I", 5), f.newTask("Tổng hợp số liệu", 2)}
			bad := append(good, f.newTask("Sai người", 3))
			bad[2].LeadPersonID = 999999
			_, err := db.ImportTasks(ctx, f.actor(f.head), bad)
			if e := apperr.As(err); e == nil || e.Field != "tasks[2].lead_person_id" {
				t.Fatalf("bad third task: %v", err)
			}
			if n := count(); n != 0 {
				t.Fatalf("a failed import left %d tasks", n)
			}
			if _, err := db.ImportTasks(ctx, f.actor(f.head), nil); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("empty list: %v", err)
			}

			ids, err := db.ImportTasks(ctx, f.actor(f.head), good)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != 2 || count() != 2 {
				t.Fatalf("imported %v, stored %d", ids, count())
			}
			h, err := db.FindTaskByID(ctx, ids[0])
			if err != nil {
				t.Fatal(err)
			}
			want := vnTime("2026-03-09 08:00") // 5 working days from Monday 08:00, as CreateTask computes
			if h.Task.Title != "Báo cáo quý I" || !h.Task.Deadline.Equal(want) || h.Task.State != work.StateAssigned ||
				len(h.Task.Checklist) != 2 || len(h.Task.Coordinators) != 1 {
				t.Errorf("imported task: %+v", h.Task)
			}
		})
	}
}
