package demo

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// TestSeedInvestmentProjects: on the demo agency in late November, the
// register's demo makes about 300 projects across the groups and bands,
// each group the one the thresholds give; every investor's staff can sign
// in; the province's rate for November agrees with a scan of the figures;
// some investors are below the curve and some above; and the appraisals
// and selection plans that follow find projects to work on.
func TestSeedInvestmentProjects(t *testing.T) {
	ctx := context.Background()
	later := time.Date(2026, 11, 20, 9, 0, 0, 0, calendar.VN)
	db, err := store.Open(ctx, t.TempDir()+"/t.db", store.Options{Now: func() time.Time { return later }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(ctx, db, later); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	st, accs, err := SeedInvestmentProjects(ctx, db, later, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("register seeded in %v: %+v", time.Since(start), st)
	if st.Projects != DemoProjects || st.Investors != len(demoInvestors) || st.GroupChanges != 3 || st.Adjusted == 0 || st.Figures < 3000 {
		t.Errorf("stats: %+v", st)
	}
	for _, g := range []investment.Group{investment.GroupA, investment.GroupB, investment.GroupC} {
		if st.Groups[g] == 0 {
			t.Errorf("no project of group %s: %v", g, st.Groups)
		}
	}
	if st.Groups[investment.GroupC] < st.Groups[investment.GroupB] || st.Groups[investment.GroupB] < st.Groups[investment.GroupA] {
		t.Errorf("groups not shaped as a province's register (most C, few A): %v", st.Groups)
	}
	if len(st.Lagging) == 0 || len(st.Lagging) > len(demoInvestors)/2 {
		t.Errorf("lagging investors: %v", st.Lagging)
	}

	agency, _, err := demoDivision(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// Every project's group is the thresholds', and the bands are all there.
	rules, err := db.GroupRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bands := map[investment.Band]int{}
	for after := ""; ; {
		page, next, err := db.FindProjects(ctx, investment.ProjectFilter{AgencyID: agency, After: after, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page {
			bands[p.Band]++
			if g, _, err := investment.GroupOf(rules, later.Format("2006-01-02"), p); err != nil || g != p.Group {
				t.Errorf("%s (%s, %d đ): group %s, the thresholds say %s (%v)", p.Code, p.Band, p.Total, p.Group, g, err)
			}
			if !strings.HasPrefix(p.Commune, "xã ") && !strings.HasPrefix(p.Commune, "phường ") {
				t.Errorf("%s: commune %q", p.Code, p.Commune)
			}
		}
		if after = next; next == "" {
			break
		}
	}
	for _, b := range investment.Bands {
		if bands[b] == 0 {
			t.Errorf("no project in band %s: %v", b, bands)
		}
	}

	// Each investor has one or two staff, and they sign in.
	if len(accs) < len(demoInvestors) || len(accs) > 2*len(demoInvestors) {
		t.Errorf("%d investor accounts for %d investors", len(accs), len(demoInvestors))
	}
	for _, a := range accs {
		if _, _, err := db.Login(ctx, auth.Attempt{Login: a.Login, Password: a.Password, UserAgent: "test"}); err != nil {
			t.Errorf("login %s: %v", a.Login, err)
		}
	}

	// The province's November against a scan; investors either side of the curve.
	f := investment.StatsFilter{AgencyID: agency, Year: 2026, Month: 11}
	tot, err := db.DisbursementTotals(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	scan, err := db.DisbursementTotalsByScan(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if tot != scan {
		t.Errorf("rollups %+v, scan %+v", tot, scan)
	}
	if r := tot.RateVsPM(); r < 0.4 || r > 0.95 || tot.AllocatedLocally == tot.AssignedByPM {
		t.Errorf("province in November: %+v, rate %.2f", tot, r)
	}
	curve, err := db.CurveFor(ctx, agency, 2026)
	if err != nil {
		t.Fatal(err)
	}
	target := float64(curve.Target(time.November)) / 10000
	by, err := db.DisbursementBreakdown(ctx, f, "investor")
	if err != nil {
		t.Fatal(err)
	}
	below, above := 0, 0
	for _, b := range by {
		if b.RateVsPM() < target {
			below++
		} else {
			above++
		}
	}
	if below == 0 || above == 0 {
		t.Errorf("investors below the curve %d, above %d: %+v", below, above, by)
	}
	if _, n, err := db.BelowCurve(ctx, f, curve, 5); err != nil || n == 0 {
		t.Errorf("projects below the curve: %d, %v", n, err)
	}

	// What follows works on these projects.
	if err := SeedAppraisals(ctx, db, later); err != nil {
		t.Fatal(err)
	}
	figs, err := db.ConsultationFigures(ctx, agency, later)
	if err != nil {
		t.Fatal(err)
	}
	late := 0
	for _, f := range figs {
		late += f.Overdue
	}
	first, err := db.FindProjectByCode(ctx, agency, "DA-BN-001")
	if err != nil {
		t.Fatal(err)
	}
	owed, err := db.FindConsultations(ctx, dossier.ConsultationFilter{AgencyID: agency, Owed: true})
	if err != nil || late != 1 || len(owed) != 2 || first.Phase != investment.PhasePreparation {
		t.Errorf("late consultations %d, owed %d (%v), first project %s in %s", late, len(owed), err, first.Name, first.Phase)
	}
	for _, o := range owed {
		if o.ProjectID == 0 {
			t.Errorf("consultation on no project: %+v", o)
		}
	}
	sel, err := SeedSelectionPlans(ctx, db, later, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("selection plans: %+v", sel)
	if sel.Plans < 50 || sel.Packages < 2*sel.Plans || sel.Results == 0 || sel.PostedLate != 1 {
		t.Errorf("selection plans: %+v", sel)
	}
	t.Logf("all seeded in %v", time.Since(start))
}

// TestPlanRegisterDeterministic: the same seed draws the same register,
// another seed another one.
func TestPlanRegisterDeterministic(t *testing.T) {
	var invs []*seededInvestor
	for i, d := range demoInvestors {
		invs = append(invs, &seededInvestor{demoInvestor: d, Investor: investment.Investor{ID: int64(i + 1)}})
	}
	today := calendar.Date{Year: 2026, Month: time.November, Day: 20}
	draw := func(seed uint64) []projectSpec {
		return planRegister(rand.New(rand.NewPCG(seed, 1)), invs, 1, 2, today)
	}
	a, b, c := draw(1), draw(1), draw(2)
	if len(a) != DemoProjects || !reflect.DeepEqual(a, b) {
		t.Fatalf("seed 1 drew %d projects, not the same twice", len(a))
	}
	if reflect.DeepEqual(a, c) {
		t.Error("seeds 1 and 2 drew the same register")
	}
	names := map[string]bool{}
	for _, p := range a {
		if names[p.in.Name] {
			t.Errorf("two projects named %q", p.in.Name)
		}
		names[p.in.Name] = true
	}
}
