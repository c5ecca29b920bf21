package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/flow"
	"congvu/internal/store"
)

// Where time is lost (issue #14 item 2): for a procedure, a unit and a
// period, each step's figures from the rollups (internal/flow), the
// process map of the hand-offs as SVG, the late dossiers' causes, and a
// second period beside the first. Every figure links to the dossiers
// behind it (/bottlenecks/dossiers). Who may: dossier.stats, as the
// period report: the director, the deputies and the inspectors on the
// agency, a head on their subtree.

// BottleneckPage is the analysis page.
type BottleneckPage struct {
	BasePage
	Form       *Form
	Units      []UnitOption
	Procedures []FlowProcOption
	Periods    []FlowPeriodOption
	Compares   []FlowPeriodOption
	Valid      bool
	Proc       dossier.Procedure
	From, To   calendar.Date
	Analysis   flow.Analysis
	Steps      []BottleneckRow
	Causes     []BottleneckCause
	Map        template.HTML
	Slowest    *BottleneckRow
	// The second period, when asked for.
	Compare          bool
	CmpFrom, CmpTo   calendar.Date
	Diffs            []BottleneckDiff
	CmpLate, LateDif int64
	// The tasks of the unit over the period, per plan (issue #14 item 2,
	// "the same for tasks").
	Tasks []TaskFlowRow
}

// TaskFlowRow is one plan's (or no plan's) tasks of a unit over the period.
type TaskFlowRow struct {
	flow.TaskLine
	Plan, PlanHref string
	Unit           string
	Href           string // the tasks of the plan and unit
	Share          string
}

// FlowProcOption is a procedure in the select box.
type FlowProcOption struct{ Code, Label string }

// FlowPeriodOption is a preset period in a select box.
type FlowPeriodOption struct{ Value, Label string }

// BottleneckRow is one step of the table with its drill-down links.
type BottleneckRow struct {
	flow.Step
	Href         map[string]string // by flow.Figure
	Median, P90  string
	Budget, Wait string
	Handling     string
	Over         string
	Share        string
	OverBudget   bool // the median is beyond the budget
}

// BottleneckCause is a step and unit late dossiers are laid to.
type BottleneckCause struct {
	Step     string
	UnitName string
	Late     int64
	Href     string
}

// BottleneckDiff is a step in both periods.
type BottleneckDiff struct {
	Name                   string
	Before, After          BottleneckRow
	Count, LateCaused      int64
	Median, P90, Wait      string
	Share                  string
	MedianTrend, LateTrend string // "better", "worse" or ""
}

// bottleneckQuery is what the page was asked.
type bottleneckQuery struct {
	proc     string
	unit     int64
	from, to calendar.Date
	cmp      bool
	cmpFrom  calendar.Date
	cmpTo    calendar.Date
}

func (q bottleneckQuery) values() url.Values {
	v := url.Values{"procedure": {q.proc}, "unit": {strconv.FormatInt(q.unit, 10)}, "from": {q.from.String()}, "to": {q.to.String()}}
	return v
}

// presetPeriod is a preset's first and last day, up to today.
func presetPeriod(preset string, today calendar.Date) (calendar.Date, calendar.Date, bool) {
	switch preset {
	case "month":
		return calendar.Date{Year: today.Year, Month: today.Month, Day: 1}, today, true
	case "quarter":
		m := (int(today.Month)-1)/3*3 + 1
		return calendar.Date{Year: today.Year, Month: time.Month(m), Day: 1}, today, true
	case "half":
		t := today.Time().AddDate(0, -6, 1)
		return calendar.DateOf(t), today, true
	case "year":
		return calendar.Date{Year: today.Year, Month: 1, Day: 1}, today, true
	}
	return calendar.Date{}, calendar.Date{}, false
}

// comparePeriod is the second period a compare preset names for the
// period from–to: the one of the same length just before, or the same
// days a year earlier.
func comparePeriod(preset string, from, to calendar.Date) (calendar.Date, calendar.Date, bool) {
	switch preset {
	case "previous":
		n := to.Sub(from)
		end := from.AddDays(-1)
		return end.AddDays(-n), end, true
	case "last_year":
		return calendar.DateOf(from.Time().AddDate(-1, 0, 0)), calendar.DateOf(to.Time().AddDate(-1, 0, 0)), true
	}
	return calendar.Date{}, calendar.Date{}, false
}

