package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// taskListCase is one list a person sees: their role's scope and a filter.
type taskListCase struct {
	name string
	f    store.TaskFilter
}

// taskListCases are every list of tasks the web pages and the API send,
// for a director, a head and an official of the demo agency, with the
// main filters: the tabs (mine, assigned, coordinating, the unit board,
// due), the whole visible list (the API without mine), by state, open,
// overdue, by plan, by unit, by coordinating unit, and a search.
func taskListCases(t testing.TB, db *store.DB, now time.Time) []taskListCase {
	ctx := context.Background()
	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.CurrentMemberships(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	who := map[org.Role]int64{}
	heads := map[int64]int64{}
	var division int64
	for _, m := range ms {
		u, ok := tree.Unit(m.UnitID)
		if !ok || !u.Current() {
			continue
		}
		if m.Role == org.RoleDirector && who[m.Role] == 0 {
			who[m.Role] = m.PersonID
		}
		if m.Role == org.RoleHead && u.Kind == org.KindDivision {
			heads[u.ID] = m.PersonID
		}
	}
	for _, m := range ms {
		if m.Role == org.RoleOfficial && heads[m.UnitID] != 0 && division == 0 {
			division, who[org.RoleOfficial], who[org.RoleHead] = m.UnitID, m.PersonID, heads[m.UnitID]
		}
	}
	plans, err := db.FindPlans(ctx, store.PlanFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	soon := now.Add(15 * 24 * time.Hour)
	var out []taskListCase
	for _, role := range []org.Role{org.RoleDirector, org.RoleHead, org.RoleOfficial} {
		id := who[role]
		if id == 0 {
			t.Fatalf("the demo has no %s", role)
		}
		subj, err := db.Subject(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		sc := store.TaskScopeOf(subj, tree)
		board := tree.AgencySubtree(division)
		add := func(name string, f store.TaskFilter) {
			f.Scope, f.Now = sc, now
			out = append(out, taskListCase{string(role) + "/" + name, f})
		}
		add("all", store.TaskFilter{})
		add("all-open", store.TaskFilter{Open: true})
		add("all-overdue", store.TaskFilter{Overdue: true})
		add("all-in-progress", store.TaskFilter{States: []work.State{work.StateInProgress}})
		add("all-two-states", store.TaskFilter{States: []work.State{work.StateBlocked, work.StateReturned}})
		add("all-search", store.TaskFilter{Query: "bao cao"})
		add("mine", store.TaskFilter{LeadPersonID: id})
		add("mine-open", store.TaskFilter{LeadPersonID: id, Open: true})
		add("mine-submitted", store.TaskFilter{LeadPersonID: id, States: []work.State{work.StateSubmitted}})
		add("assigned", store.TaskFilter{AssignerID: id})
		add("assigned-overdue", store.TaskFilter{AssignerID: id, Overdue: true})
		add("coordinating", store.TaskFilter{CoordinatorPersonID: id})
		add("coordinating-open", store.TaskFilter{CoordinatorPersonID: id, Open: true})
		add("board", store.TaskFilter{UnitIDs: board})
		add("board-open", store.TaskFilter{UnitIDs: board, Open: true})
		add("board-blocked", store.TaskFilter{UnitIDs: board, States: []work.State{work.StateBlocked}})
		add("coordinating-unit", store.TaskFilter{CoordinatingUnitIDs: []int64{division}})
		add("due", store.TaskFilter{Open: true, DueBefore: &soon})
		add("agency", store.TaskFilter{AgencyID: subj.AgencyID})
		add("agency-open", store.TaskFilter{AgencyID: subj.AgencyID, Open: true})
		if len(plans) > 0 {
			add("plan", store.TaskFilter{PlanID: plans[0].ID})
		}
	}
	return out
}

// seedTaskLists is the demo with n generated tasks.
func seedTaskLists(t testing.TB, db *store.DB, now time.Time, n int) {
	ctx := context.Background()
	if _, err := demo.Seed(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: n, Now: now, Seed: 3}); err != nil {
		t.Fatal(err)
	}
}

// TestTaskListsPageInOrder: every list, paged 50 at a time through the
// cursor, gives exactly the tasks the old query (every visible task
// sorted) gave, in the same order, with no page cut short and the last
// page saying so; the count agrees, and says "capped" past its cap.
func TestTaskListsPageInOrder(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
		seedTaskLists(t, db, now, 900)
		for _, c := range taskListCases(t, db, now) {
			want := c.f
			want.Limit = 1000
			old, err := db.FindTasksSorted(ctx, want)
			if err != nil {
				t.Fatal(err)
			}
			if len(old) >= 1000 {
				t.Fatalf("%s: %d tasks, the test needs fewer than 1000", c.name, len(old))
			}
			var got []int64
			f := c.f
			f.Limit = 50
			for pages := 0; ; pages++ {
				p, err := db.FindTaskPage(ctx, f)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				for _, s := range p.Tasks {
					got = append(got, s.ID)
				}
				if p.Next == nil {
					break
				}
				if len(p.Tasks) != 50 {
					t.Errorf("%s: page %d has %d tasks and a next page", c.name, pages+1, len(p.Tasks))
				}
				f.After = p.Next
				if pages > 100 {
					t.Fatalf("%s: paging does not end", c.name)
				}
			}
			var wantIDs []int64
			for _, s := range old {
				wantIDs = append(wantIDs, s.ID)
			}
			if !slices.Equal(got, wantIDs) {
				t.Errorf("%s: paged %d tasks %v…, the sorted query %d %v…", c.name, len(got), head(got), len(wantIDs), head(wantIDs))
			}
			n, capped, err := db.CountTasks(ctx, c.f, 0)
			if err != nil {
				t.Fatalf("%s: count: %v", c.name, err)
			}
			if n != len(wantIDs) || capped {
				t.Errorf("%s: count %d (capped %v), want %d", c.name, n, capped, len(wantIDs))
			}
			if len(wantIDs) > 3 {
				n, capped, err := db.CountTasks(ctx, c.f, 3)
				if err != nil || n != 3 || !capped {
					t.Errorf("%s: count capped at 3 = %d, %v, %v; want 3, capped", c.name, n, capped, err)
				}
			}
		}
	})
}

