package work

import (
	"reflect"
	"testing"
)

// TestWhoMayAct is the role × action matrix: only the assigner accepts,
// returns, decides extensions and cancels; the lead starts, reports,
// raises obstacles, requests extensions and submits; a coordinator reports
// on their part but sets no percentage and never submits; the assigner's
// superior resolves obstacles and confirms objective causes; congvu alone
// escalates; a stranger does nothing.
func TestWhoMayAct(t *testing.T) {
	cal := testCalendar(t)
	fresh := func() TaskWithHistory {
		return newTask(t, cal, 1, "2026-03-02 08:00", DeadlineSpec{WorkingDays: days(2)}, 1)
	}
	working := func() TaskWithHistory { return must(t, fresh(), ev(ActionStart), asLead, "2026-03-02 09:00") }
	blocked := func() TaskWithHistory {
		return must(t, working(), note(ActionRaiseObstacle, "Chờ ý kiến Sở Tài chính"), asLead, "2026-03-02 10:00")
	}
	submitted := func() TaskWithHistory {
		return must(t, working(), note(ActionSubmit, "Dự thảo tờ trình"), asLead, "2026-03-05 10:00") // late: due 4/3 08:00
	}
	extending := func() TaskWithHistory {
		e := Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-13 17:00")), Reason: "Chờ số liệu"}
		return must(t, working(), e, asLead, "2026-03-03 10:00")
	}
	progress := Event{Action: ActionReportProgress, Percent: ptr(30), Note: "Đã thu thập số liệu"}
	partNote := Event{Action: ActionReportProgress, Note: "Phòng Đấu thầu đã gửi số liệu phần việc phối hợp"}
	tick := Event{Action: ActionReportProgress, Ticks: []int{0}}
	decide := Event{Action: ActionDecideExtension, Approved: ptr(true)}
	escalate := Event{Action: ActionEscalate, Ref: 2, Level: 1}
	confirm := Event{Action: ActionConfirmCause, Kind: ExemptDelay, Reason: "Sở Tài chính chậm có ý kiến"}
	resolve := note(ActionResolveObstacle, "Đã có ý kiến")

	cases := []struct {
		name  string
		setup func() TaskWithHistory
		e     Event
		who   Actor
		want  string // "" allowed, else the error code
		msg   string // the Vietnamese message, when checked
	}{
		{"lead starts", fresh, ev(ActionStart), asLead, "", ""},
		{"assigner cannot start", fresh, ev(ActionStart), asAssigner, "forbidden", "Chỉ người chủ trì mới được bắt đầu thực hiện"},
		{"coordinator cannot start", fresh, ev(ActionStart), asCoord, "forbidden", ""},

		{"lead reports progress", working, progress, asLead, "", ""},
		{"lead ticks the checklist", working, tick, asLead, "", ""},
		{"coordinator reports their part", working, partNote, asCoord, "", ""},
		{"coordinator cannot set the percentage", working, progress, asCoord, "forbidden", ""},
		{"coordinator cannot tick the checklist", working, tick, asCoord, "forbidden", ""},
		{"assigner does not report progress", working, progress, asAssigner, "forbidden", ""},
		{"stranger cannot report", working, partNote, asStranger, "forbidden", ""},

		{"lead raises an obstacle", working, note(ActionRaiseObstacle, "Thiếu số liệu"), asLead, "", ""},
		{"coordinator cannot raise", working, note(ActionRaiseObstacle, "Thiếu số liệu"), asCoord, "forbidden", ""},
		{"lead resolves", blocked, resolve, asLead, "", ""},
		{"assigner resolves", blocked, resolve, asAssigner, "", ""},
		{"superior resolves", blocked, resolve, asSuperior, "", ""},
		{"coordinator cannot resolve", blocked, resolve, asCoord, "forbidden", ""},
		{"congvu escalates", blocked, escalate, asSystem, "", ""},
		{"the lead cannot escalate", blocked, escalate, asLead, "forbidden", ""},
		{"nor the assigner", blocked, escalate, asAssigner, "forbidden", ""},

		{"lead requests an extension", working, Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-13 17:00")), Reason: "Chờ số liệu"}, asLead, "", ""},
		{"coordinator cannot request", working, Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-13 17:00")), Reason: "Chờ số liệu"}, asCoord, "forbidden", ""},
		{"assigner decides", extending, decide, asAssigner, "", ""},
		{"lead cannot grant their own extension", extending, decide, asLead, "forbidden", "Chỉ người giao việc mới được quyết định gia hạn"},
		{"superior cannot decide", extending, decide, asSuperior, "forbidden", ""},

		{"lead submits", working, note(ActionSubmit, "Dự thảo tờ trình"), asLead, "", ""},
		{"coordinator cannot submit the parent", working, note(ActionSubmit, "Dự thảo tờ trình"), asCoord, "forbidden", "Chỉ người chủ trì mới được trình kết quả"},
		{"assigner accepts", submitted, ev(ActionAccept), asAssigner, "", ""},
		{"lead cannot accept", submitted, ev(ActionAccept), asLead, "forbidden", "Chỉ người giao việc mới được nghiệm thu"},
		{"superior cannot accept", submitted, ev(ActionAccept), asSuperior, "forbidden", "Chỉ người giao việc mới được nghiệm thu"},
		{"assigner returns", submitted, reason(ActionReturn, "Chưa đạt yêu cầu"), asAssigner, "", ""},
		{"coordinator cannot return", submitted, reason(ActionReturn, "Chưa đạt yêu cầu"), asCoord, "forbidden", ""},
		{"assigner cancels", working, reason(ActionCancel, "Không còn cần thiết"), asAssigner, "", ""},
		{"lead cannot cancel", working, reason(ActionCancel, "Không còn cần thiết"), asLead, "forbidden", "Chỉ người giao việc mới được hủy nhiệm vụ"},

		{"assigner confirms a cause", submitted, confirm, asAssigner, "", ""},
		{"superior confirms a cause", submitted, confirm, asSuperior, "", ""},
		{"lead cannot confirm their own cause", submitted, confirm, asLead, "forbidden", ""},

		{"permission is checked before state", fresh, ev(ActionAccept), asLead, "forbidden", ""},
		{"state is checked for the entitled", fresh, ev(ActionAccept), asAssigner, "conflict", "Không thể nghiệm thu khi nhiệm vụ đã giao"},
	}
	for _, c := range cases {
		h := c.setup()
		got, _, err := Apply(h, c.e, c.who, at("2026-03-06 10:00"))
		if string(code(err)) != c.want {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
			continue
		}
		if c.msg != "" && asErr(err).VI != c.msg {
			t.Errorf("%s: message %q, want %q", c.name, asErr(err).VI, c.msg)
		}
		if err != nil && !reflect.DeepEqual(got, h) {
			t.Errorf("%s: a refused action changed the history", c.name)
		}
	}
}

// A coordinator whose part is a sub-task leads that sub-task: they report
// its percentage and submit it, while the parent stays the lead's.
func TestCoordinatorSubTask(t *testing.T) {
	cal := testCalendar(t)
	parent := newTask(t, cal, 1, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-20")}, 1)
	n := NewTask{AgencyID: 2, ParentID: ptr(int64(1)), Title: "Số liệu giải ngân các dự án đấu thầu", Product: "Bảng số liệu",
		LeadUnitID: 4, LeadPersonID: coord, AssignerID: lead, AssignedAt: at("2026-03-02 09:00"), Deadline: DeadlineSpec{Date: date("2026-03-13")}}
	st, err := n.Build(cal)
	if err != nil {
		t.Fatal(err)
	}
	st.ID = 2
	sub, _ := Replay(st, nil)
	sub = must(t, sub, ev(ActionStart), asCoord, "2026-03-03 08:00")
	sub = must(t, sub, Event{Action: ActionReportProgress, Percent: ptr(80)}, asCoord, "2026-03-05 08:00")
	sub = must(t, sub, note(ActionSubmit, "Bảng số liệu"), asCoord, "2026-03-06 08:00")
	sub = must(t, sub, ev(ActionAccept), Actor{PersonID: lead}, "2026-03-06 10:00") // the parent's lead assigned the sub-task
	if sub.Task.State != StateDone || sub.Task.Progress != 100 {
		t.Errorf("sub-task %s %d%%", sub.Task.State, sub.Task.Progress)
	}
	parent = must(t, parent, ev(ActionStart), asLead, "2026-03-03 08:00")
	if _, _, err := Apply(parent, note(ActionSubmit, "Báo cáo"), asCoord, at("2026-03-06 11:00")); code(err) != "forbidden" {
		t.Errorf("coordinator submits the parent: %v", err)
	}
}

func TestApplyChecksFields(t *testing.T) {
	cal := testCalendar(t)
	h := newTask(t, cal, 1, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-13")}, 1)
	h = must(t, h, ev(ActionStart), asLead, "2026-03-02 09:00")
	h = must(t, h, Event{Action: ActionReportProgress, Percent: ptr(60)}, asLead, "2026-03-04 09:00")
	cases := []struct {
		name  string
		e     Event
		now   string
		field string // "" for success; the apperr field otherwise
		code  string
	}{
		{"percentage down without a reason", Event{Action: ActionReportProgress, Percent: ptr(40)}, "2026-03-05 09:00", "reason", "invalid"},
		{"percentage down with a reason", Event{Action: ActionReportProgress, Percent: ptr(40), Reason: "Phải làm lại phần số liệu quý I"}, "2026-03-05 09:00", "", ""},
		{"percentage over 100", Event{Action: ActionReportProgress, Percent: ptr(101)}, "2026-03-05 09:00", "percent", "invalid"},
		{"empty report", Event{Action: ActionReportProgress}, "2026-03-05 09:00", "note", "invalid"},
		{"attachments named", Event{Action: ActionReportProgress, Attachments: []string{"so-lieu.xlsx"}}, "2026-03-05 09:00", "", ""},
		{"blank attachment", Event{Action: ActionReportProgress, Attachments: []string{" "}}, "2026-03-05 09:00", "attachments[0]", "invalid"},
		{"no such checklist item", Event{Action: ActionReportProgress, Ticks: []int{2}}, "2026-03-05 09:00", "ticks", "invalid"},
		{"obstacle without description", ev(ActionRaiseObstacle), "2026-03-05 09:00", "note", "invalid"},
		{"submit without a result", ev(ActionSubmit), "2026-03-05 09:00", "note", "invalid"},
		{"extension without a reason", Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-20 17:00"))}, "2026-03-05 09:00", "reason", "invalid"},
		{"extension not after the deadline", Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-13 17:00")), Reason: "Chờ số liệu"}, "2026-03-05 09:00", "deadline", "invalid"},
		{"decision without a request", Event{Action: ActionDecideExtension, Approved: ptr(true)}, "2026-03-05 09:00", "", "conflict"},
		{"no delay to exempt", Event{Action: ActionConfirmCause, Kind: ExemptDelay, Reason: "Khách quan"}, "2026-03-05 09:00", "", "conflict"},
		{"no failed review to exempt", Event{Action: ActionConfirmCause, Kind: ExemptReview, Reason: "Khách quan"}, "2026-03-05 09:00", "", "conflict"},
		{"unknown exemption kind", Event{Action: ActionConfirmCause, Kind: "other", Reason: "Khách quan"}, "2026-03-05 09:00", "kind", "invalid"},
		{"earlier than the last event", Event{Action: ActionReportProgress, Note: "x"}, "2026-03-04 08:00", "", "conflict"},
		{"unknown action", ev("approve"), "2026-03-05 09:00", "action", "invalid"},
	}
	for _, c := range cases {
		who := asLead
		if c.e.Action == ActionDecideExtension || c.e.Action == ActionConfirmCause {
			who = asAssigner
		}
		_, _, err := Apply(h, c.e, who, at(c.now))
		if string(code(err)) != c.code || (c.field != "" && asErr(err).Field != c.field) {
			t.Errorf("%s: %v (field %q), want %s on %q", c.name, err, asErr(err).Field, c.code, c.field)
		}
	}
}

func TestObstacles(t *testing.T) {
	cal := testCalendar(t)
	h := newTask(t, cal, 1, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-20")}, 1)
	h = must(t, h, ev(ActionStart), asLead, "2026-03-02 09:00")
	h = must(t, h, note(ActionRaiseObstacle, "Chờ ý kiến Sở Xây dựng"), asLead, "2026-03-03 09:00")  // obstacle 2
	h = must(t, h, note(ActionRaiseObstacle, "Chưa có số liệu Kho bạc"), asLead, "2026-03-03 10:00") // obstacle 3
	if _, _, err := Apply(h, note(ActionResolveObstacle, "Đã có"), asLead, at("2026-03-04 09:00")); asErr(err).Field != "ref" {
		t.Errorf("resolving one of two without saying which: %v", err)
	}
	h = must(t, h, Event{Action: ActionResolveObstacle, Ref: 3, Note: "Kho bạc đã gửi"}, asAssigner, "2026-03-04 09:00")
	if h.Task.State != StateBlocked || len(h.OpenObstacles()) != 1 {
		t.Fatalf("after resolving one of two: %s, %d open", h.Task.State, len(h.OpenObstacles()))
	}
	h = must(t, h, note(ActionResolveObstacle, "Sở Xây dựng đã có ý kiến"), asSuperior, "2026-03-05 09:00")
	if h.Task.State != StateInProgress || len(h.OpenObstacles()) != 0 {
		t.Fatalf("after resolving both: %s", h.Task.State)
	}
	o := h.Obstacles[0]
	if o.ID != 2 || o.ResolvedBy != superior || o.Resolution != "Sở Xây dựng đã có ý kiến" || !o.ResolvedAt.Equal(at("2026-03-05 09:00")) {
		t.Errorf("obstacle 2 = %+v", o)
	}
	if last := h.Events[len(h.Events)-1]; last.Ref != 2 || last.As != AsSuperior {
		t.Errorf("the stored event names the obstacle and the capacity: %+v", last)
	}
}
