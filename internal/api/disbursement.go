package api

import (
	"net/http"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/investment"
)

// Capital plans and monthly disbursement of the investment register
// (issue 13, items 4, 5 and 8; Luật Đầu tư công 58/2024/QH15 Art 67, 72;
// TT 37/2025/TT-BTC): a project's plans with the two denominators, its
// monthly figures, and the rates of any part of the register for any
// month, computed from rollups (store/disbursement_rollup.go).

// The grants of the module's routes (investment.RegisterPolicy).
const (
	planGrants   = "director deputy_director: agency; head deputy_head official: subtree"
	reportGrants = "investor: agency; head deputy_head official: subtree"
	viewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
)

func (s *Server) moneyRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/projects/{code}/plans", ID: "createCapitalPlan", Tag: "investment",
			Access: access.May("investment.manage", planGrants),
			Summary: "Set or adjust a project's capital plan for a year and a capital source: the plan assigned by the Prime Minister and the plan allocated locally " +
				"(investment.manage: the department's directors, the unit following the project). An adjustment of an existing plan needs its decision " +
				"(decision_number, decision_date, decision_signer); a plan for a closed year (past its Art 72 disbursement deadline and extension) is 409.",
			Request: capitalPlanRequest{}, Response: capitalPlanResponse{}, Status: http.StatusCreated, Handle: s.handleCapitalPlanCreate},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/disbursements", ID: "createDisbursement", Tag: "investment",
			Access: access.May("investment.report", reportGrants).Note("an investor's staff on their own investor's projects only; another investor's project is 403"),
			Summary: "Report a month's disbursement of a project's capital source: the cumulative actual since 1 January to the end of the month and the estimate to the end of the next " +
				"(investment.report: the project's investor, the unit following it). A month already reported is 409 unless sent with \"correction\": true and a reason; " +
				"a cumulative above the plan allocated locally, a month after the current one, an unknown source or a year without a plan is 400.",
			Request: disbursementRequest{}, Response: disbursementResponse{}, Status: http.StatusCreated, Handle: s.handleDisbursementCreate},
		{Method: "GET", Pattern: "/api/v1/stats/disbursement", ID: "getDisbursementStats", Tag: "stats",
			Access: access.May("investment.view", viewGrants).Note("an investor's staff for their own investor or project only"),
			Summary: "The plans, the cumulative disbursement and the rates against both plans (fractions: 0.4 for 40%) of the register for a year up to the end of a month, " +
				"for the province or one investor, capital source, sector band or project, with the target curve's share for the month and how many projects are below it.",
			Query: []param{
				{"year", "integer", "the plan year (required)"},
				{"month", "integer", "the month, 1–12 (required)"},
				{"investor", "integer", "only this investor's projects (its id)"},
				{"source", "string", "only this capital source: central, provincial, commune, oda, other"},
				{"sector_band", "string", "only this sector band: k2, k3, k4, k5"},
				{"project", "string", "only this project (its code)"},
			},
			Response: disbursementStatsResponse{}, Status: http.StatusOK, Handle: s.handleDisbursementStats},
	}
}

// capitalPlanRequest is the body of POST /api/v1/projects/{code}/plans.
type capitalPlanRequest struct {
	Year             *int   `json:"year" api:"required"`
	Source           string `json:"source" api:"required" doc:"central, provincial, commune, oda or other"`
	AssignedByPM     *int64 `json:"assigned_by_pm" api:"required" doc:"đồng: the plan assigned by the Prime Minister"`
	AllocatedLocally *int64 `json:"allocated_locally" api:"required" doc:"đồng: the plan allocated locally"`
	Kind             string `json:"kind,omitempty" doc:"annual (default) or medium_term (the 2026–2030 plan, year 2026)"`
	DecisionNumber   string `json:"decision_number,omitempty" doc:"the decision's number; required for an adjustment"`
	DecisionDate     string `json:"decision_date,omitempty" api:"format=date" doc:"required for an adjustment"`
	DecisionSigner   string `json:"decision_signer,omitempty" doc:"required for an adjustment"`
	DecisionFileID   int64  `json:"decision_file_id,omitempty" doc:"the decision's scan, from POST /api/v1/files"`
}

