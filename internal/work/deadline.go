package work

import (
	"errors"
	"math"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// DeadlineSpec is how the assigner states a deadline: either a date
// ("hoàn thành trước ngày 27/2/2026") or a number of working days from the
// assignment ("trong 5 ngày làm việc"). Exactly one is set.
type DeadlineSpec struct {
	Date        *calendar.Date
	WorkingDays *float64 // > 0; fractions such as 0.5 allowed
}

// MaxWorkingDays bounds a deadline in working days (about four years).
const MaxWorkingDays = 1000

func (s DeadlineSpec) validate(assigned calendar.Date) error {
	switch {
	case s.Date != nil && s.WorkingDays != nil:
		return apperr.Invalidf("deadline", "chỉ nêu một trong hai: ngày hết hạn hoặc số ngày làm việc",
			"give either a due date or a number of working days, not both")
	case s.Date != nil:
		if s.Date.Validate() != nil {
			return apperr.Invalidf("deadline", "ngày hết hạn không hợp lệ", "invalid due date")
		}
		if s.Date.Before(assigned) {
			return apperr.Invalidf("deadline", "hạn xử lý (%s) trước ngày giao việc (%s)",
				"the due date (%s) is before the day of assignment (%s)", s.Date.DMY(), assigned.DMY())
		}
	case s.WorkingDays != nil:
		n := *s.WorkingDays
		if math.IsNaN(n) || n <= 0 || n > MaxWorkingDays {
			return apperr.Invalidf("deadline", "số ngày làm việc phải lớn hơn 0 và không quá %d",
				"the number of working days must be greater than 0 and at most %d", MaxWorkingDays)
		}
	default:
		return apperr.Invalidf("deadline", "thiếu hạn xử lý", "the deadline is required")
	}
	return nil
}

// DeadlineFrom returns the deadline instant (UTC) of a task assigned at
// assignedAt:
//
//   - N working days: cal.AddWorkingDays(assignedAt, N), counting from the
//     next opening when assigned outside office hours, 8 working hours a day,
//     skipping weekends, holidays and compensatory days off.
//   - A date: the close of office hours that day (17:00 by default). A due
//     date that is not a working day moves to the close of the next working
//     day, as a calendar-day period does under Civil Code 2015 Art. 148 and
//     as dossiers do [practice, DOMAIN.md §1.4]: the office cannot deliver
//     on a day it is closed, and moving back would shorten the time given.
//
// The deadline must fall after assignedAt. Errors are apperr.Invalid on
// "deadline" (the calendar's own messages for dates outside its range).
func DeadlineFrom(cal *calendar.Calendar, assignedAt time.Time, spec DeadlineSpec) (time.Time, error) {
	if err := spec.validate(calendar.DateOf(assignedAt)); err != nil {
		return time.Time{}, err
	}
	var due time.Time
	var err error
	if spec.WorkingDays != nil {
		due, err = cal.AddWorkingDays(assignedAt, *spec.WorkingDays)
	} else {
		due, err = closeOfBusiness(cal, *spec.Date)
	}
	if err != nil {
		return time.Time{}, calendarError("deadline", err)
	}
	if !due.After(assignedAt) {
		return time.Time{}, apperr.Invalidf("deadline", "hạn xử lý phải sau thời điểm giao việc", "the deadline must be after the assignment")
	}
	return due, nil
}

// closeOfBusiness returns the close of office hours of d, or of the first
// working day after it when d is a day off. One working day is exactly 8
// working hours (calendar.WorkingDay), so a working day's close is one
// working day after its midnight.
func closeOfBusiness(cal *calendar.Calendar, d calendar.Date) (time.Time, error) {
	for i := 0; i < 60 && !cal.IsWorkingDay(d); i++ { // the longest run of days off is about 9
		if _, err := cal.Day(d); err != nil {
			return time.Time{}, err
		}
		d = d.AddDays(1)
	}
	return cal.AddWorking(d.Time(), calendar.WorkingDay)
}

// calendarError turns a calendar error into an apperr.Invalid on field,
// keeping the calendar's Vietnamese and English messages.
func calendarError(field string, err error) error {
	var ce *calendar.Error
	if errors.As(err, &ce) {
		return apperr.New(apperr.Invalid, field, ce.Msg, ce.EN)
	}
	return err
}
