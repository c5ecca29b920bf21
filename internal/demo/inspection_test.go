package demo

import (
	"context"
	"strings"
	"testing"

	"congvu/internal/inspection"
	"congvu/internal/store"
)

// TestGenerateInspections: the demo holds the year's plan and one open
// inspection of six tasks drawn with seed 2026, its checklists computed,
// findings, two open recommendations assigned to the division's head as
// tasks, and lessons shown on the tasks of the sampled task's plan.
func TestGenerateInspections(t *testing.T) {
	db := workDB(t)
	ctx := context.Background()
	st, err := GenerateInspections(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	if st.Inspections != 1 || st.Findings < 1 || st.Recommendations != 2 || st.Lessons < 3 {
		t.Fatalf("generated %+v", st)
	}
	o, err := workOrg(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.ListInspections(ctx, o.agency, 0)
	if err != nil || len(rows) != 1 || rows[0].Open != 2 || rows[0].Status != inspection.Open {
		t.Fatalf("inspections %+v, %v", rows, err)
	}
	in, err := db.FindInspection(ctx, rows[0].ID)
	if err != nil || len(in.Items) != 6 || in.Seed != 2026 || len(in.Members) != 1 {
		t.Fatalf("inspection %+v, %v", in, err)
	}
	for _, r := range in.Recommendations {
		task, err := db.FindTaskByID(ctx, r.TaskID)
		if err != nil || task.Task.LeadPersonID != o.divisions[0].head || r.Closed() {
			t.Errorf("recommendation %+v: task %+v, %v", r, task.Task, err)
		}
	}
	ls, err := db.FindLessons(ctx, store.LessonFilter{AgencyID: o.agency, Query: "bao cao vuong mac"})
	if err != nil || len(ls) != 1 || !strings.Contains(ls[0].Lesson, "Báo cáo vướng mắc") {
		t.Fatalf("lessons found without diacritics: %+v, %v", ls, err)
	}
}
