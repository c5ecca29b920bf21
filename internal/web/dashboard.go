package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dashboard"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/web/chart"
)

// The dashboard of the director, the deputies and each head (issue #14
// item 1): for a unit (a head's: their division and below) and a period,
// the tasks done on time and late and the obstacles raised, the dossiers
// resolved on time and late (Biểu II.06a), the applicants' satisfaction,
// the QĐ 766/QĐ-TTg scores and, for an agency, the disbursement rate; by
// month, by unit and by procedure, every figure linking to the records
// behind it. The figures come from the rollups (store.Dashboard); the
// charts are SVG drawn here (chart.Bars), the page needs no script.

// DashboardPage is the page.
type DashboardPage struct {
	BasePage
	Form    *Form
	Units   []UnitOption
	Presets []PresetLink
	Valid   bool
	F       dashboard.Figures
	Unit    int64
	Query   string // from, to and unit, for the links
	// Figures with their links.
	Tasks, Dossiers []FigureLink
	TaskChart       template.HTML
	DossierChart    template.HTML
	Months          []DashMonth
	UnitLines       []DashUnit
	Procedures      []DashProcedure
	Progress        string // QĐ 766 progress score out of 20
	Satisfaction    string // the ratio, in per cent
	SatScore        string // out of 18
	Disb            *DashDisb
	ReportHref      string // the full period report
	LateHref        string // who is late, per unit and person
	BottlenecksHref string // where time is lost (issue #14 item 2)
}

// PresetLink is a period preset of the picker.
type PresetLink struct {
	Label, Href string
	Current     bool
}

// FigureLink is one figure and the list of its records.
type FigureLink struct {
	ID, Label string
	Value     int
	Href      string
	Late      bool // drawn as a warning
}

// DashMonth is a line of the table by month.
type DashMonth struct {
	Label string
	dashboard.MonthLine
}

// DashUnit is a line of the table by unit, with its links.
type DashUnit struct {
	Name                              string
	Self                              bool // the unit itself, for what it leads directly
	Href, TasksLateHref, DossLateHref string
	dashboard.UnitLine
}

// DashProcedure is a line of the table by procedure.
type DashProcedure struct {
	dashboard.ProcedureLine
	LateHref string
}

// DashDisb is the disbursement figure.
type DashDisb struct {
	Rate, Plan, Actual, Period, Href string
}

// dashQuery is the period and unit asked for.
type dashQuery struct {
	from, to calendar.Date
	unit     int64
	preset   dashboard.Preset
}

func (q dashQuery) values() url.Values {
	return url.Values{"from": {q.from.String()}, "to": {q.to.String()}, "unit": {strconv.FormatInt(q.unit, 10)}}
}

// readDashQuery reads a preset (period=) or from and to (dd/mm/yyyy or
// YYYY-MM-DD), this month by default, and the unit. Errors name the field.
func (s *Server) readDashQuery(b *BasePage, f *Form) (dashQuery, error) {
	today := calendar.DateOf(s.deps.Now())
	q := dashQuery{unit: agencyOf(b.tree, b.User)}
	var err error
	if v := f.Get("unit"); v != "" {
		if q.unit, err = f.Int64("unit"); err != nil {
			return q, err
		}
		if _, ok := b.tree.Unit(q.unit); !ok {
			return q, invalid("unit", "dash.err.unit")
		}
	}
	if v := f.Get("period"); v != "" || (f.Get("from") == "" && f.Get("to") == "") {
		if v == "" {
			v = string(dashboard.ThisMonth)
		}
		q.preset = dashboard.Preset(v)
		if q.from, q.to, err = q.preset.Period(today); err != nil {
			return q, invalid("period", "dash.err.period")
		}
	} else {
		if q.from, err = parseDay("from", f.Get("from")); err != nil {
			return q, err
		}
		if q.to, err = parseDay("to", f.Get("to")); err != nil {
			return q, err
		}
		if err := dashboard.CheckPeriod(q.from, q.to); err != nil {
			if apperr.As(err).Field == "to" {
				return q, invalid("to", "stats.err.order")
			}
			return q, invalid("from", "stats.err.long")
		}
	}
	f.Values.Set("from", dmy(q.from))
	f.Values.Set("to", dmy(q.to))
	f.Values.Set("unit", strconv.FormatInt(q.unit, 10))
	return q, nil
}

// dashUnits are the units the user may see a dashboard of.
func (s *Server) dashUnits(b *BasePage) []UnitOption {
	var out []UnitOption
	for _, o := range unitOptions(b.tree) {
		if s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: o.ID}) {
			out = append(out, o)
		}
	}
	return out
}

