package investment

import (
	"strings"
	"testing"
)

// FuzzParseDisbursementSheet: any cells give lines or a sheet error, never
// a panic; every line's amounts are whole and not negative.
func FuzzParseDisbursementSheet(f *testing.F) {
	for _, seed := range []string{
		"DA-01|provincial|2026|4|1.234.567|2.000.000",
		"DA-01|Ngân sách tỉnh|2026|4|1,234,567|1.2E+10",
		"|||||",
		"DA-01|oda|2026|13|-5|12,5",
		"DA-01|central|2026.0|4.0|1.234.567,00|0",
		"x|y|z|w|99999999999999999999|--1",
		"DA\x00|\u00a0|٢٠٢٦|4|1 234 567 đ|+0",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, row string) {
		lines, err := ParseDisbursementSheet([][]string{importHeader, strings.Split(row, "|")})
		if err != nil {
			return
		}
		MarkDuplicates(lines)
		for _, l := range lines {
			if l.CumulativeActual < 0 || l.EstimateNext < 0 {
				t.Fatalf("negative amount from %q: %+v", row, l)
			}
			for _, e := range l.Errors {
				if e.VI == "" || e.EN == "" || e.Row != 2 {
					t.Fatalf("bad error %+v", e)
				}
			}
		}
	})
}

// FuzzParseDong: a parsed amount is in range and prints back as itself.
func FuzzParseDong(f *testing.F) {
	for _, s := range []string{"1.234.567", "1,234,567", "12,5", "-1", "1e3", "1.2E+10", "0,000", "١٢", "1..2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseDong(s)
		if err != nil {
			return
		}
		if n < 0 || n > maxDong {
			t.Fatalf("ParseDong(%q) = %d", s, n)
		}
		back, err := ParseDong(FormatDong(n))
		if err != nil || back != n {
			t.Fatalf("FormatDong(%d) = %q reads back as %d, %v", n, FormatDong(n), back, err)
		}
	})
}
