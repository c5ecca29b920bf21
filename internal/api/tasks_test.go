package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// taskFixture adds the people of the tasks' tests to the API fixture:
//
//	Phòng Đấu thầu   Đỗ Văn Trưởng (head: the assigner), Nguyễn Văn Chuyên (official: the lead), Vũ Thị Đồng (peer)
//	Bộ phận Một cửa  Bùi Văn Phối (coord: named coordinator; the desk coordinates task A)
//	Văn phòng Sở     Lý Văn Ngoài (stranger), Mạc Thị Tra (inspector), Phạm Thị Giám (director)
type taskFixture struct {
	*fixture
	head, peer, coord, stranger, inspector org.Person
	taskA                                  int64 // led by official, assigned by head, coordinated by the desk (coord)
	plan                                   work.Plan
	note                                   int64 // a notification of official's
}

func newTaskFixture(t *testing.T, db *store.DB) *taskFixture {
	t.Helper()
	ctx := context.Background()
	f := &taskFixture{fixture: newFixture(t, db)}
	person := func(who string, in org.Unit, role org.Role, name string) org.Person {
		return f.addPerson(t, db, who, in, role, name)
	}
	f.head = person("head", f.bidding, org.RoleHead, "Đỗ Văn Trưởng")
	f.peer = person("peer", f.bidding, org.RoleOfficial, "Vũ Thị Đồng")
	f.coord = person("coord", f.desk, org.RoleOfficial, "Bùi Văn Phối")
	f.stranger = person("stranger", f.office, org.RoleOfficial, "Lý Văn Ngoài")
	f.inspector = person("inspector", f.office, org.RoleInspector, "Mạc Thị Tra")
	var err error
	f.plan, err = db.CreatePlan(ctx, sys, work.Plan{AgencyID: f.agency.ID, OwnerUnitID: f.bidding.ID, Title: "Kế hoạch công tác năm 2026 của Phòng Đấu thầu",
		Period: work.YearPeriod(2026), Targets: []work.Target{{Name: "Thẩm định kế hoạch lựa chọn nhà thầu", UnitOfMeasure: "hồ sơ", TargetValue: 40, Sum: true}}})
	if err != nil {
		t.Fatal(err)
	}
	f.taskA = f.newTask(t, db, "Thẩm định kế hoạch lựa chọn nhà thầu dự án đầu tư công")
	if _, err := db.CreateNotification(ctx, store.Notification{PersonID: f.official.ID, Kind: "due_today", Title: "Nhiệm vụ đến hạn hôm nay"}, "test:1"); err != nil {
		t.Fatal(err)
	}
	list, _ := db.FindNotifications(ctx, f.official.ID, false, 10, 0)
	f.note = list[0].ID
	return f
}

// addPerson adds a person of the agency in a unit with a role, an account
// named who and its API token.
func (f *fixture) addPerson(t *testing.T, db *store.DB, who string, in org.Unit, role org.Role, name string) org.Person {
	t.Helper()
	ctx := context.Background()
	p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: name})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: in.ID, Role: role, ValidFrom: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAccount(ctx, sys, p.ID, who, testPassword); err != nil {
		t.Fatal(err)
	}
	if f.tokens[who], err = db.CreateToken(ctx, sys, who, "thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	return p
}

