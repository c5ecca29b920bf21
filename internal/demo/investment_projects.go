package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// The register's demo (issue #13, item 9): about 300 projects of the new
// Bắc Ninh, each with its investor, commune, band and size, the group
// computed by the store; the investors' staff with their logins; the
// year's capital plans per project and source with both denominators; and
// each month's disbursement from January to the current month, some
// investors lagging below the target curve. Every write goes through the
// store's own paths (CreateProject, AdjustProject, RecordCapitalPlan,
// RecordDisbursements), so events, rollups and the journal are what a
// user's work would leave. It runs before SeedAppraisals and
// SeedSelectionPlans, which work on these projects.

// DemoProjects is how many projects the register's demo makes.
const DemoProjects = 300

// InvestmentStats counts what SeedInvestmentProjects made.
type InvestmentStats struct {
	Investors, Projects, GroupChanges, Plans, Adjusted, Figures int
	Groups                                                      map[investment.Group]int
	Lagging                                                     []string // investors whose pace is below the curve
}

// seededInvestor is an investor of the demo with its staff's actor.
type seededInvestor struct {
	demoInvestor
	investment.Investor
	actor audit.Actor // its first staff member, who reports the figures
}

// projectSpec is a project before it is registered, with how it spends.
type projectSpec struct {
	in       investment.NewProject
	investor *seededInvestor
	pace     float64 // against the curve; 0 for a project stalled (site clearance)
	plans    []planSpec
}

type planSpec struct {
	src            investment.Source
	pm, local      int64 // the year's plan as first allocated
	finalPM, final int64 // after the mid-year adjustment (equal when none)
}

// SeedInvestmentProjects adds the register's demo to a seeded demo
// (Seed), deterministic from seed: investors and their staff (returned as
// logins to print), projects, the plans of now's year and the figures of
// its months up to now's. now is the clock (the store's own must agree).
func SeedInvestmentProjects(ctx context.Context, db *store.DB, now time.Time, seed uint64) (InvestmentStats, []Account, error) {
	st := InvestmentStats{Groups: map[investment.Group]int{}}
	agency, division, err := demoDivision(ctx, db)
	if err != nil {
		return st, nil, err
	}
	rnd := rand.New(rand.NewPCG(seed, 0x64756e67))
	today := calendar.DateOf(now)
	invs, accs, err := seedInvestors(ctx, db, agency, today)
	if err != nil {
		return st, nil, err
	}
	st.Investors = len(invs)
	for _, inv := range invs {
		if inv.pace < 0.8 {
			st.Lagging = append(st.Lagging, inv.Name)
		}
	}
	specs := planRegister(rnd, invs, agency, division, today)
	rep := investment.Reporter{AgencyID: agency, Actor: actor}
	var projects []investment.Project
	for i := range specs {
		p, err := db.CreateProject(ctx, actor, specs[i].in)
		if err != nil {
			return st, nil, fmt.Errorf("demo project %s: %w", specs[i].in.Code, err)
		}
		projects = append(projects, p)
	}
	if st.GroupChanges, err = growSomeProjects(ctx, db, rnd, projects, today); err != nil {
		return st, nil, err
	}
	for _, p := range projects {
		p, err := db.FindProjectByID(ctx, p.ID)
		if err != nil {
			return st, nil, err
		}
		st.Groups[p.Group]++
	}
	st.Projects = len(projects)
	for i, sp := range specs {
		for j, pl := range sp.plans {
			dec := investment.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 2480+i%7), Date: fmt.Sprintf("%d-12-%02d", today.Year-1, 18+i%7), Signer: "Chủ tịch UBND tỉnh"}
			in := investment.PlanInput{Kind: investment.PlanAnnual, Year: today.Year, Source: pl.src, AssignedByPM: pl.pm, AllocatedLocally: pl.local, Decision: &dec}
			if _, err := db.RecordCapitalPlan(ctx, rep, sp.in.Code, in); err != nil {
				return st, nil, fmt.Errorf("demo plan of %s: %w", sp.in.Code, err)
			}
			st.Plans++
			if pl.finalPM == pl.pm && pl.final == pl.local {
				continue
			}
			in.AssignedByPM, in.AllocatedLocally = pl.finalPM, pl.final
			in.Decision = &investment.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 1210+j), Date: fmt.Sprintf("%d-07-%02d", today.Year, 10+i%15), Signer: "Chủ tịch UBND tỉnh"}
			if _, err := db.RecordCapitalPlan(ctx, rep, sp.in.Code, in); err != nil {
				return st, nil, fmt.Errorf("demo plan adjustment of %s: %w", sp.in.Code, err)
			}
			st.Adjusted++
		}
	}
	curve, err := db.CurveFor(ctx, agency, today.Year)
	if err != nil {
		return st, nil, err
	}
	if st.Figures, err = reportMonths(ctx, db, agency, invs, specs, curve, today); err != nil {
		return st, nil, err
	}
	return st, accs, nil
}

