package calendar

import (
	"flag"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// The oracle checks the engine against the definition, by brute force: it
// walks minute by minute and asks, for each minute, whether its day is a
// working day (Calendar.IsWorkingDay, tested on its own above) and whether
// the minute lies in one of that day's periods (straight from OfficeHours).
// It shares none of the engine's interval tables, cumulative sums or
// searches.

var oracleCases = flag.Int("calendar.oracle", 10000,
	"number of random cases checked against the brute-force oracle (env CONGVU_ORACLE_CASES overrides)")

func numOracleCases(t *testing.T) int {
	if s := os.Getenv("CONGVU_ORACLE_CASES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CONGVU_ORACLE_CASES=%q: %v", s, err)
		}
		return n
	}
	return *oracleCases
}

type oracle struct {
	c       *Calendar
	h       OfficeHours
	day     int64 // the local day cached below
	working bool
	periods []Period
}

func newOracle(c *Calendar, h OfficeHours) *oracle { return &oracle{c: c, h: h, day: -1 << 62} }

// workingMinute reports whether the minute starting at Unix minute m is
// working time.
func (o *oracle) workingMinute(m int64) bool {
	local := m + 7*60
	day := local / 1440
	if local < 0 && local%1440 != 0 {
		day--
	}
	if day != o.day {
		t := time.Unix(day*86400, 0).UTC() // the local date, by package time
		d := Date{t.Year(), t.Month(), t.Day()}
		o.day, o.working, o.periods = day, o.c.IsWorkingDay(d), nil
		for _, s := range o.h.Seasons {
			from, to, md := int(s.From.Month)*100+s.From.Day, int(s.To.Month)*100+s.To.Day, int(d.Month)*100+d.Day
			if (from <= to && from <= md && md <= to) || (from > to && (md >= from || md <= to)) {
				o.periods = s.Periods
			}
		}
	}
	if !o.working {
		return false
	}
	mod := int(local - day*1440)
	for _, p := range o.periods {
		if p.Start <= mod && mod < p.End {
			return true
		}
	}
	return false
}

// add returns the Unix minute at which d working minutes from m are used up:
// the end of the last minute counted; for d == 0, the first working minute.
func (o *oracle) add(m, d int64) int64 {
	for !o.workingMinute(m) {
		m++
	}
	for ; d > 0; m++ {
		if o.workingMinute(m) {
			d--
		}
	}
	return m
}

// between counts the working minutes in [a, b), negated when b < a.
func (o *oracle) between(a, b int64) int64 {
	if b < a {
		return -o.between(b, a)
	}
	n := int64(0)
	for m := a; m < b; m++ {
		if o.workingMinute(m) {
			n++
		}
	}
	return n
}

// oracleConfigs are the calendars the property is checked on: the product
// default, and an awkward seasonal one whose winter periods touch midnight
// at both ends, with the 24/11 day.
func oracleConfigs() map[string]Config {
	odd := OfficeHours{Seasons: []Season{
		{MonthDay{4, 1}, MonthDay{9, 30}, DefaultOfficeHours().Seasons[0].Periods},
		{MonthDay{10, 1}, MonthDay{3, 31}, []Period{{0, Clock(2, 0)}, {Clock(7, 30), Clock(11, 30)}, {Clock(22, 0), Clock(24, 0)}}},
	}}
	return map[string]Config{
		"default":  DefaultConfig(),
		"seasonal": {OfficeHours: odd, Schedules: OfficialSchedules(), CultureDay24Nov: true},
	}
}

// randomMinute returns a Unix minute: mostly around the official and first
// projected years, sometimes anywhere in the range, sometimes on an exact
// boundary such as 07:00, 11:30 or 17:00.
func randomMinute(r *rand.Rand) int64 {
	lo, hi := time.Date(2024, 6, 1, 0, 0, 0, 0, VN).Unix()/60, time.Date(2027, 6, 1, 0, 0, 0, 0, VN).Unix()/60
	if r.IntN(10) < 3 {
		lo, hi = time.Date(1900, 1, 1, 0, 0, 0, 0, VN).Unix()/60, time.Date(2199, 11, 30, 0, 0, 0, 0, VN).Unix()/60
	}
	m := lo + r.Int64N(hi-lo)
	if r.IntN(4) == 0 {
		m -= m % 30 // on the half hour: lands on openings and closings
	}
	return m
}

func TestOracle(t *testing.T) {
	n := numOracleCases(t)
	for name, cfg := range oracleConfigs() {
		t.Run(name, func(t *testing.T) {
			c := newCal(t, cfg)
			o := newOracle(c, cfg.OfficeHours)
			r := rand.New(rand.NewPCG(20260426, uint64(len(name))))
			for i := range n {
				a := randomMinute(r)
				d := r.Int64N(5*WorkdayMinutes + 1)
				switch r.IntN(8) {
				case 0:
					d = 0
				case 1:
					d -= d % 30
				}
				got, err := c.AddWorking(time.Unix(a*60, 0), time.Duration(d)*time.Minute)
				want := o.add(a, d)
				if err != nil || got.Unix() != want*60 {
					t.Fatalf("case %d: AddWorking(%s, %dm) = %s, %v; oracle %s", i,
						fmtVN(time.Unix(a*60, 0)), d, fmtVN(got), err, fmtVN(time.Unix(want*60, 0)))
				}
				b := a + r.Int64N(10*1440) - 1440 // mostly forward, sometimes backward
				gotB, err := c.Between(time.Unix(a*60, 0), time.Unix(b*60, 0))
				if wantB := o.between(a, b); err != nil || gotB != time.Duration(wantB)*time.Minute {
					t.Fatalf("case %d: Between(%s, %s) = %v, %v; oracle %dm", i,
						fmtVN(time.Unix(a*60, 0)), fmtVN(time.Unix(b*60, 0)), gotB, err, wantB)
				}
			}
		})
	}
}
