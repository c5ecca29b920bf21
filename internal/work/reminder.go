package work

import (
	"fmt"
	"time"

	"congvu/internal/calendar"
)

// ReminderKind is why a lead is reminded of a task.
type ReminderKind string

// The reminders, in the order a task meets them.
const (
	DueSoon  ReminderKind = "due_soon"  // sắp đến hạn: due within Rules.DueSoonDays working days
	DueToday ReminderKind = "due_today" // đến hạn hôm nay
	Overdue  ReminderKind = "overdue"   // quá hạn
)

// Reminder is one notice the background jobs send. Key is stable for the
// task, the kind and the deadline's date ("task:42:due_soon:2026-03-13"),
// so that a job that records the keys it has sent fires each reminder once,
// and an approved extension (a new date) gives new reminders.
type Reminder struct {
	Key      string
	TaskID   int64
	Kind     ReminderKind
	Deadline time.Time
}

// Reminders returns the reminders that apply to the task at now, judged by
// dates in Vietnam against the current Deadline (the one the lead works
// to): overdue once the deadline's day is over; due today on that day; due
// soon when the deadline's day is one of the next r.DueSoonDays working days
// (Saturdays, Sundays and holidays do not count). At most one applies.
// Nothing is due for a task that is not open, nor for one submitted and
// awaiting review (the next move is the assigner's).
func Reminders(cal *calendar.Calendar, t Task, r Rules, now time.Time) []Reminder {
	if !open(t.State) || t.State == StateSubmitted {
		return nil
	}
	today, due := calendar.DateOf(now), calendar.DateOf(t.Deadline)
	var kind ReminderKind
	switch {
	case today.After(due):
		kind = Overdue
	case today == due:
		kind = DueToday
	case !due.After(nthWorkingDayAfter(cal, today, r.DueSoonDays)):
		kind = DueSoon
	default:
		return nil
	}
	return []Reminder{{
		Key:    fmt.Sprintf("task:%d:%s:%s", t.ID, kind, due),
		TaskID: t.ID, Kind: kind, Deadline: t.Deadline,
	}}
}

// nthWorkingDayAfter returns the n-th working day after d (d itself not
// counted), looking at most a year ahead.
func nthWorkingDayAfter(cal *calendar.Calendar, d calendar.Date, n int) calendar.Date {
	for i := 0; n > 0 && i < 366; i++ {
		d = d.AddDays(1)
		if cal.IsWorkingDay(d) {
			n--
		}
	}
	return d
}
