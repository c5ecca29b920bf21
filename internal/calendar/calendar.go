package calendar

import (
	"fmt"
	"sync/atomic"
	"time"
)

// Config configures a Calendar.
type Config struct {
	// OfficeHours of the agency; the zero value means DefaultOfficeHours.
	OfficeHours OfficeHours
	// Schedules are the official per-year tables, at most one per year; a
	// year without one is projected from the statutes. Start from
	// OfficialSchedules to include the tables shipped with congvu.
	Schedules []Schedule
	// CultureDay24Nov adds 24/11, Ngày Văn hóa Việt Nam, as a day off in every
	// year, official or projected. UNVERIFIED (NQ 80-NQ/TW, 2026), so off by
	// default. In projected years it is a holiday with Art. 111(3)
	// compensation; in official years a table entry for 24/11 wins.
	CultureDay24Nov bool
	// DaysOff are the agency's own days off on top of the national table
	// (see DayOff); empty for the national calendar.
	DaysOff []DayOff
}

// DefaultConfig returns the default office hours and the shipped official
// schedules, without the 24/11 day.
func DefaultConfig() Config {
	return Config{OfficeHours: DefaultOfficeHours(), Schedules: OfficialSchedules()}
}

// Calendar answers working-time questions for one agency. It is immutable
// and safe for concurrent use. Each year's working intervals are built on
// first use and published with an atomic pointer, so the hot path takes no
// lock.
type Calendar struct {
	seasonOf [13][32]uint8 // season index of each month/day
	periods  [][]Period    // per season, copied from the Config
	tables   map[int][]Entry
	culture  bool
	daysOff  map[int64]DayOff // the agency's own days off, by day number
	years    [numYears]atomic.Pointer[yearData]
}

// DayInfo describes one day: whether it is a working day, and why not.
type DayInfo struct {
	Date    Date
	Working bool
	// Kind is the table entry that decided the day, or 0 for an ordinary
	// weekday or weekend.
	Kind Kind
	// Reason says why a day is off ("Thứ Bảy", "Chủ nhật", "Tết Nguyên đán",
	// "nghỉ bù", ...) or, for a swapped Saturday, "làm bù"; it is empty for an
	// ordinary working day. Projected days end with " (dự kiến)".
	Reason string
	// ReasonEN is Reason in English; projected days end with " (projected)".
	ReasonEN string
	// Projected is true when the day comes from the statutory projection
	// rather than an official table.
	Projected bool
}

// yearData is one year's precomputed working time. Working intervals are
// Unix-nanosecond pairs [start[i], end[i]), in order; cumEnd[i] is the
// working time from 1 January to end[i].
type yearData struct {
	first              int64     // days from 1970-01-01 to 1 January
	info               []DayInfo // per day of the year
	dayIv              []int32   // the intervals of day k are dayIv[k] ≤ i < dayIv[k+1]
	start, end, cumEnd []int64
	total              int64 // working time in the year
}

// New validates cfg and returns a Calendar. Errors are *Error.
func New(cfg Config) (*Calendar, error) {
	h := cfg.OfficeHours
	if len(h.Seasons) == 0 {
		h = DefaultOfficeHours()
	}
	if err := h.Validate(); err != nil {
		return nil, err
	}
	if err := validateDaysOff(cfg.DaysOff); err != nil {
		return nil, err
	}
	c := &Calendar{tables: make(map[int][]Entry, len(cfg.Schedules)), culture: cfg.CultureDay24Nov}
	if len(cfg.DaysOff) > 0 {
		c.daysOff = make(map[int64]DayOff, len(cfg.DaysOff))
		for _, d := range cfg.DaysOff {
			c.daysOff[d.Date.days()] = d
		}
	}
	for i, s := range h.Seasons {
		c.periods = append(c.periods, append([]Period(nil), s.Periods...))
		for m := time.January; m <= time.December; m++ {
			for d := 1; d <= daysIn(2000, m); d++ {
				if s.contains(MonthDay{m, d}) {
					c.seasonOf[m][d] = uint8(i)
				}
			}
		}
	}
	for _, s := range cfg.Schedules {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		if _, dup := c.tables[s.Year]; dup {
			v := fmt.Sprint(s.Year)
			return nil, newError("schedule", v, "lịch nghỉ năm "+v+" bị khai báo hai lần", "holiday table "+v+" given twice")
		}
		c.tables[s.Year] = append([]Entry(nil), s.Entries...)
	}
	return c, nil
}

