package web

import (
	"net/http"
	"strconv"
	"time"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// The director's disbursement dashboard (issue 13, item 7): for any month
// of a year, the register's plans against the cumulative disbursement and
// the rates against both plans, for the whole province or one investor,
// capital source or sector band; the same split by source, sector band and
// investor; and the projects below the target curve, furthest below
// first. Every figure comes from the rollups (store/disbursement_stats.go).
// Who may see it: investment.view on the register's agency (the
// department's staff).

// belowLimit is how many projects below the curve the page lists.
const belowLimit = 50

// DisbursementBoard is the page /disbursement.
type DisbursementBoard struct {
	BasePage
	moneyFmt
	Filter      investment.StatsFilter
	Years       []int
	Months      []int
	Investors   []store.Breakdown // every investor of the year, for the filter
	Total       investment.Totals
	Target      float64
	CurveLocal  bool
	CurveYear   int
	BySource    []store.Breakdown
	ByBand      []store.Breakdown
	ByInvestor  []store.Breakdown
	Below       []investment.ProjectRate
	BelowCount  int
	SourceList  []investment.Source
	BandList    []investment.Band
	MayEditCurv bool
}

// SourceLabel names a source key of a breakdown.
func (p *DisbursementBoard) SourceLabel(k string) string { return investment.Source(k).Label(p.Lang) }

// BandLabel names a sector band key of a breakdown.
func (p *DisbursementBoard) BandLabel(k string) string { return investment.Band(k).Short(p.Lang) }

// TargetOf is the curve's target amount for totals t.
func (p *DisbursementBoard) TargetOf(t investment.Totals) int64 {
	plan := t.AssignedByPM
	if p.CurveLocal {
		plan = t.AllocatedLocally
	}
	return int64(float64(plan) * p.Target)
}

func (s *Server) handleDisbursementBoard(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "board.title")
	if err != nil {
		return err
	}
	ctx := r.Context()
	st := s.deps.Store
	reg, err := httpx.RegisterAgency(ctx, st, b.User)
	if err != nil {
		return err
	}
	if err := s.authorizeBoard(&b, reg); err != nil {
		return err
	}
	now := s.deps.Now().In(vn)
	q := r.URL.Query()
	f := investment.StatsFilter{AgencyID: reg, Year: now.Year(), Month: int(now.Month())}
	if v := q.Get("year"); v != "" {
		if f.Year, err = strconv.Atoi(v); err != nil || f.Year < 2000 || f.Year > 2100 {
			return invalid("year", "money.err.year")
		}
		if f.Year != now.Year() && q.Get("month") == "" {
			f.Month = 12
		}
	}
	if v := q.Get("month"); v != "" {
		if f.Month, err = strconv.Atoi(v); err != nil || f.Month < 1 || f.Month > 12 {
			return invalid("month", "money.err.month")
		}
	}
	if v := q.Get("investor"); v != "" {
		if f.InvestorID, err = strconv.ParseInt(v, 10, 64); err != nil || f.InvestorID <= 0 {
			return invalid("investor", "err.choose")
		}
	}
	if v := q.Get("source"); v != "" {
		if f.Source, err = investment.ParseSource("source", v); err != nil {
			return err
		}
	}
	if v := q.Get("sector_band"); v != "" {
		if !investment.Band(v).Valid() {
			return invalid("sector_band", "err.choose")
		}
		f.Band = investment.Band(v)
	}
	p := &DisbursementBoard{BasePage: b, Filter: f, SourceList: investment.Sources, BandList: investment.Bands,
		MayEditCurv: s.deps.Policy.Can(b.User, b.tree, investment.PermCurve, auth.Resource{UnitID: reg})}
	p.Title = b.T("board.h1", f.Month, f.Year)
	for y := now.Year(); y >= now.Year()-4; y-- {
		p.Years = append(p.Years, y)
	}
	for m := 1; m <= 12; m++ {
		p.Months = append(p.Months, m)
	}
	if p.Total, err = st.DisbursementTotals(ctx, f); err != nil {
		return err
	}
	curve, err := st.CurveFor(ctx, reg, f.Year)
	if err != nil {
		return err
	}
	p.Target, p.CurveLocal, p.CurveYear = float64(curve.Target(time.Month(f.Month)))/10000, curve.Against == investment.AgainstLocal, curve.EffectiveYear
	if p.BySource, err = st.DisbursementBreakdown(ctx, f, "source"); err != nil {
		return err
	}
	if p.ByBand, err = st.DisbursementBreakdown(ctx, f, "sector_band"); err != nil {
		return err
	}
	if p.ByInvestor, err = st.DisbursementBreakdown(ctx, f, "investor"); err != nil {
		return err
	}
	all := f
	all.InvestorID, all.Source, all.Band = 0, "", ""
	if p.Investors, err = st.DisbursementBreakdown(ctx, all, "investor"); err != nil {
		return err
	}
	if p.Below, p.BelowCount, err = st.BelowCurve(ctx, f, curve, belowLimit); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "disbursement", p)
}

// authorizeBoard lets the department's staff of the register's agency
// (investment.view through a role other than investor) see its board and
// curve: an investor's staff see their own figures on their projects'
// pages, never the whole register (investment.CanViewDisbursement).
func (s *Server) authorizeBoard(b *BasePage, reg int64) error {
	return investment.CanViewDisbursement(s.deps.Policy, b.User, b.tree, reg, investment.StatsFilter{AgencyID: reg}, nil, 0)
}
