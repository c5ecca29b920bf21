package calendar

import (
	"fmt"
	"math"
	"time"
)

// Unit is the unit of a processing-time limit.
type Unit int

// The units of a Limit.
const (
	// WorkingDays counts working time: one day is 8 working hours.
	WorkingDays Unit = iota + 1
	// CalendarDays counts civil days, under Civil Code 2015 Art. 147–148.
	CalendarDays
)

// String returns "working_days" or "calendar_days".
func (u Unit) String() string {
	switch u {
	case WorkingDays:
		return "working_days"
	case CalendarDays:
		return "calendar_days"
	}
	return fmt.Sprintf("Unit(%d)", int(u))
}

// Limit is a procedure's processing time (thời hạn giải quyết).
type Limit struct {
	// Value is the number of days: > 0; a whole number for CalendarDays,
	// fractions such as 0.5 allowed for WorkingDays.
	Value float64
	Unit  Unit
	// After15h is the per-procedure rule "received after 15:00 counts from
	// the next working day" [practice]. "After" is strict: 15:00:00 exactly is
	// not after 15:00, 15:00:00.001 is.
	After15h bool
}

// Validate checks the value against the unit.
func (l Limit) Validate() error {
	if l.Unit != WorkingDays && l.Unit != CalendarDays {
		u := fmt.Sprint(int(l.Unit))
		return newError("limit", u, "đơn vị thời hạn không hợp lệ: "+u, "invalid limit unit: "+u)
	}
	ok := l.Value > 0 && l.Value <= float64(maxSpan/int64(WorkingDay)) // also false for NaN
	if ok && (l.Unit == WorkingDays || l.Value == math.Trunc(l.Value)) {
		return nil // the hot path: no formatting
	}
	v := fmt.Sprint(l.Value)
	switch {
	case l.Value < 0:
		return errNegative("limit", v)
	case !ok:
		return newError("limit", v, "thời hạn không hợp lệ: "+v, "invalid limit: "+v)
	}
	return newError("limit", v, "thời hạn theo ngày lịch phải là số nguyên: "+v,
		"a limit in calendar days must be a whole number: "+v)
}

// Due returns the due instant (hạn giải quyết) of something received at
// received under the limit l. The result is in UTC; errors are *Error.
//
// Working days: counting starts at NextOpening(received), or with After15h
// and a receipt after 15:00 at the first opening of the next working day;
// then Value × 8 working hours are added as by AddWorking, so a due instant
// can be a closing time such as 17:00.
//
// Calendar days (Civil Code 2015 Art. 147–148): the day of receipt is not
// counted, so the last day is the receipt date + Value; the period ends at
// the close of that day, or, if it is not a working day, at the close of the
// next working day. With After15h a receipt after 15:00 is taken as received
// on the next working day.
func (c *Calendar) Due(received time.Time, l Limit) (time.Time, error) {
	if err := l.Validate(); err != nil {
		return time.Time{}, err
	}
	ns, err := instant(received)
	if err != nil {
		return time.Time{}, err
	}
	if l.After15h && floorMod(ns+offsetNS, nsPerDay) > int64(15*time.Hour) {
		// The next working day's opening: the opening after local midnight.
		midnight := (floorDiv(ns+offsetNS, nsPerDay)+1)*nsPerDay - offsetNS
		if ns, err = c.nextOpening(midnight); err != nil {
			return time.Time{}, err
		}
	}
	if l.Unit == WorkingDays {
		d, err := workingDays(l.Value)
		if err != nil {
			return time.Time{}, err
		}
		if ns, err = c.addWorking(ns, d); err != nil {
			return time.Time{}, err
		}
		return fromNS(ns), nil
	}
	last := floorDiv(ns+offsetNS, nsPerDay) + int64(l.Value)
	if y := dateFromDays(last).Year; y > MaxYear {
		return time.Time{}, errYear(y)
	}
	_, yd, i, err := c.seek(last*nsPerDay - offsetNS)
	if err != nil {
		return time.Time{}, err
	}
	// The close of the working day holding interval i: its last interval's end.
	k := floorDiv(yd.start[i]+offsetNS, nsPerDay) - yd.first
	return fromNS(yd.end[yd.dayIv[k+1]-1]), nil
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
