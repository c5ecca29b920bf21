package calendar

import "testing"

func TestOfficeHoursValidate(t *testing.T) {
	day := []Period{{Clock(7, 0), Clock(11, 30)}, {Clock(13, 30), Clock(17, 0)}}
	all := func(p ...Period) OfficeHours {
		return OfficeHours{Seasons: []Season{{MonthDay{1, 1}, MonthDay{12, 31}, p}}}
	}
	tests := []struct {
		name string
		h    OfficeHours
		want string // "" = valid
	}{
		{"default", DefaultOfficeHours(), ""},
		{"zero means default", OfficeHours{}, ""},
		{"one span", all(Period{Clock(8, 0), Clock(16, 0)}), ""},
		{"until midnight", all(Period{Clock(16, 0), Clock(24, 0)}), ""},
		{"touching", all(Period{Clock(7, 0), Clock(12, 0)}, Period{Clock(12, 0), Clock(15, 0)}), ""},
		{"wrapping seasons", OfficeHours{Seasons: []Season{
			{MonthDay{4, 1}, MonthDay{9, 30}, day},
			{MonthDay{10, 1}, MonthDay{3, 31}, []Period{{Clock(7, 30), Clock(11, 30)}, {Clock(13, 0), Clock(17, 0)}}},
		}}, ""},
		{"7h30", all(Period{Clock(7, 0), Clock(11, 0)}, Period{Clock(13, 30), Clock(17, 0)}),
			"giờ làm việc không hợp lệ: mùa 1 có tổng 450 phút, phải đúng 480 phút (8 giờ)"},
		{"overlap", all(Period{Clock(7, 0), Clock(12, 0)}, Period{Clock(11, 0), Clock(15, 0)}),
			"giờ làm việc không hợp lệ: mùa 1: khoảng 11:00–15:00 sai thứ tự, chồng lấn hoặc ngoài 00:00–24:00"},
		{"order", all(Period{Clock(13, 30), Clock(17, 0)}, Period{Clock(7, 0), Clock(11, 30)}),
			"giờ làm việc không hợp lệ: mùa 1: khoảng 07:00–11:30 sai thứ tự, chồng lấn hoặc ngoài 00:00–24:00"},
		{"empty period", all(Period{Clock(7, 0), Clock(7, 0)}, Period{Clock(8, 0), Clock(16, 0)}),
			"giờ làm việc không hợp lệ: mùa 1: khoảng 07:00–07:00 sai thứ tự, chồng lấn hoặc ngoài 00:00–24:00"},
		{"past midnight", all(Period{Clock(17, 0), Clock(25, 0)}),
			"giờ làm việc không hợp lệ: mùa 1: khoảng 17:00–25:00 sai thứ tự, chồng lấn hoặc ngoài 00:00–24:00"},
		{"negative", all(Period{-60, Clock(7, 0)}),
			"giờ làm việc không hợp lệ: mùa 1: khoảng -1:00–07:00 sai thứ tự, chồng lấn hoặc ngoài 00:00–24:00"},
		{"gap", OfficeHours{Seasons: []Season{{MonthDay{1, 1}, MonthDay{6, 30}, day}, {MonthDay{7, 2}, MonthDay{12, 31}, day}}},
			"giờ làm việc không hợp lệ: ngày 1/7 thuộc 0 mùa (), phải đúng một"},
		{"overlapping seasons", OfficeHours{Seasons: []Season{{MonthDay{1, 1}, MonthDay{6, 30}, day}, {MonthDay{6, 30}, MonthDay{12, 31}, day}}},
			"giờ làm việc không hợp lệ: ngày 30/6 thuộc 2 mùa (1, 2), phải đúng một"},
		{"no 29/2", OfficeHours{Seasons: []Season{{MonthDay{1, 1}, MonthDay{2, 28}, day}, {MonthDay{3, 1}, MonthDay{12, 31}, day}}},
			"giờ làm việc không hợp lệ: ngày 29/2 thuộc 0 mùa (), phải đúng một"},
		{"bad bound", OfficeHours{Seasons: []Season{{MonthDay{2, 30}, MonthDay{12, 31}, day}}},
			"giờ làm việc không hợp lệ: mùa 1 có ngày giới hạn sai: 30/2–31/12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.h.Validate()
			_, errNew := New(Config{OfficeHours: tt.h})
			if tt.want == "" {
				if err != nil || errNew != nil {
					t.Fatalf("Validate() = %v, New: %v", err, errNew)
				}
				return
			}
			wantError(t, err, tt.want)
			wantError(t, errNew, tt.want)
		})
	}
}

func TestParsePeriod(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Period
		ok   bool
	}{
		{"07:00-11:30", Period{420, 690}, true},
		{"13:30–17:00", Period{810, 1020}, true},
		{"7h-11h", Period{}, false},
		{"07:60-08:00", Period{}, false},
		{" 7:00 - 11:30 ", Period{420, 690}, true},
		{"00:00-24:00", Period{0, 1440}, true},
		// Found by FuzzParsePeriod: fmt.Sscanf ignored what followed the
		// last number, took signs and spaces inside a time, and let huge
		// hours wrap around to a time of day.
		{"07:00-11:30x", Period{}, false},
		{"07:00-11:30-12:00", Period{}, false},
		{"+7:00-11:30", Period{}, false},
		{"07: 00-11:30", Period{}, false},
		{"4611686018427387904:00-08:00", Period{}, false},
		{"25:00-26:00", Period{}, false},
		{"24:30-24:40", Period{}, false},
		{"007:00-11:30", Period{}, false},
		{"7:5-11:30", Period{}, false},
	} {
		got, err := ParsePeriod(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// Seasons change the hours on their first day, wrapping the year end.
func TestSeasons(t *testing.T) {
	winter := []Period{{Clock(7, 30), Clock(11, 30)}, {Clock(13, 0), Clock(17, 0)}}
	c := newCal(t, Config{OfficeHours: OfficeHours{Seasons: []Season{
		{MonthDay{4, 1}, MonthDay{9, 30}, DefaultOfficeHours().Seasons[0].Periods},
		{MonthDay{10, 1}, MonthDay{3, 31}, winter},
	}}})
	tests := []struct{ from, want string }{
		{"2026-09-30 06:00", "2026-09-30 07:00:00"}, // summer
		{"2026-10-01 06:00", "2026-10-01 07:30:00"}, // winter
		{"2026-10-01 12:00", "2026-10-01 13:00:00"},
		{"2027-01-04 06:00", "2027-01-04 07:30:00"}, // still winter after the year end
		{"2027-03-31 17:30", "2027-04-01 07:00:00"}, // summer again
	}
	for _, tt := range tests {
		got, err := c.NextOpening(at(t, tt.from))
		if err != nil || fmtVN(got) != tt.want {
			t.Errorf("NextOpening(%s) = %s, %v; want %s", tt.from, fmtVN(got), err, tt.want)
		}
	}
	// A winter day is still 8 hours.
	got, _ := c.AddWorkingDays(at(t, "2026-10-05 07:30"), 1)
	if fmtVN(got) != "2026-10-05 17:00:00" {
		t.Errorf("winter day = %s", fmtVN(got))
	}
}
