package work

import (
	"slices"
	"testing"
	"time"
)

// TestStateActionMatrix applies every action in every state, by the person
// entitled to it with valid fields, and checks the state reached or the
// 409 with the allowed actions. The table is written out, not derived from
// the code.
func TestStateActionMatrix(t *testing.T) {
	cal := testCalendar(t)
	// Assigned Mon 2/3/2026 08:00, due in 2 working days (Wed 4/3 08:00);
	// everything after happens on 10/3, so the task is late and a delay can
	// be exempted in any state.
	base := func() TaskWithHistory {
		return newTask(t, cal, 1, "2026-03-02 08:00", DeadlineSpec{WorkingDays: days(2)}, 1)
	}
	setups := map[State][]Event{
		StateAssigned:   nil,
		StateInProgress: {ev(ActionStart)},
		StateBlocked:    {ev(ActionStart), note(ActionRaiseObstacle, "Chờ số liệu của Kho bạc")},
		StateSubmitted:  {ev(ActionStart), note(ActionSubmit, "Dự thảo báo cáo")},
		StateReturned:   {ev(ActionStart), note(ActionSubmit, "Dự thảo báo cáo"), reason(ActionReturn, "Thiếu số liệu quý I")},
		StateDone:       {ev(ActionStart), note(ActionSubmit, "Dự thảo báo cáo"), ev(ActionAccept)},
		StateCancelled:  {reason(ActionCancel, "Nhiệm vụ không còn cần thiết")},
	}
	actorFor := func(a Action) Actor {
		switch a {
		case ActionEscalate:
			return asSystem
		case ActionDecideExtension, ActionAccept, ActionReturn, ActionCancel, ActionConfirmCause:
			return asAssigner
		}
		return asLead
	}
	valid := func(h TaskWithHistory, a Action) Event {
		e := Event{Action: a}
		switch a {
		case ActionReportProgress:
			e.Percent = ptr(50)
		case ActionRaiseObstacle, ActionResolveObstacle, ActionSubmit:
			e.Note = "Nội dung"
		case ActionEscalate:
			e.Ref, e.Level = 2, 1 // the obstacle raised by event 2
		case ActionRequestExtension:
			e.Deadline, e.Reason = ptr(at("2026-03-20 17:00")), "Chờ số liệu"
		case ActionDecideExtension:
			e.Approved = ptr(true)
		case ActionReturn, ActionCancel:
			e.Reason = "Lý do"
		case ActionConfirmCause:
			e.Kind, e.Reason = ExemptDelay, "Kho bạc chậm cung cấp số liệu"
		}
		return e
	}
	want := map[State]map[Action]State{
		StateAssigned: {ActionStart: StateInProgress, ActionRaiseObstacle: StateBlocked, ActionRequestExtension: StateAssigned,
			ActionDecideExtension: StateAssigned, ActionCancel: StateCancelled, ActionConfirmCause: StateAssigned},
		StateInProgress: {ActionReportProgress: StateInProgress, ActionRaiseObstacle: StateBlocked, ActionRequestExtension: StateInProgress,
			ActionDecideExtension: StateInProgress, ActionSubmit: StateSubmitted, ActionCancel: StateCancelled, ActionConfirmCause: StateInProgress},
		StateBlocked: {ActionReportProgress: StateBlocked, ActionRaiseObstacle: StateBlocked, ActionResolveObstacle: StateInProgress,
			ActionEscalate: StateBlocked, ActionRequestExtension: StateBlocked, ActionDecideExtension: StateBlocked,
			ActionCancel: StateCancelled, ActionConfirmCause: StateBlocked},
		StateSubmitted: {ActionRequestExtension: StateSubmitted, ActionDecideExtension: StateSubmitted, ActionAccept: StateDone,
			ActionReturn: StateReturned, ActionCancel: StateCancelled, ActionConfirmCause: StateSubmitted},
		StateReturned: {ActionStart: StateInProgress, ActionReportProgress: StateReturned, ActionRequestExtension: StateReturned,
			ActionDecideExtension: StateReturned, ActionSubmit: StateSubmitted, ActionCancel: StateCancelled, ActionConfirmCause: StateReturned},
		StateDone:      {ActionConfirmCause: StateDone},
		StateCancelled: {},
	}
	for _, s := range States() {
		var allowed []string
		for _, a := range Actions() {
			if _, ok := want[s][a]; ok {
				allowed = append(allowed, string(a))
			}
		}
		var got []string
		for _, a := range Allowed(s) {
			got = append(got, string(a))
		}
		if !slices.Equal(got, allowed) {
			t.Errorf("Allowed(%s) = %v, want %v", s, got, allowed)
		}
		for _, a := range Actions() {
			h := base()
			now := at("2026-03-10 08:00")
			for _, e := range setups[s] {
				h = must(t, h, e, actorFor(e.Action), "2026-03-10 08:00")
			}
			if a == ActionDecideExtension && slices.Contains(allowed, string(a)) {
				h = must(t, h, valid(h, ActionRequestExtension), asLead, "2026-03-10 08:00")
			}
			if h.Task.State != s {
				t.Fatalf("setup reached %s, want %s", h.Task.State, s)
			}
			got, _, err := Apply(h, valid(h, a), actorFor(a), now.Add(time.Hour))
			to, ok := want[s][a]
			switch {
			case ok && err != nil:
				t.Errorf("%s in %s: %v, want → %s", a, s, err, to)
			case ok && got.Task.State != to:
				t.Errorf("%s in %s → %s, want %s", a, s, got.Task.State, to)
			case !ok && code(err) != "conflict":
				t.Errorf("%s in %s: err %v, want conflict", a, s, err)
			case !ok:
				e := asErr(err)
				if !slices.Equal(e.Allowed, allowed) {
					t.Errorf("%s in %s: Allowed %v, want %v", a, s, e.Allowed, allowed)
				}
				if want := "Không thể " + a.Label("vi") + " khi nhiệm vụ " + s.Label("vi"); e.VI != want {
					t.Errorf("message %q, want %q", e.VI, want)
				}
			}
		}
	}
}
