package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// moneyEngines runs fn on both engines with the clock at 15/07/2026 10:00
// in Vietnam.
func moneyEngines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	now := time.Date(2026, 7, 15, 10, 0, 0, 0, calendar.VN)
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			fn(t, storetest.New(t, engine, store.Options{Now: func() time.Time { return now }}))
		})
	}
}

type moneyFixture struct {
	invFixture
	p1, p2 investment.Project // of the board and of the commune
	sys    investment.Reporter
}

func newMoneyFixture(t *testing.T, db *store.DB) moneyFixture {
	t.Helper()
	ctx := context.Background()
	f := moneyFixture{invFixture: newInvFixture(t, db)}
	var err error
	if f.p1, err = db.CreateProject(ctx, f.actor, newProject(f.invFixture, "DA-001", 80*bn)); err != nil {
		t.Fatal(err)
	}
	n := newProject(f.invFixture, "DA-002", 50*bn)
	n.InvestorID, n.Band, n.Name = f.xa.ID, investment.BandK3, "Đường trục xã Yên Phong"
	if f.p2, err = db.CreateProject(ctx, f.actor, n); err != nil {
		t.Fatal(err)
	}
	f.sys = investment.Reporter{AgencyID: f.agency.ID, Actor: audit.System("test")}
	return f
}

func plan(t *testing.T, db *store.DB, r investment.Reporter, code string, src investment.Source, pm, local int64) {
	t.Helper()
	if _, err := db.RecordCapitalPlan(context.Background(), r, code, investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026, Source: src, AssignedByPM: pm, AllocatedLocally: local}); err != nil {
		t.Fatal(err)
	}
}

func fig(code string, m int, src investment.Source, a, e int64) investment.FigureRow {
	return investment.FigureRow{Line: m, ProjectCode: code, FigureInput: investment.FigureInput{Year: 2026, Month: m, Source: src, CumulativeActual: a, EstimateNext: e}}
}

// checkRollups compares the rollups with a scan of the figures for every
// month and the filters the dashboard offers.
func checkRollups(t *testing.T, db *store.DB, f moneyFixture) {
	t.Helper()
	ctx := context.Background()
	filters := []investment.StatsFilter{{}, {InvestorID: f.ban.ID}, {InvestorID: f.xa.ID}, {Source: investment.SourceProvincial}, {Source: investment.SourceCentral},
		{Band: investment.BandK5}, {ProjectID: f.p1.ID}, {ProjectID: f.p2.ID, Source: investment.SourceProvincial}}
	for _, flt := range filters {
		for m := 1; m <= 12; m++ {
			flt.AgencyID, flt.Year, flt.Month = f.agency.ID, 2026, m
			got, err := db.DisbursementTotals(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.DisbursementTotalsByScan(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%+v: rollups %+v, scan %+v", flt, got, want)
			}
		}
	}
}

func TestCapitalPlans(t *testing.T) {
	moneyEngines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newMoneyFixture(t, db)
		plan(t, db, f.sys, "DA-001", investment.SourceProvincial, 40*bn, 50*bn)
		adj := investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026, Source: investment.SourceProvincial, AssignedByPM: 40 * bn, AllocatedLocally: 45 * bn}
		if _, err := db.RecordCapitalPlan(ctx, f.sys, "DA-001", adj); apperr.As(err) == nil || apperr.As(err).Field != "decision_number" {
			t.Fatalf("an adjustment without its decision: %v", err)
		}
		adj.Decision = &investment.Decision{Number: "120/QĐ-UBND", Date: "2026-06-30", Signer: "Chủ tịch UBND tỉnh"}
		p, err := db.RecordCapitalPlan(ctx, f.sys, "DA-001", adj)
		if err != nil || p.Version != 2 {
			t.Fatalf("adjust: %v %+v", err, p)
		}
		if _, err := db.RecordCapitalPlan(ctx, f.sys, "DA-001", investment.PlanInput{Kind: investment.PlanMediumTerm, Year: 2026, Source: investment.SourceCentral, AssignedByPM: 300 * bn, AllocatedLocally: 300 * bn}); err != nil {
			t.Fatal(err)
		}
		// A closed year: 2024's deadline was 31/01/2025.
		closed := investment.PlanInput{Kind: investment.PlanAnnual, Year: 2024, Source: investment.SourceProvincial, AllocatedLocally: bn}
		if _, err := db.RecordCapitalPlan(ctx, f.sys, "DA-001", closed); !apperr.Is(err, apperr.Conflict) || apperr.As(err).Field != "year" {
			t.Errorf("a closed year: %v", err)
		}
		// 2025 closed on 31/01/2026 too, until an extension to 31/12/2026.
		closed.Year = 2025
		if _, err := db.RecordCapitalPlan(ctx, f.sys, "DA-001", closed); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("2025 before its extension: %v", err)
		}
		ext := investment.Extension{Year: 2025, Until: calendar.Date{Year: 2026, Month: 12, Day: 31}, Decision: investment.Decision{Number: "15/QĐ-UBND", Date: "2026-01-20", Signer: "Chủ tịch UBND tỉnh"}}
		if err := db.RecordExtension(ctx, f.sys, "DA-001", ext); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordCapitalPlan(ctx, f.sys, "DA-001", closed); err != nil {
			t.Errorf("2025 extended: %v", err)
		}
		if _, err := db.RecordCapitalPlan(ctx, f.sys, "KHONG-CO", adj); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("an unknown project: %v", err)
		}
		plans, err := db.CapitalPlans(ctx, f.p1.ID)
		if err != nil || len(plans) != 4 {
			t.Fatalf("plans: %v %+v", err, plans)
		}
		if plans[1].Version != 1 || plans[2].Version != 2 || plans[2].Decision.Number != "120/QĐ-UBND" || plans[2].AllocatedLocally != 45*bn || plans[3].Kind != investment.PlanMediumTerm {
			t.Errorf("versions: %+v", plans)
		}
		exts, err := db.Extensions(ctx, f.p1.ID)
		if err != nil || len(exts) != 1 || exts[0].Until != ext.Until {
			t.Errorf("extensions: %v %+v", err, exts)
		}
		tot, err := db.DisbursementTotals(ctx, investment.StatsFilter{AgencyID: f.agency.ID, Year: 2026, Month: 7})
		if err != nil || tot.AssignedByPM != 40*bn || tot.AllocatedLocally != 45*bn {
			t.Errorf("the annual plans' rollup (medium-term left out): %v %+v", err, tot)
		}
		checkRollups(t, db, f)
	})
}

