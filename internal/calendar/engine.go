package calendar

import (
	"fmt"
	"time"
)

// maxSpan bounds a working duration: more than the whole range's working
// time cannot have an answer, and the bound keeps the arithmetic from
// overflowing.
const maxSpan = int64(numYears) * 366 * int64(WorkingDay)

// instant checks that t lies within MinYear–MaxYear in Vietnam and returns it
// as Unix nanoseconds, which int64 holds exactly over that range.
func instant(t time.Time) (int64, error) {
	if s := t.Unix(); s < minUnixSec || s >= maxUnixSec {
		return 0, errYear(t.In(VN).Year())
	}
	return t.UnixNano(), nil
}

func fromNS(ns int64) time.Time { return time.Unix(0, ns).UTC() }

// seek returns the year of ns and the index in it of the first working
// interval that ends after ns, moving to later years when ns is after the
// last close of its year. The interval contains ns or starts after it.
func (c *Calendar) seek(ns int64) (int, *yearData, int, error) {
	day := floorDiv(ns+offsetNS, nsPerDay)
	y := dateFromDays(day).Year
	if y < MinYear || y > MaxYear { // callers may pass a computed instant, e.g. the next midnight
		return 0, nil, 0, errYear(y)
	}
	yd := c.year(y)
	k := day - yd.first
	i, j := int(yd.dayIv[k]), int(yd.dayIv[k+1])
	for i < j && yd.end[i] <= ns {
		i++
	}
	for i == len(yd.start) { // after the year's last close
		if y++; y > MaxYear {
			return 0, nil, 0, errYear(y)
		}
		yd, i = c.year(y), 0
	}
	return y, yd, i, nil
}

// NextOpening returns t when t is within office hours on a working day, and
// otherwise the next opening: after closing, the first opening of the next
// working day (07:00); at lunch, the afternoon opening (13:30); before
// opening, the opening (07:00). A closing instant (17:00) itself is outside
// office hours. The result is in UTC. Errors are *Error (year out of range).
func (c *Calendar) NextOpening(t time.Time) (time.Time, error) {
	ns, err := instant(t)
	if err != nil {
		return time.Time{}, err
	}
	if ns, err = c.nextOpening(ns); err != nil {
		return time.Time{}, err
	}
	return fromNS(ns), nil
}

func (c *Calendar) nextOpening(ns int64) (int64, error) {
	_, yd, i, err := c.seek(ns)
	if err != nil {
		return 0, err
	}
	return max(ns, yd.start[i]), nil
}

// AddWorking returns the instant at which d of working time, counted from
// NextOpening(t), is used up. A budget used up exactly at a closing time is
// due at that closing time (17:00, or 11:30), not at the next opening. d == 0
// gives NextOpening(t). The result is in UTC. Errors are *Error: d < 0, or a
// result beyond MaxYear.
func (c *Calendar) AddWorking(t time.Time, d time.Duration) (time.Time, error) {
	ns, err := instant(t)
	if err != nil {
		return time.Time{}, err
	}
	if ns, err = c.addWorking(ns, d); err != nil {
		return time.Time{}, err
	}
	return fromNS(ns), nil
}

func (c *Calendar) addWorking(ns int64, d time.Duration) (int64, error) {
	switch {
	case d < 0:
		return 0, errNegative("duration", FormatDuration(d))
	case d == 0:
		return c.nextOpening(ns)
	case int64(d) > maxSpan:
		v := FormatDuration(d)
		return 0, newError("duration", v, "thời hạn quá lớn: "+v, "duration too large: "+v)
	}
	y, yd, i, err := c.seek(ns)
	if err != nil {
		return 0, err
	}
	// Working time from 1 January to the start point, then to the target.
	target := yd.cumEnd[i] - yd.end[i] + max(ns, yd.start[i]) + int64(d)
	for target > yd.total {
		target -= yd.total
		if y++; y > MaxYear {
			return 0, errYear(y)
		}
		yd, i = c.year(y), 0
	}
	// The first interval whose cumulative end reaches the target: taking the
	// first is what puts a budget that ends at a close on the close.
	lo, hi := i, len(yd.cumEnd)-1
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if yd.cumEnd[m] < target {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return yd.end[lo] - (yd.cumEnd[lo] - target), nil
}

// AddWorkingDays is AddWorking with days × 8 working hours; fractions such as
// 0.5 are allowed. Errors are *Error: negative, NaN or infinite days, or a
// result beyond MaxYear.
func (c *Calendar) AddWorkingDays(t time.Time, days float64) (time.Time, error) {
	d, err := workingDays(days)
	if err != nil {
		return time.Time{}, err
	}
	return c.AddWorking(t, d)
}

func workingDays(days float64) (time.Duration, error) {
	if days >= 0 && days <= float64(maxSpan/int64(WorkingDay)) { // false for NaN
		// Rounded to the nanosecond, so that 0.1 day is exactly 48 minutes.
		return time.Duration(days*float64(WorkingDay) + 0.5), nil
	}
	v := fmt.Sprint(days)
	if days < 0 {
		return 0, errNegative("duration", v)
	}
	return 0, newError("duration", v, "số ngày làm việc không hợp lệ: "+v, "invalid number of working days: "+v)
}

// Between returns the working time between a and b: the working time in
// [a, b) when a ≤ b, and minus the working time in [b, a) when b < a, so that
// Between(a, b) == -Between(b, a). Errors are *Error (year out of range).
func (c *Calendar) Between(a, b time.Time) (time.Duration, error) {
	na, err := instant(a)
	if err != nil {
		return 0, err
	}
	nb, err := instant(b)
	if err != nil {
		return 0, err
	}
	if nb < na {
		d, err := c.between(nb, na)
		return -d, err
	}
	return c.between(na, nb)
}

func (c *Calendar) between(na, nb int64) (time.Duration, error) {
	ya, pa, err := c.position(na)
	if err != nil {
		return 0, err
	}
	yb, pb, err := c.position(nb)
	if err != nil {
		return 0, err
	}
	sum := pb - pa
	for y := ya; y < yb; y++ {
		sum += c.year(y).total
	}
	return time.Duration(sum), nil
}

// position returns the year of ns and the working time from its 1 January
// to ns.
func (c *Calendar) position(ns int64) (int, int64, error) {
	day := floorDiv(ns+offsetNS, nsPerDay)
	y := dateFromDays(day).Year
	yd := c.year(y)
	k := day - yd.first
	i, j := int(yd.dayIv[k]), int(yd.dayIv[k+1])
	for i < j && yd.end[i] <= ns {
		i++
	}
	if i == len(yd.start) {
		return y, yd.total, nil
	}
	return y, yd.cumEnd[i] - yd.end[i] + max(ns, yd.start[i]), nil
}
