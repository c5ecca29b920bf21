package investment

import (
	"maps"
	"time"

	"congvu/internal/apperr"
)

// EventAction says what a project event did.
type EventAction string

// The project events.
const (
	EventCreated  EventAction = "created"  // added to the register
	EventAdjusted EventAction = "adjusted" // total investment changed (điều chỉnh tổng mức đầu tư), by a decision
	EventPhase    EventAction = "phase"    // moved to another phase
	EventDecision EventAction = "decision" // a decision recorded without a change of figures
)

var eventLabels = map[EventAction][2]string{
	EventCreated:  {"Đưa vào danh mục", "Added to the register"},
	EventAdjusted: {"Điều chỉnh tổng mức đầu tư", "Total investment adjusted"},
	EventPhase:    {"Chuyển giai đoạn", "Phase changed"},
	EventDecision: {"Ghi nhận quyết định", "Decision recorded"},
}

// Label names the action in "vi" or "en".
func (a EventAction) Label(lang string) string {
	l, ok := eventLabels[a]
	return label(l, ok, string(a), lang)
}

// Event is one change to a project, with the figures before and after, so
// that a project's history shows each adjustment with its decision and a
// change of group as such.
type Event struct {
	ID            int64
	ProjectID     int64
	Action        EventAction
	ActorID       int64
	ActorName     string
	At            time.Time
	Reason        string
	Decision      Decision
	GroupBefore   Group // empty for the creation
	GroupAfter    Group
	LawAfter      string
	TotalBefore   int64
	TotalAfter    int64
	PhaseBefore   Phase
	PhaseAfter    Phase
	CapitalBefore map[Source]int64
	CapitalAfter  map[Source]int64
}

// GroupChanged reports whether the event moved the project to another group.
func (e Event) GroupChanged() bool { return e.GroupBefore != "" && e.GroupBefore != e.GroupAfter }

// Adjustment is a change to a project: a new total investment by source
// (Capital nil: unchanged), a new phase ("" unchanged), or neither (a
// decision recorded). A change of capital needs its decision's number and
// date; a change of phase a decision or a reason.
type Adjustment struct {
	Capital  map[Source]int64
	Phase    Phase
	Decision Decision
	Reason   string
}

// Apply makes the change a to p, recomputing the group under the rules in
// force on the decision's date (or `on`, the day it is recorded), and
// returns the project after it with the event to record (without its id,
// actor and instant). Errors: apperr.Invalid naming the field; a change
// that changes nothing is refused (field "action").
func Apply(p Project, a Adjustment, sets []RuleSet, on string) (Project, Event, error) {
	var err error
	if a.Reason, err = apperr.Text("reason", a.Reason, 0, 2000); err != nil {
		return p, Event{}, err
	}
	if a.Phase != "" {
		if _, err := ParsePhase("phase", string(a.Phase)); err != nil {
			return p, Event{}, err
		}
	}
	capitalChanged := a.Capital != nil && !maps.Equal(cleanCapital(a.Capital), cleanCapital(p.Capital))
	if a.Capital != nil {
		if err := CheckCapital("total_investment", a.Capital); err != nil {
			return p, Event{}, err
		}
	}
	phaseChanged := a.Phase != "" && a.Phase != p.Phase
	action := EventDecision
	switch {
	case capitalChanged:
		action = EventAdjusted
	case phaseChanged:
		action = EventPhase
	}
	if !capitalChanged && !phaseChanged && a.Decision.Empty() {
		return p, Event{}, apperr.Invalidf("action", "không có gì thay đổi", "nothing changes")
	}
	required := action != EventPhase || a.Reason == ""
	if err := a.Decision.validate(required); err != nil {
		return p, Event{}, err
	}
	if a.Decision.Date != "" {
		on = a.Decision.Date
	}
	next := p
	next.Capital = cleanCapital(p.Capital)
	if capitalChanged {
		next.Capital = cleanCapital(a.Capital)
	}
	next.Total = Sum(next.Capital)
	if phaseChanged {
		next.Phase = a.Phase
	}
	if next.Group, next.GroupLaw, err = GroupOf(sets, on, next); err != nil {
		return p, Event{}, err
	}
	ev := Event{ProjectID: p.ID, Action: action, Reason: a.Reason, Decision: a.Decision,
		GroupBefore: p.Group, GroupAfter: next.Group, LawAfter: next.GroupLaw,
		TotalBefore: p.Total, TotalAfter: next.Total, PhaseBefore: p.Phase, PhaseAfter: next.Phase,
		CapitalBefore: cleanCapital(p.Capital), CapitalAfter: next.Capital}
	return next, ev, nil
}

// CreatedEvent is the event recording a project's creation.
func CreatedEvent(p Project, n NewProject) Event {
	return Event{ProjectID: p.ID, Action: EventCreated, Reason: n.Reason, Decision: n.Decision,
		GroupAfter: p.Group, LawAfter: p.GroupLaw, TotalAfter: p.Total, PhaseAfter: p.Phase, CapitalAfter: p.Capital}
}
