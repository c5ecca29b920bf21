package dossier

import (
	"time"

	"congvu/internal/calendar"
)

// Result judges the timeliness of a step or a dossier. Finished work is
// Early, OnTime or Late; work still open at a reporting date is
// WithinDeadline or Overdue.
type Result int

// The results. Finished work is compared by DATES in Vietnam, not by hours
// [practice, DOMAIN.md §1.4]: a completion date before the due date is
// trước hạn, the same date đúng hạn, a later date quá hạn.
const (
	ResultNone     Result = iota // not finished, or not judged
	Early                        // Trước hạn
	OnTime                       // Đúng hạn
	Late                         // Quá hạn
	WithinDeadline               // Trong hạn: still open, due on or after the reporting date
	Overdue                      // Quá hạn: still open, due before the reporting date
)

var resultLabels = map[Result][2]string{
	ResultNone:     {"", ""},
	Early:          {"Trước hạn", "Early"},
	OnTime:         {"Đúng hạn", "On time"},
	Late:           {"Quá hạn", "Late"},
	WithinDeadline: {"Trong hạn", "Within the deadline"},
	Overdue:        {"Quá hạn", "Overdue"},
}

// Label names the result in "vi" or "en"; empty for ResultNone.
func (r Result) Label(lang string) string { return label(resultLabels, r, lang) }

// OnTimeOrBetter reports whether the result counts as on time in the
// statistics: early, on time, or still within the deadline.
func (r Result) OnTimeOrBetter() bool { return r == Early || r == OnTime || r == WithinDeadline }

// ByDates compares the dates, in Vietnam, of a completion and a due instant:
// Early, OnTime or Late. Finishing at 16:59 on the due date is on time even
// when the due instant was 08:00.
func ByDates(done, due time.Time) Result {
	switch c := calendar.DateOf(done).Compare(calendar.DateOf(due)); {
	case c < 0:
		return Early
	case c == 0:
		return OnTime
	}
	return Late
}

// Classify judges a completed dossier (status 9 or 10) against its
// StatutoryDue: a dossier finished late counts as late even after an apology
// and a new appointment. It returns ResultNone for a dossier not completed.
func Classify(s State) Result {
	if s.CompletedAt.IsZero() || s.StatutoryDue.IsZero() {
		return ResultNone
	}
	return ByDates(s.CompletedAt, s.StatutoryDue)
}

// ClassifyOpen judges a dossier still open at the end of a reporting
// period: WithinDeadline (trong hạn) when its due date is on or after the
// period's last day, Overdue (quá hạn) otherwise. A dossier paused before its
// due has time left on a stopped clock, so it is within the deadline however
// long the pause; one paused after its due stays overdue. ResultNone for a
// dossier that was never received.
func ClassifyOpen(s State, periodEnd calendar.Date) Result {
	if s.StatutoryDue.IsZero() {
		return ResultNone
	}
	if s.PausedAt != nil && s.PausedAt.Before(s.StatutoryDue) {
		return WithinDeadline
	}
	if calendar.DateOf(s.StatutoryDue).Before(periodEnd) {
		return Overdue
	}
	return WithinDeadline
}

// DueSoon reports whether an open dossier is sắp đến hạn at now: its
// StatutoryDue is after now and at most 24 hours away. A paused dossier is
// never due soon: its clock is stopped.
func DueSoon(s State, now time.Time) bool {
	if !s.Open() || s.Paused() || s.StatutoryDue.IsZero() {
		return false
	}
	left := s.StatutoryDue.Sub(now)
	return left > 0 && left <= 24*time.Hour
}

// Remaining returns the working time left before the StatutoryDue at now,
// negative when overdue; a paused dossier's remaining time is frozen at the
// start of the pause. Errors are *calendar.Error (instants out of range).
func Remaining(s State, cal *calendar.Calendar, now time.Time) (time.Duration, error) {
	if s.PausedAt != nil {
		now = *s.PausedAt
	}
	return cal.Between(now, s.StatutoryDue)
}
