package calendar

import "testing"

// dayCase is one expected day: whether it is working and, if given, its reason.
type dayCase struct {
	date    string
	working bool
	reason  string
}

func checkDays(t *testing.T, c *Calendar, cases []dayCase) {
	t.Helper()
	for _, tt := range cases {
		d := date(t, tt.date)
		info, err := c.Day(d)
		if err != nil {
			t.Fatalf("Day(%s): %v", tt.date, err)
		}
		if info.Working != tt.working || (tt.reason != "" && info.Reason != tt.reason) || c.IsWorkingDay(d) != tt.working {
			t.Errorf("%s (%s): working=%v reason=%q; want working=%v reason=%q",
				tt.date, d.Weekday(), info.Working, info.Reason, tt.working, tt.reason)
		}
		if !info.Working && (info.Reason == "" || info.ReasonEN == "") {
			t.Errorf("%s: a day off without a reason: %+v", tt.date, info)
		}
	}
}

func TestOfficial2025(t *testing.T) {
	checkDays(t, newCal(t, DefaultConfig()), []dayCase{
		{"2025-01-01", false, "Tết Dương lịch"},
		{"2025-01-02", true, ""},
		{"2025-01-25", false, "Thứ Bảy"},
		{"2025-01-26", false, "Chủ nhật"},
		{"2025-01-27", false, "Tết Nguyên đán"},
		{"2025-01-31", false, "Tết Nguyên đán"},
		{"2025-02-03", true, ""},
		{"2025-04-07", false, "Giỗ Tổ Hùng Vương"},
		{"2025-04-26", true, "làm bù"},
		{"2025-04-30", false, "Ngày Chiến thắng"},
		{"2025-05-01", false, "Ngày Quốc tế Lao động"},
		{"2025-05-02", false, "nghỉ bù"},
		{"2025-05-05", true, ""},
		{"2025-09-01", false, "Quốc khánh"},
		{"2025-09-02", false, "Quốc khánh"},
		{"2025-09-03", true, ""},
		{"2025-11-24", true, ""}, // the 24/11 setting is off
	})
}

func TestOfficial2026(t *testing.T) {
	checkDays(t, newCal(t, DefaultConfig()), []dayCase{
		{"2026-01-01", false, "Tết Dương lịch"},
		{"2026-01-02", false, "nghỉ bù"},
		{"2026-01-10", true, "làm bù"},
		{"2026-01-17", false, "Thứ Bảy"},
		{"2026-02-13", true, ""},
		{"2026-02-16", false, "Tết Nguyên đán"},
		{"2026-02-17", false, "Tết Nguyên đán"},
		{"2026-02-18", false, "Tết Nguyên đán"},
		{"2026-02-19", false, "Tết Nguyên đán"},
		{"2026-02-20", false, "Tết Nguyên đán"},
		{"2026-02-23", true, ""},
		{"2026-04-26", false, "Giỗ Tổ Hùng Vương"},
		{"2026-04-27", false, "nghỉ bù"},
		{"2026-04-30", false, "Ngày Chiến thắng"},
		{"2026-05-01", false, "Ngày Quốc tế Lao động"},
		{"2026-08-22", true, "làm bù"},
		{"2026-08-31", false, "nghỉ bù"},
		{"2026-09-01", false, "Quốc khánh"},
		{"2026-09-02", false, "Quốc khánh"},
		{"2026-09-03", true, ""},
	})
}

