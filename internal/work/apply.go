package work

import (
	"slices"
	"time"

	"congvu/internal/apperr"
)

// Actor is the person performing an action, as the caller established it.
type Actor struct {
	PersonID int64 // 0 for congvu itself (escalation)
	// SuperiorOfAssigner is true when the caller established from the
	// organisation that the person is a superior of the task's assigner
	// (the head of the assigner's unit, or the director or a deputy
	// director): such a person may resolve obstacles and confirm objective
	// causes, and receives escalations of level 2.
	SuperiorOfAssigner bool
}

// Apply performs one action on a task: it checks who may take it, that it
// is allowed in the task's state and that its fields are right, then stamps
// the event (Seq, At = now, ActorID, As) and returns the task's new history
// and the event to store. h is not modified.
//
// Who may act:
//
//	lead (người chủ trì)       start, report_progress, raise_obstacle, resolve_obstacle, request_extension, submit
//	coordinator (phối hợp)     report_progress on their part: a narrative and attachments, without a percentage
//	                           or checklist ticks (those are the lead's), and never submit (they submit their sub-task)
//	assigner (người giao việc) resolve_obstacle, decide_extension, accept, return, cancel, confirm_objective_cause
//	the assigner's superior    resolve_obstacle, confirm_objective_cause
//	congvu (ActorID 0)         escalate
//
// Errors: apperr.Forbidden (403) saying who may take the action, then
// apperr.Conflict (409) naming the current state with Allowed set, then
// apperr.Invalid (400) naming the field, or Conflict when the action has
// nothing to act on (no pending extension, no delay to exempt, ...).
func Apply(h TaskWithHistory, ev Event, actor Actor, now time.Time) (TaskWithHistory, Event, error) {
	if !slices.Contains(Actions(), ev.Action) {
		return h, ev, apperr.Invalidf("action", "thao tác không hợp lệ: %q", "unknown action: %q", string(ev.Action))
	}
	as, err := authorize(h.Task, ev, actor)
	if err != nil {
		return h, ev, err
	}
	if !permitted(h.Task.State, ev.Action) {
		return h, ev, conflict(h.Task.State, ev.Action)
	}
	now = now.UTC()
	if n := len(h.Events); (n > 0 && now.Before(h.Events[n-1].At)) || now.Before(h.Task.AssignedAt) {
		return h, ev, apperr.Conflictf("Thời điểm ghi nhận sớm hơn sự kiện trước đó của nhiệm vụ",
			"The time of the change is earlier than the task's previous event")
	}
	ev.Seq, ev.At, ev.ActorID, ev.As = int64(len(h.Events))+1, now, actor.PersonID, as
	out := h.clone()
	if ev, err = out.fold(ev); err != nil {
		return h, ev, err
	}
	return out, ev, nil
}

// authorize returns the capacity in which actor may take ev on t, or a
// Forbidden error saying who may.
func authorize(t Task, ev Event, actor Actor) (Capacity, error) {
	p := actor.PersonID
	lead := p != 0 && p == t.LeadPersonID
	assigner := p != 0 && p == t.AssignerID
	superior := p != 0 && actor.SuperiorOfAssigner
	coord := p != 0 && t.coordinator(p)
	switch ev.Action {
	case ActionStart, ActionRaiseObstacle, ActionRequestExtension, ActionSubmit:
		if lead {
			return AsLead, nil
		}
		return "", forbidden(ev.Action, "người chủ trì", "the lead")
	case ActionReportProgress:
		switch {
		case lead:
			return AsLead, nil
		case coord && ev.Percent == nil && len(ev.Ticks) == 0:
			return AsCoordinator, nil
		case coord:
			return "", apperr.Forbiddenf("Người phối hợp chỉ báo cáo phần việc của mình; tỷ lệ hoàn thành và các bước của nhiệm vụ do người chủ trì cập nhật",
				"A coordinator reports on their own part; the task's percentage and checklist are the lead's to update")
		}
		return "", forbidden(ev.Action, "người chủ trì hoặc người phối hợp", "the lead or a coordinator")
	case ActionResolveObstacle:
		switch {
		case lead:
			return AsLead, nil
		case assigner:
			return AsAssigner, nil
		case superior:
			return AsSuperior, nil
		}
		return "", forbidden(ev.Action, "người chủ trì, người giao việc hoặc cấp trên của người giao việc", "the lead, the assigner or the assigner's superior")
	case ActionEscalate:
		if p == 0 {
			return AsSystem, nil
		}
		return "", forbidden(ev.Action, "hệ thống", "congvu itself")
	case ActionDecideExtension, ActionAccept, ActionReturn, ActionCancel:
		if assigner {
			return AsAssigner, nil
		}
		return "", forbidden(ev.Action, "người giao việc", "the assigner")
	case ActionConfirmCause:
		switch {
		case assigner:
			return AsAssigner, nil
		case superior:
			return AsSuperior, nil
		}
		return "", forbidden(ev.Action, "người giao việc hoặc cấp trên của người giao việc", "the assigner or the assigner's superior")
	}
	return "", forbidden(ev.Action, "không ai", "nobody")
}

// forbidden is "chỉ người giao việc mới được nghiệm thu".
func forbidden(a Action, whoVI, whoEN string) error {
	return apperr.New(apperr.Forbidden, "", "Chỉ "+whoVI+" mới được "+a.Label("vi"), "Only "+whoEN+" may "+a.Label("en"))
}

// clone copies h deeply enough that folding an event into the copy leaves
// h untouched.
func (h TaskWithHistory) clone() TaskWithHistory {
	c := h
	c.Task.Checklist = slices.Clone(h.Task.Checklist)
	c.Events = slices.Clone(h.Events)
	c.Obstacles = slices.Clone(h.Obstacles)
	c.Extensions = slices.Clone(h.Extensions)
	c.Submissions = slices.Clone(h.Submissions)
	c.Reviews = slices.Clone(h.Reviews)
	c.Exemptions = slices.Clone(h.Exemptions)
	return c
}