// readBottleneckQuery reads the form: a procedure, a unit, a preset period
// or a custom one (dd/mm/yyyy), and an optional second period. Errors are
// Invalid about the field.
func (s *Server) readBottleneckQuery(b *BasePage, f *Form, units []UnitOption) (bottleneckQuery, error) {
	today := calendar.DateOf(s.deps.Now())
	q := bottleneckQuery{proc: f.Get("procedure")}
	if q.proc == "" {
		return q, invalid("procedure", "flow.err.procedure")
	}
	var err error
	day := func(field string) (calendar.Date, error) {
		v := f.Get(field)
		if v == "" {
			return calendar.Date{}, invalid(field, "flow.err.day")
		}
		return parseDay(field, v)
	}
	preset := f.Get("period")
	if preset == "" && f.Get("from") == "" && f.Get("to") == "" {
		preset = "month"
	}
	if from, to, ok := presetPeriod(preset, today); ok {
		q.from, q.to = from, to
	} else if preset != "" && preset != "custom" {
		return q, invalid("period", "flow.err.period")
	} else {
		if q.from, err = day("from"); err != nil {
			return q, err
		}
		if q.to, err = day("to"); err != nil {
			return q, err
		}
		preset = "custom"
	}
	if q.to.Before(q.from) {
		return q, invalid("to", "stats.err.order")
	}
	if q.to.Sub(q.from) > 3660 {
		return q, invalid("from", "stats.err.long")
	}
	f.Values.Set("period", preset)
	f.Values.Set("from", dmy(q.from))
	f.Values.Set("to", dmy(q.to))
	switch cmp := f.Get("compare"); cmp {
	case "":
	case "custom":
		if q.cmpFrom, err = day("cfrom"); err != nil {
			return q, err
		}
		if q.cmpTo, err = day("cto"); err != nil {
			return q, err
		}
		if q.cmpTo.Before(q.cmpFrom) {
			return q, invalid("cto", "stats.err.order")
		}
		if q.cmpTo.Sub(q.cmpFrom) > 3660 {
			return q, invalid("cfrom", "stats.err.long")
		}
		q.cmp = true
	default:
		var ok bool
		if q.cmpFrom, q.cmpTo, ok = comparePeriod(cmp, q.from, q.to); !ok {
			return q, invalid("compare", "flow.err.compare")
		}
		q.cmp = true
	}
	if q.cmp {
		f.Values.Set("cfrom", dmy(q.cmpFrom))
		f.Values.Set("cto", dmy(q.cmpTo))
	}
	q.unit = agencyOf(b.tree, b.User)
	if f.Get("unit") != "" {
		if q.unit, err = f.Int64("unit"); err != nil {
			return q, err
		}
	} else if len(units) > 0 && !s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit}) {
		q.unit = units[0].ID // a head: their own division rather than the agency
	}
	f.Values.Set("unit", strconv.FormatInt(q.unit, 10))
	return q, nil
}

// bottleneckUnits resolves the unit of a query after checking the user
// may see its statistics: the agency of the unit and the units filter
// (nil for the whole agency).
func (s *Server) bottleneckUnits(r *http.Request, b *BasePage, unit int64) (int64, []int64, error) {
	if err := s.deps.Policy.Authorize(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: unit}); err != nil {
		return 0, nil, err
	}
	agency := b.tree.AgencyOf(unit)
	if unit == agency {
		return agency, nil, nil
	}
	units, err := s.deps.Store.StatsUnits(r.Context(), unit)
	return agency, units, err
}

