package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dashboard"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestTaskRollupEqualsRecount takes tasks through a sequence of events
// (accepted on time and late, returned, blocked twice, cancelled, in two
// units and two months) and checks the dashboard's task figures, read
// from task_daily, against the hand-worked counts and against a recount
// from the tasks' histories.
func TestTaskRollupEqualsRecount(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			clk := &workClock{}
			clk.Set("2026-03-02 08:00") // a Monday
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			ctx := context.Background()
			f := newWorkFixture(t, db)
			create := func(title string, days float64, lead org.Person, unit org.Unit) int64 {
				t.Helper()
				n := f.newTask(title, days)
				n.LeadPersonID, n.LeadUnitID, n.Coordinators = lead.ID, unit.ID, nil
				h, err := db.CreateTask(ctx, f.actor(f.head), n, nil)
				if err != nil {
					t.Fatal(err)
				}
				return h.Task.ID
			}
			act := func(id int64, who org.Person, ev work.Event) {
				t.Helper()
				clk.Add(time.Hour)
				if _, _, err := db.RecordTaskEvent(ctx, f.actor(who), id, 0, ev); err != nil {
					t.Fatalf("task %d %s: %v", id, ev.Action, err)
				}
			}
			onTime := create("Đúng hạn", 5, f.lead, f.kgvx)     // due 09/03
			late := create("Trễ hạn", 2, f.peer, f.kgvx)        // due 04/03
			blocked := create("Vướng mắc", 2, f.lead, f.kgvx)   // due 04/03, left blocked
			april := create("Tháng tư", 30, f.coord, f.bidding) // due in April
			cancelled := create("Hủy", 5, f.lead, f.kgvx)

			act(onTime, f.lead, work.Event{Action: work.ActionStart})
			act(onTime, f.lead, work.Event{Action: work.ActionRaiseObstacle, Note: "Thiếu số liệu"})
			act(onTime, f.director, work.Event{Action: work.ActionResolveObstacle, Note: "Đã có số liệu"})
			act(onTime, f.lead, work.Event{Action: work.ActionSubmit, Note: "Báo cáo"})
			act(onTime, f.head, work.Event{Action: work.ActionAccept})
			act(blocked, f.lead, work.Event{Action: work.ActionRaiseObstacle, Note: "Chờ Sở Tài chính"})
			act(blocked, f.lead, work.Event{Action: work.ActionRaiseObstacle, Note: "Chờ UBND tỉnh"})
			act(cancelled, f.head, work.Event{Action: work.ActionCancel, Reason: "Không còn cần"})
			clk.Set("2026-03-10 09:00")
			act(late, f.peer, work.Event{Action: work.ActionStart})
			act(late, f.peer, work.Event{Action: work.ActionSubmit, Note: "Báo cáo"})
			act(late, f.head, work.Event{Action: work.ActionReturn, Reason: "Thiếu phụ lục"})
			act(late, f.peer, work.Event{Action: work.ActionSubmit, Note: "Đã bổ sung"})
			act(late, f.head, work.Event{Action: work.ActionAccept})
			clk.Set("2026-04-06 09:00")
			act(april, f.coord, work.Event{Action: work.ActionStart})
			act(april, f.coord, work.Event{Action: work.ActionSubmit, Note: "Báo cáo"})
			act(april, f.head, work.Event{Action: work.ActionAccept})

			from, to := calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 4, Day: 30}
			got, err := db.Dashboard(ctx, f.agency.ID, from, to)
			if err != nil {
				t.Fatal(err)
			}
			// By hand.
			if want := (dashboard.Tasks{OnTime: 2, Late: 1, Obstacles: 3}); got.Tasks != want {
				t.Errorf("tasks %+v, want %+v", got.Tasks, want)
			}
			if len(got.Months) != 2 || got.Months[0].Tasks != (dashboard.Tasks{OnTime: 1, Late: 1, Obstacles: 3}) ||
				got.Months[1].Tasks != (dashboard.Tasks{OnTime: 1}) {
				t.Errorf("months %+v", got.Months)
			}
			if got.LateTasksNow != 1 || got.BlockedNow != 1 {
				t.Errorf("late now %d, blocked now %d; want 1 and 1", got.LateTasksNow, got.BlockedNow)
			}
			// By recount from the histories.
			hs, err := db.TasksWithHistory(ctx, []int64{onTime, late, blocked, april, cancelled})
			if err != nil {
				t.Fatal(err)
			}
			recount := map[int64]dashboard.Tasks{}
			months := map[string]dashboard.Tasks{}
			for _, h := range hs {
				var c dashboard.Tasks
				var month string
				if h.Task.State == work.StateDone {
					done := calendar.DateOf(*h.CompletedAt)
					month = done.String()[:7]
					if done.After(calendar.DateOf(h.Task.OriginalDeadline)) {
						c.Late++
					} else {
						c.OnTime++
					}
					months[month] = months[month].Add(c)
				}
				for _, e := range h.Events {
					if e.Action == work.ActionRaiseObstacle {
						c.Obstacles++
						m := calendar.DateOf(e.At).String()[:7]
						months[m] = months[m].Add(dashboard.Tasks{Obstacles: 1})
					}
				}
				recount[h.Task.LeadUnitID] = recount[h.Task.LeadUnitID].Add(c)
			}
			for _, l := range got.Units {
				if l.Tasks != recount[l.UnitID] {
					t.Errorf("unit %d: rollup %+v, recount %+v", l.UnitID, l.Tasks, recount[l.UnitID])
				}
			}
			for _, m := range got.Months {
				if m.Tasks != months[m.Month.Key()] {
					t.Errorf("month %s: rollup %+v, recount %+v", m.Month.Key(), m.Tasks, months[m.Month.Key()])
				}
			}
			// Each figure's list holds the tasks it counts.
			units, err := db.StatsUnits(ctx, f.agency.ID)
			if err != nil {
				t.Fatal(err)
			}
			for fig, want := range map[string][]int64{store.TaskFigDoneOnTime: {april, onTime}, store.TaskFigDoneLate: {late},
				store.TaskFigObstacles: {blocked, onTime}} {
				list, err := db.DashboardTasks(ctx, units, fig, from, to, 0)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, x := range list {
					ids = append(ids, x.ID)
				}
				if !slices.Equal(ids, want) {
					t.Errorf("%s: tasks %v, want %v", fig, ids, want)
				}
			}
			checkAgainstRecount(t, db, f.agency.ID, from, to)
			// A head's dashboard is their division's alone.
			div, err := db.Dashboard(ctx, f.bidding.ID, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if div.Tasks != (dashboard.Tasks{OnTime: 1}) || div.Disbursement != nil || len(div.Units) != 1 {
				t.Errorf("division: %+v", div)
			}
		})
	}
}

