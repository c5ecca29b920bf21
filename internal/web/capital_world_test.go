package web_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/investment"
)

// addMoneyWorld gives the layout world's project (addSelectionWorld,
// followed by Phòng Khoa giáo – Văn xã) something in every part of its
// capital section: this year's provincial plan set and then adjusted by
// a decision, January's figure reported, and an Art 72 extension.
func addMoneyWorld(t testing.TB, a *app, code string) {
	t.Helper()
	ctx := context.Background()
	unit, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	tree, err := a.db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	year := time.Now().In(calendar.VN).Year()
	r := investment.Reporter{AgencyID: tree.AgencyOf(unit), Actor: audit.System("test")}
	plan := investment.PlanInput{Kind: investment.PlanAnnual, Year: year, Source: investment.SourceProvincial,
		AssignedByPM: 12_000_000_000, AllocatedLocally: 9_000_000_000}
	if _, err := a.db.RecordCapitalPlan(ctx, r, code, plan); err != nil {
		t.Fatal(err)
	}
	plan.AllocatedLocally = 10_000_000_000
	plan.Decision = &investment.Decision{Number: "215/QĐ-UBND", Date: strconv.Itoa(year) + "-01-15", Signer: "Chủ tịch UBND tỉnh"}
	if _, err := a.db.RecordCapitalPlan(ctx, r, code, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.RecordDisbursements(ctx, r, []investment.FigureRow{{Line: 1, ProjectCode: code, FigureInput: investment.FigureInput{
		Year: year, Month: 1, Source: investment.SourceProvincial, CumulativeActual: 450_000_000, EstimateNext: 900_000_000}}}); err != nil {
		t.Fatal(err)
	}
	if err := a.db.RecordExtension(ctx, r, code, investment.Extension{Year: year, Until: calendar.Date{Year: year + 1, Month: 6, Day: 30},
		Decision: investment.Decision{Number: "88/QĐ-UBND", Date: strconv.Itoa(year) + "-01-20", Signer: "Chủ tịch UBND tỉnh"}}); err != nil {
		t.Fatal(err)
	}
}

// moneyApp is disbApp (the investor "Ban QLDA đầu tư xây dựng tỉnh" with
// its staff member "chudautu") with three projects planned this year
// against both denominators, for the capital section and the board:
//
//	BN-0011  the Ban's road, k.3, provincial: 12 bn assigned by the Prime
//	         Minister, 10 bn allocated locally; nothing reported yet
//	BN-0012  UBND xã Tam Đa's health station, k.5, provincial: 5 bn / 5 bn,
//	         1 bn disbursed in January (20%)
//	BN-0013  UBND xã Tam Đa's river embankment, k.4, central: 20 bn / 20
//	         bn, 7 bn disbursed in January (35%)
//
// January's figures stand for every later month, so June's board has
// BN-0012 below the default curve (30% by 30/6) and BN-0013 above it.
type moneyApp struct {
	disbApp
	year, month int
	tamda       investment.Investor
}

func newMoneyApp(t *testing.T) moneyApp {
	t.Helper()
	d := newDisbApp(t)
	ctx := context.Background()
	sys := audit.System("test")
	now := time.Now().In(calendar.VN)
	m := moneyApp{disbApp: d, year: now.Year(), month: int(now.Month())}
	var err error
	if m.tamda, err = d.db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: d.agency, Name: "UBND xã Tam Đa", Kind: investment.InvestorCommune}); err != nil {
		t.Fatal(err)
	}
	r := investment.Reporter{AgencyID: d.agency, Actor: sys}
	for _, p := range []struct {
		code, name string
		inv        investment.Investor
		band       investment.Band
		src        investment.Source
		pm, local  int64
		january    int64
	}{
		{"BN-0011", "Đường giao thông liên xã Yên Phong – Tam Giang", d.ban, investment.BandK3, investment.SourceProvincial, 12_000_000_000, 10_000_000_000, 0},
		{"BN-0012", "Trạm y tế xã Tam Đa", m.tamda, investment.BandK5, investment.SourceProvincial, 5_000_000_000, 5_000_000_000, 1_000_000_000},
		{"BN-0013", "Kè chống sạt lở bờ sông Cầu đoạn xã Tam Đa", m.tamda, investment.BandK4, investment.SourceCentral, 20_000_000_000, 20_000_000_000, 7_000_000_000},
	} {
		if _, err := d.db.CreateProject(ctx, sys, investment.NewProject{AgencyID: d.agency, Code: p.code, Name: p.name, InvestorID: p.inv.ID,
			Band: p.band, StartYear: m.year - 1, EndYear: m.year + 1, Capital: map[investment.Source]int64{p.src: 2 * p.pm}}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.db.RecordCapitalPlan(ctx, r, p.code, investment.PlanInput{Kind: investment.PlanAnnual, Year: m.year, Source: p.src,
			AssignedByPM: p.pm, AllocatedLocally: p.local}); err != nil {
			t.Fatal(err)
		}
		if p.january > 0 {
			if _, err := d.db.RecordDisbursements(ctx, r, []investment.FigureRow{{Line: 1, ProjectCode: p.code, FigureInput: investment.FigureInput{
				Year: m.year, Month: 1, Source: p.src, CumulativeActual: p.january, EstimateNext: p.january}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return m
}

// figures counts the reports (and corrections) recorded for project code this year.
func (m moneyApp) figures(t testing.TB, code string) int {
	t.Helper()
	p, err := m.db.FindProjectByCode(context.Background(), m.agency, code)
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.db.DisbursementHistory(context.Background(), p.ID, m.year)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

// plans lists project code's capital plans as "year source pm local vN".
func (m moneyApp) plans(t testing.TB, code string) []string {
	t.Helper()
	p, err := m.db.FindProjectByCode(context.Background(), m.agency, code)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := m.db.CapitalPlans(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range ps {
		out = append(out, strconv.Itoa(c.Year)+" "+string(c.Source)+" "+strconv.FormatInt(c.AssignedByPM, 10)+" "+strconv.FormatInt(c.AllocatedLocally, 10)+" v"+strconv.Itoa(c.Version))
	}
	return out
}