func TestRecordDisbursements(t *testing.T) {
	moneyEngines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newMoneyFixture(t, db)
		prov, cen := investment.SourceProvincial, investment.SourceCentral
		plan(t, db, f.sys, "DA-001", prov, 40*bn, 50*bn)
		plan(t, db, f.sys, "DA-001", cen, 10*bn, 10*bn)
		plan(t, db, f.sys, "DA-002", prov, 20*bn, 20*bn)
		// Months out of order, a month left out (it stands at the one before).
		for _, batch := range [][]investment.FigureRow{
			{fig("DA-001", 3, prov, 4*bn, 6*bn), fig("DA-001", 5, prov, 12*bn, 15*bn)},
			{fig("DA-002", 6, prov, 2*bn, 3*bn)},
			{fig("DA-001", 4, prov, 8*bn, 12*bn), fig("DA-001", 2, cen, 1*bn, 2*bn)},
		} {
			if _, err := db.RecordDisbursements(ctx, f.sys, batch); err != nil {
				t.Fatal(err)
			}
		}
		checkRollups(t, db, f)
		at := func(m int, flt investment.StatsFilter) investment.Totals {
			flt.AgencyID, flt.Year, flt.Month = f.agency.ID, 2026, m
			got, err := db.DisbursementTotals(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		if got := at(7, investment.StatsFilter{}); got.CumulativeActual != 15*bn || got.AssignedByPM != 70*bn || got.AllocatedLocally != 80*bn {
			t.Errorf("the province at July: %+v", got)
		}
		if got := at(4, investment.StatsFilter{ProjectID: f.p1.ID}); got.CumulativeActual != 9*bn {
			t.Errorf("DA-001 at April: %+v", got)
		}
		if r := at(7, investment.StatsFilter{ProjectID: f.p1.ID}); r.RateVsPM() != 13.0/50 || r.RateVsLocal() != 13.0/60 {
			t.Errorf("rates: %v %v", r.RateVsPM(), r.RateVsLocal())
		}

		history := func() int {
			h, err := db.DisbursementHistory(ctx, f.p1.ID, 2026)
			if err != nil {
				t.Fatal(err)
			}
			return len(h)
		}
		before := history()
		refused := []struct {
			name  string
			row   investment.FigureRow
			code  apperr.Code
			field string
			text  string
		}{
			{"duplicate", fig("DA-001", 3, prov, 5*bn, 6*bn), apperr.Conflict, "month", "đính chính"},
			{"above the plan", fig("DA-001", 6, prov, 50*bn+1, 0), apperr.Invalid, "cumulative_actual", "50.000.000.001 đ vượt kế hoạch vốn địa phương phân bổ 50.000.000.000 đ"},
			{"a future month", fig("DA-001", 8, prov, 1, 1), apperr.Invalid, "month", ""},
			{"negative", fig("DA-001", 6, prov, -1, 0), apperr.Invalid, "cumulative_actual", ""},
			{"unknown source", fig("DA-001", 6, "bank", 1, 0), apperr.Invalid, "source", ""},
			{"no plan of the source", fig("DA-001", 6, investment.SourceODA, 1, 0), apperr.Invalid, "source", ""},
			{"unknown project", fig("KHONG-CO", 6, prov, 1, 0), apperr.NotFound, "project", ""},
			{"a closed year", investment.FigureRow{ProjectCode: "DA-001", FigureInput: investment.FigureInput{Year: 2025, Month: 12, Source: prov, CumulativeActual: 1}}, apperr.Conflict, "year", ""},
		}
		for _, c := range refused {
			_, err := db.RecordDisbursements(ctx, f.sys, []investment.FigureRow{c.row})
			ae := apperr.As(err)
			if ae == nil || ae.Code != c.code || ae.Field != c.field || !strings.Contains(ae.VI, c.text) {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		// A batch with one bad row writes none of its good ones, and lists
		// every bad one.
		_, err := db.RecordDisbursements(ctx, f.sys, []investment.FigureRow{fig("DA-001", 6, prov, 14*bn, 16*bn), fig("DA-001", 7, prov, -5, 0), fig("DA-002", 7, "x", 1, 1)})
		var be *investment.BatchError
		if !errors.As(err, &be) || len(be.Rows) != 2 || be.Rows[0].Index != 1 || be.Rows[1].Err.Field != "source" {
			t.Fatalf("a batch with bad rows: %v", err)
		}
		if n := history(); n != before {
			t.Errorf("refusals wrote %d figures", n-before)
		}
		checkRollups(t, db, f)

		// A correction replaces the month's figure and keeps both.
		corr := fig("DA-001", 3, prov, 3*bn, 6*bn)
		corr.Correction = true
		if _, err := db.RecordDisbursements(ctx, f.sys, []investment.FigureRow{corr}); apperr.As(err) == nil || apperr.As(err).Field != "reason" {
			t.Errorf("a correction without its reason: %v", err)
		}
		corr.Reason = "Kho bạc đối chiếu lại"
		got, err := db.RecordDisbursements(ctx, f.sys, []investment.FigureRow{corr})
		if err != nil || got[0].Version != 2 {
			t.Fatalf("correction: %v %+v", err, got)
		}
		if n := history(); n != before+1 {
			t.Errorf("history after the correction: %d, want %d", n, before+1)
		}
		if got := at(3, investment.StatsFilter{ProjectID: f.p1.ID, Source: prov}); got.CumulativeActual != 3*bn {
			t.Errorf("March corrected: %+v", got)
		}
		checkRollups(t, db, f)
		series, err := db.ProjectSeries(ctx, f.p1.ID, 2026)
		if err != nil || len(series) != 3 || series[0].Source != "" || series[0].Actual[6] != 13*bn || series[0].Actual[0] != 0 {
			t.Errorf("series: %v %+v", err, series)
		}
	})
}

// TestDisbursementReporters: an investor's staff report on their own
// investor's projects only; the appraisal division on the projects it
// follows; nobody else.
func TestDisbursementReporters(t *testing.T) {
	moneyEngines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newMoneyFixture(t, db)
		plan(t, db, f.sys, "DA-001", investment.SourceProvincial, 40*bn, 50*bn)
		plan(t, db, f.sys, "DA-002", investment.SourceProvincial, 20*bn, 20*bn)
		pol := auth.NewPolicy()
		investment.RegisterPolicy(pol)
		subject := func(unit, agency int64, role org.Role) investment.Reporter {
			p := org.Person{ID: f.alice.ID, AgencyID: agency, FullName: "Người báo cáo"}
			s := auth.NewSubject(p, []org.Membership{{PersonID: p.ID, UnitID: unit, Role: role}}, nil)
			return investment.Reporter{AgencyID: f.agency.ID, Actor: audit.Actor{PersonID: p.ID, Name: p.FullName}, Subject: s, Policy: pol}
		}
		xa := subject(f.xa.UnitID, f.xa.UnitID, org.RoleInvestor)
		division := subject(f.divA.ID, f.agency.ID, org.RoleOfficial)
		clerk := subject(f.agency.ID, f.agency.ID, org.RoleClerk)
		for _, c := range []struct {
			name string
			r    investment.Reporter
			code string
			want apperr.Code
		}{
			{"the commune on its own project", xa, "DA-002", ""},
			{"the commune on the board's project", xa, "DA-001", apperr.Forbidden},
			{"the appraisal division", division, "DA-001", ""},
			{"a clerk", clerk, "DA-002", apperr.Forbidden},
		} {
			_, err := db.RecordDisbursements(ctx, c.r, []investment.FigureRow{fig(c.code, 1, investment.SourceProvincial, bn, bn)})
			if apperr.CodeOf(err) != c.want {
				t.Errorf("%s: %v, want %q", c.name, err, c.want)
			}
		}
		if _, err := db.RecordCapitalPlan(ctx, xa, "DA-002", investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026, Source: investment.SourceCentral, AllocatedLocally: 1}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("an investor sets no plan: %v", err)
		}
		h, _ := db.DisbursementHistory(ctx, f.p1.ID, 2026)
		if len(h) != 1 {
			t.Errorf("DA-001 has %d figures, want the division's one", len(h))
		}
	})
}

