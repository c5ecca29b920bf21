package work

import (
	"reflect"
	"testing"
)

// An approved extension moves Deadline and keeps OriginalDeadline; the task
// completed after the original deadline is a delay in the figures, even
// though it met the extended one.
func TestExtensionKeepsTheOriginalDeadline(t *testing.T) {
	cal := testCalendar(t)
	h := newTask(t, cal, 5, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-13")}, 1)
	orig := at("2026-03-13 17:00")
	h = must(t, h, ev(ActionStart), asLead, "2026-03-02 09:00")
	ask := Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-20 17:00")), Reason: "Chờ Kho bạc đối chiếu số liệu"}
	h = must(t, h, ask, asLead, "2026-03-11 09:00")
	if _, _, err := Apply(h, ask, asLead, at("2026-03-11 10:00")); code(err) != "conflict" {
		t.Errorf("a second request while one is pending: %v", err)
	}
	// The assigner grants a shorter extension than asked.
	h = must(t, h, Event{Action: ActionDecideExtension, Approved: ptr(true), Deadline: ptr(at("2026-03-18 17:00"))}, asAssigner, "2026-03-11 14:00")
	if !h.Task.Deadline.Equal(at("2026-03-18 17:00")) || !h.Task.OriginalDeadline.Equal(orig) {
		t.Fatalf("deadline %v, original %v", h.Task.Deadline, h.Task.OriginalDeadline)
	}
	x := h.Extensions[0]
	if !x.Decided || !x.Approved || x.DecidedBy != assigner || !x.Previous.Equal(orig) || !x.Proposed.Equal(at("2026-03-20 17:00")) || !x.Granted.Equal(at("2026-03-18 17:00")) {
		t.Errorf("extension = %+v", x)
	}
	// A second request, rejected: the deadline stays.
	h = must(t, h, Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-25 17:00")), Reason: "Thêm số liệu quý I"}, asLead, "2026-03-16 09:00")
	h = must(t, h, Event{Action: ActionDecideExtension, Approved: ptr(false), Reason: "Không gia hạn thêm"}, asAssigner, "2026-03-16 10:00")
	if !h.Task.Deadline.Equal(at("2026-03-18 17:00")) || h.Extensions[1].Approved || !h.Extensions[1].Decided {
		t.Errorf("after the rejection: %v %+v", h.Task.Deadline, h.Extensions[1])
	}
	h = must(t, h, note(ActionSubmit, "Báo cáo đã đối chiếu"), asLead, "2026-03-18 10:00")
	h = must(t, h, ev(ActionAccept), asAssigner, "2026-03-19 08:00")
	if !h.CompletedAt.Equal(at("2026-03-18 10:00")) {
		t.Errorf("completed at %v, want the accepted submission's time", h.CompletedAt)
	}
	if h.TimelinessAt(at("2026-04-01 00:00")) != Late {
		t.Errorf("timeliness %s, want late against the original deadline", h.TimelinessAt(at("2026-04-01 00:00")))
	}
	f := MonthlyFigures([]TaskWithHistory{h}, lead, 2026, 3)
	if f.Assigned != 1 || f.Done != 1 || f.DoneOnTime != 0 || f.Delays != 1 {
		t.Errorf("figures %+v, want 1 assigned, 1 done, 0 on time, 1 delay", f)
	}
}

// Replay rebuilds exactly what Apply built, from the stored current row.
func TestReplayMatchesApply(t *testing.T) {
	cal := testCalendar(t)
	h := newTask(t, cal, 9, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-13")}, 1.5)
	base := h.Task
	h = must(t, h, ev(ActionStart), asLead, "2026-03-02 09:00")
	h = must(t, h, Event{Action: ActionReportProgress, Percent: ptr(30), Ticks: []int{0}, Attachments: []string{"so-lieu.xlsx"}}, asLead, "2026-03-03 09:00")
	h = must(t, h, note(ActionRaiseObstacle, "Thiếu số liệu"), asLead, "2026-03-04 09:00")
	h = must(t, h, Event{Action: ActionEscalate, Ref: 3, Level: 1}, asSystem, "2026-03-06 09:00")
	h = must(t, h, note(ActionResolveObstacle, "Đã có số liệu"), asAssigner, "2026-03-06 10:00")
	h = must(t, h, Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-20 17:00")), Reason: "Chờ số liệu"}, asLead, "2026-03-06 11:00")
	h = must(t, h, Event{Action: ActionDecideExtension, Approved: ptr(true)}, asAssigner, "2026-03-06 14:00")
	h = must(t, h, note(ActionSubmit, "Báo cáo"), asLead, "2026-03-16 09:00")
	h = must(t, h, reason(ActionReturn, "Thiếu phụ lục"), asAssigner, "2026-03-16 14:00")
	h = must(t, h, note(ActionSubmit, "Báo cáo kèm phụ lục"), asLead, "2026-03-17 09:00")
	h = must(t, h, ev(ActionAccept), asAssigner, "2026-03-17 10:00")
	h = must(t, h, Event{Action: ActionConfirmCause, Kind: ExemptReview, Reason: "Mẫu phụ lục thay đổi sau khi giao"}, asSuperior, "2026-03-18 10:00")
	h = must(t, h, Event{Action: ActionConfirmCause, Kind: ExemptDelay, Reason: "Kho bạc chậm số liệu"}, asAssigner, "2026-03-18 11:00")

	row := h.Task // what storage keeps: the current row
	got, err := Replay(row, h.Events)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, h) {
		t.Errorf("Replay from the current row differs:\n got %+v\nwant %+v", got, h)
	}
	if got, _ := Replay(base, h.Events); !reflect.DeepEqual(got, h) {
		t.Errorf("Replay from the base differs")
	}
	if h.Task.Version != 1+len(h.Events) || h.Task.Progress != 100 || !h.Task.Checklist[0].Done || h.Task.Checklist[1].Done {
		t.Errorf("task = %+v", h.Task)
	}
	if failed, exempted := h.FailedReviews(); failed != 1 || exempted != 1 {
		t.Errorf("failed reviews %d, exempted %d", failed, exempted)
	}
	x := h.Exemptions[0]
	if x.Kind != ExemptReview || x.ConfirmedBy != superior || x.As != AsSuperior || x.ReviewSeq != 9 {
		t.Errorf("exemption = %+v", x)
	}
	if !h.DelayExempted() || h.Exemptions[1].ConfirmedBy != assigner {
		t.Errorf("delay exemption = %+v", h.Exemptions)
	}
	if _, _, err := Apply(h, Event{Action: ActionConfirmCause, Kind: ExemptDelay, Reason: "Lần nữa"}, asAssigner, at("2026-03-19 09:00")); code(err) != "conflict" {
		t.Errorf("a second delay exemption: %v", err)
	}

	// A corrupt history is refused, naming the event.
	bad := append([]Event(nil), h.Events...)
	bad[3].Seq = 9
	if _, err := Replay(base, bad); code(err) != "conflict" || asErr(err).Field != "events" {
		t.Errorf("out of sequence: %v", err)
	}
	bad = append([]Event(nil), h.Events[:1]...)
	bad = append(bad, Event{Seq: 2, Action: ActionAccept, At: at("2026-03-03 09:00")})
	if _, err := Replay(base, bad); code(err) != "conflict" {
		t.Errorf("accept while in progress: %v", err)
	}
	bad = append([]Event(nil), h.Events[:2]...)
	bad[1].Percent = ptr(150)
	if _, err := Replay(base, bad); code(err) != "conflict" {
		t.Errorf("a bad percentage: %v", err)
	}
}
