package web

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Đánh giá, xếp loại (internal/evaluation): the user's own evaluations, to
// open and self-assess; their units' (heads), to assess; the agency's
// (director), to approve, with the quota of HTXSNV per task group.

// EvalRow is one evaluation in a list.
type EvalRow struct {
	E    evaluation.Evaluation
	Unit string
}

// QuotaRow is a task group's approved tally in a period and what the
// quota allows.
type QuotaRow struct {
	Group   evaluation.Group
	T       evaluation.Tally
	Allowed int
	Waiting int // assessed as HTXSNV, awaiting approval
}

// EvalListPage is a list of evaluations: "mine", "unit" or "agency".
type EvalListPage struct {
	BasePage
	Scope    string
	Year     int
	Period   string // "" for the whole year, else "3" or "q2"
	Periods  []PeriodOption
	Rows     []EvalRow
	Quota    []QuotaRow
	Percent  int
	Form     *Form
	Deadline calendar.Date
	// Agency is the agency's own 70 points for the period (the agency page
	// with a period chosen); HasAgency says it is shown.
	Agency    evaluation.AgencyScore
	HasAgency bool
}

// Pct writes a ratio 0–1 as a percentage.
func (p *EvalListPage) Pct(v float64) string { return fmtDecimal(v*100) + "%" }

// PeriodOption is a month or quarter in a select.
type PeriodOption struct {
	Value, Label string
}

func periodOptions(lang string, year int) []PeriodOption {
	var out []PeriodOption
	for m := 1; m <= 12; m++ {
		out = append(out, PeriodOption{strconv.Itoa(m), work.MonthPeriod(year, m).Label(lang)})
	}
	for q := 1; q <= 4; q++ {
		out = append(out, PeriodOption{"q" + strconv.Itoa(q), work.QuarterPeriod(year, q).Label(lang)})
	}
	return out
}

// evalQuery reads ?year= (this year by default) and ?period= (optional).
func (s *Server) evalQuery(r *http.Request) (int, *work.Period, string, error) {
	year := s.deps.Now().In(vn).Year()
	q := r.URL.Query()
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
			return 0, nil, "", invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear)
		}
		year = y
	}
	v := q.Get("period")
	if v == "" {
		return year, nil, "", nil
	}
	p, err := evaluation.ParsePeriod(year, v)
	if err != nil {
		return 0, nil, "", err
	}
	return year, &p, evaluation.PeriodParam(p), nil
}

func (s *Server) evalList(w http.ResponseWriter, r *http.Request, scope string, status int, form *Form) error {
	b, err := s.base(w, r, "eval.title."+scope)
	if err != nil {
		return err
	}
	roles := map[string][]org.Role{"mine": staffRoles, "unit": {org.RoleHead, org.RoleDeputyHead},
		"agency": {org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector}}
	if err := holdsRole(&b, roles[scope]...); err != nil {
		return err
	}
	year, period, pv, err := s.evalQuery(r)
	if err != nil {
		return err
	}
	p := &EvalListPage{BasePage: b, Scope: scope, Year: year, Period: pv, Periods: periodOptions(b.Lang, year), Form: form,
		Deadline: evaluation.YearDeadline(year)}
	if p.Form == nil {
		p.Form = newForm(nil, "period")
	}
	f := store.EvaluationFilter{AgencyID: b.User.AgencyID, Year: year, Period: period}
	switch scope {
	case "mine":
		f.PersonID = b.User.PersonID
	case "unit":
		f.UnitIDs = []int64{}
		for _, g := range b.User.Grants {
			if g.Role == org.RoleHead || g.Role == org.RoleDeputyHead {
				f.UnitIDs = append(f.UnitIDs, b.tree.AgencySubtree(g.UnitID)...)
			}
		}
	}
	list, err := s.deps.Store.ListEvaluations(r.Context(), f)
	if err != nil {
		return err
	}
	quota := map[evaluation.Group]*QuotaRow{}
	rs, err := s.deps.Store.EvaluationRuleSets(r.Context(), b.User.AgencyID)
	if err != nil {
		return err
	}
	rules, _ := evaluation.InForce(rs, calendar.Date{Year: year, Month: 1, Day: 1})
	p.Percent = rules.QuotaPercent
	for _, e := range list {
		if evaluation.CanView(b.User, b.tree, s.deps.Policy, e) != nil {
			continue
		}
		p.Rows = append(p.Rows, EvalRow{E: e, Unit: b.UnitName(e.UnitID)})
		q := quota[e.Group]
		if q == nil {
			q = &QuotaRow{Group: e.Group}
			quota[e.Group] = q
		}
		switch {
		case e.State == evaluation.StateApproved:
			q.T.Add(e.Grade)
		case e.State == evaluation.StateAssessed && e.Grade == work.Excellent:
			q.Waiting++
		}
	}
	if scope == "agency" && period != nil {
		var points []float64
		for _, row := range p.Rows {
			if row.E.State == evaluation.StateApproved {
				points = append(points, row.E.Task.Points)
			}
		}
		units, err := s.deps.Store.StatsUnits(r.Context(), b.User.AgencyID)
		if err != nil {
			return err
		}
		rep, err := s.deps.Store.DossierReport(r.Context(), units, period.Start(), period.End())
		if err != nil {
			return err
		}
		p.Agency = evaluation.ScoreAgency(rules, points, rep.Resolved.Early+rep.Resolved.OnTime, rep.Resolved.Total)
		p.HasAgency = true
		for _, g := range []evaluation.Group{evaluation.GroupStaff, evaluation.GroupLeader} {
			if q := quota[g]; q != nil {
				q.Allowed = evaluation.QuotaAllowed(rules.QuotaPercent, q.T.Good)
				p.Quota = append(p.Quota, *q)
			}
		}
	}
	p.Title = b.T("eval.title."+scope) + " — " + strconv.Itoa(year)
	if period != nil {
		p.Title = b.T("eval.title."+scope) + " — " + period.Label(b.Lang)
	}
	return s.render(w, status, "evaluations", p)
}

