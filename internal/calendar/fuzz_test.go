package calendar

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Fuzz targets for the engine's parsers of outside input (dates typed in
// forms and sheets, durations, office-hour periods). Each asserts the
// parser's contract: a refusal is a *Error, and what is accepted is valid
// and survives a round trip through the matching formatter. `go test` runs
// the seeds; scripts/fuzz runs them with -fuzz.

// asError fails unless err is the engine's *Error with a field and both
// messages.
func asError(t *testing.T, in string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %T %v is not a *calendar.Error", in, err, err)
	}
	if e.Field == "" || e.Msg == "" || e.EN == "" {
		t.Fatalf("%q: error %+v lacks a field or a message", in, e)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-04-26", "26/4/2026", " 2024-02-29 ", "29/02/2024", "2026-02-30", "29/2/2100",
		"2300-01-01", "1899-12-31", "2199-12-31", "2026-4", "hôm nay", "2026-+4-01", "01/01/1900", "0026-04-26",
		"2026-04-26T08:00:00+07:00", "26/4/2026/1", "-1-1-1", "2026-04-\u0662\u0666"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			asError(t, s, err)
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) = %v, which is not valid", s, d)
		}
		for _, text := range []string{d.String(), d.DMY()} {
			if again, err := ParseDate(text); err != nil || again != d {
				t.Fatalf("ParseDate(%q) = %v; its form %q reads back as %v, %v", s, d, text, again, err)
			}
		}
		if back := DateOf(d.Time()); back != d {
			t.Fatalf("DateOf(%v.Time()) = %v", d, back)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"13h20m", "0h0m", "-2h5m", "8h", "90m", "", "h", "1m2h", "1.5h", "--1h",
		"99999999999h", "878400h", "-0h0m", " 1h ", "1h-5m", "+1h", "1h+5m", "1h5", "٣h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			asError(t, s, err)
			return
		}
		if d%time.Minute != 0 || d > 2*time.Duration(maxSpan) || d < -2*time.Duration(maxSpan) {
			t.Fatalf("ParseDuration(%q) = %v: not whole minutes or out of range", s, d)
		}
		if abs(d) <= time.Duration(maxSpan) {
			if again, err := ParseDuration(FormatDuration(d)); err != nil || again != d {
				t.Fatalf("ParseDuration(%q) = %v; FormatDuration %q reads back as %v, %v", s, d, FormatDuration(d), again, err)
			}
		}
	})
}

func FuzzFormatDuration(f *testing.F) {
	for _, d := range []time.Duration{0, 13*time.Hour + 20*time.Minute + 59*time.Second, -30 * time.Second,
		-(2*time.Hour + 5*time.Minute), time.Duration(maxSpan), -time.Duration(maxSpan)} {
		f.Add(int64(d))
	}
	f.Fuzz(func(t *testing.T, n int64) {
		d := time.Duration(n)
		if abs(d) > time.Duration(maxSpan) {
			d %= time.Duration(maxSpan) // the engine's range
		}
		s := FormatDuration(d)
		got, err := ParseDuration(s)
		if want := d.Truncate(time.Minute); err != nil || got != want {
			t.Fatalf("FormatDuration(%d) = %q, read back as %v, %v; want %v", int64(d), s, got, err, want)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"07:00-11:30", "13:30–17:00", " 7:0-11:30 ", "00:00-24:00", "07:00-11:30x", "7:60-8:00",
		"-1:00-2:00", "+7:00-11:30", "4611686018427387904:00-08:00", "07:00 - 11:30", "07:00", "0x7:00-11:30", "7:00-11:30-12:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			asError(t, s, err)
			return
		}
		for _, m := range []int{p.Start, p.End} {
			if m < 0 || m > 24*60 {
				t.Fatalf("ParsePeriod(%q) = %+v: a bound outside 00:00–24:00", s, p)
			}
		}
		if again, err := ParsePeriod(p.String()); err != nil || again != p {
			t.Fatalf("ParsePeriod(%q) = %+v; %q reads back as %+v, %v", s, p, p.String(), again, err)
		}
		// What was accepted is exactly the four numbers of p, written
		// with nothing but spaces and the separators around them.
		if strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !strings.ContainsRune("0123456789:-–", r) }) {
			t.Fatalf("ParsePeriod(%q) accepted text with other characters: %+v", s, p)
		}
		nums := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		want := []int{p.Start / 60, p.Start % 60, p.End / 60, p.End % 60}
		if len(nums) != 4 {
			t.Fatalf("ParsePeriod(%q) = %+v from %d numbers", s, p, len(nums))
		}
		for i, n := range nums {
			if v, err := strconv.Atoi(n); err != nil || v != want[i] || len(n) > 2 {
				t.Fatalf("ParsePeriod(%q) = %+v: number %q is not %d", s, p, n, want[i])
			}
		}
	})
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
