package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// WorkdayMinutes is the length of one working day: 8 hours [practice,
// DOMAIN.md §1.4], which is what lets a limit in working days be converted to
// working time. Every season of OfficeHours must add up to exactly this.
const WorkdayMinutes = 8 * 60

// WorkingDay is one working day as a duration of working time.
const WorkingDay = WorkdayMinutes * time.Minute

// MonthDay is a day of the year without a year, used to bound seasons.
type MonthDay struct {
	Month time.Month
	Day   int
}

// String formats m as "1/4" (day/month).
func (m MonthDay) String() string { return fmt.Sprintf("%d/%d", m.Day, int(m.Month)) }

func (m MonthDay) valid() bool {
	return m.Month >= 1 && m.Month <= 12 && m.Day >= 1 && m.Day <= daysIn(2000, m.Month) // 2000 is leap: allows 29/2
}

func (m MonthDay) key() int { return int(m.Month)*32 + m.Day }

// Period is one opening span of a day, in minutes since local midnight:
// [Start, End). 07:00–11:30 is Period{420, 690}.
type Period struct {
	Start, End int
}

// Clock returns the minute of the day of h:m, for building Periods.
func Clock(h, m int) int { return h*60 + m }

// String formats p as "07:00–11:30".
func (p Period) String() string {
	return fmt.Sprintf("%02d:%02d–%02d:%02d", p.Start/60, p.Start%60, p.End/60, p.End%60)
}

// Season is the office hours in force from From to To, both inclusive; a
// season may wrap the year end (From 1/10, To 31/3).
type Season struct {
	From, To MonthDay
	Periods  []Period
}

func (s Season) contains(m MonthDay) bool {
	if s.From.key() <= s.To.key() {
		return s.From.key() <= m.key() && m.key() <= s.To.key()
	}
	return m.key() >= s.From.key() || m.key() <= s.To.key()
}

// OfficeHours are an agency's opening hours (giờ làm việc), by season. The
// zero value means DefaultOfficeHours.
type OfficeHours struct {
	Seasons []Season
}

// DefaultOfficeHours returns one season all year, 07:00–11:30 and 13:30–17:00.
func DefaultOfficeHours() OfficeHours {
	return OfficeHours{Seasons: []Season{{
		From:    MonthDay{time.January, 1},
		To:      MonthDay{time.December, 31},
		Periods: []Period{{Clock(7, 0), Clock(11, 30)}, {Clock(13, 30), Clock(17, 0)}},
	}}}
}

// Validate checks that every season has valid bounds and periods that are
// ordered, non-overlapping, within 00:00–24:00 and total exactly 8 hours, and
// that the seasons cover every day of the year (29/2 included) exactly once.
func (h OfficeHours) Validate() error {
	if len(h.Seasons) == 0 {
		return nil // the default
	}
	bad := func(v, vi, en string) error {
		return newError("office_hours", v, "giờ làm việc không hợp lệ: "+vi, "invalid office hours: "+en)
	}
	for i, s := range h.Seasons {
		n := i + 1
		if !s.From.valid() || !s.To.valid() {
			v := s.From.String() + "–" + s.To.String()
			return bad(v, fmt.Sprintf("mùa %d có ngày giới hạn sai: %s", n, v), fmt.Sprintf("season %d has a bad bound: %s", n, v))
		}
		total, prev := 0, 0
		for _, p := range s.Periods {
			if p.Start < prev || p.Start >= p.End || p.End > 24*60 {
				return bad(p.String(),
					fmt.Sprintf("mùa %d: khoảng %s sai thứ tự, chồng lấn hoặc ngoài 00:00–24:00", n, p),
					fmt.Sprintf("season %d: period %s is out of order, overlapping or outside 00:00–24:00", n, p))
			}
			total += p.End - p.Start
			prev = p.End
		}
		if total != WorkdayMinutes {
			v := fmt.Sprint(total)
			return bad(v, fmt.Sprintf("mùa %d có tổng %d phút, phải đúng %d phút (8 giờ)", n, total, WorkdayMinutes),
				fmt.Sprintf("season %d totals %d minutes, must be exactly %d (8 hours)", n, total, WorkdayMinutes))
		}
	}
	for m := time.January; m <= time.December; m++ {
		for d := 1; d <= daysIn(2000, m); d++ {
			md := MonthDay{m, d}
			var in []string
			for i, s := range h.Seasons {
				if s.contains(md) {
					in = append(in, fmt.Sprint(i+1))
				}
			}
			if len(in) != 1 {
				v := md.String()
				return bad(v, fmt.Sprintf("ngày %s thuộc %d mùa (%s), phải đúng một", v, len(in), strings.Join(in, ", ")),
					fmt.Sprintf("day %s is in %d seasons (%s), must be in exactly one", v, len(in), strings.Join(in, ", ")))
			}
		}
	}
	return nil
}

// ParsePeriod parses "07:00-11:30" (a hyphen or an en dash, spaces around
// it allowed): each bound H:MM or HH:MM within 00:00–24:00. Nothing else is
// taken: no signs, no text after the period, no hours that would wrap
// around.
func ParsePeriod(s string) (Period, error) {
	bad := newError("office_hours", s, fmt.Sprintf("khoảng giờ không hợp lệ: %q", s), fmt.Sprintf("invalid period: %q", s))
	from, to, ok := strings.Cut(strings.ReplaceAll(strings.TrimSpace(s), "–", "-"), "-")
	if !ok {
		return Period{}, bad
	}
	start, ok1 := parseClock(strings.TrimSpace(from))
	end, ok2 := parseClock(strings.TrimSpace(to))
	if !ok1 || !ok2 {
		return Period{}, bad
	}
	return Period{start, end}, nil
}

// parseClock reads H:MM or HH:MM, 00:00–24:00, as the minute of the day.
func parseClock(s string) (int, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !allDigits(h) || !allDigits(m) {
		return 0, false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 24 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return Clock(hh, mm), true
}

// allDigits reports whether s is all ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
