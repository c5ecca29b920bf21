package work

import (
	"fmt"
	"math"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Task is a nhiệm vụ: one piece of work with one person who answers for it
// (người chủ trì, LeadPersonID, in LeadUnitID), the units that help
// (phối hợp), the person who assigned it and will review it (AssignerID),
// a concrete output (sản phẩm) and a deadline. State, Progress and Deadline
// change only through events (see Apply); the other fields are the task as
// assigned.
type Task struct {
	ID          int64
	AgencyID    int64
	PlanID      *int64 // the kế hoạch công tác it carries out, if any
	ParentID    *int64 // the task this one is a sub-task of, if any
	Title       string
	Description string
	Product     string // sản phẩm đầu ra: what is delivered ("Tờ trình UBND tỉnh", "Báo cáo thẩm định")

	LeadUnitID   int64 // đơn vị chủ trì
	LeadPersonID int64 // người chủ trì: the one who answers for the task
	Coordinators []Coordination

	AssignerID int64     // người giao việc: reviews, extends, cancels
	AssignedAt time.Time // the instant of assignment (UTC)

	// Deadline is the instant the task is due now; an approved extension
	// moves it. OriginalDeadline is the deadline as assigned and never
	// moves: statistics and evaluation count against it (DOMAIN.md §1.4,
	// "finished late counts as late even after a new appointment").
	Deadline         time.Time
	OriginalDeadline time.Time

	Priority  Priority
	Key       bool    // nhiệm vụ trọng điểm
	Weight    float64 // hệ số quy đổi: standard units of work, > 0 and ≤ 10, default 1
	Checklist []ChecklistItem

	State    State
	Progress int // percentage 0–100 as last reported; 100 once accepted
	Version  int // incremented by every event
}

// AssignedOn returns the date of assignment in Vietnam.
func (t Task) AssignedOn() calendar.Date { return calendar.DateOf(t.AssignedAt) }

// Coordination is a unit that helps with a task (đơn vị phối hợp), with the
// person named for it and the sub-task that holds its part, when there is
// one. A coordinator reports on their own part in that sub-task, where they
// are the lead.
type Coordination struct {
	UnitID    int64
	PersonID  *int64
	SubTaskID *int64
}

// ChecklistItem is one step of the task's concrete plan.
type ChecklistItem struct {
	Text string
	Done bool
}

// Priority is how urgent a task is.
type Priority string

// The priorities.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent" // hỏa tốc
)

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool {
	switch p {
	case PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent:
		return true
	}
	return false
}

// The bounds of a task's conversion weight (hệ số quy đổi).
const (
	DefaultWeight = 1.0
	MaxWeight     = 10.0
)

// NewTask is what it takes to assign a task. Build turns it into a Task.
type NewTask struct {
	AgencyID     int64
	PlanID       *int64
	ParentID     *int64
	Title        string
	Description  string
	Product      string
	LeadUnitID   int64
	LeadPersonID int64
	Coordinators []Coordination
	AssignerID   int64
	AssignedAt   time.Time
	Deadline     DeadlineSpec
	Priority     Priority // "" means normal
	Key          bool
	Weight       float64 // 0 means DefaultWeight
	Checklist    []string
}