// Validate checks the request's shape; investment.DecidePlan the rest.
func (q *capitalPlanRequest) Validate() error {
	if q.Year == nil {
		return apperr.Invalidf("year", "thiếu year (năm kế hoạch)", "year is required (the plan year)")
	}
	if _, err := investment.ParseSource("source", q.Source); err != nil {
		return err
	}
	if q.AssignedByPM == nil {
		return apperr.Invalidf("assigned_by_pm", "thiếu assigned_by_pm (kế hoạch Thủ tướng giao, đồng)", "assigned_by_pm is required (đồng)")
	}
	if q.AllocatedLocally == nil {
		return apperr.Invalidf("allocated_locally", "thiếu allocated_locally (kế hoạch địa phương phân bổ, đồng)", "allocated_locally is required (đồng)")
	}
	if q.DecisionDate != "" {
		d, err := requireDate("decision_date", q.DecisionDate)
		if err != nil {
			return err
		}
		q.DecisionDate = d
	}
	return nil
}

func (q capitalPlanRequest) input() (investment.PlanInput, error) {
	kind, err := investment.ParsePlanKind(q.Kind)
	if err != nil {
		return investment.PlanInput{}, err
	}
	in := investment.PlanInput{Kind: kind, Year: *q.Year, Source: investment.Source(q.Source), AssignedByPM: *q.AssignedByPM, AllocatedLocally: *q.AllocatedLocally}
	if q.DecisionNumber != "" || q.DecisionDate != "" || q.DecisionSigner != "" || q.DecisionFileID != 0 {
		in.Decision = &investment.Decision{Number: strings.TrimSpace(q.DecisionNumber), Date: q.DecisionDate,
			Signer: strings.TrimSpace(q.DecisionSigner), FileID: q.DecisionFileID}
	}
	return in, nil
}

// capitalPlanResponse is a plan's version as recorded.
type capitalPlanResponse struct {
	Project          string `json:"project"`
	Kind             string `json:"kind"`
	Year             int    `json:"year"`
	Source           string `json:"source"`
	AssignedByPM     int64  `json:"assigned_by_pm"`
	AllocatedLocally int64  `json:"allocated_locally"`
	Version          int    `json:"version" doc:"1 as first set, +1 for each adjustment"`
	DecisionNumber   string `json:"decision_number"`
	DecisionDate     string `json:"decision_date"`
	DecisionSigner   string `json:"decision_signer"`
	DecisionFileID   int64  `json:"decision_file_id"`
}

// reporter is the caller as the register's writer, in the register of
// their agency (an investor's staff: the department keeping their
// investor's register).
func (s *Server) reporter(r *http.Request) (investment.Reporter, error) {
	subj := subjectOf(r)
	reg, err := s.deps.Store.RegisterOf(r.Context(), subj.AgencyID)
	if err != nil {
		return investment.Reporter{}, err
	}
	return investment.Reporter{AgencyID: reg, Actor: actorOf(subj), Subject: subj, Policy: s.deps.Policy}, nil
}

func (s *Server) handleCapitalPlanCreate(w http.ResponseWriter, r *http.Request) error {
	var q capitalPlanRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	in, err := q.input()
	if err != nil {
		return err
	}
	rep, err := s.reporter(r)
	if err != nil {
		return err
	}
	code := r.PathValue("code")
	p, err := s.deps.Store.RecordCapitalPlan(r.Context(), rep, code, in)
	if err != nil {
		return err
	}
	d := p.Decision
	return writeJSON(w, http.StatusCreated, capitalPlanResponse{Project: code, Kind: string(p.Kind), Year: p.Year, Source: string(p.Source),
		AssignedByPM: p.AssignedByPM, AllocatedLocally: p.AllocatedLocally, Version: p.Version,
		DecisionNumber: d.Number, DecisionDate: d.Date, DecisionSigner: d.Signer, DecisionFileID: d.FileID})
}

// disbursementRequest is the body of POST /api/v1/projects/{code}/disbursements.
type disbursementRequest struct {
	Year             *int   `json:"year" api:"required"`
	Month            *int   `json:"month" api:"required" doc:"1–12; up to the current month"`
	Source           string `json:"source" api:"required" doc:"central, provincial, commune, oda or other"`
	CumulativeActual *int64 `json:"cumulative_actual" api:"required" doc:"đồng disbursed from 1 January to the end of the month (a whole number)"`
	EstimateNext     *int64 `json:"estimate_next" api:"required" doc:"đồng expected disbursed from 1 January to the end of the next month"`
	Correction       bool   `json:"correction,omitempty" doc:"replaces the month's figure already reported (with reason)"`
	Reason           string `json:"reason,omitempty" doc:"why, for a correction"`
}

