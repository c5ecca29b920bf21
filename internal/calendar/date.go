package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// VN is Vietnam's civil time zone, UTC+7 (ICT). Vietnam has not observed
// daylight saving since 1975, so a fixed zone is exact for the engine's use and
// needs no tzdata on the host. Treat it as a constant.
var VN = time.FixedZone("ICT", 7*3600)

// The engine's year range: the lunar algorithm and the per-year tables cover
// these years, and any date or instant outside them is an *Error.
const (
	MinYear = 1900
	MaxYear = 2199
)

const (
	nsPerDay   = int64(24 * time.Hour)
	offsetNS   = int64(7 * time.Hour) // UTC+7
	epochJDN   = 2440588              // Julian day number of 1970-01-01
	secondsVN  = 7 * 3600
	numYears   = MaxYear - MinYear + 1
	minUnixSec = -2208988800 - secondsVN // 1900-01-01 00:00 +07
	maxUnixSec = 7258118400 - secondsVN  // 2200-01-01 00:00 +07, exclusive
)

// Date is a civil date (ngày dương lịch) in Vietnam, without a time of day.
// The zero Date is invalid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date in Vietnam (UTC+7) of the instant t.
func DateOf(t time.Time) Date {
	return dateFromDays(floorDiv(t.Unix()+secondsVN, 86400))
}

// ParseDate parses "2026-04-26" (ISO 8601) or "26/4/2026" (the Vietnamese
// order). The result is valid, or the error is a *Error.
func ParseDate(s string) (Date, error) {
	raw := strings.TrimSpace(s)
	var parts []string
	iso := strings.Contains(raw, "-")
	if iso {
		parts = strings.Split(raw, "-")
	} else {
		parts = strings.Split(raw, "/")
	}
	if raw == "" { // not `ngày không hợp lệ: ""`, which reads as a fault of the program
		return Date{}, newError("date", s, "Vui lòng nhập ngày (dd/mm/yyyy)", "Please enter the date (dd/mm/yyyy)")
	}
	bad := newError("date", s, fmt.Sprintf("ngày không hợp lệ: %q", s), fmt.Sprintf("invalid date: %q", s))
	if len(parts) != 3 {
		return Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || p[0] == '+' || p[0] == '-' {
			return Date{}, bad
		}
		n[i] = v
	}
	d := Date{n[2], time.Month(n[1]), n[0]}
	if iso {
		d = Date{n[0], time.Month(n[1]), n[2]}
	}
	return d, d.Validate()
}

// Valid reports whether d is a real date within MinYear–MaxYear.
func (d Date) Valid() bool { return d.Validate() == nil }

// Validate returns a *Error naming d when it is not a real date, or when its
// year lies outside MinYear–MaxYear.
func (d Date) Validate() error {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
		return errDate(d.Year, d.Month, d.Day)
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return errYear(d.Year)
	}
	return nil
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// DMY formats d the Vietnamese way, dd/mm/yyyy: 26/04/2026.
func (d Date) DMY() string { return dmy(d.Year, d.Month, d.Day) }

// Time returns midnight at the start of d in Vietnam, in the VN location.
func (d Date) Time() time.Time {
	return time.Unix(d.days()*86400-secondsVN, 0).In(VN)
}

// AddDays returns the date n days after d (before it when n < 0).
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + int64(n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return weekdayOf(d.days())
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return int(d.days() - e.days()) }

// days returns the number of days from 1970-01-01 to d (Hinnant's
// days_from_civil), which makes date arithmetic plain integer arithmetic.
func (d Date) days() int64 { return daysFromCivil(d.Year, d.Month, d.Day) }

func daysFromCivil(y int, m time.Month, d int) int64 {
	yy, mm := int64(y), int64(m)
	if mm <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	doy := (153*((mm+9)%12)+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func dateFromDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func weekdayOf(days int64) time.Weekday {
	w := (days + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
