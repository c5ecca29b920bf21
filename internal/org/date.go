package org

import (
	"strings"
	"time"

	"congvu/internal/apperr"
)

// DateLayout is how the organisation writes calendar dates (validity
// intervals, effective dates): ISO 8601, which sorts as text.
const DateLayout = "2006-01-02"

// ParseDate checks a date written YYYY-MM-DD (or dd/mm/yyyy, as Vietnamese
// users type it) and returns it in ISO form.
func ParseDate(field, s string) (string, error) {
	if s = strings.TrimSpace(s); s == "" {
		return "", apperr.New(apperr.Invalid, field, "Vui lòng nhập ngày (dd/mm/yyyy)", "Please enter the date (dd/mm/yyyy)")
	}
	for _, layout := range []string{DateLayout, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(DateLayout), nil
		}
	}
	return "", apperr.Invalidf(field, "ngày không hợp lệ: %q (định dạng dd/mm/yyyy)", "invalid date: %q (expected dd/mm/yyyy or YYYY-MM-DD)", s)
}

// DayBefore returns the ISO date one day before d (d must be valid).
func DayBefore(d string) string {
	t, _ := time.Parse(DateLayout, d)
	return t.AddDate(0, 0, -1).Format(DateLayout)
}

// ValidOn reports whether the interval [from, to] (to empty = open) holds on date d.
func ValidOn(from string, to *string, d string) bool {
	return from <= d && (to == nil || *to >= d)
}