// newTask assigns a task like task A and returns its id.
func (f *taskFixture) newTask(t *testing.T, db *store.DB, title string) int64 {
	t.Helper()
	days := 10.0
	h, err := db.CreateTask(context.Background(), audit.Actor{PersonID: f.head.ID, Name: f.head.FullName}, work.NewTask{
		AgencyID: f.agency.ID, PlanID: &f.plan.ID, Title: title, Product: "Báo cáo thẩm định", LeadUnitID: f.bidding.ID,
		LeadPersonID: f.official.ID, AssignerID: f.head.ID, Deadline: work.DeadlineSpec{WorkingDays: &days},
		Coordinators: []work.Coordination{{UnitID: f.desk.ID, PersonID: &f.coord.ID}}, Checklist: []string{"Kiểm tra hồ sơ", "Dự thảo báo cáo"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return h.Task.ID
}

// newWorkServer is newTestServer with the work module's policy registered,
// as cli.NewHandler does.
func newWorkServer(t *testing.T, st httpx.Store) *http.ServeMux {
	t.Helper()
	p := auth.NewPolicy()
	work.RegisterPolicy(p)
	s := New(httpx.Deps{Store: st, Policy: p, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: httpx.NewMetrics(), Now: time.Now})
	mux := http.NewServeMux()
	s.Register(mux)
	return mux
}

func taskScenarios(f *taskFixture) []scenario {
	id := func(n int64) string { return fmt.Sprint(n) }
	a := "/api/v1/tasks/" + id(f.taskA)
	soon := workingDayAfter(1)
	instantDue := soon + "T10:30:00+07:00"
	lead := id(f.official.ID)
	return []scenario{
		{name: "create: the contract", method: "POST", path: "/api/v1/tasks", who: "head", status: 201,
			body: `{"title":"Báo cáo tình hình đấu thầu quý I","lead_person_id":` + lead + `,"deadline":"` + soon + `"}`,
			want: `"state":"assigned","deadline":"` + soon + `T17:00:00+07:00","version":1`},
		{name: "create: an instant", method: "POST", path: "/api/v1/tasks", who: "head", status: 201,
			body: `{"title":"Họp giao ban","lead_person_id":` + lead + `,"deadline":"` + instantDue + `"}`, want: `"deadline":"` + instantDue + `"`},
		{name: "create: working days", method: "POST", path: "/api/v1/tasks", who: "director", status: 201,
			body: `{"title":"Rà soát quy trình","lead_person_id":` + lead + `,"deadline_working_days":2.5,"priority":"high","key":true,"weight":1.5}`,
			want: `"priority":"high","key":true,"weight":1.5`},
		{name: "create: an official may not assign", method: "POST", path: "/api/v1/tasks", who: "official", status: 403,
			body: `{"title":"Việc tự giao","lead_person_id":` + id(f.peer.ID) + `,"deadline":"` + soon + `"}`, want: "lãnh đạo đơn vị chủ trì"},
		{name: "create: another agency", method: "POST", path: "/api/v1/tasks", who: "other", status: 403,
			body: `{"title":"Việc của tỉnh khác","lead_person_id":` + lead + `,"deadline":"` + soon + `"}`},
		{name: "create: the assigner as lead", method: "POST", path: "/api/v1/tasks", who: "head", status: 400,
			body: `{"title":"Tự giao","lead_person_id":` + id(f.head.ID) + `,"deadline":"` + soon + `"}`, want: `"field":"lead_person_id"`},
		{name: "create: nobody as lead", method: "POST", path: "/api/v1/tasks", who: "head", status: 400,
			body: `{"title":"Không ai","lead_person_id":999999,"deadline":"` + soon + `"}`, want: `"field":"lead_person_id"`},
		{name: "create: a coordinator unit of another agency", method: "POST", path: "/api/v1/tasks", who: "head", status: 400,
			body: `{"title":"Phối hợp lạ","lead_person_id":` + lead + `,"deadline":"` + soon + `","coordinators":[{"unit_id":` + id(f.otherDivision.ID) + `}]}`,
			want: `"field":"coordinators[0].unit_id"`},
		{name: "create: anonymous", method: "POST", path: "/api/v1/tasks", status: 401, body: `{"title":"x"}`},

		{name: "list: mine lead", method: "GET", path: "/api/v1/tasks?mine=lead", who: "official", status: 200, want: "Thẩm định kế hoạch lựa chọn nhà thầu"},
		{name: "list: mine assigned", method: "GET", path: "/api/v1/tasks?mine=assigned&q=tinh+hinh+dau+thau", who: "head", status: 200,
			want: "Báo cáo tình hình đấu thầu quý I", absent: "Họp giao ban"},
		{name: "list: mine coordinating", method: "GET", path: "/api/v1/tasks?mine=coordinating", who: "coord", status: 200, want: `"id":` + id(f.taskA) + `,`},
		{name: "list: the coordinating unit's clerk sees it", method: "GET", path: "/api/v1/tasks?coordinating_unit_id=" + id(f.desk.ID), who: "clerk", status: 200, want: `"id":` + id(f.taskA) + `,`},
		{name: "list: another unit's official sees nothing", method: "GET", path: "/api/v1/tasks", who: "stranger", status: 200, want: "[]"},
		{name: "list: another agency sees nothing", method: "GET", path: "/api/v1/tasks", who: "other", status: 200, want: "[]"},
		{name: "list: the inspector sees the agency's", method: "GET", path: "/api/v1/tasks?unit_id=" + id(f.bidding.ID) + "&plan_id=" + id(f.plan.ID), who: "inspector", status: 200, want: "Thẩm định kế hoạch"},
		{name: "list: by state", method: "GET", path: "/api/v1/tasks?state=done,cancelled", who: "head", status: 200, want: "[]"},
		{name: "list: overdue", method: "GET", path: "/api/v1/tasks?overdue=true", who: "head", status: 200, want: "[]"},
		{name: "list: bad state", method: "GET", path: "/api/v1/tasks?state=finished", who: "head", status: 400, want: `"field":"state"`},
		{name: "list: bad mine", method: "GET", path: "/api/v1/tasks?mine=everything", who: "head", status: 400, want: `"field":"mine"`},
		{name: "list: bad unit", method: "GET", path: "/api/v1/tasks?unit_id=999999", who: "head", status: 400, want: `"field":"unit_id"`},
		{name: "list: bad after", method: "GET", path: "/api/v1/tasks?after=tomorrow", who: "head", status: 400, want: `"field":"after"`},

		{name: "view: the lead", method: "GET", path: a, who: "official", status: 200, want: `"events":[]`},
		{name: "view: a peer of the unit", method: "GET", path: a, who: "peer", status: 200, want: `"allowed_actions":["start","raise_obstacle"`, absent: "escalate"},
		{name: "view: the inspector", method: "GET", path: a, who: "inspector", status: 200},
		{name: "view: another unit's official", method: "GET", path: a, who: "stranger", status: 404, want: "Không tìm thấy nhiệm vụ số"},
		{name: "view: another agency", method: "GET", path: a, who: "other", status: 404},
		{name: "view: missing", method: "GET", path: "/api/v1/tasks/999999", who: "head", status: 404},
		{name: "view: bad id", method: "GET", path: "/api/v1/tasks/abc", who: "head", status: 400, want: `"field":"id"`},

		{name: "event: start", method: "POST", path: a + "/events", who: "official", status: 200,
			body: `{"action":"start","note":"Bắt đầu","version":1}`, want: `"state":"in_progress"`},
		{name: "event: a stale version", method: "POST", path: a + "/events", who: "official", status: 409,
			body: `{"action":"report_progress","percent":10,"version":1}`, want: `"field":"version"`},
		{name: "event: progress", method: "POST", path: a + "/events", who: "official", status: 200,
			body: `{"action":"report_progress","percent":40,"ticks":[0],"version":2}`, want: `"version":3`},
		{name: "event: a coordinator's narrative", method: "POST", path: a + "/events", who: "coord", status: 200,
			body: `{"action":"report_progress","note":"Bộ phận Một cửa đã chuyển đủ hồ sơ"}`, want: `"as":"coordinator"`},
		{name: "event: a coordinator's percentage", method: "POST", path: a + "/events", who: "coord", status: 403,
			body: `{"action":"report_progress","percent":90}`, want: "người chủ trì cập nhật"},
		{name: "event: the lead accepts", method: "POST", path: a + "/events", who: "official", status: 403,
			body: `{"action":"accept"}`, want: "Chỉ người giao việc mới được nghiệm thu"},
		{name: "event: accept before submission", method: "POST", path: a + "/events", who: "head", status: 409,
			body: `{"action":"accept"}`, want: `"allowed":[`},
		{name: "event: escalate by a person", method: "POST", path: a + "/events", who: "head", status: 403, body: `{"action":"escalate","ref":1}`, want: "hệ thống"},
		{name: "event: unknown action", method: "POST", path: a + "/events", who: "official", status: 400, body: `{"action":"finish"}`, want: `"field":"action"`},
		{name: "event: unknown field", method: "POST", path: a + "/events", who: "official", status: 400, body: `{"action":"start","percentage":5}`, want: `"field":"percentage"`},
		{name: "event: percent out of range", method: "POST", path: a + "/events", who: "official", status: 400, body: `{"action":"report_progress","percent":150}`, want: `"field":"percent"`},
		{name: "event: by another unit's official", method: "POST", path: a + "/events", who: "stranger", status: 404, body: `{"action":"start"}`, want: "Không tìm thấy nhiệm vụ số"},
		{name: "event: extension request", method: "POST", path: a + "/events", who: "official", status: 200,
			body: `{"action":"request_extension","deadline":"` + workingDayAfter(2) + `","reason":"Chờ ý kiến của Sở Tài chính"}`},
		{name: "event: the lead decides it", method: "POST", path: a + "/events", who: "official", status: 403, body: `{"action":"decide_extension","approved":true}`},
		{name: "event: the assigner extends", method: "POST", path: a + "/events", who: "head", status: 200,
			body: `{"action":"decide_extension","approved":true}`, want: `"deadline":"` + workingDayAfter(2)},
		{name: "event: the original deadline stays", method: "GET", path: a, who: "head", status: 200, absent: `"original_deadline":"` + workingDayAfter(2)},
		{name: "event: obstacle", method: "POST", path: a + "/events", who: "official", status: 200, body: `{"action":"raise_obstacle","note":"Thiếu ý kiến của Sở Xây dựng"}`, want: `"state":"blocked"`},
		{name: "event: the director resolves it", method: "POST", path: a + "/events", who: "director", status: 200, body: `{"action":"resolve_obstacle","note":"Đã đôn đốc Sở Xây dựng"}`, want: `"as":"superior"`},
		{name: "event: submit", method: "POST", path: a + "/events", who: "official", status: 200, body: `{"action":"submit","note":"Báo cáo thẩm định số 15/BC-ĐT"}`, want: `"state":"submitted"`},
		{name: "event: return", method: "POST", path: a + "/events", who: "head", status: 200, body: `{"action":"return","reason":"Thiếu phụ lục"}`, want: `"state":"returned"`},
		{name: "event: submit again", method: "POST", path: a + "/events", who: "official", status: 200, body: `{"action":"submit","note":"Đã bổ sung phụ lục"}`},
		{name: "event: accept", method: "POST", path: a + "/events", who: "head", status: 200, body: `{"action":"accept"}`, want: `"state":"done"`},
		{name: "view: the history", method: "GET", path: a, who: "official", status: 200, want: `"reviews":[{"seq":`},

		{name: "figures: the person", method: "GET", path: "/api/v1/people/" + lead + "/figures?year=2026&month=3", who: "official", status: 200, want: `"basis":"NĐ 335/2025/NĐ-CP"`},
		{name: "figures: the head", method: "GET", path: "/api/v1/people/" + lead + "/figures", who: "head", status: 200, want: `"score":`},
		{name: "figures: the inspector", method: "GET", path: "/api/v1/people/" + lead + "/figures", who: "inspector", status: 200},
		{name: "figures: a peer", method: "GET", path: "/api/v1/people/" + lead + "/figures", who: "peer", status: 403},
		{name: "figures: another agency", method: "GET", path: "/api/v1/people/" + lead + "/figures", who: "other", status: 403},
		{name: "figures: bad month", method: "GET", path: "/api/v1/people/" + lead + "/figures?month=13", who: "official", status: 400, want: `"field":"month"`},

		{name: "inbox", method: "GET", path: "/api/v1/notifications?unread=true", who: "official", status: 200, want: "Nhiệm vụ đến hạn hôm nay"},
		{name: "inbox: someone else's", method: "POST", path: "/api/v1/notifications/" + id(f.note) + "/read", who: "peer", status: 404},
		{name: "inbox: read", method: "POST", path: "/api/v1/notifications/" + id(f.note) + "/read", who: "official", status: 200, want: `"unread":0`},

		{name: "plan: create", method: "POST", path: "/api/v1/plans", who: "head", status: 201,
			body: `{"title":"Kế hoạch tháng 3/2026","owner_unit_id":` + id(f.bidding.ID) + `,"period":{"kind":"month","year":2026,"month":3},` +
				`"source":{"number":"09/CT-UBND","date":"2016-09-27","issuer":"UBND tỉnh Bắc Ninh"},"targets":[{"name":"Giải ngân","unit_of_measure":"%","target_value":95}]}`,
			want: `"period_label":"Tháng 3/2026"`},
		{name: "plan: create by an official", method: "POST", path: "/api/v1/plans", who: "official", status: 403,
			body: `{"title":"Kế hoạch riêng","owner_unit_id":` + id(f.bidding.ID) + `,"period":{"kind":"year","year":2026}}`},
		{name: "plan: bad period", method: "POST", path: "/api/v1/plans", who: "head", status: 400,
			body: `{"title":"Kế hoạch quý","owner_unit_id":` + id(f.bidding.ID) + `,"period":{"kind":"quarter","year":2026,"quarter":5}}`, want: `"field":"period.quarter"`},
		{name: "plan: bad document number", method: "POST", path: "/api/v1/plans", who: "head", status: 400,
			body: `{"title":"Kế hoạch","owner_unit_id":` + id(f.bidding.ID) + `,"period":{"kind":"year","year":2026},"source":{"number":"CT-09","date":"2016-09-27","issuer":"UBND"}}`, want: `"field":"source.number"`},
		{name: "plan: list", method: "GET", path: "/api/v1/plans?year=2026&q=ke+hoach+cong+tac", who: "official", status: 200, want: "Kế hoạch công tác năm 2026"},
		{name: "plan: list of another unit", method: "GET", path: "/api/v1/plans", who: "stranger", status: 200, want: "[]"},
		{name: "plan: view", method: "GET", path: "/api/v1/plans/" + id(f.plan.ID), who: "official", status: 200, want: `"progress":{"tasks":`},
		{name: "plan: view by another unit", method: "GET", path: "/api/v1/plans/" + id(f.plan.ID), who: "stranger", status: 403},
		{name: "plan: actual", method: "POST", path: "/api/v1/plans/" + id(f.plan.ID) + "/targets/" + id(f.plan.Targets[0].ID) + "/actuals", who: "head", status: 201,
			body: `{"label":"Quý I/2026","date":"2026-03-31","value":10,"evidence":"Báo cáo số 20/BC-ĐT"}`, want: `"attainment":0.25`},
		// The plan's targets attained beside its tasks' progress, in the view and the list.
		{name: "plan: view shows the targets attained", method: "GET", path: "/api/v1/plans/" + id(f.plan.ID), who: "official", status: 200,
			want: `"attainment":{"targets":1,"reported":1,"reached":0,"mean":0.25}`},
		{name: "plan: list shows the targets attained", method: "GET", path: "/api/v1/plans?year=2026", who: "official", status: 200,
			want: `"attainment":{"targets":1,"reported":1,"reached":0,"mean":0.25}`},
		{name: "plan: actual by an official", method: "POST", path: "/api/v1/plans/" + id(f.plan.ID) + "/targets/" + id(f.plan.Targets[0].ID) + "/actuals", who: "official", status: 403,
			body: `{"date":"2026-03-31","value":10}`},
		{name: "plan: actual of a missing target", method: "POST", path: "/api/v1/plans/" + id(f.plan.ID) + "/targets/999999/actuals", who: "head", status: 404,
			body: `{"date":"2026-03-31","value":10}`},
		{name: "plan: negative actual", method: "POST", path: "/api/v1/plans/" + id(f.plan.ID) + "/targets/" + id(f.plan.Targets[0].ID) + "/actuals", who: "head", status: 400,
			body: `{"date":"2026-03-31","value":-3}`, want: `"field":"value"`},
	}
}

// TestTaskScenarios runs the tasks' scenario table on every engine.
func TestTaskScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newTaskFixture(t, db)
		runScenarios(t, f.fixture, newWorkServer(t, db), taskScenarios(f))
	})
}

