package calendar

import (
	"math"
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0h0m"},
		{13*time.Hour + 20*time.Minute, "13h20m"},
		{13*time.Hour + 20*time.Minute + 59*time.Second, "13h20m"},
		{-(2*time.Hour + 5*time.Minute + 30*time.Second), "-2h5m"},
		{-30 * time.Second, "0h0m"},
		{50 * time.Hour, "50h0m"},
		{math.MinInt64, "-2562047h47m"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"13h20m", 13*time.Hour + 20*time.Minute, false},
		{"0h0m", 0, false},
		{"-2h5m", -(2*time.Hour + 5*time.Minute), false},
		{"8h", 8 * time.Hour, false},
		{"90m", 90 * time.Minute, false},
		{"", 0, true},
		{"h", 0, true},
		{"1m2h", 0, true},
		{"1.5h", 0, true},
		{"--1h", 0, true},
		{"99999999999h", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.err {
			if err == nil {
				t.Errorf("ParseDuration(%q) = %v, want error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if back, _ := ParseDuration(FormatDuration(got)); back != got {
			t.Errorf("round trip of %q gave %v", tt.in, back)
		}
	}
	_, err := ParseDuration("abc")
	wantError(t, err, `thời lượng không hợp lệ: "abc"`)
}