func (s *Server) handleBottlenecks(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "flow.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermStats); err != nil {
		return err
	}
	p := &BottleneckPage{BasePage: b, Form: newForm(r.URL.Query(), "procedure", "unit", "period", "from", "to", "compare", "cfrom", "cto")}
	for _, o := range unitOptions(b.tree) {
		if s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: o.ID}) {
			p.Units = append(p.Units, o)
		}
	}
	procs, err := s.deps.Store.FindProcedures(r.Context(), dossier.ProcedureFilter{AgencyID: agencyOf(b.tree, b.User)})
	if err != nil {
		return err
	}
	for _, pr := range procs {
		p.Procedures = append(p.Procedures, FlowProcOption{Code: pr.Code, Label: pr.Code + " — " + pr.Name})
	}
	for _, v := range []string{"month", "quarter", "half", "year", "custom"} {
		p.Periods = append(p.Periods, FlowPeriodOption{v, b.T("flow.period." + v)})
	}
	for _, v := range []string{"", "previous", "last_year", "custom"} {
		p.Compares = append(p.Compares, FlowPeriodOption{v, b.T("flow.compare." + v)})
	}
	if !r.URL.Query().Has("procedure") {
		// No procedure asked yet (the menu, or a link from the dashboard
		// with a unit and a period): the form, filled with what was given.
		if p.Form.Get("period") == "" {
			p.Form.Values.Set("period", "month")
			if p.Form.Get("from") != "" || p.Form.Get("to") != "" {
				p.Form.Values.Set("period", "custom")
			}
		}
		return s.render(w, http.StatusOK, "bottlenecks", p)
	}
	q, err := s.readBottleneckQuery(&b, p.Form, p.Units)
	if err != nil {
		p.Form.SetError(err, b.Lang)
		return s.render(w, http.StatusBadRequest, "bottlenecks", p)
	}
	agency, units, err := s.bottleneckUnits(r, &b, q.unit)
	if err != nil {
		return err
	}
	a, proc, err := s.deps.Store.Bottlenecks(r.Context(), agency, q.proc, units, q.from, q.to)
	if err != nil {
		if formFailure(err) || isNotFound(err) {
			p.Form.SetError(invalid("procedure", "flow.err.unknown", q.proc), b.Lang)
			return s.render(w, http.StatusBadRequest, "bottlenecks", p)
		}
		return err
	}
	p.Valid, p.Proc, p.From, p.To, p.Analysis = true, proc, q.from, q.to, a
	p.Title = b.T("flow.h1", proc.Name)
	link := func(step int, fig flow.Figure, from, to calendar.Date) string {
		v := q.values()
		v.Set("from", from.String())
		v.Set("to", to.String())
		v.Set("step", strconv.Itoa(step))
		v.Set("figure", string(fig))
		return "/bottlenecks/dossiers?" + v.Encode()
	}
	p.Steps = bottleneckRows(&b, a, func(step int, fig flow.Figure) string { return link(step, fig, q.from, q.to) })
	for i := range p.Steps {
		if p.Steps[i].Slowest {
			p.Slowest = &p.Steps[i]
		}
	}
	for _, c := range a.Causes {
		name := b.T("flow.step.n", c.Step+1)
		if c.Step < len(a.Steps) {
			name = a.Steps[c.Step].Name
		}
		p.Causes = append(p.Causes, BottleneckCause{Step: name, UnitName: b.UnitName(c.UnitID), Late: c.Late, Href: link(c.Step, flow.FigLateCaused, q.from, q.to)})
	}
	p.Map = processMap(b.Lang, a, func(step int) string { return link(step, flow.FigPasses, q.from, q.to) })
	if p.Tasks, err = s.taskFlowRows(r, &b, agency, units, q.from, q.to); err != nil {
		return err
	}
	if q.cmp {
		other, _, err := s.deps.Store.Bottlenecks(r.Context(), agency, q.proc, units, q.cmpFrom, q.cmpTo)
		if err != nil {
			return err
		}
		p.Compare, p.CmpFrom, p.CmpTo, p.CmpLate, p.LateDif = true, q.cmpFrom, q.cmpTo, other.Late, a.Late-other.Late
		before := bottleneckRows(&b, other, func(step int, fig flow.Figure) string { return link(step, fig, q.cmpFrom, q.cmpTo) })
		for i, d := range flow.Compare(other, a) {
			row := BottleneckDiff{Name: d.Name, Count: d.Count, LateCaused: d.LateCaused,
				Median: signed(d.MedianHours), P90: signed(d.P90Hours), Wait: signed(d.WaitHours), Share: signedPct(d.OverBudgetShare),
				MedianTrend: trend(d.MedianHours), LateTrend: trend(float64(d.LateCaused))}
			if i < len(before) {
				row.Before = before[i]
			}
			if i < len(p.Steps) {
				row.After = p.Steps[i]
			}
			p.Diffs = append(p.Diffs, row)
		}
	}
	return s.render(w, http.StatusOK, "bottlenecks", p)
}

// bottleneckRows formats the steps of an analysis with their links.
func bottleneckRows(b *BasePage, a flow.Analysis, href func(int, flow.Figure) string) []BottleneckRow {
	rows := make([]BottleneckRow, 0, len(a.Steps))
	for _, st := range a.Steps {
		r := BottleneckRow{Step: st, Href: map[string]string{},
			Median: hours(b, st.MedianHours), P90: hours(b, st.P90Hours), Budget: hours(b, st.BudgetHours),
			Wait: hours(b, st.WaitHours), Handling: hours(b, st.HandlingHours), Over: hours(b, st.OverHours),
			Share: pct(st.OverBudgetShare), OverBudget: st.Count > 0 && st.BudgetHours > 0 && st.MedianHours > st.BudgetHours}
		for _, f := range flow.Figures {
			r.Href[string(f)] = href(st.Step, f)
		}
		rows = append(rows, r)
	}
	return rows
}

func hours(b *BasePage, h float64) string { return b.T("flow.hours", fmtDecimal(h)) }

func pct(share float64) string { return fmtDecimal(share*100) + "%" }