// dashScope reads the query and settles the unit: a head who names none
// gets the first unit they may see (their division) rather than the
// agency; a unit named outside their scope is refused (403).
func (s *Server) dashScope(r *http.Request, b *BasePage, f *Form, units []UnitOption) (dashQuery, error) {
	q, err := s.readDashQuery(b, f)
	if err != nil {
		return q, err
	}
	if !s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit}) {
		if r.URL.Query().Get("unit") != "" || len(units) == 0 {
			return q, s.deps.Policy.Authorize(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit})
		}
		q.unit = units[0].ID
		f.Values.Set("unit", strconv.FormatInt(q.unit, 10))
	}
	return q, nil
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "dash.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermStats); err != nil {
		return err
	}
	p := &DashboardPage{BasePage: b, Form: newForm(r.URL.Query(), "from", "to", "unit"), Units: s.dashUnits(&b)}
	q, err := s.dashScope(r, &b, p.Form, p.Units)
	if apperr.CodeOf(err) == apperr.Invalid {
		p.Form.SetError(err, b.Lang)
		p.Presets = s.dashPresets(&b, q.unit, "")
		return s.render(w, http.StatusBadRequest, "dashboard", p)
	}
	if err != nil {
		return err
	}
	p.Presets = s.dashPresets(&b, q.unit, q.preset)
	if p.F, err = s.deps.Store.Dashboard(r.Context(), q.unit, q.from, q.to); err != nil {
		return err
	}
	p.Valid, p.Unit = true, q.unit
	p.Title = b.T("dash.h1", b.UnitName(q.unit))
	qs := q.values().Encode()
	p.Query = qs
	f := p.F
	taskHref := func(fig string, unit int64) string {
		v := q.values()
		v.Set("unit", strconv.FormatInt(unit, 10))
		return "/dashboard/tasks/" + fig + "?" + v.Encode()
	}
	dossHref := func(fig dossier.Figure, unit int64) string {
		v := q.values()
		v.Set("unit", strconv.FormatInt(unit, 10))
		return "/stats/dossiers/" + string(fig) + "?" + v.Encode()
	}
	unitQ := "unit=" + strconv.FormatInt(q.unit, 10)
	p.Tasks = []FigureLink{
		{ID: "fig-tasks-on-time", Label: b.T("dash.tasks.ontime"), Value: f.Tasks.OnTime, Href: taskHref(store.TaskFigDoneOnTime, q.unit)},
		{ID: "fig-tasks-late", Label: b.T("dash.tasks.late"), Value: f.Tasks.Late, Href: taskHref(store.TaskFigDoneLate, q.unit), Late: f.Tasks.Late > 0},
		{ID: "fig-tasks-obstacles", Label: b.T("dash.tasks.obstacles"), Value: f.Tasks.Obstacles, Href: taskHref(store.TaskFigObstacles, q.unit)},
		{ID: "fig-tasks-late-now", Label: b.T("dash.tasks.latenow"), Value: f.LateTasksNow, Href: "/late?" + unitQ, Late: f.LateTasksNow > 0},
		{ID: "fig-tasks-blocked-now", Label: b.T("dash.tasks.blockednow"), Value: f.BlockedNow, Href: "/tasks?tab=board&state=blocked&" + unitQ, Late: f.BlockedNow > 0},
	}
	rep := f.Report
	p.Dossiers = []FigureLink{
		{ID: "fig-dossiers-early", Label: b.T("stats.fig.resolved_early"), Value: rep.Resolved.Early, Href: dossHref(dossier.FigResolvedEarly, q.unit)},
		{ID: "fig-dossiers-on-time", Label: b.T("stats.fig.resolved_on_time"), Value: rep.Resolved.OnTime, Href: dossHref(dossier.FigResolvedOnTime, q.unit)},
		{ID: "fig-dossiers-late", Label: b.T("stats.fig.resolved_late"), Value: rep.Resolved.Late, Href: dossHref(dossier.FigResolvedLate, q.unit), Late: rep.Resolved.Late > 0},
		{ID: "fig-dossiers-overdue", Label: b.T("stats.fig.in_progress_overdue"), Value: rep.InProgress.Overdue, Href: dossHref(dossier.FigOpenOverdue, q.unit), Late: rep.InProgress.Overdue > 0},
	}
	p.Progress = fmtDecimal(rep.ProgressScore())
	p.Satisfaction = fmtDecimal(f.Ratings.Ratio() * 100)
	p.SatScore = fmtDecimal(f.Ratings.Score())
	p.ReportHref = "/stats/dossiers?" + qs
	p.LateHref = "/late?" + unitQ
	p.BottlenecksHref = "/bottlenecks?" + qs

	// By month, with the charts.
	var labels []string
	var onTime, late, early, dOnTime, dLate []int
	for _, m := range f.Months {
		l := fmt.Sprintf("%02d/%d", int(m.Month.Month), m.Month.Year)
		p.Months = append(p.Months, DashMonth{Label: l, MonthLine: m})
		labels = append(labels, l)
		onTime, late = append(onTime, m.Tasks.OnTime), append(late, m.Tasks.Late)
		early, dOnTime, dLate = append(early, m.Dossiers.Early), append(dOnTime, m.Dossiers.OnTime), append(dLate, m.Dossiers.Late)
	}
	p.TaskChart = template.HTML(chart.Bars{Title: b.T("dash.chart.tasks"), Desc: b.T("dash.chart.tasks.desc"), Labels: labels,
		Stacks: []chart.Stack{{Name: b.T("dash.tasks.ontime"), Values: onTime, Color: "#047857"},
			{Name: b.T("dash.tasks.late"), Values: late, Color: "#b91c1c", Hatch: true}}}.SVG())
	p.DossierChart = template.HTML(chart.Bars{Title: b.T("dash.chart.dossiers"), Desc: b.T("dash.chart.dossiers.desc"), Labels: labels,
		Stacks: []chart.Stack{{Name: b.T("stats.fig.resolved_early"), Values: early, Color: "#1d4ed8"},
			{Name: b.T("stats.fig.resolved_on_time"), Values: dOnTime, Color: "#047857"},
			{Name: b.T("stats.fig.resolved_late"), Values: dLate, Color: "#b91c1c", Hatch: true}}}.SVG())

	// By unit: a unit with nothing in the period is left out, but for the
	// unit itself.
	for i, l := range f.Units {
		if i > 0 && l.Tasks == (dashboard.Tasks{}) && l.Dossiers == (dashboard.Dossiers{}) && l.Ratings.Total() == 0 {
			continue
		}
		v := q.values()
		v.Set("unit", strconv.FormatInt(l.UnitID, 10))
		p.UnitLines = append(p.UnitLines, DashUnit{Name: b.UnitName(l.UnitID), Self: i == 0, Href: "/dashboard?" + v.Encode(),
			TasksLateHref: taskHref(store.TaskFigDoneLate, l.UnitID), DossLateHref: dossHref(dossier.FigResolvedLate, l.UnitID), UnitLine: l})
	}
	for _, pl := range f.Procedures {
		p.Procedures = append(p.Procedures, DashProcedure{ProcedureLine: pl,
			LateHref: dossHref(dossier.FigResolvedLate, q.unit) + "&procedure=" + url.QueryEscape(pl.Code)})
	}
	if d := f.Disbursement; d != nil {
		p.Disb = &DashDisb{Rate: fmtDecimal(d.Rate()*100) + " %", Plan: money(d.Plan), Actual: money(d.Actual),
			Period: fmt.Sprintf("%02d/%d", int(d.Month), d.Year),
			Href:   fmt.Sprintf("/investment/reports/01a?year=%d&month=%d", d.Year, int(d.Month))}
	}
	return s.render(w, http.StatusOK, "dashboard", p)
}