// demoDivision finds the merged department and its appraisal division.
func demoDivision(ctx context.Context, db *store.DB) (agency, division int64, err error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, u := range tree.Units() {
		if u.Name == "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư" && u.Current() {
			division, agency = u.ID, tree.AgencyOf(u.ID)
		}
	}
	if division == 0 {
		return 0, 0, fmt.Errorf("demo projects: no current Phòng Đấu thầu – Thẩm định và Giám sát đầu tư: run demo.Seed first")
	}
	return agency, division, nil
}

// seedInvestors creates the investors and their staff with an account
// each (a password drawn at random, as for the other demo logins).
func seedInvestors(ctx context.Context, db *store.DB, agency int64, today calendar.Date) ([]*seededInvestor, []Account, error) {
	var out []*seededInvestor
	var accs []Account
	role := org.RoleInvestor.Label("vi")
	for _, d := range demoInvestors {
		inv, err := db.CreateInvestor(ctx, actor, investment.NewInvestor{AgencyID: agency, Name: d.name, Kind: d.kind})
		if err != nil {
			return nil, nil, fmt.Errorf("demo investor %s: %w", d.name, err)
		}
		si := &seededInvestor{demoInvestor: d, Investor: inv}
		for k, p := range d.staff {
			login := d.login
			if k > 0 {
				login += ".kt"
			}
			password := auth.NewPassword()
			person, err := db.CreateUser(ctx, actor, org.NewPerson{FullName: p.name},
				org.NewMembership{UnitID: inv.UnitID, Role: org.RoleInvestor, Position: p.position, ValidFrom: today.String()}, login, password)
			if err != nil {
				return nil, nil, fmt.Errorf("demo investor staff %s: %w", login, err)
			}
			if k == 0 {
				si.actor = audit.Actor{PersonID: person.ID, Name: person.FullName, AgencyID: person.AgencyID}
			}
			accs = append(accs, Account{Login: login, Password: password, Name: p.name, Role: role + ", " + d.short})
		}
		out = append(out, si)
	}
	return out, accs, nil
}

// planRegister draws the register: the flagships, then projects of the
// kinds by their weights until DemoProjects, each with its years, phase,
// capital by source, and its plans and pace for the year of today.
func planRegister(rnd *rand.Rand, invs []*seededInvestor, agency, division int64, today calendar.Date) []projectSpec {
	byKey := map[string][]*seededInvestor{}
	for _, inv := range invs {
		byKey[inv.key] = append(byKey[inv.key], inv)
	}
	year := today.Year
	used := map[string]bool{}
	var specs []projectSpec
	add := func(name string, band investment.Band, inv *seededInvestor, commune string, billions float64, split splitKind, start, end int, special bool) {
		used[name] = true
		sp := projectSpec{investor: inv, in: investment.NewProject{AgencyID: agency, Code: fmt.Sprintf("DA-BN-%03d", len(specs)+1), Name: name,
			InvestorID: inv.ID, ManagingUnitID: division, Band: band, Commune: commune, StartYear: start, EndYear: end,
			Capital: splitCapital(rnd, split, billions), Special: special}}
		switch {
		case start > year:
			sp.in.Phase = investment.PhasePreparation
		case end < year-1:
			sp.in.Phase = investment.PhaseSettled
		case end < year:
			sp.in.Phase = investment.PhaseCompleted
		default:
			sp.in.Phase = investment.PhaseImplementation
		}
		// The decision it is registered by: its investment decision, or
		// for a project carried over from the old provinces the
		// decision giving it to its investor after the merger.
		decided := calendar.Date{Year: max(start-1, 2025), Month: time.Month(7 + rnd.IntN(5)), Day: 1 + rnd.IntN(28)}
		if !decided.Before(today) {
			decided = today.AddDays(-30 - rnd.IntN(60))
		}
		sp.in.Decision = investment.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 300+rnd.IntN(2400)), Date: decided.String(), Signer: "Chủ tịch UBND tỉnh"}
		sp.pace = inv.pace * (0.75 + 0.5*rnd.Float64())
		if rnd.IntN(25) == 0 {
			sp.pace = 0 // stalled by site clearance: nothing disbursed yet
		}
		sp.plans = yearPlans(rnd, sp.in, today)
		specs = append(specs, sp)
	}
	for _, f := range flagships {
		start := f.start
		if start == 0 {
			start = year + 1
		}
		add(f.name, f.band, byKey[f.investor][0], f.commune, f.billions, f.split, start, start+f.years-1, f.special)
	}
	total := 0
	for _, k := range projectKinds {
		total += k.weight
	}
	for len(specs) < DemoProjects {
		w := rnd.IntN(total)
		var k projectKind
		for _, k = range projectKinds {
			if w < k.weight {
				break
			}
			w -= k.weight
		}
		inv := byKey[k.investor]
		var who *seededInvestor
		var commune, name string
		for try := 0; try < 20; try++ {
			who = inv[rnd.IntN(len(inv))]
			commune = who.commune
			if commune == "" {
				commune = communes[rnd.IntN(len(communes))]
			}
			if name = fmt.Sprintf(k.name, commune); !used[name] {
				break
			}
		}
		if used[name] {
			name += fmt.Sprintf(" (giai đoạn %d)", 2+rnd.IntN(2))
			if used[name] {
				continue
			}
		}
		// Sizes spread evenly on a log scale within the kind's range.
		billions := k.min * math.Pow(k.max/k.min, rnd.Float64())
		start := year - 3 + rnd.IntN(5) // from three years back to next year
		years := 2 + rnd.IntN(3)
		if billions > 300 {
			years++
		}
		add(name, k.band, who, commune, billions, k.split, start, start+years-1, false)
	}
	return specs
}

