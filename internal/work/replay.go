package work

import (
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Replay derives a task's current state and history from the task as
// assigned and its events in order. State, Progress, Deadline (from
// OriginalDeadline), checklist ticks and Version (1 + one per event) are
// rebuilt from base, so base may be the stored current row. Each event must
// carry the next Seq (1, 2, ...), be no earlier than the one before, and be
// allowed in the state it finds; its fields are checked again, but not who
// made it: that was decided by Apply when it was recorded. A failure means
// the stored history is corrupt and is reported as apperr.Conflict naming
// the event.
func Replay(base Task, events []Event) (TaskWithHistory, error) {
	t := base
	t.State, t.Progress, t.Deadline, t.Version = StateAssigned, 0, base.OriginalDeadline, 1
	t.Checklist = make([]ChecklistItem, len(base.Checklist))
	for i, c := range base.Checklist {
		t.Checklist[i] = ChecklistItem{Text: c.Text}
	}
	h := TaskWithHistory{Task: t}
	for i, ev := range events {
		if ev.Seq != int64(i)+1 || (i > 0 && ev.At.Before(events[i-1].At)) {
			return h, corrupt(ev, "thứ tự sự kiện không liên tục", "events out of sequence")
		}
		if !permitted(h.Task.State, ev.Action) {
			return h, corrupt(ev, "thao tác không được phép ở trạng thái "+h.Task.State.Label("vi"),
				"action not allowed when "+h.Task.State.Label("en"))
		}
		if _, err := h.fold(ev); err != nil {
			e := apperr.As(err)
			if e == nil {
				return h, err
			}
			return h, corrupt(ev, e.VI, e.EN)
		}
	}
	return h, nil
}

func corrupt(ev Event, vi, en string) error {
	return apperr.New(apperr.Conflict, "events",
		fmt.Sprintf("Lịch sử nhiệm vụ không hợp lệ tại sự kiện %d (%s): %s", ev.Seq, ev.Action, vi),
		fmt.Sprintf("Task history is invalid at event %d (%s): %s", ev.Seq, ev.Action, en))
}

// Timeliness classifies a task against its original deadline, comparing
// dates in Vietnam, not hours, as dossiers are classified [practice,
// DOMAIN.md §1.4].
type Timeliness string

// The classes.
const (
	Early  Timeliness = "early"   // trước hạn: completed on a day before the deadline's
	OnTime Timeliness = "on_time" // đúng hạn: completed on the deadline's day
	Late   Timeliness = "late"    // quá hạn: completed after the deadline's day, or still open after it
	Within Timeliness = "within"  // trong hạn: still open, the deadline's day not yet over
	// Cancelled tasks are not classified ("").
)

// TimelinessAt classifies the task as known at instant at, against its
// OriginalDeadline: an extension never turns a late task into an on-time one
// for statistics and evaluation. A completion after at is treated as not yet
// happened. Objective-cause exemptions are not applied here (see
// DelayExempted).
func (h TaskWithHistory) TimelinessAt(at time.Time) Timeliness {
	due := calendar.DateOf(h.Task.OriginalDeadline)
	if h.CompletedAt != nil && !h.CompletedAt.After(at) {
		switch done := calendar.DateOf(*h.CompletedAt); {
		case done.Before(due):
			return Early
		case done == due:
			return OnTime
		}
		return Late
	}
	if h.Task.State == StateCancelled && h.CancelledAt != nil && !h.CancelledAt.After(at) {
		return ""
	}
	if calendar.DateOf(at).After(due) {
		return Late
	}
	return Within
}
