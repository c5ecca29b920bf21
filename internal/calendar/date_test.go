package calendar

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"2026-04-26", "2026-04-26", ""},
		{"26/04/2026", "2026-04-26", ""},
		{" 2024-02-29 ", "2024-02-29", ""},
		{"2026-02-30", "", "ngày không hợp lệ: 30/02/2026"},
		{"29/02/2100", "", "ngày không hợp lệ: 29/02/2100"},
		{"2300-01-01", "", "năm 2300 nằm ngoài phạm vi 1900–2199"},
		{"2026-4", "", `ngày không hợp lệ: "2026-4"`},
		{"hôm nay", "", `ngày không hợp lệ: "hôm nay"`},
		{"2026-+4-01", "", `ngày không hợp lệ: "2026-+4-01"`},
		{"", "", "Vui lòng nhập ngày (dd/mm/yyyy)"},
		{"  ", "", "Vui lòng nhập ngày (dd/mm/yyyy)"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.err != "" {
			wantError(t, err, tt.err)
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := Date{2026, time.April, 26}
	if d.Weekday() != time.Sunday || (Date{1970, 1, 1}).Weekday() != time.Thursday || (Date{1900, 1, 1}).Weekday() != time.Monday {
		t.Error("Weekday")
	}
	if got := d.Time(); got.Format(time.RFC3339) != "2026-04-26T00:00:00+07:00" {
		t.Errorf("Time() = %v", got)
	}
	// 2026-04-25 17:30 UTC is already 26/4 00:30 in Vietnam.
	if got := DateOf(time.Date(2026, 4, 25, 17, 30, 0, 0, time.UTC)); got != d {
		t.Errorf("DateOf = %v", got)
	}
	if got := DateOf(time.Date(2026, 4, 25, 16, 59, 59, 0, time.UTC)); got != d.AddDays(-1) {
		t.Errorf("DateOf before midnight = %v", got)
	}
	if d.AddDays(6).String() != "2026-05-02" || d.AddDays(-26).String() != "2026-03-31" {
		t.Error("AddDays")
	}
	if !d.Before(d.AddDays(1)) || !d.After(d.AddDays(-1)) || d.Compare(d) != 0 || d.AddDays(10).Sub(d) != 10 {
		t.Error("Compare")
	}
	if d.DMY() != "26/04/2026" || d.Valid() != true || (Date{}).Valid() {
		t.Error("DMY/Valid")
	}
	// Day arithmetic agrees with package time over the whole range.
	for day := (Date{1900, 1, 1}); day.Year <= 2199; day = day.AddDays(97) {
		tt := time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, time.UTC)
		if tt.Weekday() != day.Weekday() || DateOf(day.Time()) != day || day.Time().Unix() != tt.Unix()-7*3600 {
			t.Fatalf("%s disagrees with package time", day)
		}
	}
}