// TestBelowCurve: the projects under the curve's share of their plan, the
// furthest below first; a curve an administrator sets replaces the default
// from its year.
func TestBelowCurve(t *testing.T) {
	moneyEngines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newMoneyFixture(t, db)
		prov := investment.SourceProvincial
		plan(t, db, f.sys, "DA-001", prov, 100*bn, 100*bn)
		plan(t, db, f.sys, "DA-002", prov, 100*bn, 200*bn)
		if _, err := db.RecordDisbursements(ctx, f.sys, []investment.FigureRow{fig("DA-001", 6, prov, 31*bn, 0), fig("DA-002", 6, prov, 29*bn, 0)}); err != nil {
			t.Fatal(err)
		}
		flt := investment.StatsFilter{AgencyID: f.agency.ID, Year: 2026, Month: 6}
		curve, err := db.CurveFor(ctx, f.agency.ID, 2026)
		if err != nil || curve.Target(6) != 3000 {
			t.Fatalf("default curve: %v %+v", err, curve)
		}
		below, n, err := db.BelowCurve(ctx, flt, curve, 10)
		if err != nil || n != 1 || len(below) != 1 || below[0].Code != "DA-002" || below[0].InvestorName != f.xa.Name {
			t.Fatalf("below 30%% of the PM plan: %v %d %+v", err, n, below)
		}
		local := investment.DefaultCurve()
		local.Against = investment.AgainstLocal
		local.Targets[5] = 3200
		if err := db.SetDisbursementCurve(ctx, f.actor, f.agency.ID, local); err != nil {
			t.Fatal(err)
		}
		bad := local
		bad.Targets[6] = 100
		if err := db.SetDisbursementCurve(ctx, f.actor, f.agency.ID, bad); apperr.As(err) == nil || apperr.As(err).Field != "target_7" {
			t.Errorf("a falling curve: %v", err)
		}
		curve, _ = db.CurveFor(ctx, f.agency.ID, 2026)
		below, n, err = db.BelowCurve(ctx, flt, curve, 10)
		if err != nil || n != 2 || below[0].Code != "DA-002" || below[1].Code != "DA-001" {
			t.Errorf("below 32%% of the local plan: %v %d %+v", err, n, below)
		}
		if _, n, _ := db.BelowCurve(ctx, investment.StatsFilter{AgencyID: f.agency.ID, Year: 2026, Month: 6, InvestorID: f.ban.ID}, curve, 10); n != 1 {
			t.Errorf("the board's: %d", n)
		}
		by, err := db.DisbursementBreakdown(ctx, flt, "investor")
		if err != nil || len(by) != 2 || by[0].Name != f.ban.Name || by[0].CumulativeActual != 31*bn {
			t.Errorf("by investor: %v %+v", err, by)
		}
	})
}