// Validate checks the request's shape; investment.DecideFigure the rest.
func (q *disbursementRequest) Validate() error {
	for _, m := range []struct {
		field   string
		missing bool
	}{{"year", q.Year == nil}, {"month", q.Month == nil}, {"cumulative_actual", q.CumulativeActual == nil}, {"estimate_next", q.EstimateNext == nil}} {
		if m.missing {
			return apperr.Invalidf(m.field, "thiếu %s (bắt buộc)", "%s is required", m.field)
		}
	}
	if _, err := investment.ParseSource("source", q.Source); err != nil {
		return err
	}
	var err error
	q.Reason, err = apperr.Text("reason", q.Reason, 0, 1000)
	return err
}

// disbursementResponse is the figure as recorded, with the source's plans
// and rates at that month.
type disbursementResponse struct {
	Project          string  `json:"project"`
	Year             int     `json:"year"`
	Month            int     `json:"month"`
	Source           string  `json:"source"`
	CumulativeActual int64   `json:"cumulative_actual"`
	EstimateNext     int64   `json:"estimate_next"`
	Version          int     `json:"version" doc:"1 as reported, +1 for each correction"`
	AssignedByPM     int64   `json:"assigned_by_pm" doc:"the source's plan assigned by the Prime Minister"`
	AllocatedLocally int64   `json:"allocated_locally" doc:"the source's plan allocated locally"`
	RateVsPM         float64 `json:"rate_vs_pm" doc:"cumulative_actual ÷ assigned_by_pm, a fraction"`
	RateVsLocal      float64 `json:"rate_vs_local" doc:"cumulative_actual ÷ allocated_locally, a fraction"`
}

func (s *Server) handleDisbursementCreate(w http.ResponseWriter, r *http.Request) error {
	var q disbursementRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	rep, err := s.reporter(r)
	if err != nil {
		return err
	}
	code := r.PathValue("code")
	figs, err := s.deps.Store.RecordDisbursements(r.Context(), rep, []investment.FigureRow{{Line: 1, ProjectCode: code, FigureInput: investment.FigureInput{
		Year: *q.Year, Month: *q.Month, Source: investment.Source(q.Source), CumulativeActual: *q.CumulativeActual, EstimateNext: *q.EstimateNext,
		Correction: q.Correction, Reason: q.Reason}}})
	if err != nil {
		return err
	}
	f := figs[0]
	t, err := s.deps.Store.DisbursementTotals(r.Context(), investment.StatsFilter{AgencyID: rep.AgencyID, Year: f.Year, Month: int(f.Month), Source: f.Source, ProjectID: f.ProjectID})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, disbursementResponse{Project: code, Year: f.Year, Month: int(f.Month), Source: string(f.Source),
		CumulativeActual: f.CumulativeActual, EstimateNext: f.EstimateNext, Version: f.Version,
		AssignedByPM: t.AssignedByPM, AllocatedLocally: t.AllocatedLocally, RateVsPM: t.RateVsPM(), RateVsLocal: t.RateVsLocal()})
}

// disbursementStatsResponse is the rates of a part of the register.
type disbursementStatsResponse struct {
	Year                int     `json:"year"`
	Month               int     `json:"month"`
	AssignedByPM        int64   `json:"assigned_by_pm" doc:"đồng: the year's plans assigned by the Prime Minister"`
	AllocatedLocally    int64   `json:"allocated_locally" doc:"đồng: the year's plans allocated locally"`
	CumulativeActual    int64   `json:"cumulative_actual" doc:"đồng disbursed from 1 January to the end of the month"`
	RateVsPM            float64 `json:"rate_vs_pm" doc:"cumulative_actual ÷ assigned_by_pm, a fraction (0.4 for 40%)"`
	RateVsLocal         float64 `json:"rate_vs_local" doc:"cumulative_actual ÷ allocated_locally, a fraction"`
	EstimateNext        int64   `json:"estimate_next" doc:"đồng expected disbursed by the end of the next month"`
	EstimateRateVsPM    float64 `json:"estimate_rate_vs_pm"`
	EstimateRateVsLocal float64 `json:"estimate_rate_vs_local"`
	TargetRate          float64 `json:"target_rate" doc:"the target curve's share for the month, a fraction (not verified against a legal text: an administrator's data)"`
	CurveAgainst        string  `json:"curve_against" doc:"pm or local: which plan the curve is measured against"`
	BelowCurve          bool    `json:"below_curve" doc:"whether these figures are below the curve"`
	ProjectsBelowCurve  int     `json:"projects_below_curve" doc:"how many projects of the filter are below the curve"`
}