// In 2027 no table is shipped, so the year is projected. Tết (lunar 1/1) is
// Saturday 6/2: the five days are Fri 5/2–Tue 9/2, and the Saturday and
// Sunday among them give Wed 10/2 and Thu 11/2 off (Art. 111(3)).
func TestProjected2027(t *testing.T) {
	c := newCal(t, DefaultConfig())
	checkDays(t, c, []dayCase{
		{"2027-01-01", false, "Tết Dương lịch (dự kiến)"},
		{"2027-02-04", true, ""},
		{"2027-02-05", false, "Tết Nguyên đán (dự kiến)"},
		{"2027-02-06", false, "Tết Nguyên đán (dự kiến)"},
		{"2027-02-07", false, "Tết Nguyên đán (dự kiến)"},
		{"2027-02-08", false, "Tết Nguyên đán (dự kiến)"},
		{"2027-02-09", false, "Tết Nguyên đán (dự kiến)"},
		{"2027-02-10", false, "nghỉ bù (dự kiến)"},
		{"2027-02-11", false, "nghỉ bù (dự kiến)"},
		{"2027-02-12", true, ""},
		{"2027-02-13", false, "Thứ Bảy"},
		{"2027-04-16", false, "Giỗ Tổ Hùng Vương (dự kiến)"},
		{"2027-04-30", false, "Ngày Chiến thắng (dự kiến)"},
		{"2027-05-01", false, "Ngày Quốc tế Lao động (dự kiến)"}, // a Saturday
		{"2027-05-03", false, "nghỉ bù (dự kiến)"},
		{"2027-05-04", true, ""},
		{"2027-09-01", false, "Quốc khánh (dự kiến)"},
		{"2027-09-02", false, "Quốc khánh (dự kiến)"},
		{"2027-09-03", true, ""},
	})
	info, _ := c.Day(date(t, "2027-02-10"))
	if !info.Projected || info.Kind != CompensatoryOff || info.ReasonEN != "compensatory day off (projected)" {
		t.Errorf("2027-02-10: %+v", info)
	}
	// Without the tables, 2026 is projected too, and the projection happens to
	// agree with the official Tết (last day of the year + lunar 1/1–4/1).
	bare := newCal(t, Config{})
	checkDays(t, bare, []dayCase{
		{"2026-02-16", false, "Tết Nguyên đán (dự kiến)"},
		{"2026-02-20", false, "Tết Nguyên đán (dự kiến)"},
		{"2026-04-27", false, "nghỉ bù (dự kiến)"},
		{"2026-01-02", true, ""},  // the official swap is not a statute
		{"2026-08-31", true, ""},  // ditto
		{"2026-01-10", false, ""}, // a plain Saturday
	})
}

// Every projected year has exactly the 11 statutory days of Art. 112 and one
// compensation day for each of them falling on a weekend.
func TestProjectedCounts(t *testing.T) {
	for y := MinYear; y <= MaxYear; y++ {
		es := projectedEntries(y, false)
		hol, comp, weekend := 0, 0, 0
		seen := map[Date]bool{}
		for _, e := range es {
			if seen[e.Date] {
				t.Fatalf("%d: %s twice", y, e.Date)
			}
			seen[e.Date] = true
			if e.Date.Year != y {
				t.Fatalf("%d: entry %s outside the year", y, e.Date)
			}
			switch e.Kind {
			case Holiday:
				hol++
				if isWeekend(e.Date.Weekday()) {
					weekend++
				}
			case CompensatoryOff:
				comp++
				if isWeekend(e.Date.Weekday()) {
					t.Fatalf("%d: compensation on a weekend %s", y, e.Date)
				}
			}
		}
		if y == 1947 {
			hol++ // Giỗ Tổ fell on 30/4: one entry, one more compensation
			weekend++
		}
		if hol != 11 || comp != weekend {
			t.Fatalf("%d: %d holidays, %d compensations for %d weekend holidays", y, hol, comp, weekend)
		}
	}
}

func TestCultureDay(t *testing.T) {
	on := DefaultConfig()
	on.CultureDay24Nov = true
	cOn, cOff := newCal(t, on), newCal(t, DefaultConfig())
	checkDays(t, cOn, []dayCase{
		{"2026-11-24", false, "Ngày Văn hóa Việt Nam"},           // official year, a Tuesday
		{"2027-11-24", false, "Ngày Văn hóa Việt Nam (dự kiến)"}, // projected, a Wednesday
		{"2029-11-24", false, "Ngày Văn hóa Việt Nam (dự kiến)"}, // projected, a Saturday…
		{"2029-11-26", false, "nghỉ bù (dự kiến)"},               // …so Monday is off
	})
	checkDays(t, cOff, []dayCase{
		{"2026-11-24", true, ""},
		{"2027-11-24", true, ""},
		{"2029-11-26", true, ""},
	})
}

