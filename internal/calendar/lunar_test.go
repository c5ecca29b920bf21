package calendar

import (
	"testing"
)

func TestTet(t *testing.T) {
	tests := []struct {
		year int
		want string
		note string
	}{
		{1985, "1985-01-21", "China 02-20"},
		{2007, "2007-02-17", "China 02-18"},
		{2024, "2024-02-10", ""},
		{2025, "2025-01-29", ""},
		{2026, "2026-02-17", ""},
		{2027, "2027-02-06", ""},
		{2028, "2028-01-26", ""},
		{2029, "2029-02-13", ""},
		{2030, "2030-02-02", "China 02-03"},
		{1900, "1900-01-31", "first lunar year in range"},
	}
	for _, tt := range tests {
		got, err := Tet(tt.year)
		if err != nil || got.String() != tt.want {
			t.Errorf("Tet(%d) = %v, %v; want %s %s", tt.year, got, err, tt.want, tt.note)
		}
	}
}

func TestGioTo(t *testing.T) {
	for _, tt := range []struct {
		year int
		want string
	}{{2023, "2023-04-29"}, {2024, "2024-04-18"}, {2025, "2025-04-07"}, {2026, "2026-04-26"}, {2027, "2027-04-16"}} {
		got, err := LunarToSolar(LunarDate{Day: 10, Month: 3, Year: tt.year})
		if err != nil || got.String() != tt.want {
			t.Errorf("Giỗ Tổ %d = %v, %v; want %s", tt.year, got, err, tt.want)
		}
	}
}

// Leap months as printed in Vietnamese almanacs (lịch vạn niên).
func TestLeapMonth(t *testing.T) {
	for _, tt := range []struct{ year, want int }{
		{2001, 4}, {2004, 2}, {2006, 7}, {2009, 5}, {2012, 4}, {2014, 9}, {2017, 6},
		{2020, 4}, {2023, 2}, {2025, 6}, {2028, 5}, {2031, 3}, {2033, 11},
		{2024, 0}, {2026, 0}, {2027, 0},
	} {
		got, err := LeapMonth(tt.year)
		if err != nil || got != tt.want {
			t.Errorf("LeapMonth(%d) = %d, %v; want %d", tt.year, got, err, tt.want)
		}
	}
}

func TestSolarToLunar(t *testing.T) {
	tests := []struct{ solar, lunar string }{
		{"2026-04-26", "10/3/2026"},
		{"2026-02-17", "1/1/2026"},
		{"2026-02-16", "29/12/2025"}, // the last day of Ất Tỵ: Tết's eve
		{"2025-07-25", "1/6/2025 (nhuận)"},
		{"2025-06-25", "1/6/2025"},
		{"2023-03-22", "1/2/2023 (nhuận)"},
		{"2020-05-23", "1/4/2020 (nhuận)"},
		{"2033-12-22", "1/11/2033 (nhuận)"},
		{"1900-01-01", "1/12/1899"},
		{"2199-12-31", "" /* only that it converts */},
	}
	for _, tt := range tests {
		got, err := SolarToLunar(date(t, tt.solar))
		if err != nil || (tt.lunar != "" && got.String() != tt.lunar) {
			t.Errorf("SolarToLunar(%s) = %v, %v; want %s", tt.solar, got, err, tt.lunar)
		}
	}
}

// TestLunarRoundTrip converts every day of the range to the lunar calendar
// and back, and checks that lunar days follow each other without gaps.
func TestLunarRoundTrip(t *testing.T) {
	d, end := Date{1900, 1, 31}, Date{2199, 12, 31}
	prev := LunarDate{}
	n := 0
	for ; !d.After(end); d = d.AddDays(1) {
		l, err := SolarToLunar(d)
		if err != nil {
			t.Fatalf("SolarToLunar(%s): %v", d, err)
		}
		back, err := LunarToSolar(l)
		if err != nil || back != d {
			t.Fatalf("%s → %s → %v, %v", d, l, back, err)
		}
		if n > 0 && l.Day != prev.Day+1 && !(l.Day == 1 && (prev.Day == 29 || prev.Day == 30)) {
			t.Fatalf("%s: lunar %s follows %s", d, l, prev)
		}
		prev = l
		n++
	}
	if n != 109543 {
		t.Errorf("checked %d days", n)
	}
}

func TestLunarErrors(t *testing.T) {
	tests := []struct {
		in   LunarDate
		want string
	}{
		{LunarDate{Day: 1, Month: 5, Year: 2025, Leap: true}, "năm âm lịch 2025 không có tháng 5 nhuận"},
		{LunarDate{Day: 1, Month: 6, Year: 2026, Leap: true}, "năm âm lịch 2026 không có tháng 6 nhuận"},
		{LunarDate{Day: 31, Month: 1, Year: 2026}, "ngày âm lịch không hợp lệ: 31/1/2026"},
		{LunarDate{Day: 1, Month: 13, Year: 2026}, "ngày âm lịch không hợp lệ: 1/13/2026"},
		{LunarDate{Day: 30, Month: 12, Year: 2025}, "ngày âm lịch không hợp lệ: 30/12/2025 (tháng chỉ có 29 ngày)"},
		{LunarDate{Day: 1, Month: 1, Year: 2300}, "năm 2300 nằm ngoài phạm vi 1900–2199"},
		{LunarDate{Day: 1, Month: 1, Year: 1899}, "năm 1899 nằm ngoài phạm vi 1900–2199"},
	}
	for _, tt := range tests {
		_, err := LunarToSolar(tt.in)
		wantError(t, err, tt.want)
	}
	_, err := Tet(2300)
	wantError(t, err, "năm 2300 nằm ngoài phạm vi 1900–2199")
	_, err = SolarToLunar(Date{2026, 2, 30})
	wantError(t, err, "ngày không hợp lệ: 30/02/2026")
	_, err = LeapMonth(1899)
	wantError(t, err, "năm 1899 nằm ngoài phạm vi 1900–2199")
}
