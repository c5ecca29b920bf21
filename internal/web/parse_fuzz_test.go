package web

import (
	"math"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Fuzz targets for what the web forms and the task import read from cells
// and fields: numbers written the Vietnamese way, dates, instants, season
// bounds, years, priorities and lists. A refusal is an Invalid error naming
// the field with both messages; what is accepted holds its range and, where
// the page writes the value back into the form, reads back the same.
// `go test` runs the seeds; scripts/fuzz runs them with -fuzz.

func wantInvalid(t *testing.T, in string, err error, field string) {
	t.Helper()
	e := apperr.As(err)
	if e == nil || e.Code != apperr.Invalid || e.Field != field || e.VI == "" || e.EN == "" {
		t.Fatalf("%q: %T %v is not an Invalid error on %s", in, err, err, field)
	}
}

func FuzzTaskCells(f *testing.F) {
	for _, s := range []string{"1", "1,5", "1.5", "1.234,5", "1 234,5", "-0", "NaN", "Inf", "1e400", "0x1p-2", "1_000", "",
		"cao", "Khẩn", "bình thường", "gấp lắm", "13/03/2026", "2026-03-13", "30/02/2026", "a; b\nc;;", " ; \n "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if x, err := parseNumber("weight", s); err != nil {
			wantInvalid(t, s, err, "weight")
		} else if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("parseNumber(%q) = %v", s, x)
		}
		if d, err := parseTaskDate("deadline", s); err != nil {
			wantInvalid(t, s, err, "deadline")
		} else if !d.Valid() {
			t.Fatalf("parseTaskDate(%q) = %v, not a valid day", s, d)
		}
		if p, ok := priorityOf(s); ok {
			if _, known := priorityWords[p]; !known {
				t.Fatalf("priorityOf(%q) = %q, no priority", s, p)
			}
		}
		for _, item := range splitList(s) {
			if item == "" || item != strings.TrimSpace(item) || strings.ContainsAny(item, ";\n") {
				t.Fatalf("splitList(%q) gave %q", s, item)
			}
		}
	})
}

func FuzzFormFields(f *testing.F) {
	for _, s := range []string{"02/03/2026 08:30", "2/3/2026 8:30", "02/03/2026 08:30:15", "2026-03-02T08:30", "2026-03-02 08:30",
		"  02/03/2026   08:30 ", "31/02/2026 08:00", "02/03/2026", "01-01", "12-31", "02-29", "02-30", "1-1", "2026", "1899", "2200", " 2026 ", "+2026", ""} {
		f.Add(s)
	}
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, vn)
	f.Fuzz(func(t *testing.T, s string) {
		if at, err := parseInstant("at", s); err != nil {
			wantInvalid(t, s, err, "at")
		} else if !at.IsZero() {
			if back, err := parseInstant("at", fmtInstant(at)); err != nil || !back.Equal(at.Truncate(time.Minute)) {
				t.Fatalf("parseInstant(%q) = %v; the form shows %q, read back as %v, %v", s, at, fmtInstant(at), back, err)
			}
		} else if strings.TrimSpace(s) != "" {
			t.Fatalf("parseInstant(%q) = the zero time without an error", s)
		}
		if d, err := parseDay("day", s); err != nil {
			wantInvalid(t, s, err, "day")
		} else if !d.Valid() {
			t.Fatalf("parseDay(%q) = %v", s, d)
		}
		if md, err := parseMonthDay("from1", s); err != nil {
			wantInvalid(t, s, err, "from1")
		} else if md.Month < 1 || md.Month > 12 || md.Day < 1 || md.Day > 31 {
			t.Fatalf("parseMonthDay(%q) = %+v", s, md)
		}
		if y, err := parseYear(s, now); err != nil {
			wantInvalid(t, s, err, "year")
		} else if y < calendar.MinYear || y > calendar.MaxYear {
			t.Fatalf("parseYear(%q) = %d", s, y)
		}
	})
}
