package api

import (
	"testing"

	"congvu/internal/apperr"
)

// TestParseDeadline: a date or an instant, refused with an Invalid error on
// the field when it is neither or when its day lies outside the calendar's
// years (an instant of 2300 used to come back as an invalid day; found by
// FuzzDeadline).
func TestParseDeadline(t *testing.T) {
	for _, tt := range []struct{ in, day, at string }{
		{"2026-03-13", "2026-03-13", ""},
		{"2026-03-13T17:00:00+07:00", "2026-03-13", "2026-03-13T17:00:00+07:00"},
		{"2026-03-13T20:00:00Z", "2026-03-14", "2026-03-13T20:00:00Z"}, // 03:00 the next day in Vietnam
		{"2026-02-30", "", ""},
		{"13/03/2026", "2026-03-13", ""},
		{"2300-01-01", "", ""},
		{"2300-01-01T00:00:00Z", "", ""},
		{"1800-01-01T00:00:00+07:00", "", ""},
		{"2199-12-31T17:00:00Z", "", ""}, // 2200-01-01 in Vietnam
		{"tuần sau", "", ""},
	} {
		d, at, err := parseDeadline("deadline", tt.in)
		if tt.day == "" {
			if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "deadline" {
				t.Errorf("parseDeadline(%q) = %v, %v, %v; want an invalid deadline", tt.in, d, at, err)
			}
			continue
		}
		if err != nil || d == nil || d.String() != tt.day || (tt.at == "") != (at == nil) {
			t.Errorf("parseDeadline(%q) = %v, %v, %v; want %s", tt.in, d, at, err, tt.day)
		}
	}
}
