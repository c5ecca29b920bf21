package httpx

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// The disbursement import and reports (web and API alike): who the caller
// is to the register, and which month and filters they ask for.

// DisbStore is what the disbursement import and reports need; *store.DB
// has it. The servers type-assert their Store to it.
type DisbStore interface {
	Tree(ctx context.Context) (*org.Tree, error)
	RegisterOf(ctx context.Context, agency int64) (int64, error)
	InvestorOfUnit(ctx context.Context, unit int64) (int64, error)
	FindInvestorByID(ctx context.Context, id int64) (investment.Investor, error)
	FindProjectByCode(ctx context.Context, agencyID int64, code string) (investment.Project, error)
	RecordDisbursements(ctx context.Context, r investment.Reporter, rows []investment.FigureRow) ([]investment.Figure, error)
	CheckDisbursements(ctx context.Context, r investment.Reporter, rows []investment.FigureRow) error
	DisbursementLines(ctx context.Context, f investment.StatsFilter) ([]store.DisbursementLine, error)
	InvestorRanking(ctx context.Context, f investment.StatsFilter, by investment.Denominator) ([]investment.InvestorRank, error)
	LateInvestors(ctx context.Context, agency int64, p investment.Period) ([]store.LateInvestor, error)
}

// Disb gives the store's disbursement side, or an internal error when the
// store has none (a test double).
func Disb(st Store) (DisbStore, error) {
	if d, ok := st.(DisbStore); ok {
		return d, nil
	}
	return nil, errors.New("httpx: the store has no disbursement import")
}

// DisbCaller is who uses a disbursement page or endpoint: the register
// they work on and, for an investor's staff, their investor.
type DisbCaller struct {
	Sub      *auth.Subject
	Tree     *org.Tree
	Register int64
	Investor *investment.Investor // nil for the department's staff
	pol      *auth.Policy
}

// NewDisbCaller finds the caller's register: their own agency, or the one
// keeping their investor's register when their agency is an investor's unit.
func NewDisbCaller(ctx context.Context, st DisbStore, pol *auth.Policy) (DisbCaller, error) {
	c := DisbCaller{Sub: SubjectFrom(ctx), pol: pol}
	if c.Sub == nil {
		return c, apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	var err error
	if c.Tree, err = st.Tree(ctx); err != nil {
		return c, err
	}
	u, ok := c.Tree.Unit(c.Sub.PrimaryUnit())
	if !ok {
		return c, apperr.Forbiddenf("Bạn chưa thuộc đơn vị nào", "You belong to no unit")
	}
	if c.Register, err = st.RegisterOf(ctx, u.AgencyID); err != nil {
		return c, err
	}
	if c.Register != u.AgencyID {
		id, err := st.InvestorOfUnit(ctx, u.AgencyID)
		if err != nil {
			return c, err
		}
		inv, err := st.FindInvestorByID(ctx, id)
		if err != nil {
			return c, err
		}
		c.Investor = &inv
	}
	return c, nil
}

// Reporter is the caller as the store's batch checks them.
func (c DisbCaller) Reporter() investment.Reporter {
	return investment.Reporter{AgencyID: c.Register, Actor: actorOf(c.Sub), Subject: c.Sub, Policy: c.pol}
}

func actorOf(s *auth.Subject) audit.Actor {
	return audit.Actor{PersonID: s.PersonID, Name: s.Name, AgencyID: s.AgencyID}
}

// InvestorID is the caller's investor, 0 for the department's staff.
func (c DisbCaller) InvestorID() int64 {
	if c.Investor == nil {
		return 0
	}
	return c.Investor.ID
}

func (c DisbCaller) own() []investment.Investor {
	if c.Investor == nil {
		return nil
	}
	return []investment.Investor{*c.Investor}
}

// MayReport refuses a caller who may send no figure to the register
// (investment.MayReportSomewhere). Errors: apperr.Forbidden.
func (c DisbCaller) MayReport() error {
	if investment.MayReportSomewhere(c.pol, c.Sub, c.Tree, c.Register, c.own()) {
		return nil
	}
	return apperr.Forbiddenf("Bạn không có quyền báo cáo số liệu giải ngân", "You may not report disbursement figures")
}

// Department refuses a caller who is not the department's staff holding
// investment.view on the register (the ranking, the late investors).
func (c DisbCaller) Department() error {
	if investment.VisibleRegister(c.pol, c.Sub, c.Tree, c.Register, nil).All {
		return nil
	}
	return apperr.Forbiddenf("Chỉ cán bộ của Sở xem được số liệu này", "Only the department's staff see these figures")
}

// DisbPeriod reads year= and month= from q, last month in Vietnam by
// default. Errors: apperr.Invalid naming year or month.
func DisbPeriod(q url.Values, now time.Time) (investment.Period, error) {
	p := investment.PeriodOf(now).Prev()
	if v := q.Get("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2000 || n > 2100 {
			return p, apperr.Invalidf("year", "Năm “%s” không hợp lệ", "invalid year %q", v)
		}
		p.Year = n
	}
	if v := q.Get("month"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 12 {
			return p, apperr.Invalidf("month", "Tháng “%s” không hợp lệ (1 đến 12)", "invalid month %q (1 to 12)", v)
		}
		p.Month = n
	}
	return p, nil
}