// splitCapital divides a total investment (tỷ đồng) among its sources,
// in whole million đồng.
func splitCapital(rnd *rand.Rand, split splitKind, billions float64) map[investment.Source]int64 {
	total := int64(billions*1000) * 1_000_000
	part := func(f float64) int64 { return int64(float64(total)*f) / 1_000_000 * 1_000_000 }
	c := map[investment.Source]int64{}
	switch split {
	case splitCentral:
		c[investment.SourceCentral] = part(0.4 + 0.3*rnd.Float64())
	case splitCommune:
		c[investment.SourceCommune] = part(0.35 + 0.4*rnd.Float64())
	case splitODA:
		c[investment.SourceODA] = part(0.6 + 0.2*rnd.Float64())
	case splitOther:
		c[investment.SourceOther] = part(0.2 + 0.3*rnd.Float64())
	default:
		if rnd.IntN(4) == 0 {
			c[investment.SourceCentral] = part(0.2 + 0.2*rnd.Float64())
		}
	}
	rest := total
	for _, v := range c {
		rest -= v
	}
	c[investment.SourceProvincial] = rest
	return c
}

// yearPlans are a project's plans for year by source: a share of each
// source's capital fitting its years (a project completed last year gets
// what settles its last payments; one in preparation or settled, none).
// The plan allocated locally is the Prime Minister's, or a little more
// for the province's and communes' own budgets, a little less for
// central and ODA capital not yet allocated in detail; one plan in
// fifteen is adjusted in July (once July is over).
func yearPlans(rnd *rand.Rand, p investment.NewProject, today calendar.Date) []planSpec {
	var share float64
	switch p.Phase {
	case investment.PhaseImplementation:
		share = (0.7 + 0.5*rnd.Float64()) / float64(p.EndYear-p.StartYear+1)
	case investment.PhaseCompleted:
		share = 0.03 + 0.07*rnd.Float64()
	default:
		return nil
	}
	million := func(v float64) int64 { return int64(v) / 1_000_000 * 1_000_000 }
	var out []planSpec
	for _, s := range investment.Sources {
		c := p.Capital[s]
		if c == 0 {
			continue
		}
		pm := million(float64(c) * min(share, 0.95))
		if pm < 1_000_000 {
			continue
		}
		local := pm
		switch s {
		case investment.SourceCentral, investment.SourceODA:
			local = million(float64(pm) * (0.88 + 0.12*rnd.Float64()))
		case investment.SourceProvincial, investment.SourceCommune:
			local = million(float64(pm) * (1 + 0.1*rnd.Float64()))
		}
		pl := planSpec{src: s, pm: pm, local: local, finalPM: pm, final: local}
		if rnd.IntN(15) == 0 && today.Month > time.July {
			pl.final = million(float64(local) * (0.8 + 0.4*rnd.Float64()))
			if pl.final == local {
				pl.final += 1_000_000
			}
		}
		out = append(out, pl)
	}
	return out
}

