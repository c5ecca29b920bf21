package dossier

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// FuzzParseCode checks that ParseCode accepts exactly the codes FormatCode
// writes: whatever it accepts formats back to the same text, and whatever it
// refuses is an Invalid error on field "code".
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"000.00.06.H56-231027-0361", "000.00.00.H55-260105-0001", "000.00.06.H56-261231-12345",
		" 000.00.06.H56-231027-0361 ", "000.00.06.H56-231027-036", "000.00.06.H56-230229-0001", "000.00.06.H56-231027-0000",
		"000.00.06.H56-231027-00361", "000.00.06.H56-231027-+361", "000.00.06.h56-231027-0361", "000.00.06.H56-231027-0361-1",
		"000.00.06.H56-999999-0361", "000.00.06.H56-231027-99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		agency, day, seq, err := ParseCode(s)
		if err != nil {
			if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "code" || e.VI == "" || e.EN == "" {
				t.Fatalf("ParseCode(%q): %v is not an invalid-code error", s, err)
			}
			return
		}
		if !day.Valid() || day.Year < 2000 || day.Year > 2099 || seq < 1 {
			t.Fatalf("ParseCode(%q) = %q %v %d: out of range", s, agency, day, seq)
		}
		if got := FormatCode(agency, day, seq); got != strings.TrimSpace(s) {
			t.Fatalf("ParseCode(%q) = %q %v %d, which formats as %q", s, agency, day, seq, got)
		}
	})
}

// FuzzFormatCode checks the other direction: any code built from a valid
// agency code, a day of 2000–2099 and a positive sequence parses back into
// the same three parts.
func FuzzFormatCode(f *testing.F) {
	f.Add(uint16(0), uint8(6), byte('H'), uint8(56), uint16(8700), uint32(361))
	f.Add(uint16(999), uint8(99), byte('Z'), uint8(0), uint16(36524), uint32(1<<31-1))
	f.Add(uint16(1), uint8(0), byte('G'), uint8(12), uint16(0), uint32(9999))
	f.Fuzz(func(t *testing.T, c uint16, b uint8, letter byte, n uint8, dayOffset uint16, seq uint32) {
		agency := fmt.Sprintf("%03d.%02d.%02d.%c%02d", c%1000, b%100, b%100, 'A'+letter%26, n%100)
		first := calendar.Date{Year: 2000, Month: time.January, Day: 1}
		day := first.AddDays(int(dayOffset) % (calendar.Date{Year: 2100, Month: time.January, Day: 1}).Sub(first))
		s := int(seq%(1<<31-1)) + 1
		code := FormatCode(agency, day, s)
		a2, d2, s2, err := ParseCode(code)
		if err != nil || a2 != agency || d2 != day || s2 != s {
			t.Fatalf("FormatCode(%q, %v, %d) = %q, parsed as %q %v %d %v", agency, day, s, code, a2, d2, s2, err)
		}
	})
}
