package work

import (
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// PeriodKind says how long a plan's period is.
type PeriodKind string

// The kinds of period a kế hoạch công tác covers.
const (
	PeriodYear    PeriodKind = "year"    // kế hoạch năm
	PeriodQuarter PeriodKind = "quarter" // kế hoạch quý
	PeriodMonth   PeriodKind = "month"   // kế hoạch tháng
)

// Period is the span a plan covers: a year, a quarter (1–4) of a year or a
// month (1–12) of a year. Only the field its Kind needs is read.
type Period struct {
	Kind    PeriodKind
	Year    int
	Quarter int // 1–4, for PeriodQuarter
	Month   int // 1–12, for PeriodMonth
}

// YearPeriod is the calendar year y.
func YearPeriod(y int) Period { return Period{Kind: PeriodYear, Year: y} }

// QuarterPeriod is quarter q (1–4) of year y.
func QuarterPeriod(y, q int) Period { return Period{Kind: PeriodQuarter, Year: y, Quarter: q} }

// MonthPeriod is month m (1–12) of year y.
func MonthPeriod(y, m int) Period { return Period{Kind: PeriodMonth, Year: y, Month: m} }

// Validate checks the kind, the year (within the calendar's range) and the
// quarter or month. Errors are apperr.Invalid on "period".
func (p Period) Validate() error {
	if p.Year < calendar.MinYear || p.Year > calendar.MaxYear {
		return apperr.Invalidf("period.year", "năm của kỳ kế hoạch không hợp lệ: %d", "invalid plan year: %d", p.Year)
	}
	switch p.Kind {
	case PeriodYear:
		return nil
	case PeriodQuarter:
		if p.Quarter < 1 || p.Quarter > 4 {
			return apperr.Invalidf("period.quarter", "quý phải từ 1 đến 4, không phải %d", "quarter must be 1–4, not %d", p.Quarter)
		}
		return nil
	case PeriodMonth:
		if p.Month < 1 || p.Month > 12 {
			return apperr.Invalidf("period.month", "tháng phải từ 1 đến 12, không phải %d", "month must be 1–12, not %d", p.Month)
		}
		return nil
	}
	return apperr.Invalidf("period.kind", "loại kỳ kế hoạch không hợp lệ: %q (năm, quý hoặc tháng)",
		"invalid period kind: %q (year, quarter or month)", string(p.Kind))
}

// Start returns the first day of the period. The period must be valid.
func (p Period) Start() calendar.Date {
	switch p.Kind {
	case PeriodQuarter:
		return calendar.Date{Year: p.Year, Month: time.Month(3*p.Quarter - 2), Day: 1}
	case PeriodMonth:
		return calendar.Date{Year: p.Year, Month: time.Month(p.Month), Day: 1}
	}
	return calendar.Date{Year: p.Year, Month: time.January, Day: 1}
}

// End returns the last day of the period (inclusive). The period must be valid.
func (p Period) End() calendar.Date {
	next := p.Start()
	switch p.Kind {
	case PeriodQuarter:
		next = addMonths(next, 3)
	case PeriodMonth:
		next = addMonths(next, 1)
	default:
		next = calendar.Date{Year: p.Year + 1, Month: time.January, Day: 1}
	}
	return next.AddDays(-1)
}

// Contains reports whether the date d lies within the period.
func (p Period) Contains(d calendar.Date) bool {
	return !d.Before(p.Start()) && !d.After(p.End())
}

// Label names the period the way plans are titled: "Năm 2026", "Quý II/2026",
// "Tháng 3/2026"; in English "2026", "Q2 2026", "March 2026".
func (p Period) Label(lang string) string {
	roman := [...]string{"", "I", "II", "III", "IV"}
	switch {
	case p.Kind == PeriodQuarter && p.Quarter >= 1 && p.Quarter <= 4:
		if lang == "en" {
			return fmt.Sprintf("Q%d %d", p.Quarter, p.Year)
		}
		return fmt.Sprintf("Quý %s/%d", roman[p.Quarter], p.Year)
	case p.Kind == PeriodMonth && p.Month >= 1 && p.Month <= 12:
		if lang == "en" {
			return fmt.Sprintf("%s %d", time.Month(p.Month), p.Year)
		}
		return fmt.Sprintf("Tháng %d/%d", p.Month, p.Year)
	}
	if lang == "en" {
		return fmt.Sprint(p.Year)
	}
	return fmt.Sprintf("Năm %d", p.Year)
}

// addMonths returns the first day of the month n months after d's month.
func addMonths(d calendar.Date, n int) calendar.Date {
	m := int(d.Month) - 1 + n
	return calendar.Date{Year: d.Year + m/12, Month: time.Month(m%12 + 1), Day: 1}
}
