package calendar

import (
	"fmt"
	"math"
)

// LunarDate is a date of the Vietnamese lunar calendar (âm lịch). Leap marks
// the intercalary month (tháng nhuận), which repeats the number of the month
// before it.
type LunarDate struct {
	Day, Month, Year int
	Leap             bool
}

// String formats l as "10/3/2026", or "10/3/2026 (nhuận)" in a leap month.
func (l LunarDate) String() string {
	s := fmt.Sprintf("%d/%d/%d", l.Day, l.Month, l.Year)
	if l.Leap {
		s += " (nhuận)"
	}
	return s
}

// SolarToLunar converts a civil date to the Vietnamese lunar calendar. Dates in
// January 1900 before Tết belong to lunar year 1899.
//
// The calendar is computed at UTC+7 for every year. Before 1968 calendars
// printed in northern Vietnam still used UTC+8, so a few historical months
// may differ from almanacs of that time.
func SolarToLunar(d Date) (LunarDate, error) {
	if err := d.Validate(); err != nil {
		return LunarDate{}, err
	}
	jdn := d.days() + epochJDN
	k := int(math.Floor((float64(jdn) - jdnNewMoon1900) / synodic))
	// k counts mean lunations; the true new moon can lag the mean one by
	// more than the day's offset, so step back until the month starts on or
	// before d.
	start := newMoonDay(k + 1)
	for start > jdn {
		k--
		start = newMoonDay(k + 1)
	}
	// The lunar year runs from one month 11 (the month of the winter solstice)
	// to the next; find the pair around d.
	a11, b11 := month11(d.Year), int64(0)
	year := d.Year
	if a11 >= start {
		b11, a11 = a11, month11(d.Year-1)
	} else {
		year = d.Year + 1
		b11 = month11(d.Year + 1)
	}
	diff := int((start - a11) / 29) // whole months since a11
	month, leap := diff+11, false
	if b11-a11 > 365 { // 13 months: one of them is the leap month
		if lo := leapOffset(a11); diff >= lo {
			month, leap = diff+10, diff == lo
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 {
		year-- // months 11 and 12 belong to the lunar year that began before a11
	}
	return LunarDate{Day: int(jdn-start) + 1, Month: month, Year: year, Leap: leap}, nil
}

// LunarToSolar converts a Vietnamese lunar date to a civil date. It fails with
// a *Error when the month or day is out of range, when the day is 30 in a
// 29-day month (tháng thiếu), when the year has no such leap month, or when the
// result falls outside MinYear–MaxYear.
func LunarToSolar(l LunarDate) (Date, error) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		v := l.String()
		return Date{}, newError("lunar", v, "ngày âm lịch không hợp lệ: "+v, "invalid lunar date: "+v)
	}
	if l.Year < MinYear-1 || l.Year > MaxYear {
		return Date{}, errYear(l.Year)
	}
	var a11, b11 int64
	if l.Month < 11 {
		a11, b11 = month11(l.Year-1), month11(l.Year)
	} else {
		a11, b11 = month11(l.Year), month11(l.Year+1)
	}
	off := l.Month - 11 // months after a11
	if off < 0 {
		off += 12
	}
	leapMonth := 0
	if b11-a11 > 365 {
		lo := leapOffset(a11)
		leapMonth = (lo+9)%12 + 1
		if l.Leap || off >= lo {
			off++
		}
	}
	if l.Leap && l.Month != leapMonth {
		v := fmt.Sprintf("%d/%d", l.Month, l.Year)
		return Date{}, newError("lunar", v,
			fmt.Sprintf("năm âm lịch %d không có tháng %d nhuận", l.Year, l.Month),
			fmt.Sprintf("lunar year %d has no leap month %d", l.Year, l.Month))
	}
	k := monthK(a11)
	start := newMoonDay(k + off)
	if n := newMoonDay(k+off+1) - start; int64(l.Day) > n {
		v := l.String()
		return Date{}, newError("lunar", v,
			fmt.Sprintf("ngày âm lịch không hợp lệ: %s (tháng chỉ có %d ngày)", v, n),
			fmt.Sprintf("invalid lunar date: %s (the month has only %d days)", v, n))
	}
	d := dateFromDays(start + int64(l.Day) - 1 - epochJDN)
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, errYear(d.Year)
	}
	return d, nil
}

// Tet returns the civil date of Tết Nguyên đán (lunar 1/1) of the given year.
func Tet(year int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, errYear(year)
	}
	return LunarToSolar(LunarDate{Day: 1, Month: 1, Year: year})
}

// LeapMonth returns the number of the leap month of the given lunar year, or
// 0 when the year has twelve months.
func LeapMonth(year int) (int, error) {
	if year < MinYear || year > MaxYear {
		return 0, errYear(year)
	}
	// Months 1–10 of the year lie after the month 11 of the previous solar
	// year; months 11 and 12 after the year's own month 11.
	if a, b := month11(year-1), month11(year); b-a > 365 {
		if lo := leapOffset(a); lo >= 3 {
			return lo - 2, nil
		}
	}
	if a, b := month11(year), month11(year+1); b-a > 365 {
		if lo := leapOffset(a); lo <= 2 {
			return lo + 10, nil
		}
	}
	return 0, nil
}
