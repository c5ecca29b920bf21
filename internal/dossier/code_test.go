package dossier

import (
	"testing"

	"congvu/internal/apperr"
)

func TestCodeRoundTrip(t *testing.T) {
	for _, c := range []struct {
		agency string
		day    string
		seq    int
		want   string
	}{
		{"000.00.06.H56", "2023-10-27", 361, "000.00.06.H56-231027-0361"},
		{"000.00.00.H55", "2026-01-05", 1, "000.00.00.H55-260105-0001"},
		{"000.00.06.H56", "2026-12-31", 9999, "000.00.06.H56-261231-9999"},
		{"000.00.06.H56", "2026-12-31", 12345, "000.00.06.H56-261231-12345"},
	} {
		got := FormatCode(c.agency, date(c.day), c.seq)
		if got != c.want {
			t.Errorf("FormatCode = %q, want %q", got, c.want)
		}
		agency, day, seq, err := ParseCode(got)
		if err != nil || agency != c.agency || day != date(c.day) || seq != c.seq {
			t.Errorf("ParseCode(%q) = %q %v %d %v", got, agency, day, seq, err)
		}
	}
}

func TestParseBadCodes(t *testing.T) {
	for _, s := range []string{
		"",
		"000.00.06.H56-231027-036",   // three digits
		"000.00.06.H56-231327-0361",  // month 13
		"000.00.06.H56-230229-0001",  // 2023 is not a leap year
		"000.00.06.H56-231027-0000",  // numbering starts at 1
		"000.00.06.H56-231027-03a1",  // a letter
		"000.00.06.H56-2310270-0361", // seven-digit date
		"000.00.06.H56_231027_0361",
		"ABC-231027-0361",
		"000.00.06.h56-231027-0361",
		"000.00.06.H56-231027-0361-1",
		// Codes FormatCode never writes, so that no dossier can have them
		// (FuzzParseCode checks FormatCode(ParseCode(s)) == s).
		"000.00.06.H56-231027-00361",                // a surplus leading zero
		"000.00.06.H56-231027-09999999999999999999", // past any int
		"000.00.06.H56-231027-٠٣٦١",                 // Arabic-Indic digits
	} {
		_, _, _, err := ParseCode(s)
		if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "code" {
			t.Errorf("ParseCode(%q) = %v, want invalid code", s, err)
		}
	}
}