// Validate checks and normalises the fields that need no calendar: title
// 3–300 characters, product 3–500, a lead unit and person, an assigner who
// is not the lead (nobody reviews their own work), coordinators that are
// neither duplicated nor the lead, weight in (0, 10], a deadline spec with
// exactly one form and, for a date, not before the day of assignment. Errors
// are apperr.Invalid naming the field.
func (n *NewTask) Validate() error {
	var err error
	if n.AgencyID <= 0 {
		return apperr.Invalidf("agency_id", "thiếu cơ quan", "agency is required")
	}
	if n.Title, err = apperr.Text("title", n.Title, 3, 300); err != nil {
		return err
	}
	if n.Description, err = apperr.Text("description", n.Description, 0, 4000); err != nil {
		return err
	}
	if n.Product, err = apperr.Text("product", n.Product, 3, 500); err != nil {
		return err
	}
	if n.PlanID != nil && *n.PlanID <= 0 {
		return apperr.Invalidf("plan_id", "kế hoạch không hợp lệ", "invalid plan")
	}
	if n.ParentID != nil && *n.ParentID <= 0 {
		return apperr.Invalidf("parent_id", "nhiệm vụ cha không hợp lệ", "invalid parent task")
	}
	if n.LeadUnitID <= 0 {
		return apperr.Invalidf("lead_unit_id", "thiếu đơn vị chủ trì", "the lead unit is required")
	}
	if n.LeadPersonID <= 0 {
		return apperr.Invalidf("lead_person_id", "thiếu người chủ trì: mỗi nhiệm vụ phải có người chịu trách nhiệm",
			"the lead person is required: every task has someone who answers for it")
	}
	if n.AssignerID <= 0 {
		return apperr.Invalidf("assigner_id", "thiếu người giao việc", "the assigner is required")
	}
	if n.AssignerID == n.LeadPersonID {
		return apperr.Invalidf("lead_person_id", "người giao việc không thể đồng thời là người chủ trì (không tự nghiệm thu việc của mình)",
			"the assigner cannot also be the lead (nobody reviews their own work)")
	}
	if err := validateCoordinators(n.Coordinators, n.LeadPersonID); err != nil {
		return err
	}
	if n.AssignedAt.IsZero() {
		return apperr.Invalidf("assigned_at", "thiếu thời điểm giao việc", "the assignment time is required")
	}
	if n.Priority == "" {
		n.Priority = PriorityNormal
	}
	if !n.Priority.Valid() {
		return apperr.Invalidf("priority", "mức độ ưu tiên không hợp lệ: %q", "invalid priority: %q", string(n.Priority))
	}
	if n.Weight == 0 {
		n.Weight = DefaultWeight
	}
	if !(n.Weight > 0 && n.Weight <= MaxWeight) {
		return apperr.Invalidf("weight", "hệ số quy đổi phải lớn hơn 0 và không quá %g", "the weight must be greater than 0 and at most %g", MaxWeight)
	}
	if len(n.Checklist) > 50 {
		return apperr.Invalidf("checklist", "quá nhiều bước: %d, tối đa 50", "too many checklist items: %d, at most 50", len(n.Checklist))
	}
	for i := range n.Checklist {
		if n.Checklist[i], err = apperr.Text(fmt.Sprintf("checklist[%d]", i), n.Checklist[i], 1, 300); err != nil {
			return err
		}
	}
	return n.Deadline.validate(calendar.DateOf(n.AssignedAt))
}

func validateCoordinators(cs []Coordination, lead int64) error {
	if len(cs) > 30 {
		return apperr.Invalidf("coordinators", "quá nhiều đơn vị phối hợp: %d, tối đa 30", "too many coordinators: %d, at most 30", len(cs))
	}
	type key struct{ unit, person int64 }
	seen := map[key]bool{}
	for i, c := range cs {
		f := fmt.Sprintf("coordinators[%d]", i)
		if c.UnitID <= 0 {
			return apperr.Invalidf(f+".unit_id", "thiếu đơn vị phối hợp", "the coordinating unit is required")
		}
		k := key{unit: c.UnitID}
		if c.PersonID != nil {
			if *c.PersonID <= 0 {
				return apperr.Invalidf(f+".person_id", "người phối hợp không hợp lệ", "invalid coordinating person")
			}
			if *c.PersonID == lead {
				return apperr.Invalidf(f+".person_id", "người chủ trì không đồng thời là người phối hợp", "the lead cannot also coordinate")
			}
			k.person = *c.PersonID
		}
		if c.SubTaskID != nil && *c.SubTaskID <= 0 {
			return apperr.Invalidf(f+".sub_task_id", "nhiệm vụ con không hợp lệ", "invalid sub-task")
		}
		if seen[k] {
			return apperr.Invalidf(f, "đơn vị phối hợp bị lặp", "coordinator given twice")
		}
		seen[k] = true
	}
	return nil
}

// Build validates n and returns the task it assigns, in state assigned,
// with Deadline and OriginalDeadline computed by DeadlineFrom on cal. The ID
// is left to storage. Errors are apperr.Invalid.
func (n NewTask) Build(cal *calendar.Calendar) (Task, error) {
	if err := n.Validate(); err != nil {
		return Task{}, err
	}
	due, err := DeadlineFrom(cal, n.AssignedAt, n.Deadline)
	if err != nil {
		return Task{}, err
	}
	t := Task{
		AgencyID: n.AgencyID, PlanID: n.PlanID, ParentID: n.ParentID,
		Title: n.Title, Description: n.Description, Product: n.Product,
		LeadUnitID: n.LeadUnitID, LeadPersonID: n.LeadPersonID,
		Coordinators: append([]Coordination(nil), n.Coordinators...),
		AssignerID:   n.AssignerID, AssignedAt: n.AssignedAt.UTC(),
		Deadline: due, OriginalDeadline: due,
		Priority: n.Priority, Key: n.Key, Weight: n.Weight,
		State: StateAssigned, Version: 1,
	}
	for _, c := range n.Checklist {
		t.Checklist = append(t.Checklist, ChecklistItem{Text: c})
	}
	return t, nil
}

// coordinator reports whether person is named as a coordinator of t.
func (t Task) coordinator(person int64) bool {
	for _, c := range t.Coordinators {
		if c.PersonID != nil && *c.PersonID == person {
			return true
		}
	}
	return false
}

// weight returns the task's conversion weight, DefaultWeight when unset.
func (t Task) weight() float64 {
	if t.Weight > 0 && !math.IsInf(t.Weight, 0) {
		return t.Weight
	}
	return DefaultWeight
}