// DisbFilter reads the stats' filters from q (year, month, investor,
// source, project by code) and checks the caller may read them
// (investment.CanViewDisbursement); an investor's staff without a filter
// get their own investor. Errors: apperr.Invalid, apperr.NotFound (the
// project), apperr.Forbidden.
func (c DisbCaller) DisbFilter(ctx context.Context, st DisbStore, q url.Values, now time.Time) (investment.StatsFilter, error) {
	p, err := DisbPeriod(q, now)
	if err != nil {
		return investment.StatsFilter{}, err
	}
	f := investment.StatsFilter{AgencyID: c.Register, Year: p.Year, Month: p.Month}
	if v := q.Get("investor"); v != "" {
		if f.InvestorID, err = strconv.ParseInt(v, 10, 64); err != nil || f.InvestorID <= 0 {
			return f, apperr.Invalidf("investor", "Chủ đầu tư “%s” không hợp lệ", "invalid investor %q", v)
		}
	}
	if v := q.Get("source"); v != "" {
		if f.Source, err = investment.ParseSource("source", v); err != nil {
			return f, err
		}
	}
	var projectInvestor int64
	if v := q.Get("project"); v != "" {
		p, err := st.FindProjectByCode(ctx, c.Register, v)
		if err != nil {
			return f, err
		}
		f.ProjectID, projectInvestor = p.ID, p.InvestorID
	}
	if c.Investor != nil && f.InvestorID == 0 && f.ProjectID == 0 {
		f.InvestorID = c.Investor.ID
	}
	// Not an investor's staff: the department's, holding investment.view
	// as its staff (the role investor held in a department counts for
	// nothing, as investment.VisibleRegister has it).
	if c.Investor == nil {
		if err := c.Department(); err != nil {
			return f, err
		}
	}
	var own []int64
	if c.Investor != nil {
		own = []int64{c.Investor.ID}
	}
	return f, investment.CanViewDisbursement(c.pol, c.Sub, c.Tree, c.Register, f, own, projectInvestor)
}

// Form01a is the monthly report of f's lines, and the issuing body: the
// register's agency under its parent.
func (c DisbCaller) Form01a(ctx context.Context, st DisbStore, f investment.StatsFilter) (investment.Form01a, string, string, error) {
	lines, err := st.DisbursementLines(ctx, f)
	if err != nil {
		return investment.Form01a{}, "", "", err
	}
	in := make([]investment.Form01aInput, len(lines))
	for i, l := range lines {
		in[i] = investment.Form01aInput{ProjectCode: l.ProjectCode, ProjectName: l.ProjectName, Investor: l.InvestorName, Source: l.Source, Totals: l.Totals}
	}
	var agency, unit string
	if u, ok := c.Tree.Unit(c.Register); ok {
		unit = u.Name
		if u.ParentID != nil {
			if p, ok := c.Tree.Unit(*u.ParentID); ok {
				agency = p.Name
			}
		}
	}
	return investment.BuildForm01a(investment.Period{Year: f.Year, Month: f.Month}, in), agency, unit, nil
}

// Owed are the lines the caller's investor owes for month p (a plan, no
// figure yet), for the template; none for the department's staff.
func (c DisbCaller) Owed(ctx context.Context, st DisbStore, p investment.Period) ([]store.DisbursementLine, error) {
	if c.Investor == nil {
		return nil, nil
	}
	lines, err := st.DisbursementLines(ctx, investment.StatsFilter{AgencyID: c.Register, Year: p.Year, Month: p.Month, InvestorID: c.Investor.ID})
	if err != nil {
		return nil, err
	}
	var out []store.DisbursementLine
	for _, l := range lines {
		if !l.Reported && l.AssignedByPM+l.AllocatedLocally > 0 {
			out = append(out, l)
		}
	}
	return out, nil
}
