package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

// DossierOptions say how much history GenerateDossiers makes.
type DossierOptions struct {
	N      int       // dossiers to make
	Now    time.Time // the end of the history; the last ones are still open
	Months int       // how far back it goes (default 18), never before CatalogueFrom
	Seed   uint64    // the random seed: the same seed gives the same dossiers
	// Progress, when set, receives a line per committed batch.
	Progress io.Writer
}

// GenerateDossiers makes N dossiers of the demo department's catalogue over
// the last months, as the desk would have received them, and loads them
// with the store's bulk path (store.BulkLoader), which replays every
// history through the domain.
//
// The load follows the year: more before Tết and at the end of the year,
// little in the week after Tết, more on Mondays and in the mornings, only
// on working days and within office hours. The catalogue is weighted
// (business registration far ahead of investment), the online share grows
// from about a third to three quarters, most dossiers finish on time, about
// 8% late (half of those with an apology and a new appointment, form 04),
// about 10% are paused for a supplement (form 02), a few are withdrawn,
// stopped or refused, and the most recent are still open. Every step is
// handled by the demo staff of the unit the procedure names.
func GenerateDossiers(ctx context.Context, db *store.DB, opt DossierOptions) (store.BulkStats, error) {
	if opt.N <= 0 {
		return store.BulkStats{}, apperr.Invalidf("dossiers", "số hồ sơ phải lớn hơn 0", "the number of dossiers must be more than 0")
	}
	g, err := newGenerator(ctx, db, opt)
	if err != nil {
		return store.BulkStats{}, err
	}
	start := time.Now()
	l, err := db.NewBulkLoader(ctx, actor, g.agency, store.BulkOptions{Progress: func(s store.BulkStats) {
		if opt.Progress == nil {
			return
		}
		el := time.Since(start).Seconds()
		if s.SnapshotDays > 0 {
			fmt.Fprintf(opt.Progress, "  ảnh chụp hồ sơ tồn cuối ngày / daily open-dossier snapshots: %d ngày / days\n", s.SnapshotDays)
			return
		}
		fmt.Fprintf(opt.Progress, "  %d/%d hồ sơ / dossiers, %d thao tác / events, %.1f s (%.0f hồ sơ/phút / dossiers per minute)\n",
			s.Dossiers, opt.N, s.Events, el, float64(s.Dossiers)/el*60)
	}})
	if err != nil {
		return store.BulkStats{}, err
	}
	for _, day := range g.plan(opt.N) {
		for _, at := range day {
			rec := g.dossier(at)
			if err := l.Add(rec); err != nil {
				l.Close()
				return store.BulkStats{}, fmt.Errorf("demo dossier filed %s: %w", at.In(calendar.VN).Format(time.DateTime), err)
			}
		}
	}
	return l.Close()
}

// person is a member of staff as a handler.
type person struct {
	id   int64
	name string
}

type generator struct {
	rnd    *rand.Rand
	cal    *calendar.Calendar
	now    time.Time
	from   calendar.Date
	agency int64
	desk   int64
	procs  []genProc
	total  int // sum of weights
	staff  map[int64]map[org.Role][]person
}

type genProc struct {
	p      dossier.Procedure
	weight int
}

func newGenerator(ctx context.Context, db *store.DB, opt DossierOptions) (*generator, error) {
	g := &generator{rnd: rand.New(rand.NewPCG(opt.Seed, 0x636f6e677675)), now: opt.Now, staff: map[int64]map[org.Role][]person{}}
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if u.Kind == org.KindAgency && u.Code == financeCode {
			g.agency = u.ID
		}
	}
	for _, u := range units {
		if u.Kind == org.KindDesk && u.AgencyID == g.agency && g.agency != 0 {
			g.desk = u.ID
		}
	}
	if g.agency == 0 || g.desk == 0 {
		return nil, apperr.Invalidf("db", "chưa có cơ quan mẫu (Sở Tài chính tỉnh Bắc Ninh); chạy congvu demo trước",
			"the demo agency (Sở Tài chính tỉnh Bắc Ninh) is missing; run congvu demo first")
	}
	if g.cal, err = db.Calendar(ctx, g.agency); err != nil {
		return nil, err
	}
	procs, err := db.FindProcedures(ctx, dossier.ProcedureFilter{AgencyID: g.agency, On: calendar.DateOf(opt.Now)})
	if err != nil {
		return nil, err
	}
	weights := map[string]int{}
	for _, s := range catalogue {
		weights[s.code] = s.weight
	}
	for _, p := range procs {
		if hasBranchSteps(p) {
			continue // appraisals are made one by one (investment_appraisal.go)
		}
		w := max(weights[p.Code], 1)
		g.procs = append(g.procs, genProc{p, w})
		g.total += w
	}
	if len(g.procs) == 0 {
		return nil, apperr.Invalidf("db", "cơ quan mẫu chưa có danh mục thủ tục", "the demo agency has no procedures")
	}
	people, err := db.FindPeople(ctx, org.PersonFilter{OnlyActive: true})
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		for _, m := range p.Memberships {
			if g.staff[m.UnitID] == nil {
				g.staff[m.UnitID] = map[org.Role][]person{}
			}
			g.staff[m.UnitID][m.Role] = append(g.staff[m.UnitID][m.Role], person{p.ID, p.FullName})
		}
	}
	months := opt.Months
	if months <= 0 {
		months = 18
	}
	g.from = calendar.DateOf(opt.Now.AddDate(0, -months, 0))
	if first, _ := calendar.ParseDate(CatalogueFrom); g.from.Before(first) {
		g.from = first
	}
	return g, nil
}