func (s *Server) handleEvalMine(w http.ResponseWriter, r *http.Request) error {
	return s.evalList(w, r, "mine", http.StatusOK, nil)
}

func (s *Server) handleEvalUnit(w http.ResponseWriter, r *http.Request) error {
	return s.evalList(w, r, "unit", http.StatusOK, nil)
}

func (s *Server) handleEvalAgency(w http.ResponseWriter, r *http.Request) error {
	return s.evalList(w, r, "agency", http.StatusOK, nil)
}

// handleEvalOpen opens the user's own evaluation of a month or quarter.
func (s *Server) handleEvalOpen(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, "period", "year")
	sub := httpx.SubjectFrom(r.Context())
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.evalList(w, r, "mine", statusOf(err), f)
	}
	year, err := strconv.Atoi(f.Get("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		return fail(invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear))
	}
	p, err := evaluation.ParsePeriod(year, f.Get("period"))
	if err != nil {
		return fail(err)
	}
	e, err := s.deps.Store.CreateEvaluation(r.Context(), actor(sub), sub.PersonID, p, nil)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Conflict {
			return fail(apperr.New(apperr.Conflict, "period", T("vi", "eval.err.exists"), T("en", "eval.err.exists")))
		}
		return fail(err)
	}
	s.flash(w, "flash.eval.opened", p.Label(httpx.Lang(r)))
	return redirect(w, r, "/evaluations/"+strconv.FormatInt(e.ID, 10))
}

// staffRoles are an agency's people, who are evaluated (the operator is not staff).
var staffRoles = []org.Role{org.RoleDirector, org.RoleDeputyDirector, org.RoleHead, org.RoleDeputyHead,
	org.RoleOfficial, org.RoleClerk, org.RoleInspector, org.RoleAdmin}

// holdsRole refuses a user who holds none of the roles (anywhere: the
// pages work on the user's own agency).
func holdsRole(b *BasePage, roles ...org.Role) error {
	for _, g := range b.User.Grants {
		for _, r := range roles {
			if g.Role == r {
				return nil
			}
		}
	}
	return apperr.New(apperr.Forbidden, "", T("vi", "eval.forbidden"), T("en", "eval.forbidden"))
}

// EvalTabs are the pages of the evaluation menu the user's roles open.
func (b *BasePage) EvalTabs() []NavItem {
	var head, lead bool
	if b.User != nil {
		for _, g := range b.User.Grants {
			switch g.Role {
			case org.RoleHead, org.RoleDeputyHead:
				head = true
			case org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector:
				lead = true
			}
		}
	}
	items := []NavItem{{Href: "/evaluations", Label: b.T("eval.tab.mine")}}
	if head {
		items = append(items, NavItem{Href: "/evaluations/unit", Label: b.T("eval.tab.unit")})
	}
	if lead {
		items = append(items, NavItem{Href: "/evaluations/agency", Label: b.T("eval.tab.agency")})
	}
	if head || lead {
		items = append(items, NavItem{Href: "/evaluations/year", Label: b.T("eval.tab.year")})
	}
	items = append(items, NavItem{Href: "/evaluations/rules", Label: b.T("eval.tab.rules")})
	path := b.Path
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	for i := range items {
		items[i].Current = path == items[i].Href
	}
	return items
}
