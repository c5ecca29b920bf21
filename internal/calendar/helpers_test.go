package calendar

import (
	"errors"
	"testing"
	"time"
)

// at parses "2026-01-05 07:00" or "2026-01-05 07:00:01" as Vietnamese local time.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.ParseInLocation(layout, s, VN); err == nil {
			return t
		}
	}
	tb.Fatalf("bad test time %q", s)
	return time.Time{}
}

func fmtVN(t time.Time) string { return t.In(VN).Format("2006-01-02 15:04:05.999999999") }

func date(tb testing.TB, s string) Date {
	tb.Helper()
	d, err := ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func newCal(tb testing.TB, cfg Config) *Calendar {
	tb.Helper()
	c, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// wantError checks that err is a *Error whose Vietnamese message is want.
func wantError(tb testing.TB, err error, want string) {
	tb.Helper()
	var e *Error
	if !errors.As(err, &e) {
		tb.Fatalf("error = %v (%T), want *Error %q", err, err, want)
	}
	if e.Error() != want {
		tb.Errorf("error = %q, want %q", e.Error(), want)
	}
	if e.English() == "" || e.Field == "" {
		tb.Errorf("error %q lacks English text or field: %+v", want, e)
	}
}
