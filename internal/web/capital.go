package web

import (
	"context"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/store"
	"congvu/internal/web/chart"
)

// The section "Kế hoạch vốn và giải ngân" of a project (issue 13, items 4,
// 5 and 7): its capital plans with the two denominators and their
// adjustments, its monthly disbursement as a chart of plan against actual
// and a table, the forms to report a month (the project's investor, the
// unit following it) and to set a plan or an Art 72 extension (the
// department), at /projects/{code}/capital.

// moneyFmt gives the money pages their formats: 1.234.567 đ and 40,0%.
type moneyFmt struct{}

// Money writes an amount of đồng: "1.234.567 đ".
func (moneyFmt) Money(v int64) string { return fmtNum(v) + " đ" }

// Pct writes a fraction as a percentage with one decimal: "40,0%".
func (moneyFmt) Pct(f float64) string {
	return fmtDecimal(math.Round(f*1000)/10) + "%"
}

// YearDeadline is the Art 72 deadline of a plan year: 31 January of the
// next year unless a decision extended it, 31 December of the next year
// at the latest.
type YearDeadline struct {
	Year     int
	Normal   calendar.Date
	Until    calendar.Date // the deadline in force
	Latest   calendar.Date
	Extended *investment.Extension
	Closed   bool
}

func yearDeadline(year int, exts []investment.Extension, today calendar.Date) YearDeadline {
	d := YearDeadline{Year: year, Normal: investment.DisbursementDeadline(year, nil), Latest: investment.LatestExtension(year)}
	for i := range exts {
		if exts[i].Year == year {
			d.Extended = &exts[i]
		}
	}
	d.Until = investment.DisbursementDeadline(year, d.Extended)
	d.Closed = investment.YearClosed(year, d.Extended, today)
	return d
}

// CapitalMonth is one month's line of a project's year.
type CapitalMonth struct {
	Month    int
	Reported bool // a figure of the month itself, not one standing from before
	investment.Totals
	Target float64
}

// CapitalPage is the project's capital plans and disbursement.
type CapitalPage struct {
	BasePage
	moneyFmt
	Project      investment.Project
	InvestorName string
	Year         int
	Years        []int
	Month        int // the month the summary is at
	All          investment.Totals
	Target       float64
	Below        bool
	CurveLocal   bool
	Chart        template.HTML
	Months       []CapitalMonth
	Sources      []SourceLine
	Plans        []investment.CapitalPlan
	Extensions   []investment.Extension
	Deadline     YearDeadline
	History      []store.FigureEvent
	MayReport    bool
	MayPlan      bool
	Report       *Form
	Plan         *Form
	Ext          *Form
	SourceList   []investment.Source
	MonthList    []int
}

// SourceLine is one capital source's totals at the summary's month.
type SourceLine struct {
	Source investment.Source
	Label  string
	investment.Totals
}

var (
	reportFields = []string{"year", "month", "source", "cumulative_actual", "estimate_next", "correction", "reason", "project"}
	planFormFlds = []string{"kind", "year", "source", "assigned_by_pm", "allocated_locally", "decision_number", "decision_date", "decision_signer"}
	extFields    = []string{"year", "until", "decision_number", "decision_date", "decision_signer"}
)

// moneyProject is a project of the caller's register with its investor,
// visible to the caller (investment.CanViewProject; 404 otherwise).
func (s *Server) moneyProject(ctx context.Context, b *BasePage, code string) (investment.Project, investment.Investor, int64, error) {
	p, inv, err := httpx.VisibleProject(ctx, s.deps.Store, s.deps.Policy, b.User, b.tree, code)
	if err != nil {
		return p, inv, 0, notFoundIfMissing(err)
	}
	return p, inv, p.AgencyID, nil
}

func (s *Server) reporterOf(b *BasePage, reg int64) investment.Reporter {
	return investment.Reporter{AgencyID: reg, Actor: actor(b.User), Subject: b.User, Policy: s.deps.Policy}
}

func (s *Server) handleCapital(w http.ResponseWriter, r *http.Request) error {
	year := 0
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > 2100 {
			return invalid("year", "money.err.year")
		}
		year = y
	}
	return s.capitalPage(w, r, http.StatusOK, year, nil, nil, nil)
}

