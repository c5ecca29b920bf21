package calendar

import (
	"testing"
	"time"
)

// TestWorkingTimeWords: the words the API and the CLI print beside a
// working time, in both languages, instead of "40h0m".
func TestWorkingTimeWords(t *testing.T) {
	for _, tc := range []struct {
		d                   time.Duration
		days, hours, daysEN string
		hoursEN             string
		decimal             float64
	}{
		{40 * time.Hour, "5 ngày làm việc", "40 giờ làm việc", "5 working days", "40 hours of working time", 40},
		{8 * time.Hour, "1 ngày làm việc", "8 giờ làm việc", "1 working day", "8 hours of working time", 8},
		{13*time.Hour + 20*time.Minute, "1 ngày 5 giờ 20 phút làm việc", "13 giờ 20 phút làm việc", "1 day 5 hours 20 minutes of working time", "13 hours 20 minutes of working time", 13.33},
		{time.Hour + time.Minute, "1 giờ 1 phút làm việc", "1 giờ 1 phút làm việc", "1 hour 1 minute of working time", "1 hour 1 minute of working time", 1.02},
		{0, "0 phút làm việc", "0 phút làm việc", "0 minutes of working time", "0 minutes of working time", 0},
		{-2*time.Hour - 5*time.Minute, "-2 giờ 5 phút làm việc", "-2 giờ 5 phút làm việc", "-2 hours 5 minutes of working time", "-2 hours 5 minutes of working time", -2.08},
		{-20 * time.Second, "0 phút làm việc", "0 phút làm việc", "0 minutes of working time", "0 minutes of working time", -0.01},
	} {
		if got := WorkingTimeText("vi", tc.d); got != tc.days {
			t.Errorf("WorkingTimeText(vi, %v) = %q, want %q", tc.d, got, tc.days)
		}
		if got := WorkingHoursText("vi", tc.d); got != tc.hours {
			t.Errorf("WorkingHoursText(vi, %v) = %q, want %q", tc.d, got, tc.hours)
		}
		if got := WorkingTimeText("en", tc.d); got != tc.daysEN {
			t.Errorf("WorkingTimeText(en, %v) = %q, want %q", tc.d, got, tc.daysEN)
		}
		if got := WorkingHoursText("en", tc.d); got != tc.hoursEN {
			t.Errorf("WorkingHoursText(en, %v) = %q, want %q", tc.d, got, tc.hoursEN)
		}
		if got := Hours(tc.d); got != tc.decimal {
			t.Errorf("Hours(%v) = %v, want %v", tc.d, got, tc.decimal)
		}
	}
}
