package evaluation

import (
	"time"

	"congvu/internal/work"
)

// State is where an evaluation is in its workflow (NĐ 335/2025 Art 18–20):
// the official assesses themselves, the head of their unit assesses, the
// head of the agency approves; either may send it back.
type State string

// The states.
const (
	StateDraft        State = "draft"         // computed, not yet self-assessed
	StateSelfAssessed State = "self_assessed" // tự đánh giá
	StateAssessed     State = "assessed"      // lãnh đạo đơn vị đã đánh giá
	StateApproved     State = "approved"      // người đứng đầu đã phê duyệt
	StateReturned     State = "returned"      // trả lại để tự đánh giá lại
)

// States lists the states in workflow order.
var States = []State{StateDraft, StateSelfAssessed, StateAssessed, StateApproved, StateReturned}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, x := range States {
		if x == s {
			return true
		}
	}
	return false
}

// Action is a step of the workflow.
type Action string

// The actions, exactly those of POST /api/v1/evaluations/{id}/events.
const (
	ActionSelfAssess Action = "self_assess"
	ActionAssess     Action = "assess"
	ActionApprove    Action = "approve"
	ActionReturn     Action = "return"
)

// Evaluation is one civil servant's evaluation for a month or a quarter.
// The task results are recomputed from the task records at each
// assessment and frozen at approval; RuleVersion is the rule set in force
// on the period's first day.
type Evaluation struct {
	ID          int64
	AgencyID    int64
	PersonID    int64
	PersonName  string
	UnitID      int64 // the person's unit in the period, whose head assesses
	Period      work.Period
	Group       Group
	RuleVersion string
	State       State

	SelfCommon  map[string]float64 // the official's own common points
	Common      map[string]float64 // the head's common points (final)
	Hand        map[Item]float64   // a leader's handwritten items, 0–100
	UnitFactor  float64
	Task        TaskResult
	CommonTotal float64
	Total       float64
	Grade       work.Grade
	Disciplined bool
	Met         float64 // NĐ 90: share of tasks met, 0–1

	AssessorID, ApproverID int64
	Version                int
	Events                 []Event
	UpdatedAt              time.Time
}

// Event is one step taken on an evaluation; the store keeps them in order
// and journals each.
type Event struct {
	Seq     int64              `json:"seq"`
	Action  Action             `json:"action"`
	At      time.Time          `json:"at"`
	ActorID int64              `json:"actor_id"`
	Common  map[string]float64 `json:"common,omitempty"`
	Hand    map[Item]float64   `json:"hand,omitempty"`
	Note    string             `json:"note,omitempty"`
	Reason  string             `json:"reason,omitempty"`
	// Grade and Total are the result after the step, for the journal.
	Grade work.Grade `json:"grade,omitempty"`
	Total float64    `json:"total"`
}

// Label names the state in "vi" or "en".
func (s State) Label(lang string) string {
	l := map[State][2]string{
		StateDraft:        {"Chưa tự đánh giá", "Not self-assessed"},
		StateSelfAssessed: {"Đã tự đánh giá, chờ lãnh đạo đơn vị", "Self-assessed, awaiting the head"},
		StateAssessed:     {"Lãnh đạo đơn vị đã đánh giá, chờ phê duyệt", "Assessed, awaiting approval"},
		StateApproved:     {"Đã phê duyệt", "Approved"},
		StateReturned:     {"Bị trả lại, cần tự đánh giá lại", "Returned for a new self-assessment"},
	}[s]
	return pick(lang, l[0], l[1])
}