// TestDashboardDossiers works out a month of dossiers by hand: one
// resolved early and rated satisfied, one resolved late and rated
// dissatisfied, one still open and overdue at the month's end.
func TestDashboardDossiers(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { dashboardDossiers(t, engine) })
	}
}

func dashboardDossiers(t *testing.T, engine string) {
	{
		clk := &workClock{}
		clk.Set("2026-03-31 09:00") // the events are dated before
		db := storetest.New(t, engine, store.Options{Now: clk.Now})
		ctx := context.Background()
		o := newOneStop(t, db)
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		resolve := func(name string, done time.Time) (string, string, int64) {
			t.Helper()
			rec, secret, err := db.ReceiveDossier(ctx, o.clerk, o.intake(name, at(2, 8), dossier.ChannelDirect))
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range []dossier.Event{
				{Action: dossier.Forward, At: at(2, 10), UnitID: o.desk.ID, ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name},
				{Action: dossier.Forward, At: done.Add(-time.Hour), UnitID: o.division.ID, ToUnitID: o.desk.ID, ToPersonID: o.clerk.PersonID, ToPersonName: o.clerk.Name},
				{Action: dossier.Complete, At: done, UnitID: o.desk.ID},
				{Action: dossier.ReturnResult, At: done.Add(time.Hour), UnitID: o.desk.ID},
			} {
				if _, err := db.RecordDossierEvent(ctx, o.official, rec.Code, 0, ev); err != nil {
					t.Fatalf("%s: %v", ev.Action, err)
				}
			}
			return rec.Code, secret, rec.LeadUnitID
		}
		early, earlySecret, lead := resolve("Nguyễn Văn An", at(5, 10))
		lateCode, lateSecret, _ := resolve("Trần Thị Bình", at(30, 10)) // due 23/03
		if _, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Lê Văn Cường", at(3, 8), dossier.ChannelDirect)); err != nil {
			t.Fatal(err)
		}
		if err := db.RateDossier(ctx, early, earlySecret, dossier.Satisfied, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.RateDossier(ctx, lateCode, lateSecret, dossier.Dissatisfied, "Chậm"); err != nil {
			t.Fatal(err)
		}
		clk.Set("2026-04-02 09:00")
		got, err := db.Dashboard(ctx, o.agency.ID, calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31})
		if err != nil {
			t.Fatal(err)
		}
		if d := got.Dossiers(); d != (dashboard.Dossiers{Early: 1, Late: 1}) {
			t.Errorf("dossiers %+v", d)
		}
		if got.Report.Received.Total != 3 || got.Report.InProgress.Overdue != 1 {
			t.Errorf("report %+v", got.Report)
		}
		// (0 open within + 1 early) ÷ 3 received × 20.
		if s := got.Report.ProgressScore(); s < 6.66 || s > 6.67 {
			t.Errorf("progress score %v, want 6.67", s)
		}
		if got.Ratings != (dashboard.Ratings{Satisfied: 1, Dissatisfied: 1}) || got.Ratings.Score() != 9 {
			t.Errorf("ratings %+v score %v, want 1 satisfied, 1 dissatisfied, 9 of 18", got.Ratings, got.Ratings.Score())
		}
		if len(got.Months) != 1 || got.Months[0].Dossiers != (dashboard.Dossiers{Early: 1, Late: 1}) || got.Months[0].Ratings.Total() != 2 {
			t.Errorf("months %+v", got.Months)
		}
		if len(got.Procedures) != 1 || got.Procedures[0].Code != o.proc.Code || got.Procedures[0].Name != o.proc.Name ||
			got.Procedures[0].Dossiers != (dashboard.Dossiers{Early: 1, Late: 1}) {
			t.Errorf("procedures %+v", got.Procedures)
		}
		var sum dashboard.Dossiers
		for _, l := range got.Units {
			sum = sum.Add(l.Dossiers)
			if l.UnitID == lead && l.Dossiers != (dashboard.Dossiers{Early: 1, Late: 1}) {
				t.Errorf("lead unit %d: %+v", lead, l.Dossiers)
			}
		}
		if sum != got.Dossiers() {
			t.Errorf("units sum to %+v, total %+v", sum, got.Dossiers())
		}
		if got.Disbursement == nil || got.Disbursement.Month != time.March || got.Disbursement.Rate() != 0 {
			t.Errorf("disbursement %+v", got.Disbursement)
		}
		checkAgainstRecount(t, db, o.agency.ID, calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31})
	}
}