// growSomeProjects adjusts the total investment of three group C projects
// in implementation close to their band's group B threshold so that they
// cross it: the register then shows a group change with its decision.
func growSomeProjects(ctx context.Context, db *store.DB, rnd *rand.Rand, ps []investment.Project, today calendar.Date) (int, error) {
	rules := investment.Law582024()
	n := 0
	for _, p := range ps {
		b := rules.Bands[p.Band].BMin
		if n == 3 || p.Group != investment.GroupC || p.Phase != investment.PhaseImplementation || p.Total < b*7/10 {
			continue
		}
		grown := map[investment.Source]int64{}
		for s, v := range p.Capital {
			grown[s] = v
		}
		grown[investment.SourceProvincial] += (b - p.Total) + int64(2+rnd.IntN(15))*investment.Billion
		on := today.AddDays(-20 - 30*n)
		if _, _, err := db.AdjustProject(ctx, actor, p.ID, investment.Adjustment{Capital: grown,
			Decision: investment.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 1500+n*37), Date: on.String(), Signer: "Chủ tịch UBND tỉnh"},
			Reason:   "Điều chỉnh tổng mức đầu tư do bổ sung hạng mục và cập nhật đơn giá vật liệu"}); err != nil {
			return n, fmt.Errorf("demo adjustment of %s: %w", p.Code, err)
		}
		n++
	}
	return n, nil
}

// reportMonths reports each month of today's year up to today's month,
// as each investor's staff would: one batch per investor and month, the
// current month to date. A project disburses along the curve at its pace,
// from the month its works start when it starts this year, never above
// its plan allocated locally.
func reportMonths(ctx context.Context, db *store.DB, agency int64, invs []*seededInvestor, specs []projectSpec, curve investment.Curve, today calendar.Date) (int, error) {
	n := 0
	type key struct {
		code string
		src  investment.Source
	}
	last := map[key]int64{}
	for m := time.January; m <= today.Month; m++ {
		for _, inv := range invs {
			var rows []investment.FigureRow
			for i, sp := range specs {
				if sp.investor != inv {
					continue
				}
				for _, pl := range sp.plans {
					a, e := figureAt(sp, pl, i, m, curve, today)
					k := key{sp.in.Code, pl.src}
					a = max(a, last[k])
					last[k] = a
					rows = append(rows, investment.FigureRow{Line: len(rows) + 1, ProjectCode: sp.in.Code, FigureInput: investment.FigureInput{
						Year: today.Year, Month: int(m), Source: pl.src, CumulativeActual: a, EstimateNext: max(e, a)}})
				}
			}
			if len(rows) == 0 {
				continue
			}
			r := investment.Reporter{AgencyID: agency, Actor: inv.actor}
			if _, err := db.RecordDisbursements(ctx, r, rows); err != nil {
				return n, fmt.Errorf("demo disbursement of %s, month %d: %w", inv.Name, m, err)
			}
			n += len(rows)
		}
	}
	return n, nil
}

// figureAt is the cumulative actual and the estimate of a project's
// source at the end of month m (to today in today's month).
func figureAt(sp projectSpec, pl planSpec, i int, m time.Month, curve investment.Curve, today calendar.Date) (a, e int64) {
	target := func(m time.Month) float64 {
		if m > time.December {
			return 1
		}
		return float64(curve.Target(m)) / 10000
	}
	from := time.January
	if sp.in.StartYear == today.Year {
		from = time.Month(3 + i%4) // once its first contractors are selected
	}
	if m < from || sp.pace == 0 {
		return 0, 0
	}
	at := func(m time.Month) float64 {
		f := target(m) * sp.pace
		if sp.in.Phase == investment.PhaseCompleted {
			f = min(1, float64(m)/6) // last payments, settled by mid-year
		}
		return min(float64(pl.final), float64(pl.finalPM)*f)
	}
	av, ev := at(m), at(m+1)
	if m == today.Month {
		prev := 0.0
		if m > from {
			prev = at(m - 1)
		}
		days := float64(time.Date(today.Year, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
		av = prev + (av-prev)*float64(today.Day)/days
	}
	million := func(v float64) int64 { return int64(v) / 1_000_000 * 1_000_000 }
	return million(av), million(ev)
}
