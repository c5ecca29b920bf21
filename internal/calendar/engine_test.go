package calendar

import (
	"math"
	"sync"
	"testing"
	"time"
)

// Mondays used below: 2026-01-05, 2026-03-02. 2026-01-10 is a worked Saturday.

func TestNextOpening(t *testing.T) {
	c := newCal(t, DefaultConfig())
	tests := []struct{ in, want string }{
		{"2026-03-02 10:00", "2026-03-02 10:00:00"},        // within hours: unchanged
		{"2026-03-02 07:00", "2026-03-02 07:00:00"},        // the opening itself
		{"2026-03-02 06:00", "2026-03-02 07:00:00"},        // before opening
		{"2026-03-02 11:29:59", "2026-03-02 11:29:59"},     //
		{"2026-03-02 11:30", "2026-03-02 13:30:00"},        // exactly at the lunch close
		{"2026-03-02 12:00", "2026-03-02 13:30:00"},        // lunch
		{"2026-03-02 16:59:59.5", "2026-03-02 16:59:59.5"}, //
		{"2026-03-02 17:00", "2026-03-03 07:00:00"},        // exactly at closing
		{"2026-03-02 17:30", "2026-03-03 07:00:00"},        // after closing
		{"2026-03-06 17:30", "2026-03-09 07:00:00"},        // Friday → Monday
		{"2026-01-09 17:30", "2026-01-10 07:00:00"},        // Friday → the worked Saturday
		{"2025-12-31 17:00", "2026-01-05 07:00:00"},        // 1/1, 2/1 off, then the weekend
		{"2026-02-13 17:00", "2026-02-23 07:00:00"},        // over Tết 2026
		{"2026-04-25 09:00", "2026-04-28 07:00:00"},        // Sat, Giỗ Tổ Sun, nghỉ bù Mon
		{"2199-12-30 18:00", "2199-12-31 07:00:00"},        // last day of the range (a Tuesday)
		{"1900-01-01 00:00", "1900-01-02 07:00:00"},        // 1/1/1900, a Monday, is a projected holiday
		{"2026-03-02 00:00:00.000000001", "2026-03-02 07:00:00"},
	}
	for _, tt := range tests {
		got, err := c.NextOpening(at(t, tt.in))
		if err != nil || fmtVN(got) != tt.want {
			t.Errorf("NextOpening(%s) = %s, %v; want %s", tt.in, fmtVN(got), err, tt.want)
		}
		if got.Location() != time.UTC {
			t.Errorf("NextOpening(%s) not in UTC", tt.in)
		}
	}
}

