package work

import (
	"math"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Rules are the agency's settings for following tasks up, kept as data.
type Rules struct {
	// EscalateAfter is how long, in working days, an obstacle may stay
	// unresolved before it goes up a level: to the assigner (level 1), then
	// after as long again to the assigner's superior (level 2). Default 2.
	EscalateAfter float64
	// DueSoonDays is how many working days ahead the "due soon" reminder
	// looks. Default 3.
	DueSoonDays int
}

// DefaultRules returns the defaults: escalate after 2 working days, remind
// 3 working days ahead.
func DefaultRules() Rules { return Rules{EscalateAfter: 2, DueSoonDays: 3} }

// Validate checks the rules: EscalateAfter in (0, 30], DueSoonDays in [1, 20].
func (r Rules) Validate() error {
	if math.IsNaN(r.EscalateAfter) || r.EscalateAfter <= 0 || r.EscalateAfter > 30 {
		return apperr.Invalidf("escalate_after", "số ngày làm việc trước khi chuyển cấp phải từ trên 0 đến 30",
			"escalate after must be more than 0 and at most 30 working days")
	}
	if r.DueSoonDays < 1 || r.DueSoonDays > 20 {
		return apperr.Invalidf("due_soon_days", "số ngày nhắc trước hạn phải từ 1 đến 20", "due-soon days must be 1–20")
	}
	return nil
}

// MaxEscalationLevel is the highest escalation: the assigner's superior.
const MaxEscalationLevel = 2

// EscalationDue returns the next escalation of an obstacle and when it is
// due: level EscalationLevel+1 at RaisedAt plus (level × EscalateAfter)
// working days, so that level 1 (the assigner) comes EscalateAfter working
// days after the obstacle was raised and level 2 (the assigner's superior)
// as long again after that, however late the job ran. Level 0 means nothing
// more is due: the obstacle is resolved or already at level 2. Errors are
// apperr.Invalid (rules, or a time outside the calendar's range).
func EscalationDue(cal *calendar.Calendar, o Obstacle, r Rules) (level int, at time.Time, err error) {
	if err := r.Validate(); err != nil {
		return 0, time.Time{}, err
	}
	if !o.Open() || o.EscalationLevel >= MaxEscalationLevel {
		return 0, time.Time{}, nil
	}
	level = o.EscalationLevel + 1
	at, err = cal.AddWorkingDays(o.RaisedAt, float64(level)*r.EscalateAfter)
	if err != nil {
		return 0, time.Time{}, calendarError("raised_at", err)
	}
	return level, at, nil
}

// DueEscalations returns the escalate events due at now for the task's open
// obstacles, one level at a time, ready for Apply by congvu itself (Actor
// with PersonID 0). Whom to notify is the caller's: the assigner for level
// 1, the assigner's superior for level 2.
func DueEscalations(cal *calendar.Calendar, h TaskWithHistory, r Rules, now time.Time) ([]Event, error) {
	if h.Task.State != StateBlocked {
		return nil, nil
	}
	var out []Event
	for _, o := range h.OpenObstacles() {
		level, at, err := EscalationDue(cal, o, r)
		if err != nil {
			return nil, err
		}
		if level > 0 && !now.Before(at) {
			out = append(out, Event{Action: ActionEscalate, Ref: o.ID, Level: level})
		}
	}
	return out, nil
}
