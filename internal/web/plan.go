package web

import (
	"context"
	"net/http"
	"strconv"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Plans (kế hoạch công tác): the list with a year filter and a search, and
// the plan page with its targets (chỉ tiêu), their actuals and attainment,
// and the tasks that carry it out. Who sees a plan: ViewTask on its owner
// unit; who creates one or reports an actual: CreateTask there (the unit's
// managers, the directors), as in the JSON API.

// PlanRow is a plan in the list with how its tasks stand.
type PlanRow struct {
	Plan     work.Plan
	Progress store.PlanProgress
	Targets  TargetsView
}

// TargetsView is how far a plan's targets are reached, shown beside its
// tasks' completion so that a plan whose tasks are done while its targets
// lag does not read 100%.
type TargetsView struct {
	work.PlanAttainment
	Has     bool    // the plan has targets
	Percent float64 // Mean × 100
}

func targetsView(p work.Plan) TargetsView {
	a, ok := p.Attainment()
	return TargetsView{PlanAttainment: a, Has: ok, Percent: a.Mean * 100}
}

// PlansPage is the list of plans.
type PlansPage struct {
	BasePage
	Filter    *Form
	Rows      []PlanRow
	CanCreate bool
}

// visiblePlans lists the plans the user may see, of a year (0: any) and
// matching a search: their agency's when they see it whole, otherwise
// those of the units below their grants, each checked with the policy.
func (s *Server) visiblePlans(ctx context.Context, b *BasePage, year int, query string) ([]work.Plan, error) {
	f := store.PlanFilter{AgencyID: b.User.AgencyID, Year: year, Query: query, Limit: 200}
	scope := store.TaskScopeOf(b.User, b.tree)
	if len(scope.AgencyIDs) == 0 {
		if len(scope.UnitIDs) == 0 {
			return nil, nil
		}
		f.OwnerUnitIDs = append([]int64{}, scope.UnitIDs...)
	}
	list, err := s.deps.Store.FindPlans(ctx, f)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, p := range list {
		if s.canOnUnit(b, work.ViewTask, p.OwnerUnitID) {
			out = append(out, p)
		}
	}
	return out, nil
}

// canOnUnit reports whether the user may take an action on a unit.
func (s *Server) canOnUnit(b *BasePage, a auth.Action, unitID int64) bool {
	return unitID > 0 && s.authorize(b, a, unitID) == nil
}

func (s *Server) handlePlanList(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "plans.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &PlansPage{BasePage: b, Filter: newForm(q, "year", "q"), CanCreate: s.canSomewhere(b.User, b.tree, work.CreateTask)}
	year := 0
	if v := p.Filter.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
			p.Filter.Errors["year"] = b.T("plans.err.year", calendar.MinYear, calendar.MaxYear)
			return s.render(w, http.StatusBadRequest, "plans", p)
		}
		year = y
	}
	plans, err := s.visiblePlans(r.Context(), &b, year, p.Filter.Get("q"))
	if err != nil {
		return err
	}
	for _, pl := range plans {
		d, err := s.deps.Store.FindPlanByID(r.Context(), pl.ID)
		if err != nil {
			return err
		}
		p.Rows = append(p.Rows, PlanRow{Plan: d.Plan, Progress: d.Progress, Targets: targetsView(d.Plan)})
	}
	return s.render(w, http.StatusOK, "plans", p)
}

// TargetView is a target with its current value and attainment.
type TargetView struct {
	work.Target
	Current    float64
	HasCurrent bool
	Percent    float64 // attainment × 100, not capped
	HasPercent bool
}

// PlanPage is one plan.
type PlanPage struct {
	BasePage
	Plan      work.Plan
	Progress  store.PlanProgress
	Attained  TargetsView
	Targets   []TargetView
	Rows      []TaskRow
	CanReport bool // report actuals and assign tasks under the plan
	Actual    *Form
	Files     *Attachments // its targets' evidence and its decisions (files_plan.go)
}

// actualFields are the fields of the form reporting an actual.
var actualFields = []string{"target_id", "label", "date", "value", "evidence"}

func (s *Server) handlePlanView(w http.ResponseWriter, r *http.Request) error {
	return s.planPage(w, r, http.StatusOK, nil)
}

// planPage shows a plan; actual, when set, is the refused actual form.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request, status int, actual *Form) error {
	b, err := s.base(w, r, "plan.title")
	if err != nil {
		return err
	}
	d, err := s.visiblePlan(r, &b)
	if err != nil {
		return err
	}
	b.Title = d.Plan.Title
	p := &PlanPage{BasePage: b, Plan: d.Plan, Progress: d.Progress, Attained: targetsView(d.Plan), Actual: actual,
		CanReport: s.canOnUnit(&b, work.CreateTask, d.Plan.OwnerUnitID)}
	if p.Files, err = s.planAttachments(r, &p.BasePage, d, p.CanReport); err != nil {
		return err
	}
	for _, t := range d.Plan.Targets {
		v := TargetView{Target: t}
		v.Current, v.HasCurrent = t.Current()
		if a, ok := t.Attainment(); ok {
			v.Percent, v.HasPercent = a*100, true
		}
		p.Targets = append(p.Targets, v)
	}
	list, err := s.findVisibleTasks(r.Context(), &b, store.TaskFilter{PlanID: d.Plan.ID, Limit: 1000})
	if err != nil {
		return err
	}
	if p.Rows, err = s.taskRows(r.Context(), b.Lang, list); err != nil {
		return err
	}
	if p.Actual == nil {
		p.Actual = newForm(nil, actualFields...)
		p.Actual.Values.Set("date", todayISO(s.deps.Now()))
	}
	return s.render(w, status, "plan", p)
}

// visiblePlan loads the plan of the path, if the user may see it.
func (s *Server) visiblePlan(r *http.Request, b *BasePage) (store.PlanDetail, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.PlanDetail{}, notFound()
	}
	d, err := s.deps.Store.FindPlanByID(r.Context(), id)
	if err != nil {
		return d, err
	}
	return d, s.authorize(b, work.ViewTask, d.Plan.OwnerUnitID)
}

// handleTargetActual records an actual value of one of the plan's targets.
func (s *Server) handleTargetActual(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "plan.title")
	if err != nil {
		return err
	}
	d, err := s.visiblePlan(r, &b)
	if err != nil {
		return err
	}
	if err := s.authorize(&b, work.CreateTask, d.Plan.OwnerUnitID); err != nil {
		return err
	}
	f := newForm(r.PostForm, actualFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		return s.planPage(w, r, http.StatusBadRequest, f)
	}
	tid, err := f.Int64("target_id")
	if err != nil {
		return fail(err)
	}
	a := work.Actual{Label: f.Get("label"), Evidence: f.Get("evidence")}
	if a.Date, err = parseTaskDate("date", f.Get("date")); err != nil {
		return fail(err)
	}
	if a.Value, err = parseNumber("value", f.Get("value")); err != nil {
		return fail(err)
	}
	if _, err := s.deps.Store.AddTargetActual(r.Context(), actor(b.User), d.Plan.ID, tid, a); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.plan.actual")
	return redirect(w, r, "/plans/"+strconv.FormatInt(d.Plan.ID, 10))
}

// Num writes a value with up to two decimals, the language's way.
func (p *PlanPage) Num(v float64) string { return fmtDays(p.Lang, roundTo(v, 2)) }

// Day writes a date as dd/mm/yyyy.
func (p *PlanPage) Day(d calendar.Date) string { return d.Time().In(vn).Format("02/01/2006") }