func TestAddWorking(t *testing.T) {
	c := newCal(t, DefaultConfig())
	h, m, s := time.Hour, time.Minute, time.Second
	tests := []struct {
		from string
		d    time.Duration
		want string
	}{
		{"2026-03-02 07:00", 4*h + 30*m, "2026-03-02 11:30:00"}, // a budget ending at the lunch close
		{"2026-03-02 07:00", 4*h + 31*m, "2026-03-02 13:31:00"},
		{"2026-03-02 07:00", 8 * h, "2026-03-02 17:00:00"}, // ending at closing: due at 17:00
		{"2026-03-02 13:30", 3*h + 30*m, "2026-03-02 17:00:00"},
		{"2026-03-02 16:00", 1*h + 1*m, "2026-03-03 07:01:00"},
		{"2026-03-02 11:00", 30 * m, "2026-03-02 11:30:00"},
		{"2026-03-02 17:30", 1 * h, "2026-03-03 08:00:00"}, // received after closing
		{"2026-03-02 12:00", 1 * h, "2026-03-02 14:30:00"}, // received at lunch
		{"2026-03-02 06:00", 1 * h, "2026-03-02 08:00:00"}, // received before opening
		{"2026-03-02 11:30", 1 * h, "2026-03-02 14:30:00"}, // received exactly at 11:30
		{"2026-03-02 17:00", 1 * h, "2026-03-03 08:00:00"}, // received exactly at 17:00
		{"2026-03-02 12:00", 0, "2026-03-02 13:30:00"},     // zero: the next opening
		{"2026-03-02 17:00", 0, "2026-03-03 07:00:00"},
		{"2026-03-02 16:59:59", 1 * s, "2026-03-02 17:00:00"},
		{"2026-03-02 11:29:30", 1 * m, "2026-03-02 13:30:30"},
		{"2026-03-02 07:00:00.5", 8 * h, "2026-03-03 07:00:00.5"},
		{"2026-03-02 07:00", 40 * h, "2026-03-06 17:00:00"},      // a working week
		{"2026-02-13 15:00", 8 * h, "2026-02-23 15:00:00"},       // over Tết 2026
		{"2025-12-31 16:00", 2 * h, "2026-01-05 08:00:00"},       // over the year end
		{"2026-01-09 16:00", 2 * h, "2026-01-10 08:00:00"},       // into the worked Saturday
		{"2026-08-28 16:00", 9 * h, "2026-09-03 17:00:00"},       // Fri 1h, then Quốc khánh break (29/8–2/9), Thu 8h
		{"2026-03-02 07:00", 250 * 8 * h, "2027-03-01 17:00:00"}, // 250 working days to 1/3/2027 inclusive
	}
	for _, tt := range tests {
		got, err := c.AddWorking(at(t, tt.from), tt.d)
		if err != nil || fmtVN(got) != tt.want {
			t.Errorf("AddWorking(%s, %v) = %s, %v; want %s", tt.from, tt.d, fmtVN(got), err, tt.want)
			continue
		}
		// Between undoes AddWorking from the opening on.
		open, _ := c.NextOpening(at(t, tt.from))
		if b, err := c.Between(open, got); err != nil || b != tt.d {
			t.Errorf("Between(%s, %s) = %v, %v; want %v", fmtVN(open), fmtVN(got), b, err, tt.d)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := newCal(t, DefaultConfig())
	tests := []struct {
		from string
		days float64
		want string
	}{
		{"2026-03-02 07:00", 0.5, "2026-03-02 11:00:00"},
		{"2026-03-02 07:00", 1, "2026-03-02 17:00:00"}, // a day is exactly 8 hours
		{"2026-03-02 17:00", 1, "2026-03-03 17:00:00"},
		{"2026-03-02 10:00", 1, "2026-03-03 10:00:00"},
		{"2026-03-02 07:00", 0.1, "2026-03-02 07:48:00"},
		{"2026-03-02 07:00", 5, "2026-03-06 17:00:00"},
		{"2026-02-12 07:00", 3, "2026-02-23 17:00:00"}, // Thu, Fri, then Tết: Mon 23/2
		{"2026-03-02 07:00", 0, "2026-03-02 07:00:00"},
	}
	for _, tt := range tests {
		got, err := c.AddWorkingDays(at(t, tt.from), tt.days)
		if err != nil || fmtVN(got) != tt.want {
			t.Errorf("AddWorkingDays(%s, %v) = %s, %v; want %s", tt.from, tt.days, fmtVN(got), err, tt.want)
		}
	}
}

func TestBetween(t *testing.T) {
	c := newCal(t, DefaultConfig())
	h, m := time.Hour, time.Minute
	tests := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-03-02 07:00", "2026-03-02 17:00", 8 * h},
		{"2026-03-02 12:00", "2026-03-02 14:00", 30 * m},
		{"2026-03-02 14:00", "2026-03-02 12:00", -30 * m},
		{"2026-03-02 11:29:59.5", "2026-03-02 13:30:00.5", time.Second},
		{"2026-03-02 18:00", "2026-03-03 06:00", 0},
		{"2026-02-13 07:00", "2026-02-23 07:00", 8 * h}, // Tết
		{"2025-12-31 07:00", "2026-01-05 17:00", 16 * h},
		{"2026-01-09 07:00", "2026-01-12 07:00", 16 * h},                    // with the worked Saturday
		{"2024-01-01 00:00", "2027-01-01 00:00", (251 + 250 + 250) * 8 * h}, // 2024 projected: 262 weekdays − 11; 2025: 261 − 12 + 1 Saturday; 2026: 261 − 13 + 2
	}
	for _, tt := range tests {
		got, err := c.Between(at(t, tt.a), at(t, tt.b))
		if err != nil || got != tt.want {
			t.Errorf("Between(%s, %s) = %v, %v; want %v", tt.a, tt.b, got, err, tt.want)
		}
	}
}

func TestDue(t *testing.T) {
	c := newCal(t, DefaultConfig())
	wd := func(v float64, after bool) Limit { return Limit{Value: v, Unit: WorkingDays, After15h: after} }
	cd := func(v float64, after bool) Limit { return Limit{Value: v, Unit: CalendarDays, After15h: after} }
	tests := []struct {
		received string
		limit    Limit
		want     string
	}{
		{"2026-03-02 15:00", wd(1, true), "2026-03-03 15:00:00"},    // 15:00:00 is not after 15:00
		{"2026-03-02 15:00:01", wd(1, true), "2026-03-03 17:00:00"}, // after: from Tuesday's opening
		{"2026-03-02 15:00:01", wd(1, false), "2026-03-03 15:00:01"},
		{"2026-03-06 16:00", wd(1, true), "2026-03-09 17:00:00"},     // Friday after 15:00 → Monday
		{"2026-01-09 16:00", wd(0.5, true), "2026-01-10 11:00:00"},   // → the worked Saturday
		{"2026-03-07 16:00", wd(1, true), "2026-03-09 17:00:00"},     // Saturday: same as the opening
		{"2026-02-13 16:00", wd(2, true), "2026-02-24 17:00:00"},     // over Tết 2026
		{"2026-03-02 07:00", wd(0.5, false), "2026-03-02 11:00:00"},  //
		{"2026-03-02 09:00", wd(15, false), "2026-03-23 09:00:00"},   //
		{"2026-04-22 10:00", cd(4, false), "2026-04-28 17:00:00"},    // ends Sun 26/4 (Giỗ Tổ), 27/4 nghỉ bù
		{"2026-03-04 10:00", cd(3, false), "2026-03-09 17:00:00"},    // ends on a Saturday
		{"2026-03-05 10:00", cd(3, false), "2026-03-09 17:00:00"},    // ends on a Sunday
		{"2026-03-02 10:00", cd(3, false), "2026-03-05 17:00:00"},    // ends on a working day
		{"2026-01-05 10:00", cd(5, false), "2026-01-10 17:00:00"},    // ends on the worked Saturday
		{"2026-02-09 10:00", cd(10, false), "2026-02-23 17:00:00"},   // ends in Tết
		{"2026-03-02 22:00", cd(1, false), "2026-03-03 17:00:00"},    // after hours: the date counts
		{"2026-03-02 16:00", cd(1, true), "2026-03-04 17:00:00"},     // after 15:00: deemed received Tuesday
		{"2026-03-06 16:00", cd(1, true), "2026-03-10 17:00:00"},     // Friday → deemed received Monday
		{"2026-12-28 10:00", cd(30, false), "2027-01-27 17:00:00"},   // into a projected year
		{"2026-03-01 23:30", cd(1, false), "2026-03-02 17:00:00"},    //
		{"2026-03-01 16:59:59", cd(1, false), "2026-03-02 17:00:00"}, // (UTC 09:59:59)
	}
	for _, tt := range tests {
		got, err := c.Due(at(t, tt.received), tt.limit)
		if err != nil || fmtVN(got) != tt.want {
			t.Errorf("Due(%s, %+v) = %s, %v; want %s", tt.received, tt.limit, fmtVN(got), err, tt.want)
		}
	}
}

func TestEngineErrors(t *testing.T) {
	c := newCal(t, DefaultConfig())
	mon := at(t, "2026-03-02 07:00")
	_, err := c.AddWorking(mon, -time.Minute)
	wantError(t, err, "thời hạn âm: -0h1m")
	_, err = c.AddWorkingDays(mon, -1)
	wantError(t, err, "thời hạn âm: -1")
	_, err = c.AddWorking(time.Date(2300, 1, 1, 0, 0, 0, 0, VN), time.Hour)
	wantError(t, err, "năm 2300 nằm ngoài phạm vi 1900–2199")
	_, err = c.NextOpening(time.Date(1899, 12, 31, 23, 59, 0, 0, VN))
	wantError(t, err, "năm 1899 nằm ngoài phạm vi 1900–2199")
	_, err = c.AddWorking(at(t, "2199-12-31 16:00"), 2*time.Hour)
	wantError(t, err, "năm 2200 nằm ngoài phạm vi 1900–2199")
	_, err = c.Between(mon, time.Date(2200, 1, 1, 0, 0, 0, 0, VN))
	wantError(t, err, "năm 2200 nằm ngoài phạm vi 1900–2199")
	for _, v := range []float64{math.NaN(), math.Inf(1), 1e15} {
		if _, err := c.AddWorkingDays(mon, v); err == nil {
			t.Errorf("AddWorkingDays(%v) accepted", v)
		}
		if _, err := c.Due(mon, Limit{Value: v, Unit: WorkingDays}); err == nil {
			t.Errorf("Due(%v) accepted", v)
		}
	}
	_, err = c.AddWorking(mon, 1<<62)
	if err == nil {
		t.Error("huge duration accepted")
	}
	for _, tt := range []struct {
		l    Limit
		want string
	}{
		{Limit{Value: -1, Unit: WorkingDays}, "thời hạn âm: -1"},
		{Limit{Value: 0, Unit: CalendarDays}, "thời hạn không hợp lệ: 0"},
		{Limit{Value: 1.5, Unit: CalendarDays}, "thời hạn theo ngày lịch phải là số nguyên: 1.5"},
		{Limit{Value: 1}, "đơn vị thời hạn không hợp lệ: 0"},
	} {
		_, err := c.Due(mon, tt.l)
		wantError(t, err, tt.want)
	}
	_, err = c.Due(at(t, "2199-12-20 10:00"), Limit{Value: 30, Unit: CalendarDays})
	wantError(t, err, "năm 2200 nằm ngoài phạm vi 1900–2199")
	_, err = c.Due(at(t, "2199-12-31 16:00"), Limit{Value: 1, Unit: WorkingDays, After15h: true})
	wantError(t, err, "năm 2200 nằm ngoài phạm vi 1900–2199")
}

// The Calendar is used from many goroutines at once, years being built
// lazily as they are first touched; run with -race.
func TestConcurrent(t *testing.T) {
	c := newCal(t, DefaultConfig())
	want, _ := newCal(t, DefaultConfig()).AddWorkingDays(at(t, "2031-06-02 07:00"), 30)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.AddWorkingDays(at(t, "2031-06-02 07:00"), 30)
			if err != nil || !got.Equal(want) {
				t.Errorf("concurrent result %v, %v", got, err)
			}
		}()
	}
	wg.Wait()
}