func head(ids []int64) []int64 { return ids[:min(5, len(ids))] }

// TestTaskListPlans: no list has the database sort the tasks it can see.
// Each list's statement is planned (EXPLAIN QUERY PLAN on SQLite: no "USE
// TEMP B-TREE"; EXPLAIN on PostgreSQL: index scans and no Sort node), the
// old query's plan shown beside to prove the check can fail. A rare search
// is the one exception, by design: its few matches come from the trigram
// index and are sorted (store/search.go).
func TestTaskListPlans(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
		seedTaskLists(t, db, now, 300)
		after := &store.TaskCursor{Deadline: now.AddDate(0, -6, 0), ID: 100}
		sorts := func(plan string) bool {
			if db.Engine() == "sqlite" {
				return strings.Contains(plan, "USE TEMP B-TREE")
			}
			return strings.Contains(plan, "Sort") || !strings.Contains(plan, "Index")
		}
		for _, c := range taskListCases(t, db, now) {
			for _, f := range []store.TaskFilter{c.f, withAfter(c.f, after)} {
				plan, single, err := db.ExplainTaskList(ctx, f)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if single {
					t.Errorf("%s: read as one sorted query:\n%s", c.name, plan)
				} else if sorts(plan) {
					t.Errorf("%s: the plan sorts:\n%s", c.name, plan)
				}
			}
		}
		// The old query, for the director's whole list, sorts: the check bites.
		old := taskListCases(t, db, now)[0]
		if plan, err := db.ExplainTaskListSorted(ctx, old.f); err != nil || !sorts(plan) {
			t.Errorf("the old director's list does not sort? %v\n%s", err, plan)
		}
	})
}

// An open list reads one index range per branch of the scope (migration
// 0029: the agency's and the coordinators' open tasks in one range each):
// the director's "due" and overdue lists read one per open state of the
// agency and of each coordination branch, twelve, and PostgreSQL spent
// 6.5 ms planning them.
func TestOpenTaskListsReadOneRangePerBranch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
		seedTaskLists(t, db, now, 50)
		for _, c := range taskListCases(t, db, now) {
			if !c.f.Open && !c.f.Overdue {
				continue
			}
			n, err := db.TaskListRanges(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			branches := 3 // lead, assigner, coordinator
			if sc := c.f.Scope; sc != nil {
				branches += len(sc.UnitIDs) + len(sc.CoordinatingUnitIDs) + len(sc.AgencyIDs)
			}
			if n > branches {
				t.Errorf("%s reads %d ranges, want at most %d (one per branch and value)", c.name, n, branches)
			}
		}
	})
}

func withAfter(f store.TaskFilter, c *store.TaskCursor) store.TaskFilter {
	f.After = c
	return f
}