func signed(v float64) string {
	if v > 0 {
		return "+" + fmtDecimal(v)
	}
	return fmtDecimal(v)
}

func signedPct(v float64) string {
	if v > 0 {
		return "+" + pct(v)
	}
	return pct(v)
}

// trend says whether a change of a time or a count is for the better
// (it fell) or the worse.
func trend(v float64) string {
	switch {
	case v < 0:
		return "better"
	case v > 0:
		return "worse"
	}
	return ""
}

// handleBottleneckDossiers lists the dossiers behind one figure of a step.
func (s *Server) handleBottleneckDossiers(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "flow.title")
	if err != nil {
		return err
	}
	f := newForm(r.URL.Query(), "procedure", "unit", "from", "to", "step", "figure")
	proc := f.Get("procedure")
	if proc == "" {
		return invalid("procedure", "flow.err.procedure")
	}
	from, err := parseDay("from", f.Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", f.Get("to"))
	if err != nil {
		return err
	}
	if to.Before(from) {
		return invalid("to", "stats.err.order")
	}
	step, err := strconv.Atoi(f.Get("step"))
	if err != nil || step < 0 || step > 99 {
		return invalid("step", "flow.err.step")
	}
	fig := flow.Figure(f.Get("figure"))
	if !fig.Valid() {
		return invalid("figure", "flow.err.figure")
	}
	unit := agencyOf(b.tree, b.User)
	if f.Get("unit") != "" {
		if unit, err = f.Int64("unit"); err != nil {
			return err
		}
	}
	agency, units, err := s.bottleneckUnits(r, &b, unit)
	if err != nil {
		return err
	}
	a, p, err := s.deps.Store.Bottlenecks(r.Context(), agency, proc, units, from, to)
	if err != nil {
		return err
	}
	list, more, err := s.deps.Store.FlowDossiers(r.Context(), agency, proc, units, from, to, step, fig, 200)
	if err != nil {
		return err
	}
	rows, err := s.dossierRows(r.Context(), b.Lang, agency, list)
	if err != nil {
		return err
	}
	name := b.T("flow.step.n", step+1)
	if step < len(a.Steps) {
		name = a.Steps[step].Name
	}
	b.Title = b.T("flow.fig."+string(fig)) + " — " + name
	q := bottleneckQuery{proc: proc, unit: unit, from: from, to: to}
	back := q.values()
	back.Set("period", "custom")
	back.Set("from", dmy(from))
	back.Set("to", dmy(to))
	intro := b.T("flow.drill.intro", p.Name, b.UnitName(unit), dmy(from), dmy(to))
	if more {
		intro += " " + b.T("flow.drill.more", len(list))
	}
	page := &DossierListPage{BasePage: b, Kind: "figure", Back: "/bottlenecks?" + back.Encode(), Intro: intro,
		Sections: []DossierSection{{ID: "figure", Title: b.Title, Empty: b.T("search.none"), Rows: rows}}}
	return s.render(w, http.StatusOK, "dossier_list", page)
}

// taskFlowRows are the task figures of the units over the period, per plan
// and lead unit, the most time blocked first.
func (s *Server) taskFlowRows(r *http.Request, b *BasePage, agency int64, units []int64, from, to calendar.Date) ([]TaskFlowRow, error) {
	sums, err := s.deps.Store.TaskFlowRows(r.Context(), agency, units, from, to)
	if err != nil || len(sums) == 0 {
		return nil, err
	}
	plans, err := s.deps.Store.FindPlans(r.Context(), store.PlanFilter{AgencyID: agency, Limit: 1000})
	if err != nil {
		return nil, err
	}
	titles := map[int64]string{}
	for _, p := range plans {
		titles[p.ID] = p.Title
	}
	out := make([]TaskFlowRow, 0, len(sums))
	for _, sum := range sums {
		l := sum.Line()
		row := TaskFlowRow{TaskLine: l, Plan: b.T("flow.tasks.noplan"), Unit: b.UnitName(l.UnitID), Share: pct(l.ReturnShare)}
		v := url.Values{"unit": {strconv.FormatInt(l.UnitID, 10)}}
		if l.PlanID != 0 {
			row.Plan, row.PlanHref = cmp.Or(titles[l.PlanID], b.T("flow.tasks.plan", l.PlanID)), "/plans/"+strconv.FormatInt(l.PlanID, 10)
			v.Set("plan", strconv.FormatInt(l.PlanID, 10))
		}
		row.Href = "/tasks?" + v.Encode()
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(x, y TaskFlowRow) int {
		return cmp.Or(cmp.Compare(y.BlockedDays, x.BlockedDays), cmp.Compare(y.Returns, x.Returns))
	})
	return out, nil
}