// capitalPage draws the section for year (0: this year), with the forms
// as submitted when one failed.
func (s *Server) capitalPage(w http.ResponseWriter, r *http.Request, status, year int, report, plan, ext *Form) error {
	b, err := s.base(w, r, "money.title")
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, inv, reg, err := s.moneyProject(ctx, &b, r.PathValue("code"))
	if err != nil {
		return err
	}
	today := s.deps.Now().In(vn)
	if year == 0 {
		year = today.Year()
	}
	pg := &CapitalPage{BasePage: b, Project: p, InvestorName: inv.Name, Year: year, SourceList: investment.Sources}
	pg.Title = b.T("money.h1", p.Code, p.Name)
	for y := today.Year() + 1; y >= min(today.Year()-4, year); y-- {
		pg.Years = append(pg.Years, y)
	}
	for m := 1; m <= 12; m++ {
		pg.MonthList = append(pg.MonthList, m)
	}
	pg.Month = 12
	if year == today.Year() {
		pg.Month = int(today.Month())
	} else if year > today.Year() {
		pg.Month = 1
	}
	rep := s.reporterOf(&b, reg)
	pg.MayReport = rep.MayReport(b.tree, p, inv) == nil
	pg.MayPlan = rep.MayPlan(b.tree, p, inv) == nil
	st := s.deps.Store
	series, err := st.ProjectSeries(ctx, p.ID, year)
	if err != nil {
		return err
	}
	curve, err := st.CurveFor(ctx, reg, year)
	if err != nil {
		return err
	}
	var all investment.Series
	for _, x := range series {
		if x.Source == "" {
			all = x
			continue
		}
		pg.Sources = append(pg.Sources, SourceLine{Source: x.Source, Label: x.Source.Label(b.Lang), Totals: x.At(pg.Month)})
	}
	if pg.History, err = st.DisbursementHistory(ctx, p.ID, year); err != nil {
		return err
	}
	reported := map[int]bool{}
	for _, e := range pg.History {
		reported[int(e.Month)] = true
	}
	for m := 1; m <= 12; m++ {
		pg.Months = append(pg.Months, CapitalMonth{Month: m, Reported: reported[m], Totals: all.At(m), Target: float64(curve.Target(time.Month(m))) / 10000})
	}
	pg.All = all.At(pg.Month)
	pg.Target = float64(curve.Target(time.Month(pg.Month))) / 10000
	pg.Below = curve.Below(pg.All, time.Month(pg.Month))
	pg.CurveLocal = curve.Against == investment.AgainstLocal
	pg.Chart = capitalChart(b.Lang, p, year, pg.Month, all, curve)
	if pg.Plans, err = st.CapitalPlans(ctx, p.ID); err != nil {
		return err
	}
	if pg.Extensions, err = st.Extensions(ctx, p.ID); err != nil {
		return err
	}
	pg.Deadline = yearDeadline(year, pg.Extensions, calendar.DateOf(today))
	pg.Report, pg.Plan, pg.Ext = report, plan, ext
	if pg.Report == nil {
		pg.Report = newForm(nil, reportFields...)
		pg.Report.Values.Set("year", strconv.Itoa(year))
		pg.Report.Values.Set("month", strconv.Itoa(pg.Month))
		pg.Report.Values.Set("source", string(investment.SourceProvincial))
	}
	if pg.Plan == nil {
		pg.Plan = newForm(nil, planFormFlds...)
		pg.Plan.Values.Set("year", strconv.Itoa(year))
		pg.Plan.Values.Set("source", string(investment.SourceProvincial))
	}
	if pg.Ext == nil {
		pg.Ext = newForm(nil, extFields...)
		pg.Ext.Values.Set("year", strconv.Itoa(year))
	}
	return s.render(w, status, "capital", pg)
}

// capitalChart draws plan against actual by month: the two plans, the
// cumulative actual to the summary's month, the estimates, and the
// target curve on the plan it is measured against.
func capitalChart(lang string, p investment.Project, year, upTo int, all investment.Series, curve investment.Curve) template.HTML {
	const billion = 1e9
	var pm, local, actual, est, target []float64
	labels := make([]string, 12)
	for m := 1; m <= 12; m++ {
		labels[m-1] = strconv.Itoa(m)
		t := all.At(m)
		pm = append(pm, float64(t.AssignedByPM)/billion)
		local = append(local, float64(t.AllocatedLocally)/billion)
		target = append(target, float64(curve.Plan(t))*float64(curve.Target(time.Month(m)))/10000/billion)
		if m <= upTo {
			actual = append(actual, float64(t.CumulativeActual)/billion)
		} else {
			actual = append(actual, math.NaN())
		}
		if m == upTo && m < 12 {
			est = append(est, float64(t.CumulativeActual)/billion)
		} else if m == upTo+1 {
			est = append(est, float64(all.At(upTo).EstimateNext)/billion)
		} else {
			est = append(est, math.NaN())
		}
	}
	c := chart.Line{
		Title:   T(lang, "money.chart.title", p.Code, year),
		Desc:    T(lang, "money.chart.desc"),
		XLabels: labels,
		YFormat: func(v float64) string { return fmtDecimal(math.Round(v*10) / 10) },
		Series: []chart.Series{
			{Name: T(lang, "money.pm"), Values: pm, Color: "#6b7280"},
			{Name: T(lang, "money.local"), Values: local, Color: "#b45309", Dash: chart.Dashed},
			{Name: T(lang, "money.actual"), Values: actual, Color: "#1d4ed8", Points: true},
			{Name: T(lang, "money.estimate"), Values: est, Color: "#1d4ed8", Dash: chart.Dotted},
			{Name: T(lang, "money.target"), Values: target, Color: "#be123c", Dash: chart.Dotted},
		},
	}
	return template.HTML(c.SVG()) // chart.Line escapes every text it writes
}

// notFoundIfMissing turns a store's "no such row" into the 404 page.
func notFoundIfMissing(err error) error {
	if httpx.Status(err) == http.StatusNotFound {
		return notFound()
	}
	return err
}
