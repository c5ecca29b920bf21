package calbench

import (
	"time"

	"congvu/internal/calendar"
)

// loop is the obvious implementation: walk day by day, and within each
// working day period by period, consuming the budget. It uses the engine's
// IsWorkingDay for the day predicate and the default office hours.
type loop struct {
	c       *calendar.Calendar
	periods []calendar.Period
}

func newLoop(c *calendar.Calendar) *loop {
	return &loop{c: c, periods: calendar.DefaultOfficeHours().Seasons[0].Periods}
}

// add returns the instant at which d (> 0) of working time from t is used up.
func (l *loop) add(t time.Time, d time.Duration) time.Time {
	for day := calendar.DateOf(t); ; day = day.AddDays(1) {
		if !l.c.IsWorkingDay(day) {
			continue
		}
		midnight := day.Time()
		for _, p := range l.periods {
			s := midnight.Add(time.Duration(p.Start) * time.Minute)
			e := midnight.Add(time.Duration(p.End) * time.Minute)
			if !t.Before(e) {
				continue
			}
			if t.After(s) {
				s = t
			}
			if rem := e.Sub(s); d <= rem {
				return s.Add(d).UTC()
			} else {
				d -= rem
			}
		}
	}
}

// between returns the working time in [a, b), for a ≤ b.
func (l *loop) between(a, b time.Time) time.Duration {
	var sum time.Duration
	for day := calendar.DateOf(a); !day.After(calendar.DateOf(b)); day = day.AddDays(1) {
		if !l.c.IsWorkingDay(day) {
			continue
		}
		midnight := day.Time()
		for _, p := range l.periods {
			s := midnight.Add(time.Duration(p.Start) * time.Minute)
			e := midnight.Add(time.Duration(p.End) * time.Minute)
			if s.Before(a) {
				s = a
			}
			if e.After(b) {
				e = b
			}
			if e.After(s) {
				sum += e.Sub(s)
			}
		}
	}
	return sum
}
