package calbench

import (
	"time"

	"congvu/internal/calendar"

	"github.com/rickar/cal/v2"
)

// rickarDay is a working day in the rickar calendar below.
const rickarDay = 10 * time.Hour

// newRickar configures github.com/rickar/cal/v2 as close to the engine as
// the library allows, for 2025–2026:
//
//   - every weekday off in the official tables (holidays and compensatory
//     days) is added as a one-year holiday (AddHoliday with StartYear =
//     EndYear), and the swapped working Saturdays are made workdays through
//     WorkdayFunc;
//   - the library has one span of work per day, so the day is 07:00–17:00
//     (SetWorkHours): the 11:30–13:30 lunch break counts as working time,
//     and a day is 10 hours, so N working days are N × 10 hours there against
//     N × 8 hours in the engine. Results agree on the day but not always on
//     the hour. WorkdayStartFunc/WorkdayEndFunc could vary the span by
//     season, but not split it.
//
// cached turns on the library's own holiday cache (Calendar.Cacheable),
// which is not safe for concurrent use.
func newRickar(c *calendar.Calendar, cached bool) *cal.BusinessCalendar {
	bc := cal.NewBusinessCalendar()
	bc.SetWorkHours(7*time.Hour, 17*time.Hour)
	bc.Cacheable = cached
	saturdays := map[calendar.Date]bool{}
	for d := (calendar.Date{Year: 2025, Month: 1, Day: 1}); d.Year <= 2026; d = d.AddDays(1) {
		info, err := c.Day(d)
		if err != nil {
			panic(err)
		}
		switch {
		case info.Kind == calendar.WorkingSaturday:
			saturdays[d] = true
		case !info.Working && info.Kind != 0:
			bc.AddHoliday(&cal.Holiday{
				Name: info.Reason, Type: cal.ObservancePublic,
				Month: d.Month, Day: d.Day, StartYear: d.Year, EndYear: d.Year,
				Func: cal.CalcDayOfMonth,
			})
		}
	}
	bc.WorkdayFunc = func(t time.Time) bool {
		switch t.Weekday() {
		case time.Saturday:
			return saturdays[calendar.DateOf(t)]
		case time.Sunday:
			return false
		}
		return true
	}
	return bc
}
