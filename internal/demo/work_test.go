package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"congvu/internal/calendar"
	"congvu/internal/store"
	"congvu/internal/work"
)

// workDB is the demo agency with its year of plans and tasks.
func workDB(t *testing.T) *store.DB {
	t.Helper()
	db, _ := seed(t)
	st, err := GenerateWork(context.Background(), db, WorkOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if st.Plans < 10 || st.Tasks < 150 || st.Events < 3*st.Tasks {
		t.Fatalf("generated %+v", st)
	}
	return db
}

// TestGenerateWorkYear: the year of tasks has what a year brings — done on
// time and late, returned for rework, obstacles, extensions approved and
// refused, objective causes confirmed for a delay and for a review, and
// open tasks late, blocked and awaiting review today — every task under an
// annual plan whose targets have actuals, none attained in full everywhere.
func TestGenerateWorkYear(t *testing.T) {
	db := workDB(t)
	ctx := context.Background()
	tasks, err := db.FindTasks(ctx, store.TaskFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	oldest := now
	for _, s := range tasks {
		h, err := db.FindTaskByID(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Task.AssignedAt.Before(oldest) {
			oldest = h.Task.AssignedAt
		}
		if h.Task.PlanID == nil {
			t.Errorf("task %d %q is under no plan", h.Task.ID, h.Task.Title)
		}
		tl := h.TimelinessAt(now)
		switch {
		case h.Task.State == work.StateDone && tl != work.Late:
			count["done on time"]++
		case h.Task.State == work.StateDone:
			count["done late"]++
		case tl == work.Late && h.Task.State != work.StateCancelled:
			count["open and late"]++
		}
		count["state "+string(h.Task.State)]++
		for _, r := range h.Reviews {
			if !r.Passed {
				count["returned"]++
			}
		}
		if len(h.Obstacles) > 0 {
			count["obstacle"]++
		}
		for _, x := range h.Extensions {
			if x.Decided && x.Approved {
				count["extension approved"]++
			} else if x.Decided {
				count["extension refused"]++
			}
		}
		for _, x := range h.Exemptions {
			count["exempted "+string(x.Kind)]++
		}
	}
	for _, k := range []string{"done on time", "done late", "open and late", "returned", "obstacle", "extension approved", "extension refused",
		"exempted delay", "exempted review", "state blocked", "state submitted", "state in_progress", "state cancelled"} {
		if count[k] == 0 {
			t.Errorf("no task %s (%v)", k, count)
		}
	}
	if now.Sub(oldest).Hours() < 24*300 {
		t.Errorf("the oldest task was assigned %v, want about a year before %v", oldest, now)
	}

	plans, err := db.FindPlans(ctx, store.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	years := map[int]int{}
	partly := 0
	for _, p := range plans {
		years[p.Period.Year]++
		a, ok := p.Attainment()
		if !ok {
			t.Errorf("plan %q has no targets", p.Title)
			continue
		}
		if p.Period.Year < now.Year() && a.Reported != a.Targets {
			t.Errorf("last year's plan %q has targets without actuals: %+v", p.Title, a)
		}
		if a.Mean < 1 {
			partly++
		}
	}
	if years[now.Year()-1] < 6 || years[now.Year()] < 6 || partly == 0 {
		t.Errorf("plans by year %v, %d not fully attained", years, partly)
	}
	for _, p := range plans {
		for _, tg := range p.Targets {
			for _, a := range tg.Actuals {
				if a.Evidence == "" || !strings.Contains(a.Label, "Tháng") {
					t.Errorf("plan %q target %q: actual %+v has no evidence or label", p.Title, tg.Name, a)
				}
			}
		}
	}
}

// TestGenerateWorkDeterministic: the same seed and clock on the same demo
// give the same tasks with the same histories.
func TestGenerateWorkDeterministic(t *testing.T) {
	sig := func(db *store.DB) string {
		ctx := context.Background()
		tasks, err := db.FindTasks(ctx, store.TaskFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, s := range tasks {
			h, err := db.FindTaskByID(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s|%d|%s|%s|%d\n", h.Task.Title, h.Task.LeadPersonID, h.Task.State,
				calendar.DateOf(h.Task.Deadline), len(h.Events))
		}
		return b.String()
	}
	a, b := sig(workDB(t)), sig(workDB(t))
	if a != b {
		t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
	}
}
