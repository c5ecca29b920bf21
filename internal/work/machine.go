package work

import (
	"congvu/internal/apperr"
)

// State is where a task stands.
type State string

// The states of a task.
const (
	StateAssigned   State = "assigned"    // đã giao, chưa bắt đầu
	StateInProgress State = "in_progress" // đang thực hiện
	StateBlocked    State = "blocked"     // vướng mắc: at least one obstacle is open
	StateSubmitted  State = "submitted"   // đã trình, chờ nghiệm thu
	StateReturned   State = "returned"    // trả lại để làm lại (failed quality review)
	StateDone       State = "done"        // đã nghiệm thu, hoàn thành
	StateCancelled  State = "cancelled"   // đã hủy
)

// States lists every state in display order.
func States() []State {
	return []State{StateAssigned, StateInProgress, StateBlocked, StateSubmitted, StateReturned, StateDone, StateCancelled}
}

// Terminal reports whether nothing more happens to the task's work in s
// (done or cancelled).
func (s State) Terminal() bool { return s == StateDone || s == StateCancelled }

// Label names the state in "vi" or "en".
func (s State) Label(lang string) string {
	l := map[State][2]string{
		StateAssigned:   {"đã giao", "assigned"},
		StateInProgress: {"đang thực hiện", "in progress"},
		StateBlocked:    {"đang vướng mắc", "blocked"},
		StateSubmitted:  {"đã trình, chờ nghiệm thu", "submitted for review"},
		StateReturned:   {"bị trả lại để làm lại", "returned for rework"},
		StateDone:       {"đã hoàn thành", "done"},
		StateCancelled:  {"đã hủy", "cancelled"},
	}[s]
	if l[0] == "" {
		return string(s)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Action is something done to a task; each is recorded as an Event.
type Action string

// The actions on a task.
const (
	ActionStart            Action = "start"             // the lead starts work
	ActionReportProgress   Action = "report_progress"   // báo cáo tiến độ
	ActionRaiseObstacle    Action = "raise_obstacle"    // báo khó khăn, vướng mắc
	ActionResolveObstacle  Action = "resolve_obstacle"  // vướng mắc được tháo gỡ
	ActionEscalate         Action = "escalate"          // congvu raises an unresolved obstacle a level (see EscalationDue)
	ActionRequestExtension Action = "request_extension" // đề nghị gia hạn
	ActionDecideExtension  Action = "decide_extension"  // the assigner approves or rejects it
	ActionSubmit           Action = "submit"            // trình kết quả, sản phẩm
	ActionAccept           Action = "accept"            // nghiệm thu: the result meets the requirements
	ActionReturn           Action = "return"            // trả lại: a failed quality review
	ActionCancel           Action = "cancel"            // hủy nhiệm vụ
	ActionConfirmCause     Action = "confirm_objective_cause"
)

// Actions lists every action in display order.
func Actions() []Action {
	return []Action{ActionStart, ActionReportProgress, ActionRaiseObstacle, ActionResolveObstacle, ActionEscalate,
		ActionRequestExtension, ActionDecideExtension, ActionSubmit, ActionAccept, ActionReturn, ActionCancel, ActionConfirmCause}
}

// Label names the action in "vi" or "en", as a verb phrase.
func (a Action) Label(lang string) string {
	l := map[Action][2]string{
		ActionStart:            {"bắt đầu thực hiện", "start the task"},
		ActionReportProgress:   {"báo cáo tiến độ", "report progress"},
		ActionRaiseObstacle:    {"báo khó khăn, vướng mắc", "raise an obstacle"},
		ActionResolveObstacle:  {"xác nhận đã tháo gỡ vướng mắc", "resolve an obstacle"},
		ActionEscalate:         {"chuyển vướng mắc lên cấp trên", "escalate an obstacle"},
		ActionRequestExtension: {"đề nghị gia hạn", "request an extension"},
		ActionDecideExtension:  {"quyết định gia hạn", "decide on an extension"},
		ActionSubmit:           {"trình kết quả", "submit the result"},
		ActionAccept:           {"nghiệm thu", "accept the result"},
		ActionReturn:           {"trả lại để làm lại", "return the result for rework"},
		ActionCancel:           {"hủy nhiệm vụ", "cancel the task"},
		ActionConfirmCause:     {"xác nhận nguyên nhân khách quan", "confirm an objective cause"},
	}[a]
	if l[0] == "" {
		return string(a)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// open are the states in which work is still expected.
func open(s State) bool {
	switch s {
	case StateAssigned, StateInProgress, StateBlocked, StateSubmitted, StateReturned:
		return true
	}
	return false
}

// permitted reports whether a is allowed in state s. The state a leads to
// is decided by Apply (resolving the last open obstacle unblocks; the rest
// are in next).
//
//	start               assigned | returned                    → in_progress
//	report_progress     in_progress | blocked | returned       → same
//	raise_obstacle      assigned | in_progress | blocked       → blocked
//	resolve_obstacle    blocked                                → in_progress when no other obstacle is open, else blocked
//	escalate            blocked                                → blocked
//	request_extension   any open state                         → same
//	decide_extension    any open state                         → same
//	submit              in_progress | returned                 → submitted
//	accept              submitted                              → done
//	return              submitted                              → returned
//	cancel              any open state                         → cancelled
//	confirm_objective_cause  any state but cancelled           → same
//
// raise_obstacle is allowed while blocked so that a second obstacle can be
// recorded; confirm_objective_cause is allowed once done because a delay is
// often only known, and its cause confirmed, after completion.
func permitted(s State, a Action) bool {
	switch a {
	case ActionStart:
		return s == StateAssigned || s == StateReturned
	case ActionReportProgress:
		return s == StateInProgress || s == StateBlocked || s == StateReturned
	case ActionRaiseObstacle:
		return s == StateAssigned || s == StateInProgress || s == StateBlocked
	case ActionResolveObstacle, ActionEscalate:
		return s == StateBlocked
	case ActionRequestExtension, ActionDecideExtension, ActionCancel:
		return open(s)
	case ActionSubmit:
		return s == StateInProgress || s == StateReturned
	case ActionAccept, ActionReturn:
		return s == StateSubmitted
	case ActionConfirmCause:
		return open(s) || s == StateDone
	}
	return false
}

// next returns the state after a in s, for an action permitted in s;
// resolve_obstacle is decided by Apply.
func next(s State, a Action) State {
	switch a {
	case ActionStart:
		return StateInProgress
	case ActionRaiseObstacle:
		return StateBlocked
	case ActionSubmit:
		return StateSubmitted
	case ActionAccept:
		return StateDone
	case ActionReturn:
		return StateReturned
	case ActionCancel:
		return StateCancelled
	}
	return s
}

// Allowed returns the actions allowed in state s, in Actions order. Whether
// a given person may take them is decided by Apply.
func Allowed(s State) []Action {
	var out []Action
	for _, a := range Actions() {
		if permitted(s, a) {
			out = append(out, a)
		}
	}
	return out
}

// conflict is the 409 for an action not allowed in the current state,
// naming the state and listing the allowed actions.
func conflict(s State, a Action) error {
	e := apperr.New(apperr.Conflict, "action",
		"Không thể "+a.Label("vi")+" khi nhiệm vụ "+s.Label("vi"),
		"Cannot "+a.Label("en")+": the task is "+s.Label("en"))
	for _, x := range Allowed(s) {
		e.Allowed = append(e.Allowed, string(x))
	}
	return e
}