// checkAgainstRecount compares the dashboard (rollups) with a recount from
// the records, then empties the rollups, runs migration 0038's backfill
// again and compares once more: the backfill of a database that had
// records before the migration gives what the events would have.
func checkAgainstRecount(t *testing.T, db *store.DB, unit int64, from, to calendar.Date) {
	t.Helper()
	ctx := context.Background()
	units, err := db.StatsUnits(ctx, unit)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.DashboardRecount(ctx, units, from, to)
	if err != nil {
		t.Fatal(err)
	}
	for _, pass := range []string{"events", "backfill"} {
		if pass == "backfill" {
			if err := db.RerunDashboardBackfill(ctx); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Dashboard(ctx, unit, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if got.Tasks != want.Tasks || got.Dossiers() != want.Dossiers || got.Ratings != want.Ratings {
			t.Errorf("%s: rollups %+v %+v %+v, recount %+v %+v %+v", pass, got.Tasks, got.Dossiers(), got.Ratings, want.Tasks, want.Dossiers, want.Ratings)
		}
		for _, m := range got.Months {
			if m.Tasks != want.ByMonth[m.Month.Key()] {
				t.Errorf("%s: month %s rollup %+v, recount %+v", pass, m.Month.Key(), m.Tasks, want.ByMonth[m.Month.Key()])
			}
		}
		var byUnit dashboard.Tasks
		for _, l := range got.Units {
			byUnit = byUnit.Add(l.Tasks)
		}
		if byUnit != want.Tasks {
			t.Errorf("%s: units sum to %+v, recount %+v", pass, byUnit, want.Tasks)
		}
		for _, p := range got.Procedures {
			if p.Dossiers != want.DossProc[p.Code] {
				t.Errorf("%s: procedure %s rollup %+v, recount %+v", pass, p.Code, p.Dossiers, want.DossProc[p.Code])
			}
		}
	}
}

// TestDashboardAfterBulk loads a year of tasks and dossiers through the
// bulk paths (which write the rollups in each batch's transaction) and
// checks the dashboard against a recount from the records (the generator
// finishes no task late; the hand-worked test above has late ones), and the
// migration's backfill too.
func TestDashboardAfterBulk(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 10, 0, 0, 0, calendar.VN)
		if _, err := demo.Seed(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: 400, Now: now, Seed: 3, Batch: 150}); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: 300, Now: now, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		tree, err := db.Tree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		from, to := calendar.Date{Year: 2025, Month: 1, Day: 1}, calendar.Date{Year: 2026, Month: 11, Day: 20}
		n := 0
		for _, u := range tree.Units() {
			if u.Current() && u.ID == u.AgencyID {
				checkAgainstRecount(t, db, u.ID, from, to)
				n++
			}
		}
		if n == 0 {
			t.Fatal("no agency in the demo")
		}
		f, err := db.Dashboard(ctx, demoAgency(t, db), from, to)
		if err != nil {
			t.Fatal(err)
		}
		if f.Tasks.OnTime == 0 || f.Tasks.Obstacles == 0 || f.Dossiers().Resolved() == 0 {
			t.Errorf("the generated year lacks a kind of figure: %+v %+v", f.Tasks, f.Dossiers())
		}
	})
}

// demoAgency is the demo's department (Sở Tài chính), the generated data's.
func demoAgency(t testing.TB, db *store.DB) int64 {
	t.Helper()
	tree, err := db.Tree(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range tree.Units() {
		if u.Current() && u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
			return u.ID
		}
	}
	t.Fatal("no Sở Tài chính in the demo")
	return 0
}
