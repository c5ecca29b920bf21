package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// workClock is a settable workClock for the store.
type workClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *workClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *workClock) Set(s string)        { c.mu.Lock(); c.t = vnTime(s); c.mu.Unlock() }
func (c *workClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func vnTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
	if err != nil {
		panic(err)
	}
	return t
}

// workFixture is a department with two divisions:
//
//	Sở KH&ĐT: director Giám
//	  Phòng KGVX: head Trưởng (assigner), officials Lead and Peer
//	  Phòng Đấu thầu: official Coord
type workFixture struct {
	agency, kgvx, bidding             org.Unit
	director, head, lead, peer, coord org.Person
	actor                             func(p org.Person) audit.Actor
}

func newWorkFixture(t *testing.T, db *store.DB) *workFixture {
	t.Helper()
	ctx := context.Background()
	sys := audit.System("test")
	f := &workFixture{actor: func(p org.Person) audit.Actor { return audit.Actor{PersonID: p.ID, Name: p.FullName} }}
	unit := func(parent *org.Unit, kind org.UnitKind, name string) org.Unit {
		n := org.NewUnit{Kind: kind, Name: name, ValidFrom: "2008-01-01"}
		if kind == org.KindAgency {
			n.Code = "000.00.15.H27"
		}
		if parent != nil {
			n.ParentID = &parent.ID
		}
		u, err := db.CreateUnit(ctx, sys, n)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.agency = unit(nil, org.KindAgency, "Sở Kế hoạch và Đầu tư")
	f.kgvx = unit(&f.agency, org.KindDivision, "Phòng Khoa giáo - Văn xã")
	f.bidding = unit(&f.agency, org.KindDivision, "Phòng Đấu thầu")
	person := func(name string, u org.Unit, role org.Role) org.Person {
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: name, Email: "x@bacninh.gov.vn"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: u.ID, Role: role, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.director = person("Phạm Thị Giám", f.agency, org.RoleDirector)
	f.head = person("Trần Văn Trưởng", f.kgvx, org.RoleHead)
	f.lead = person("Nguyễn Văn Chủ Trì", f.kgvx, org.RoleOfficial)
	f.peer = person("Lê Thị Đồng", f.kgvx, org.RoleOfficial)
	f.coord = person("Hoàng Văn Phối", f.bidding, org.RoleOfficial)
	return f
}

func (f *workFixture) newTask(title string, days float64) work.NewTask {
	return work.NewTask{AgencyID: f.agency.ID, Title: title, Product: "Báo cáo " + title, LeadUnitID: f.kgvx.ID, LeadPersonID: f.lead.ID,
		AssignerID: f.head.ID, Deadline: work.DeadlineSpec{WorkingDays: &days},
		Coordinators: []work.Coordination{{UnitID: f.bidding.ID, PersonID: &f.coord.ID}}, Checklist: []string{"Thu thập số liệu", "Dự thảo báo cáo"}}
}

func pct(n int) *int { return &n }

func TestTaskLifecycle(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			clk := &workClock{}
			clk.Set("2026-03-02 08:00") // a Monday
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			ctx := context.Background()
			f := newWorkFixture(t, db)

			plan, err := db.CreatePlan(ctx, f.actor(f.head), work.Plan{AgencyID: f.agency.ID, OwnerUnitID: f.kgvx.ID, Title: "Kế hoạch công tác quý I",
				Period: work.QuarterPeriod(2026, 1), Source: work.SourceDocument{Number: "09/CT-UBND", Date: calendar.Date{Year: 2016, Month: 9, Day: 27}, Issuer: "UBND tỉnh Bắc Ninh"},
				Targets: []work.Target{{Name: "Thẩm định hồ sơ", UnitOfMeasure: "hồ sơ", TargetValue: 40, Sum: true}}})
			if err != nil {
				t.Fatal(err)
			}
			n := f.newTask("Báo cáo đầu tư công", 5)
			n.PlanID = &plan.ID
			h, err := db.CreateTask(ctx, f.actor(f.head), n, nil)
			if err != nil {
				t.Fatal(err)
			}
			id := h.Task.ID
			want := vnTime("2026-03-09 08:00") // 5 working days of 8 hours from Monday 08:00
			if !h.Task.Deadline.Equal(want) || h.Task.State != work.StateAssigned || h.Task.Version != 1 {
				t.Fatalf("created: deadline %v state %s version %d", h.Task.Deadline.In(calendar.VN), h.Task.State, h.Task.Version)
			}
			other, err := db.CreateTask(ctx, f.actor(f.head), work.NewTask{AgencyID: f.agency.ID, Title: "Tổng hợp đấu thầu", Product: "Báo cáo",
				LeadUnitID: f.kgvx.ID, LeadPersonID: f.peer.ID, AssignerID: f.head.ID, Deadline: work.DeadlineSpec{Date: &calendar.Date{Year: 2026, Month: 3, Day: 3}}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := other.Task.Deadline.In(calendar.VN).Format("2006-01-02 15:04"); got != "2026-03-03 17:00" {
				t.Errorf("date deadline: %s, want close of office hours", got)
			}

			// Bad input: nothing is written.
			bad := f.newTask("Sai", 5)
			bad.LeadPersonID = 999999
			if _, err := db.CreateTask(ctx, f.actor(f.head), bad, nil); apperr.As(err) == nil || apperr.As(err).Field != "lead_person_id" {
				t.Errorf("unknown lead: %v", err)
			}
			past := calendar.Date{Year: 2026, Month: 2, Day: 27}
			bad = f.newTask("Sai hạn", 5)
			bad.Deadline = work.DeadlineSpec{Date: &past}
			if _, err := db.CreateTask(ctx, f.actor(f.head), bad, nil); apperr.As(err) == nil || apperr.As(err).Field != "deadline" {
				t.Errorf("deadline before assignment: %v", err)
			}

			// Lists.
			list := func(f store.TaskFilter) []int64 {
				t.Helper()
				got, err := db.FindTasks(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, x := range got {
					ids = append(ids, x.ID)
				}
				return ids
			}
			cases := map[string]struct {
				f    store.TaskFilter
				want []int64
			}{
				"lead":           {store.TaskFilter{LeadPersonID: f.lead.ID}, []int64{id}},
				"assigner":       {store.TaskFilter{AssignerID: f.head.ID}, []int64{other.Task.ID, id}},
				"unit":           {store.TaskFilter{UnitIDs: []int64{f.kgvx.ID}}, []int64{other.Task.ID, id}},
				"coord unit":     {store.TaskFilter{CoordinatingUnitIDs: []int64{f.bidding.ID}}, []int64{id}},
				"coord person":   {store.TaskFilter{CoordinatorPersonID: f.coord.ID}, []int64{id}},
				"plan":           {store.TaskFilter{PlanID: plan.ID}, []int64{id}},
				"query folded":   {store.TaskFilter{Query: "dau tu cong"}, []int64{id}},
				"query product":  {store.TaskFilter{Query: "BÁO CÁO"}, []int64{other.Task.ID, id}},
				"query other":    {store.TaskFilter{Query: "dau thau"}, []int64{other.Task.ID}},
				"query none":     {store.TaskFilter{Query: "khong co"}, nil},
				"query short":    {store.TaskFilter{Query: "ba"}, []int64{other.Task.ID, id}},
				"query wildcard": {store.TaskFilter{Query: "o%c"}, nil},
				"query in unit":  {store.TaskFilter{UnitIDs: []int64{f.kgvx.ID}, Query: "tong hop"}, []int64{other.Task.ID}},
				"state":          {store.TaskFilter{States: []work.State{work.StateDone}}, nil},
				"overdue":        {store.TaskFilter{Overdue: true, Now: vnTime("2026-03-04 09:00")}, []int64{other.Task.ID}},
				"scope stranger": {store.TaskFilter{Scope: &store.TaskScope{PersonID: f.coord.ID, UnitIDs: []int64{f.bidding.ID}}}, []int64{id}},
				"limit":          {store.TaskFilter{Limit: 1}, []int64{other.Task.ID}},
			}
			// Searches again with every query rare, asked of the index.
			for _, sample := range []string{"common", "rare"} {
				if sample == "rare" {
					db.SampleNothingForSearch()
				}
				for name, c := range cases {
					if got := list(c.f); !slices.Equal(got, c.want) {
						t.Errorf("%s (%s): %v, want %v", name, sample, got, c.want)
					}
				}
			}

			// Events.
			rec := func(who org.Person, version int, ev work.Event) (work.TaskWithHistory, error) {
				clk.Add(time.Hour)
				h, _, err := db.RecordTaskEvent(ctx, f.actor(who), id, version, ev)
				return h, err
			}
			if _, err := rec(f.lead, 1, work.Event{Action: work.ActionStart}); err != nil {
				t.Fatal(err)
			}
			if _, err := rec(f.lead, 1, work.Event{Action: work.ActionReportProgress, Percent: pct(30)}); !apperr.Is(err, apperr.Conflict) {
				t.Errorf("stale version: %v, want conflict", err)
			}
			if h, err = rec(f.lead, 2, work.Event{Action: work.ActionReportProgress, Percent: pct(30), Ticks: []int{0}}); err != nil {
				t.Fatal(err)
			}
			if h.Task.Progress != 30 || !h.Task.Checklist[0].Done {
				t.Errorf("progress: %d %v", h.Task.Progress, h.Task.Checklist)
			}
			if _, err := rec(f.lead, 0, work.Event{Action: work.ActionAccept}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("lead accepts: %v, want forbidden", err)
			}
			proposed := vnTime("2026-03-13 17:00")
			if _, err := rec(f.lead, 0, work.Event{Action: work.ActionRequestExtension, Deadline: &proposed, Reason: "Chờ số liệu của Sở Tài chính"}); err != nil {
				t.Fatal(err)
			}
			if _, err := rec(f.lead, 0, work.Event{Action: work.ActionDecideExtension, Approved: ptrBool(true)}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("lead extends: %v", err)
			}
			if h, err = rec(f.head, 0, work.Event{Action: work.ActionDecideExtension, Approved: ptrBool(true)}); err != nil {
				t.Fatal(err)
			}
			if !h.Task.Deadline.Equal(proposed) || !h.Task.OriginalDeadline.Equal(want) {
				t.Errorf("extension: deadline %v original %v", h.Task.Deadline, h.Task.OriginalDeadline)
			}
			if _, err := rec(f.lead, 0, work.Event{Action: work.ActionRaiseObstacle, Note: "Thiếu số liệu giải ngân"}); err != nil {
				t.Fatal(err)
			}
			// The director is the head's superior; a peer is not.
			if _, err := rec(f.peer, 0, work.Event{Action: work.ActionResolveObstacle, Note: "Đã có số liệu"}); !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("peer resolves: %v", err)
			}
			if _, err := rec(f.director, 0, work.Event{Action: work.ActionResolveObstacle, Note: "Đã chỉ đạo Sở Tài chính cung cấp"}); err != nil {
				t.Fatalf("director resolves: %v", err)
			}
			clk.Set("2026-03-10 09:00") // after the original deadline
			for _, ev := range []struct {
				who org.Person
				ev  work.Event
			}{
				{f.lead, work.Event{Action: work.ActionSubmit, Note: "Báo cáo số 12/BC-KGVX"}},
				{f.head, work.Event{Action: work.ActionReturn, Reason: "Thiếu phụ lục số liệu"}},
				{f.lead, work.Event{Action: work.ActionSubmit, Note: "Báo cáo đã bổ sung phụ lục"}},
				{f.head, work.Event{Action: work.ActionAccept}},
			} {
				if h, err = rec(ev.who, 0, ev.ev); err != nil {
					t.Fatalf("%s: %v", ev.ev.Action, err)
				}
			}
			if h.Task.State != work.StateDone || h.CompletedAt == nil || h.Task.Progress != 100 {
				t.Errorf("done: %s %v %d", h.Task.State, h.CompletedAt, h.Task.Progress)
			}
			got, err := db.FindTaskByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Task.Version != h.Task.Version || len(got.Events) != h.Task.Version-1 || got.Task.State != work.StateDone ||
				!got.Task.OriginalDeadline.Equal(want) || len(got.Reviews) != 2 || got.CompletedAt == nil {
				t.Errorf("reloaded: version %d events %d state %s reviews %d", got.Task.Version, len(got.Events), got.Task.State, len(got.Reviews))
			}
			// The extension does not make the late task on time.
			fig, err := db.MonthlyFigures(ctx, f.lead.ID, 2026, time.March)
			if err != nil {
				t.Fatal(err)
			}
			if fig.Assigned != 1 || fig.Done != 1 || fig.Delays != 1 || fig.FailedReviews != 1 || fig.DoneOnTime != 0 {
				t.Errorf("figures: %+v", fig)
			}
			if s := fig.Score(work.ND335()); !s.Rated || s.Total >= 70 {
				t.Errorf("score: %+v", s)
			}
			// Notifications were enqueued for the people concerned.
			jobs, err := db.FindJobs(ctx, "notify", 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(jobs) < 6 {
				t.Errorf("notify jobs: %d", len(jobs))
			}
			// Plan progress.
			d, err := db.FindPlanByID(ctx, plan.ID)
			if err != nil {
				t.Fatal(err)
			}
			if d.Progress.Tasks != 1 || d.Progress.Done != 1 || d.Progress.Progress != 100 || len(d.Plan.Targets) != 1 {
				t.Errorf("plan: %+v", d)
			}
			tg, err := db.AddTargetActual(ctx, f.actor(f.head), plan.ID, d.Plan.Targets[0].ID, work.Actual{Label: "Tháng 3/2026",
				Date: calendar.Date{Year: 2026, Month: 3, Day: 31}, Value: 12, Evidence: "Báo cáo số 15/BC-SKHĐT"})
			if err != nil {
				t.Fatal(err)
			}
			if a, ok := tg.Attainment(); !ok || a != 0.3 {
				t.Errorf("attainment %v %v", a, ok)
			}
			if _, err := db.AddTargetActual(ctx, f.actor(f.head), plan.ID, tg.ID, work.Actual{Date: calendar.Date{Year: 2026, Month: 3, Day: 31}, Value: -1}); apperr.As(err) == nil || apperr.As(err).Field != "value" {
				t.Errorf("negative actual: %v", err)
			}
			plans, err := db.FindPlans(ctx, store.PlanFilter{Query: "09/ct-ubnd", Year: 2026})
			if err != nil || len(plans) != 1 || len(plans[0].Targets[0].Actuals) != 1 {
				t.Errorf("find plans: %v %+v", err, plans)
			}
			if n, err := db.VerifyAudit(ctx); err != nil || n == 0 {
				t.Errorf("audit: %d %v", n, err)
			}
		})
	}
}

func ptrBool(b bool) *bool { return &b }

func TestNotifications(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newWorkFixture(t, db)
		for i := 0; i < 2; i++ {
			added, err := db.CreateNotification(ctx, store.Notification{PersonID: f.lead.ID, Kind: "due_today", Title: "Đến hạn"}, "k1")
			if err != nil || added != (i == 0) {
				t.Fatalf("create %d: %v %v", i, added, err)
			}
		}
		list, err := db.FindNotifications(ctx, f.lead.ID, true, 10, 0)
		if err != nil || len(list) != 1 {
			t.Fatalf("list: %v %v", list, err)
		}
		if err := db.MarkNotificationRead(ctx, f.peer.ID, list[0].ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("someone else's: %v", err)
		}
		if err := db.MarkNotificationRead(ctx, f.lead.ID, list[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountUnreadNotifications(ctx, f.lead.ID); n != 0 {
			t.Errorf("unread %d", n)
		}
	})
}

// An event applied to a history the caller read (RecordTaskEventOn) gives
// what reading it again would and fails once the task moved on; a list
// shows every change, whether made here or, bumping the version, behind
// the store's back (another node).
func TestTaskEventOnCheckedHistoryAndLists(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newWorkFixture(t, db)
		h, err := db.CreateTask(ctx, f.actor(f.head), f.newTask("Rà soát danh mục dự án", 10), nil)
		if err != nil {
			t.Fatal(err)
		}
		list := func() store.TaskSummary {
			t.Helper()
			l, err := db.FindTasks(ctx, store.TaskFilter{LeadPersonID: f.lead.ID})
			if err != nil || len(l) != 1 {
				t.Fatalf("list: %v %d tasks", err, len(l))
			}
			return l[0]
		}
		if s := list(); s.State != work.StateAssigned || len(s.Coordinators) != 1 || len(s.Checklist) != 2 {
			t.Fatalf("listed at first: %s, %d coordinators, %d checklist items", s.State, len(s.Coordinators), len(s.Checklist))
		}
		checked, err := db.FindTaskByID(ctx, h.Task.ID)
		if err != nil {
			t.Fatal(err)
		}
		start := work.Event{Action: work.ActionStart}
		for _, tc := range []struct {
			name     string
			expected int
			conflict bool
		}{
			{"an expected version other than the one read", 2, true},
			{"the version read", 1, false},
			{"the same history again, now stale", 0, true},
			{"the same history with the task's current version", 2, true},
		} {
			got, _, err := db.RecordTaskEventOn(ctx, f.actor(f.lead), checked, tc.expected, start)
			if tc.conflict {
				if !apperr.Is(err, apperr.Conflict) {
					t.Errorf("%s: %v, want a conflict", tc.name, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			again, err := db.FindTaskByID(ctx, h.Task.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Task.Version != 2 || again.Task.Version != 2 || again.Task.State != work.StateInProgress || len(again.Events) != len(checked.Events)+1 {
				t.Fatalf("%s: wrote v%d, read back v%d %s with %d events", tc.name, got.Task.Version, again.Task.Version, again.Task.State, len(again.Events))
			}
		}
		if s := list(); s.State != work.StateInProgress || s.Version != 2 {
			t.Errorf("listed after the start: %s v%d", s.State, s.Version)
		}
		if _, _, err := db.RecordTaskEvent(ctx, f.actor(f.lead), h.Task.ID, 2, work.Event{Action: work.ActionReportProgress, Percent: pct(40), Ticks: []int{0}}); err != nil {
			t.Fatal(err)
		}
		if s := list(); s.Progress != 40 || !s.Checklist[0].Done || s.Checklist[1].Done {
			t.Errorf("listed after the progress report: %d %%, checklist %+v", s.Progress, s.Checklist)
		}
		if err := db.ExecRaw(ctx, "UPDATE tasks SET title = 'Sửa ở nút khác', version = version + 1 WHERE id = ?", h.Task.ID); err != nil {
			t.Fatal(err)
		}
		if s := list(); s.Title != "Sửa ở nút khác" || s.Version != 4 {
			t.Errorf("listed after another node's change: %q v%d", s.Title, s.Version)
		}
	})
}