// handler picks who handles a step: someone of the role the step names in
// its unit, or else the unit's officials, then its heads.
func (g *generator) handler(unit int64, role org.Role) person {
	roles := []org.Role{role, org.RoleOfficial, org.RoleHead, org.RoleDeputyHead, org.RoleDeputyDirector, org.RoleDirector}
	if role == org.RoleHead {
		roles = []org.Role{org.RoleHead, org.RoleDeputyHead, org.RoleOfficial}
	}
	for _, r := range roles {
		if ps := g.staff[unit][r]; len(ps) > 0 {
			return ps[g.rnd.IntN(len(ps))]
		}
	}
	return person{0, "Văn phòng UBND tỉnh"} // a unit without demo staff, such as the provincial committee
}

// slots are the half-hour slots of the default office hours (07:00–11:30,
// 13:30–17:00) with how busy the desk is in each.
var slots = []struct {
	h, m int
	w    float64
}{
	{7, 0, 0.5}, {7, 30, 1.0}, {8, 0, 1.6}, {8, 30, 1.8}, {9, 0, 1.8}, {9, 30, 1.6}, {10, 0, 1.4}, {10, 30, 1.1}, {11, 0, 0.6},
	{13, 30, 0.8}, {14, 0, 1.3}, {14, 30, 1.4}, {15, 0, 1.3}, {15, 30, 1.0}, {16, 0, 0.7}, {16, 30, 0.4},
}

// plan spreads n filings over the working days of the period and returns
// the instants, day by day, each day's sorted.
func (g *generator) plan(n int) [][]time.Time {
	today := calendar.DateOf(g.now)
	var days []calendar.Date
	var weights []float64
	total := 0.0
	for d := g.from; !d.After(today); d = d.AddDays(1) {
		if !g.cal.IsWorkingDay(d) {
			continue
		}
		w := g.dayWeight(d)
		if d == today {
			// Only the part of today that has passed.
			open := d.Time().Add(7 * time.Hour)
			w *= max(0, min(1, g.now.Sub(open).Hours()/10))
		}
		if w <= 0 {
			continue
		}
		days = append(days, d)
		weights = append(weights, w)
		total += w
	}
	out := make([][]time.Time, len(days))
	cum, done := 0.0, 0
	for i, d := range days {
		cum += weights[i]
		k := int(float64(n)*cum/total+0.5) - done
		done += k
		ts := make([]time.Time, 0, k)
		for len(ts) < k {
			t := g.instant(d)
			if t.After(g.now) {
				t = g.now.Add(-time.Duration(g.rnd.IntN(600)) * time.Second)
				if calendar.DateOf(t) != d {
					t = d.Time().Add(7 * time.Hour)
				}
			}
			ts = append(ts, t)
		}
		slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
		out[i] = ts
	}
	return out
}

// dayWeight is the relative load of a working day.
func (g *generator) dayWeight(d calendar.Date) float64 {
	month := []float64{0, 1.25, 0.85, 1.0, 1.0, 1.0, 1.1, 0.95, 0.95, 1.0, 1.05, 1.15, 1.3}[d.Month]
	w := month
	for _, y := range []int{d.Year, d.Year + 1} {
		tet, err := calendar.Tet(y)
		if err != nil {
			continue
		}
		switch k := tet.Sub(d); {
		case k > 0 && k <= 21:
			w *= 1.5 // the rush before Tết
		case k <= 0 && k > -12:
			w *= 0.45 // the weeks after Tết
		}
	}
	switch d.Weekday() {
	case time.Monday:
		w *= 1.2
	case time.Tuesday:
		w *= 1.05
	case time.Friday:
		w *= 0.85
	case time.Saturday, time.Sunday:
		w *= 0.5 // a swapped working Saturday
	}
	// The caseload grows year on year.
	return w * (1 + 0.15*float64(d.Sub(g.from))/365)
}

// instant picks a filing instant in the office hours of day d.
func (g *generator) instant(d calendar.Date) time.Time {
	sum := 0.0
	for _, s := range slots {
		sum += s.w
	}
	x := g.rnd.Float64() * sum
	i := 0
	for ; i < len(slots)-1; i++ {
		if x -= slots[i].w; x < 0 {
			break
		}
	}
	s := slots[i]
	return d.Time().Add(time.Duration(s.h)*time.Hour + time.Duration(s.m)*time.Minute + time.Duration(g.rnd.IntN(1800))*time.Second)
}

// pick returns a procedure by weight.
func (g *generator) pick() dossier.Procedure {
	x := g.rnd.IntN(g.total)
	for _, p := range g.procs {
		if x -= p.weight; x < 0 {
			return p.p
		}
	}
	return g.procs[len(g.procs)-1].p
}

// onlineShare grows from 35% at the start of the period to 75% now, more
// for procedures done fully online, less for the others.
func (g *generator) onlineShare(p dossier.Procedure, at time.Time) float64 {
	span := g.now.Sub(g.from.Time()).Hours()
	f := 0.35 + 0.4*at.Sub(g.from.Time()).Hours()/max(span, 1)
	switch p.Level {
	case dossier.LevelFull:
		f *= 1.15
	case dossier.LevelPartial:
		f *= 0.6
	default:
		f *= 0.3
	}
	return min(f, 0.95)
}

// uniform returns a number in [a, b).
func (g *generator) uniform(a, b float64) float64 { return a + g.rnd.Float64()*(b-a) }
