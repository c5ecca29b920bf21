package calendar

import (
	"testing"
	"time"
)

// TestAgencyDaysOff: an agency's own days off (ngày nghỉ riêng của cơ quan)
// take working days away from its calendar only; a day the national table
// already gives off keeps its national reason.
func TestAgencyDaysOff(t *testing.T) {
	national := newCal(t, DefaultConfig())
	cfg := DefaultConfig()
	cfg.DaysOff = []DayOff{
		{Date: date(t, "2026-03-04"), Name: "Ngày thành lập Sở", NameEN: "Department's founding day"},
		{Date: date(t, "2026-01-10")}, // a swapped working Saturday of the national table
		{Date: date(t, "2026-02-17")}, // Tết: already off
	}
	c := newCal(t, cfg)
	tests := []struct {
		day              string
		working          bool
		kind             Kind
		reason, reasonEN string
	}{
		{"2026-03-04", false, AgencyDayOff, "Ngày thành lập Sở", "Department's founding day"},
		{"2026-01-10", false, AgencyDayOff, "nghỉ riêng của cơ quan", "agency's own day off"},
		{"2026-02-17", false, Holiday, "Tết Nguyên đán", "Lunar New Year (Tết)"},
		{"2026-03-05", true, 0, "", ""},
	}
	for _, tt := range tests {
		info, err := c.Day(date(t, tt.day))
		if err != nil {
			t.Fatal(err)
		}
		if info.Working != tt.working || info.Kind != tt.kind || info.Reason != tt.reason || info.ReasonEN != tt.reasonEN {
			t.Errorf("%s: %+v; want working=%v kind=%v %q %q", tt.day, info, tt.working, tt.kind, tt.reason, tt.reasonEN)
		}
	}
	// Two working days from Tuesday 3/3 08:00: Thursday 5/3 08:00 on the
	// national calendar, Friday 6/3 08:00 for the agency, off on Wednesday.
	from := time.Date(2026, 3, 3, 8, 0, 0, 0, VN)
	l := Limit{Value: 2, Unit: WorkingDays}
	got, err := c.Due(from, l)
	if err != nil || !got.Equal(time.Date(2026, 3, 6, 8, 0, 0, 0, VN)) {
		t.Errorf("agency due = %v, %v; want 6/3 08:00", got.In(VN), err)
	}
	got, err = national.Due(from, l)
	if err != nil || !got.Equal(time.Date(2026, 3, 5, 8, 0, 0, 0, VN)) {
		t.Errorf("national due = %v, %v; want 5/3 08:00", got.In(VN), err)
	}
	if national.IsWorkingDay(date(t, "2026-03-04")) != true {
		t.Error("the national calendar lost 4/3")
	}
}

func TestAgencyDaysOffInvalid(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DaysOff = []DayOff{{Date: Date{Year: 2026, Month: 2, Day: 30}}}
	_, err := New(cfg)
	wantError(t, err, "ngày không hợp lệ: 30/02/2026")
	cfg.DaysOff = []DayOff{{Date: Date{Year: 2026, Month: 3, Day: 4}}, {Date: Date{Year: 2026, Month: 3, Day: 4}}}
	_, err = New(cfg)
	wantError(t, err, "ngày nghỉ riêng của cơ quan bị lặp: 04/03/2026")
}