// Day describes the date d. Errors are *Error, for an invalid date or one
// outside MinYear–MaxYear.
func (c *Calendar) Day(d Date) (DayInfo, error) {
	if err := d.Validate(); err != nil {
		return DayInfo{}, err
	}
	yd := c.year(d.Year)
	return yd.info[d.days()-yd.first], nil
}

// IsWorkingDay reports whether d is a working day: Monday–Friday and not off,
// or a swapped working Saturday. It is false for an invalid date or one
// outside MinYear–MaxYear; use Day to tell those apart.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if d.Validate() != nil {
		return false
	}
	yd := c.year(d.Year)
	k := d.days() - yd.first
	return yd.dayIv[k+1] > yd.dayIv[k]
}

// year returns the data of year y, which must be in range, building it on
// first use. Two goroutines may race to build the same year; both results
// are equal and the first published wins.
func (c *Calendar) year(y int) *yearData {
	p := &c.years[y-MinYear]
	if yd := p.Load(); yd != nil {
		return yd
	}
	p.CompareAndSwap(nil, c.buildYear(y))
	return p.Load()
}

func (c *Calendar) buildYear(y int) *yearData {
	first := daysFromCivil(y, time.January, 1)
	n := 365
	if isLeap(y) {
		n = 366
	}
	entries, projected := c.tables[y], false
	if _, ok := c.tables[y]; ok {
		if c.culture {
			entries = append(append([]Entry(nil), entries...), entry(y, 11, 24, Holiday, nameCulture, enCulture))
		}
	} else {
		entries, projected = projectedEntries(y, c.culture), true
	}
	byDay := make(map[int64]Entry, len(entries))
	for _, e := range entries {
		if _, dup := byDay[e.Date.days()]; !dup { // the table's own 24/11 wins over the setting
			byDay[e.Date.days()] = e
		}
	}
	yd := &yearData{first: first, info: make([]DayInfo, n), dayIv: make([]int32, n+1)}
	capacity := n * 3 // periods a day, typically 2, so rarely grown
	yd.start, yd.end, yd.cumEnd = make([]int64, 0, capacity), make([]int64, 0, capacity), make([]int64, 0, capacity)
	for k := range n {
		day := first + int64(k)
		d := dateFromDays(day)
		di := DayInfo{Date: d, Working: true}
		switch weekdayOf(day) {
		case time.Saturday:
			di.Working, di.Reason, di.ReasonEN = false, "Thứ Bảy", "Saturday"
		case time.Sunday:
			di.Working, di.Reason, di.ReasonEN = false, "Chủ nhật", "Sunday"
		}
		if e, ok := byDay[day]; ok {
			di.Kind, di.Working = e.Kind, e.Kind == WorkingSaturday
			di.Reason, di.ReasonEN = e.Name, e.NameEN
			if di.Reason == "" {
				di.Reason = [...]string{Holiday: "ngày lễ", CompensatoryOff: nameCompOff, WorkingSaturday: nameWorkSat}[e.Kind]
			}
			if di.ReasonEN == "" {
				di.ReasonEN = [...]string{Holiday: "public holiday", CompensatoryOff: enCompOff, WorkingSaturday: enWorkSat}[e.Kind]
			}
			if projected {
				di.Reason += " (dự kiến)"
				di.ReasonEN += " (projected)"
				di.Projected = true
			}
		}
		if off, ok := c.daysOff[day]; ok {
			applyDayOff(&di, off)
		}
		yd.info[k] = di
		yd.dayIv[k] = int32(len(yd.start))
		if !di.Working {
			continue
		}
		midnight := day*nsPerDay - offsetNS
		for _, p := range c.periods[c.seasonOf[d.Month][d.Day]] {
			s, e := midnight+int64(p.Start)*int64(time.Minute), midnight+int64(p.End)*int64(time.Minute)
			yd.total += e - s
			yd.start = append(yd.start, s)
			yd.end = append(yd.end, e)
			yd.cumEnd = append(yd.cumEnd, yd.total)
		}
	}
	yd.dayIv[n] = int32(len(yd.start))
	return yd
}