func TestScheduleValidate(t *testing.T) {
	ok := Entry{Date: Date{2026, 1, 1}, Kind: Holiday, Name: "Tết Dương lịch"}
	tests := []struct {
		name string
		s    Schedule
		want string
	}{
		{"other year", Schedule{Year: 2027, Entries: []Entry{ok}},
			"lịch nghỉ năm 2027: ngày không thuộc năm của bảng: 01/01/2026"},
		{"working Friday", Schedule{Year: 2026, Entries: []Entry{{Date: Date{2026, 1, 9}, Kind: WorkingSaturday}}},
			"lịch nghỉ năm 2026: ngày làm bù phải là Thứ Bảy: 09/01/2026"},
		{"compensation on Sunday", Schedule{Year: 2026, Entries: []Entry{{Date: Date{2026, 1, 4}, Kind: CompensatoryOff}}},
			"lịch nghỉ năm 2026: ngày nghỉ bù phải là ngày từ Thứ Hai đến Thứ Sáu: 04/01/2026"},
		{"duplicate", Schedule{Year: 2026, Entries: []Entry{ok, ok}},
			"lịch nghỉ năm 2026: ngày bị lặp: 01/01/2026"},
		{"no kind", Schedule{Year: 2026, Entries: []Entry{{Date: Date{2026, 1, 1}}}},
			"lịch nghỉ năm 2026: loại ngày không hợp lệ (0): 01/01/2026"},
		{"bad date", Schedule{Year: 2026, Entries: []Entry{{Date: Date{2026, 2, 30}, Kind: Holiday}}},
			"ngày không hợp lệ: 30/02/2026"},
		{"year", Schedule{Year: 2300}, "năm 2300 nằm ngoài phạm vi 1900–2199"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, tt.s.Validate(), tt.want)
			_, err := New(Config{Schedules: []Schedule{tt.s}})
			wantError(t, err, tt.want)
		})
	}
	for _, s := range OfficialSchedules() {
		if err := s.Validate(); err != nil {
			t.Errorf("official %d: %v", s.Year, err)
		}
	}
	_, err := New(Config{Schedules: append(OfficialSchedules(), Schedule{Year: 2026})})
	wantError(t, err, "lịch nghỉ năm 2026 bị khai báo hai lần")
}

func TestKind(t *testing.T) {
	for _, k := range []Kind{Holiday, CompensatoryOff, WorkingSaturday} {
		if got, err := ParseKind(k.String()); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, got, err)
		}
	}
	_, err := ParseKind("lễ")
	wantError(t, err, `loại ngày không hợp lệ: "lễ"`)
	if Kind(9).String() != "Kind(9)" {
		t.Error("Kind(9)")
	}
}

// An edited table is authoritative for its year: a holiday the statutes
// would not give, and a Saturday worked, both take effect.
func TestCustomTable(t *testing.T) {
	c := newCal(t, Config{Schedules: []Schedule{{Year: 2030, Entries: []Entry{
		{Date: Date{2030, 3, 8}, Kind: Holiday, Name: "nghỉ đặc biệt", NameEN: "special day off"},
		{Date: Date{2030, 3, 9}, Kind: WorkingSaturday},
		{Date: Date{2030, 3, 11}, Kind: CompensatoryOff},
	}}}})
	checkDays(t, c, []dayCase{
		{"2030-03-08", false, "nghỉ đặc biệt"},
		{"2030-03-09", true, "làm bù"},
		{"2030-03-11", false, "nghỉ bù"},
		{"2030-02-04", true, ""}, // Tết week is not in this table: authoritative means working
		{"2030-01-01", true, ""},
	})
	if _, err := c.Day(Date{2200, 1, 1}); err == nil || c.IsWorkingDay(Date{2200, 1, 1}) || c.IsWorkingDay(Date{2026, 2, 30}) {
		t.Error("out-of-range days must fail")
	}
}
