package review

import (
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Kind is the length of a review's period.
type Kind string

// The four kinds of period.
const (
	Month   Kind = "month"
	Quarter Kind = "quarter"
	Half    Kind = "half"
	Year    Kind = "year"
)

// Period is one month, quarter, half-year or year: Index is the month
// (1–12), the quarter (1–4) or the half (1–2); it is 0 for a year.
type Period struct {
	Kind  Kind `json:"kind"`
	Year  int  `json:"year"`
	Index int  `json:"index"`
}

// Validate returns apperr.Invalid naming the field that is wrong.
func (p Period) Validate() error {
	if p.Year < 2000 || p.Year > 2100 {
		return apperr.Invalidf("year", "Năm không hợp lệ: %d", "Invalid year: %d", p.Year)
	}
	max := map[Kind]int{Month: 12, Quarter: 4, Half: 2, Year: 0}
	m, ok := max[p.Kind]
	if !ok {
		return apperr.Invalidf("kind", "Loại kỳ không hợp lệ: %q (tháng, quý, 6 tháng, năm)", "Invalid period kind: %q (month, quarter, half, year)", p.Kind)
	}
	if (m == 0 && p.Index != 0) || (m > 0 && (p.Index < 1 || p.Index > m)) {
		return apperr.Invalidf("index", "Kỳ không hợp lệ: %d", "Invalid period number: %d", p.Index)
	}
	return nil
}

// Bounds returns the first and last day of the period, both inclusive.
func (p Period) Bounds() (from, to calendar.Date) {
	first, months := 1, 12
	switch p.Kind {
	case Month:
		first, months = p.Index, 1
	case Quarter:
		first, months = 3*(p.Index-1)+1, 3
	case Half:
		first, months = 6*(p.Index-1)+1, 6
	}
	from = calendar.Date{Year: p.Year, Month: time.Month(first), Day: 1}
	endMonth, endYear := first+months, p.Year
	if endMonth > 12 {
		endMonth, endYear = endMonth-12, endYear+1
	}
	to = calendar.Date{Year: endYear, Month: time.Month(endMonth), Day: 1}.AddDays(-1)
	return from, to
}

// Final is true for a year's review (tổng kết); the others are sơ kết.
func (p Period) Final() bool { return p.Kind == Year }

var romans = []string{"", "I", "II", "III", "IV"}

// Name names the period as a report's title does: "quý I năm 2026",
// "6 tháng đầu năm 2026", "tháng 3 năm 2026", "năm 2026".
func (p Period) Name(lang string) string {
	en := lang == "en"
	switch p.Kind {
	case Month:
		if en {
			return fmt.Sprintf("month %d of %d", p.Index, p.Year)
		}
		return fmt.Sprintf("tháng %d năm %d", p.Index, p.Year)
	case Quarter:
		if en {
			return fmt.Sprintf("quarter %s of %d", romans[p.Index], p.Year)
		}
		return fmt.Sprintf("quý %s năm %d", romans[p.Index], p.Year)
	case Half:
		if en {
			return fmt.Sprintf("%s half of %d", map[int]string{1: "first", 2: "second"}[p.Index], p.Year)
		}
		return fmt.Sprintf("6 tháng %s năm %d", map[int]string{1: "đầu", 2: "cuối"}[p.Index], p.Year)
	}
	if en {
		return fmt.Sprintf("year %d", p.Year)
	}
	return fmt.Sprintf("năm %d", p.Year)
}

// Title is the report's title after "BÁO CÁO": "Sơ kết công tác quý I năm
// 2026" or "Tổng kết công tác năm 2026".
func (p Period) Title(lang string) string {
	if lang == "en" {
		if p.Final() {
			return "Review of the work of " + p.Name(lang)
		}
		return "Interim review of the work of " + p.Name(lang)
	}
	if p.Final() {
		return "Tổng kết công tác " + p.Name(lang)
	}
	return "Sơ kết công tác " + p.Name(lang)
}