// TestTaskBadInput: every malformed task is refused with 400 naming the
// field, and nothing is written.
func TestTaskBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newTaskFixture(t, db)
		mux := newWorkServer(t, db)
		lead := fmt.Sprint(f.official.ID)
		soon := workingDayAfter(1)
		cases := []struct{ name, body, field string }{
			{"malformed JSON", `{"title":"Báo cáo" "lead_person_id":` + lead + `}`, "body"},
			{"unknown field", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"` + soon + `","han":"mai"}`, "han"},
			{"wrong type", `{"title":12,"lead_person_id":` + lead + `,"deadline":"` + soon + `"}`, "title"},
			{"wrong type of id", `{"title":"Báo cáo","lead_person_id":"mười","deadline":"` + soon + `"}`, "lead_person_id"},
			{"missing title", `{"lead_person_id":` + lead + `,"deadline":"` + soon + `"}`, "title"},
			{"missing lead", `{"title":"Báo cáo","deadline":"` + soon + `"}`, "lead_person_id"},
			{"missing deadline", `{"title":"Báo cáo","lead_person_id":` + lead + `}`, "deadline"},
			{"deadline before assignment", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"2020-01-01"}`, "deadline"},
			{"instant before assignment", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"2020-01-01T08:00:00+07:00"}`, "deadline"},
			{"malformed deadline", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"31/12/2026 17h"}`, "deadline"},
			{"negative working days", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline_working_days":-3}`, "deadline_working_days"},
			{"zero working days", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline_working_days":0}`, "deadline_working_days"},
			{"both deadlines", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"` + soon + `","deadline_working_days":3}`, "deadline"},
			{"bad priority", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"` + soon + `","priority":"gấp"}`, "priority"},
			{"weight too big", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"` + soon + `","weight":11}`, "weight"},
			{"short title", `{"title":"BC","lead_person_id":` + lead + `,"deadline":"` + soon + `"}`, "title"},
			{"unknown plan", `{"title":"Báo cáo","lead_person_id":` + lead + `,"deadline":"` + soon + `","plan_id":999999}`, "plan_id"},
		}
		count := func() int {
			list, err := db.FindTasks(context.Background(), store.TaskFilter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		before, journal := count(), countAll(t, db).journal
		for _, c := range cases {
			rec := do(mux, call{method: "POST", path: "/api/v1/tasks", body: c.body, token: f.tokens["head"], header: map[string]string{"Accept-Language": "en"}})
			if rec.Code != http.StatusBadRequest {
				t.Errorf("%s: status %d, want 400: %s", c.name, rec.Code, rec.Body)
				continue
			}
			if e := apiError(t, rec); e.Field != c.field || e.Code != "invalid" {
				t.Errorf("%s: field %q code %q, want %q: %s", c.name, e.Field, e.Code, c.field, e.Message)
			}
		}
		if count() != before || countAll(t, db).journal != journal {
			t.Errorf("something was written")
		}
	})
}

// TestTaskActionMatrix tries every action as every kind of caller, on a
// task in the state the action needs: only the one the rules name
// succeeds; the others get 403 with the reason (or 409 for a state).
func TestTaskActionMatrix(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newTaskFixture(t, db)
		mux := newWorkServer(t, db)
		later := workingDayAfter(3)
		steps := map[string]string{
			"start":   `{"action":"start"}`,
			"raise":   `{"action":"raise_obstacle","note":"Thiếu số liệu"}`,
			"request": `{"action":"request_extension","deadline":"` + later + `","reason":"Chờ số liệu"}`,
			"submit":  `{"action":"submit","note":"Báo cáo kết quả"}`,
		}
		roles := []string{"official", "head", "peer", "coord", "stranger", "inspector", "director", "other", "clerk"}
		matrix := []struct {
			action, body string
			setup        []string // steps by the lead (or, for decide, the request) first
			allowed      map[string]bool
		}{
			{"start", steps["start"], nil, map[string]bool{"official": true}},
			{"report_progress", `{"action":"report_progress","percent":20}`, []string{"start"}, map[string]bool{"official": true}},
			{"raise_obstacle", steps["raise"], nil, map[string]bool{"official": true}},
			{"resolve_obstacle", `{"action":"resolve_obstacle","note":"Đã có số liệu"}`, []string{"raise"}, map[string]bool{"official": true, "head": true, "director": true}},
			{"request_extension", steps["request"], nil, map[string]bool{"official": true}},
			{"decide_extension", `{"action":"decide_extension","approved":false,"reason":"Không đủ căn cứ"}`, []string{"request"}, map[string]bool{"head": true}},
			{"submit", steps["submit"], []string{"start"}, map[string]bool{"official": true}},
			{"accept", `{"action":"accept"}`, []string{"start", "submit"}, map[string]bool{"head": true}},
			{"return", `{"action":"return","reason":"Thiếu phụ lục"}`, []string{"start", "submit"}, map[string]bool{"head": true}},
			{"cancel", `{"action":"cancel","reason":"Không còn cần thiết"}`, nil, map[string]bool{"head": true}},
		}
		for _, m := range matrix {
			id := f.newTask(t, db, "Nhiệm vụ thử "+m.action)
			path := fmt.Sprintf("/api/v1/tasks/%d/events", id)
			for _, s := range m.setup {
				if rec := do(mux, call{method: "POST", path: path, body: steps[s], token: f.tokens["official"]}); rec.Code != 200 {
					t.Fatalf("%s: setup %s: %d %s", m.action, s, rec.Code, rec.Body)
				}
			}
			var winner string
			for _, who := range roles {
				if m.allowed[who] {
					if winner == "" {
						winner = who
					}
					continue
				}
				rec := do(mux, call{method: "POST", path: path, body: m.body, token: f.tokens[who], header: map[string]string{"Accept-Language": "en"}})
				e := apiError(t, rec)
				if who == "stranger" || who == "other" { // they may not see the task: it is not there for them
					if rec.Code != http.StatusNotFound {
						t.Errorf("%s as %s: %d %s, want 404", m.action, who, rec.Code, rec.Body)
					}
					continue
				}
				if rec.Code != http.StatusForbidden || e.Message == "" {
					t.Errorf("%s as %s: %d %s, want 403 with a reason", m.action, who, rec.Code, rec.Body)
				}
				if !strings.Contains(e.Message, "Only") && !strings.Contains(e.Message, "coordinator") {
					t.Errorf("%s as %s: reason %q does not say who may", m.action, who, e.Message)
				}
			}
			rec := do(mux, call{method: "POST", path: path, body: m.body, token: f.tokens[winner]})
			if rec.Code != http.StatusOK {
				t.Errorf("%s as %s: %d %s, want 200", m.action, winner, rec.Code, rec.Body)
			}
			// Again: the state has moved on, or the thing is done.
			if m.action != "report_progress" && m.action != "raise_obstacle" {
				if rec := do(mux, call{method: "POST", path: path, body: m.body, token: f.tokens[winner]}); rec.Code != http.StatusConflict && rec.Code != http.StatusBadRequest {
					t.Errorf("%s twice: %d %s, want 409", m.action, rec.Code, rec.Body)
				}
			}
		}
		// If-Match carries the version too.
		id := f.newTask(t, db, "Nhiệm vụ thử If-Match")
		path := fmt.Sprintf("/api/v1/tasks/%d/events", id)
		if rec := do(mux, call{method: "POST", path: path, body: steps["start"], token: f.tokens["official"], header: map[string]string{"If-Match": `"2"`}}); rec.Code != http.StatusConflict {
			t.Errorf("stale If-Match: %d %s", rec.Code, rec.Body)
		}
		if rec := do(mux, call{method: "POST", path: path, body: steps["start"], token: f.tokens["official"], header: map[string]string{"If-Match": `"1"`}}); rec.Code != http.StatusOK || rec.Header().Get("ETag") != `"2"` {
			t.Errorf("If-Match: %d %s %q", rec.Code, rec.Body, rec.Header().Get("ETag"))
		}
	})
}

// workingDayAfter returns the first working day on or after the date some
// months from today (YYYY-MM-DD), so that a deadline given as that date is
// the close of that very day whatever day the tests run.
func workingDayAfter(months int) string {
	cal, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		panic(err)
	}
	d := calendar.DateOf(time.Now().AddDate(0, months, 0))
	for !cal.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d.String()
}