// dashPresets are the period links, for the unit asked about.
func (s *Server) dashPresets(b *BasePage, unit int64, current dashboard.Preset) []PresetLink {
	var out []PresetLink
	for _, pr := range dashboard.Presets() {
		v := url.Values{"period": {string(pr)}}
		if unit != 0 {
			v.Set("unit", strconv.FormatInt(unit, 10))
		}
		out = append(out, PresetLink{Label: b.T("dash.preset." + string(pr)), Href: "/dashboard?" + v.Encode(), Current: pr == current})
	}
	return out
}

// DashTasksPage lists the tasks behind a task figure.
type DashTasksPage struct {
	BasePage
	Intro string
	Back  string
	Rows  []store.TaskSummary
	Names map[int64]string // the leads' names
}

// Lead is the name of a task's lead.
func (p *DashTasksPage) Lead(id int64) string { return p.Names[id] }

func (s *Server) handleDashboardTasks(w http.ResponseWriter, r *http.Request) error {
	fig := r.PathValue("figure")
	if !slices.Contains(store.TaskFigures(), fig) {
		return notFound()
	}
	b, err := s.base(w, r, "dash.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermStats); err != nil {
		return err
	}
	form := newForm(r.URL.Query(), "from", "to", "unit", "period")
	q, err := s.readDashQuery(&b, form)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit}); err != nil {
		return err
	}
	units, err := s.deps.Store.StatsUnits(r.Context(), q.unit)
	if err != nil {
		return err
	}
	rows, err := s.deps.Store.DashboardTasks(r.Context(), units, fig, q.from, q.to, 500)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, t := range rows {
		if _, ok := names[t.LeadPersonID]; ok {
			continue
		}
		person, err := s.deps.Store.FindPersonByID(r.Context(), t.LeadPersonID)
		if err != nil {
			return err
		}
		names[t.LeadPersonID] = person.FullName
	}
	b.Title = b.T("dash.tasks." + fig + ".title")
	p := &DashTasksPage{BasePage: b, Rows: rows, Names: names, Back: "/dashboard?" + q.values().Encode(),
		Intro: b.T("dash.tasks.intro", b.UnitName(q.unit), dmy(q.from), dmy(q.to), len(rows))}
	return s.render(w, http.StatusOK, "dashboard_tasks", p)
}

// OK is the month's dossiers resolved early or on time.
func (m DashMonth) OK() int { return m.Dossiers.Early + m.Dossiers.OnTime }

// OK is the unit's dossiers resolved early or on time.
func (u DashUnit) OK() int { return u.Dossiers.Early + u.Dossiers.OnTime }