// TestCoordinatorRowsFollowTheTask: the state and deadline kept beside a
// coordinator row (migration 0018) move with the task, so the coordinated
// lists stay right after a task changes.
func TestCoordinatorRowsFollowTheTask(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
		seedTaskLists(t, db, now, 200)
		list, err := db.FindTasksSorted(ctx, store.TaskFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(list, func(s store.TaskSummary) bool { return len(s.Coordinators) > 0 })
		if i < 0 {
			t.Fatal("no generated task has a coordinator")
		}
		like := list[i].Task
		days := 10.0
		assigner, err := db.FindPersonByID(ctx, like.AssignerID)
		if err != nil {
			t.Fatal(err)
		}
		h, err := db.CreateTask(ctx, audit.Actor{PersonID: assigner.ID, Name: assigner.FullName, AgencyID: like.AgencyID}, work.NewTask{
			AgencyID: like.AgencyID, LeadUnitID: like.LeadUnitID, LeadPersonID: like.LeadPersonID, AssignerID: like.AssignerID,
			AssignedAt: now, Title: "Nhiệm vụ có đơn vị phối hợp", Product: "Báo cáo", Deadline: work.DeadlineSpec{WorkingDays: &days},
			Coordinators: []work.Coordination{{UnitID: like.Coordinators[0].UnitID}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		task := h.Task
		unit := task.Coordinators[0].UnitID
		lead, err := db.FindPersonByID(ctx, task.LeadPersonID)
		if err != nil {
			t.Fatal(err)
		}
		f := store.TaskFilter{CoordinatingUnitIDs: []int64{unit}, States: []work.State{work.StateInProgress}, Limit: 1000}
		before, _ := db.FindTasks(ctx, f)
		if _, _, err := db.RecordTaskEvent(ctx, audit.Actor{PersonID: lead.ID, Name: lead.FullName, AgencyID: task.AgencyID},
			task.ID, task.Version, work.Event{Action: work.ActionStart}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindTasks(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(before)+1 || !slices.ContainsFunc(got, func(s store.TaskSummary) bool { return s.ID == task.ID }) {
			t.Errorf("started task %d is not in unit %d's coordinated in-progress list (%d before, %d after)", task.ID, unit, len(before), len(got))
		}
		want, _ := db.FindTasksSorted(ctx, f)
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) {
			t.Errorf("coordinated list %v, the sorted query %v", ids(got), ids(want))
		}
	})
}

func ids(list []store.TaskSummary) []int64 {
	out := make([]int64, len(list))
	for i, s := range list {
		out[i] = s.ID
	}
	return out
}

// A director's board of one unit (the agency and the unit's subtree, as
// the web sends it) reads the units' own index ranges, not the agency's:
// driven by the agency's one range it read every task of the agency in
// deadline order for the few of the unit (1.2–3.7 s a page on SQLite at
// 200,000 tasks).
func TestTaskBoardOfOneUnitReadsTheUnits(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
		seedTaskLists(t, db, now, 50)
		cases := taskListCases(t, db, now)
		var director, board store.TaskFilter
		for _, c := range cases {
			switch c.name {
			case "director/agency":
				director = c.f
			case "head/board":
				board = c.f
			}
		}
		for _, f := range []store.TaskFilter{
			{AgencyID: director.AgencyID, UnitIDs: append(slices.Clone(board.UnitIDs), 0)},
			{AgencyID: director.AgencyID, UnitIDs: append(slices.Clone(board.UnitIDs), 0), Open: true},
			{AgencyID: director.AgencyID, UnitIDs: append(slices.Clone(board.UnitIDs), 0), States: []work.State{work.StateInProgress}},
		} {
			f.Scope, f.Now = director.Scope, now
			plan, _, err := db.ExplainTaskList(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			n, err := db.TaskListRanges(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(f.UnitIDs) {
				t.Errorf("%v %v %v: %d ranges, want one per unit (%d)", f.UnitIDs, f.Open, f.States, n, len(f.UnitIDs))
			}
			// SQLite is told the index; PostgreSQL's planner, on a few
			// rows, takes what it likes.
			if db.Engine() == "sqlite" && (!strings.Contains(plan, "tasks_unit") || strings.Contains(plan, "tasks_agency")) {
				t.Errorf("%v %v %v: plan, want the units' ranges:\n%s", f.UnitIDs, f.Open, f.States, plan)
			}
		}
	})
}
