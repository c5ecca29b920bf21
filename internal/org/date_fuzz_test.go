package org

import (
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// FuzzParseDate checks org.ParseDate's contract on any text: a refusal is an
// Invalid error naming the field; an accepted date is ISO, reads back as
// itself, and is the date the calendar engine reads when both accept it.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-04-26", "26/04/2026", "26/4/2026", "1/1/2026", "2024-02-29", "2023-02-29", "31/04/2026",
		"0000-01-01", "9999-12-31", "2026-4-26", "26-04-2026", "2026/04/26", " 2026-04-26", "26/4/26", "hôm nay", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, err := ParseDate("valid_from", s)
		if err != nil {
			if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "valid_from" || e.VI == "" || e.EN == "" {
				t.Fatalf("ParseDate(%q): %v is not an invalid-field error", s, err)
			}
			return
		}
		if len(iso) != len(DateLayout) {
			t.Fatalf("ParseDate(%q) = %q, not YYYY-MM-DD", s, iso)
		}
		if again, err := ParseDate("valid_from", iso); err != nil || again != iso {
			t.Fatalf("ParseDate(%q) = %q, which reads back as %q, %v", s, iso, again, err)
		}
		if d, err := calendar.ParseDate(s); err == nil && d.String() != iso {
			t.Fatalf("ParseDate(%q) = %q but the calendar reads %v", s, iso, d)
		}
		if d, err := calendar.ParseDate(iso); err == nil && d.String() != iso {
			t.Fatalf("ParseDate(%q) = %q but the calendar reads it as %v", s, iso, d)
		}
	})
}