func (s *Server) handleDisbursementStats(w http.ResponseWriter, r *http.Request) error {
	subj := subjectOf(r)
	f, projectInvestor, err := s.statsFilter(r, subj)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	own, err := s.ownInvestors(r, subj)
	if err != nil {
		return err
	}
	if err := investment.CanViewDisbursement(s.deps.Policy, subj, t, f.AgencyID, f, own, projectInvestor); err != nil {
		return err
	}
	tot, err := s.deps.Store.DisbursementTotals(r.Context(), f)
	if err != nil {
		return err
	}
	curve, err := s.deps.Store.CurveFor(r.Context(), f.AgencyID, f.Year)
	if err != nil {
		return err
	}
	out := disbursementStatsResponse{Year: f.Year, Month: f.Month, AssignedByPM: tot.AssignedByPM, AllocatedLocally: tot.AllocatedLocally,
		CumulativeActual: tot.CumulativeActual, RateVsPM: tot.RateVsPM(), RateVsLocal: tot.RateVsLocal(), EstimateNext: tot.EstimateNext,
		EstimateRateVsPM: tot.EstimateRateVsPM(), EstimateRateVsLocal: tot.EstimateRateVsLocal(),
		TargetRate: float64(curve.Target(monthOf(f.Month))) / 10000, CurveAgainst: string(curve.Against), BelowCurve: curve.Below(tot, monthOf(f.Month))}
	if f.ProjectID == 0 {
		if _, out.ProjectsBelowCurve, err = s.deps.Store.BelowCurve(r.Context(), f, curve, 0); err != nil {
			return err
		}
	} else if out.BelowCurve {
		out.ProjectsBelowCurve = 1
	}
	return writeJSON(w, http.StatusOK, out)
}

// statsFilter reads the query of GET /api/v1/stats/disbursement in the
// caller's register, with the investor of the project asked for.
func (s *Server) statsFilter(r *http.Request, subj *auth.Subject) (investment.StatsFilter, int64, error) {
	var f investment.StatsFilter
	var err error
	if f.AgencyID, err = s.deps.Store.RegisterOf(r.Context(), subj.AgencyID); err != nil {
		return f, 0, err
	}
	if r.URL.Query().Get("year") == "" {
		return f, 0, apperr.Invalidf("year", "thiếu tham số year (năm kế hoạch)", "the parameter year is required (the plan year)")
	}
	if r.URL.Query().Get("month") == "" {
		return f, 0, apperr.Invalidf("month", "thiếu tham số month (1 đến 12)", "the parameter month is required (1 to 12)")
	}
	if f.Year, err = queryInt(r, "year", 0, 2000, 2100); err != nil {
		return f, 0, err
	}
	if f.Month, err = queryInt(r, "month", 0, 1, 12); err != nil {
		return f, 0, err
	}
	if f.InvestorID, err = queryID(r, "investor"); err != nil {
		return f, 0, err
	}
	if src := r.URL.Query().Get("source"); src != "" {
		if f.Source, err = investment.ParseSource("source", src); err != nil {
			return f, 0, err
		}
	}
	if b := r.URL.Query().Get("sector_band"); b != "" {
		if !investment.Band(b).Valid() {
			return f, 0, apperr.Invalidf("sector_band", "lĩnh vực %q không hợp lệ (k2, k3, k4, k5)", "unknown sector band %q (k2, k3, k4, k5)", b)
		}
		f.Band = investment.Band(b)
	}
	var projectInvestor int64
	if code := r.URL.Query().Get("project"); code != "" {
		p, err := s.deps.Store.FindProjectByCode(r.Context(), f.AgencyID, code)
		if err != nil {
			return f, 0, err
		}
		f.ProjectID, projectInvestor = p.ID, p.InvestorID
	}
	return f, projectInvestor, nil
}

// ownInvestors are the investors whose staff the caller is.
func (s *Server) ownInvestors(r *http.Request, subj *auth.Subject) ([]int64, error) {
	var own []int64
	for _, g := range subj.Grants {
		if g.Role != "investor" {
			continue
		}
		id, err := s.deps.Store.InvestorOfUnit(r.Context(), g.UnitID)
		if err != nil {
			return nil, err
		}
		if id != 0 {
			own = append(own, id)
		}
	}
	return own, nil
}

func monthOf(m int) time.Month { return time.Month(m) }
