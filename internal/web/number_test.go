package web

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
)

// TestParseNumber reads numbers as a Vietnamese user types them, and
// refuses the ambiguous ones with a message that says how to write them.
func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		err  string // a piece of the Vietnamese message; "" when accepted
	}{
		{"1500000000", 1500000000, ""},
		{"1.500.000.000", 1500000000, ""},
		{"1.500.000.000 đ", 1500000000, ""},
		{"1.500.000.000đ", 1500000000, ""},
		{"1.500.000.000 đồng", 1500000000, ""},
		{"1.500.000.000 VNĐ", 1500000000, ""},
		{"1 500 000 000", 1500000000, ""},
		{"1\u00a0500\u00a0000", 1500000, ""},
		{"2,5", 2.5, ""},
		{"95,5", 95.5, ""},
		{"1.234,5", 1234.5, ""},
		{"1.500", 1500, ""}, // a dot before three digits groups thousands
		{"2.5", 2.5, ""},    // one decimal point, as a number input sends it
		{"0.125", 0.125, ""},
		{"-3", -3, ""},
		{"0", 0, ""},
		{"  40 ", 40, ""},
		{"1,5.3", 0, "Không rõ số"},
		{"1,234.5", 0, "Không rõ số"},
		{"1,2,3", 0, "Không rõ số"},
		{"1,", 0, "Không rõ số"},
		{"1.50.000", 0, "nhóm chữ số sai"},
		{"12.34.567", 0, "nhóm chữ số sai"},
		{"1..5", 0, "nhóm chữ số sai"},
		{"", 0, "Vui lòng nhập số"},
		{" đ", 0, "Vui lòng nhập số"},
		{"mười", 0, "Không phải là số"},
		{"NaN", 0, "Không phải là số"},
		{"Inf", 0, "Không phải là số"},
		{"1e9", 0, "Không phải là số"},
		{"0x10", 0, "Không phải là số"},
		{"1_000", 0, "Không phải là số"},
		{"--1", 0, "Không phải là số"},
		{"2.", 0, "Không phải là số"},
		{",5", 0, "Không phải là số"},
	} {
		got, err := parseNumber("value", c.in)
		if c.err == "" {
			if err != nil || got != c.want {
				t.Errorf("parseNumber(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
			continue
		}
		e := apperr.As(err)
		if e == nil || e.Code != apperr.Invalid || e.Field != "value" || !strings.Contains(e.VI, c.err) || e.EN == "" {
			t.Errorf("parseNumber(%q) = %v, %v; want an Invalid error on value saying %q", c.in, got, err, c.err)
			continue
		}
		if strings.Contains(e.VI, "%!") || strings.Contains(e.EN, "%!") {
			t.Errorf("parseNumber(%q): a broken message %q", c.in, e.VI)
		}
	}
}

// TestFormatDecimal writes numbers the Vietnamese way, and what it writes
// reads back.
func TestFormatDecimal(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{1500000000, "1.500.000.000"},
		{2.5, "2,5"},
		{1234.5, "1.234,5"},
		{0, "0"},
		{-0.001, "0"},
		{-1234567.25, "-1.234.567,25"},
		{999, "999"},
		{1000, "1.000"},
		{33.333333, "33,33"},
	} {
		got := fmtDecimal(c.in)
		if got != c.want {
			t.Errorf("fmtDecimal(%v) = %q, want %q", c.in, got, c.want)
		}
		if back, err := parseDecimal(got); err != nil || back != roundTo(c.in, 2)+0 && !(back == 0 && c.in > -0.005 && c.in < 0.005) {
			t.Errorf("parseDecimal(fmtDecimal(%v)) = %v, %v", c.in, back, err)
		}
	}
	if got := money(1500000000); got != "1.500.000.000 đ" {
		t.Errorf("money = %q", got)
	}
}

// TestWorkingTimeText writes working time in words, never as Go's "40h0m".
func TestWorkingTimeText(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		vi, en string
	}{
		{40 * time.Hour, "5 ngày làm việc", "5 working days"},
		{8 * time.Hour, "1 ngày làm việc", "1 working day"},
		{19 * time.Hour, "2 ngày 3 giờ làm việc", "2 days 3 hours of working time"},
		{4*time.Hour + 30*time.Minute, "4 giờ 30 phút làm việc", "4 hours 30 minutes of working time"},
		{0, "0 phút làm việc", "0 minutes of working time"},
		{-16 * time.Hour, "-2 ngày làm việc", "-2 working days"},
		{9*time.Hour + time.Minute, "1 ngày 1 giờ 1 phút làm việc", "1 day 1 hour 1 minute of working time"},
	} {
		if got := workingTimeText("vi", c.d); got != c.vi {
			t.Errorf("vi %v = %q, want %q", c.d, got, c.vi)
		}
		if got := workingTimeText("en", c.d); got != c.en {
			t.Errorf("en %v = %q, want %q", c.d, got, c.en)
		}
	}
}

// oldParseNumber is the reader the forms had before parseDecimal, kept as
// the benchmark's baseline.
func oldParseNumber(s string) (float64, error) {
	v := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if strings.Contains(v, ",") {
		v = strings.ReplaceAll(v, ".", "")
		v = strings.Replace(v, ",", ".", 1)
	}
	return strconv.ParseFloat(v, 64)
}

var benchNumbers = []string{"1500000000", "1.500.000.000 đ", "2,5", "1.234,5", "95.5", "40"}

// BenchmarkParseNumber compares the Vietnamese reader with the one it
// replaced, on the same inputs.
func BenchmarkParseNumber(b *testing.B) {
	b.Run("parseDecimal", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _ = parseDecimal(benchNumbers[i%len(benchNumbers)])
		}
	})
	b.Run("baseline-old", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _ = oldParseNumber(benchNumbers[i%len(benchNumbers)])
		}
	})
}

// TestParseCellNumber reads a spreadsheet's number cells, whose text has a
// decimal point, and its text cells the Vietnamese way.
func TestParseCellNumber(t *testing.T) {
	for in, want := range map[string]float64{"1.125": 1.125, "1.5": 1.5, "2,5": 2.5, "1.500.000": 1500000, "40": 40} {
		if got, err := parseCellNumber("weight", in); err != nil || got != want {
			t.Errorf("parseCellNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
