package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/investment"
)

// A project's page: its facts, its total investment by capital source,
// its group with the law version whose thresholds computed it (said
// plainly when that version is not verified), the history of every
// change with its decision and attached file, the form to adjust it for
// those who manage it, and the sections the other modules of issue 13
// fill (capital plans and disbursement, appraisals, packages and
// contractor-selection plans, supervision reports).

// ProjectSection is one part of the project page that a module fills:
// its title and the HTML it renders, or a sentence saying there is
// nothing yet.
type ProjectSection struct {
	ID    string
	Title string
	HTML  template.HTML
	Empty string
	// Href is the section's own page (the selection plan's, the capital's),
	// LinkLabel its link's text; "" when the section has none.
	Href, LinkLabel string
}

// ProjectView is what a section builder gets: the project, its investor
// and what the user may do with it.
type ProjectView struct {
	Project   investment.Project
	Investor  investment.Investor
	CanManage bool // investment.CanManageProject
	CanReport bool // investment.CanReportProject
}

// projectSectionBuilder fills a section; nil Build leaves it empty.
type projectSectionBuilder struct {
	ID, TitleKey string
	Build        func(ctx context.Context, s *Server, b *BasePage, v ProjectView) (template.HTML, error)
	// Page is the section's own page under /projects/{code}/ ("" none),
	// LinkKey its link's text.
	Page, LinkKey string
}

// projectSections are the page's sections in order. A module fills its
// own from an init() in its own file with setProjectSection; to render a
// template, define it in a template file of its own and call s.partial.
var projectSections = []projectSectionBuilder{
	{ID: "money", TitleKey: "inv.sec.money", Page: "capital", LinkKey: "inv.sec.money.open"},
	{ID: "appraisal", TitleKey: "inv.sec.appraisal"},
	{ID: "packages", TitleKey: "inv.sec.packages", Page: "packages", LinkKey: "inv.sec.packages.open"},
	{ID: "supervision", TitleKey: "inv.sec.supervision", Page: "supervision", LinkKey: "inv.sec.supervision.open"},
}

// setProjectSection gives section id its builder (a new id is added at the end).
func setProjectSection(id, titleKey string, build func(ctx context.Context, s *Server, b *BasePage, v ProjectView) (template.HTML, error)) {
	for i := range projectSections {
		if projectSections[i].ID == id {
			projectSections[i].Build = build
			if titleKey != "" {
				projectSections[i].TitleKey = titleKey
			}
			return
		}
	}
	projectSections = append(projectSections, projectSectionBuilder{ID: id, TitleKey: titleKey, Build: build})
}

// partial renders the template named name, defined in the template file
// page (templates/<page>.html), with data: how a section builder draws.
func (s *Server) partial(page, name string, data any) (template.HTML, error) {
	t, ok := s.pages[page]
	if !ok {
		return "", apperr.New(apperr.Internal, "", "thiếu mẫu trang "+page, "no template "+page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// CapitalRow is one source of a project's total investment.
type CapitalRow struct {
	Source investment.Source
	Amount int64
	Share  float64 // percent of the total
}

// ProjectEventRow is one change in the history, with its decision's file.
type ProjectEventRow struct {
	investment.Event
	FileName string
	FileHref string
}

// ProjectPage is one project.
type ProjectPage struct {
	BasePage
	ProjectView
	Capital  []CapitalRow
	Rules    investment.RuleSet // the version that computed the group
	Events   []ProjectEventRow
	Sections []ProjectSection
	Form     *Form // the adjustment form, for those who manage it
	Sources  []investment.Source
	Phases   []investment.Phase
	MaxMB    int64
}

var adjustFields = []string{"action", "phase", "decision_number", "decision_date", "decision_signer", "decision_file", "reason",
	"cap_central", "cap_provincial", "cap_commune", "cap_oda", "cap_other"}

// adjustErrorFields maps the domain's field names to the form's.
var adjustErrorFields = map[string]string{
	"decision.number": "decision_number", "decision.date": "decision_date", "decision.signer": "decision_signer",
	"decision.file_id": "decision_file", "total_investment": "cap_provincial",
	"total_investment.central": "cap_central", "total_investment.provincial": "cap_provincial", "total_investment.commune": "cap_commune",
	"total_investment.oda": "cap_oda", "total_investment.other": "cap_other",
}

// visibleProject is the project of the path if the user may see it.
func (s *Server) visibleProject(r *http.Request, b *BasePage) (ProjectView, error) {
	p, inv, err := httpx.VisibleProject(r.Context(), s.deps.Store, s.deps.Policy, b.User, b.tree, r.PathValue("code"))
	if err != nil {
		return ProjectView{}, err
	}
	return ProjectView{Project: p, Investor: inv,
		CanManage: investment.CanManageProject(s.deps.Policy, b.User, b.tree, p, inv) == nil,
		CanReport: investment.CanReportProject(s.deps.Policy, b.User, b.tree, p, inv) == nil}, nil
}

func (s *Server) handleProject(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "inv.project.title")
	if err != nil {
		return err
	}
	v, err := s.visibleProject(r, &b)
	if err != nil {
		return err
	}
	return s.projectPage(w, r, b, v, http.StatusOK, nil)
}

// projectPage draws the page, with the adjustment form as submitted (nil: blank).
func (s *Server) projectPage(w http.ResponseWriter, r *http.Request, b BasePage, v ProjectView, status int, f *Form) error {
	ctx := r.Context()
	b.Title = v.Project.Code + " · " + v.Project.Name
	p := &ProjectPage{BasePage: b, ProjectView: v, Sources: investment.Sources, Phases: investment.Phases, MaxMB: s.deps.MaxFileBytes() >> 20}
	for _, src := range investment.Sources {
		row := CapitalRow{Source: src, Amount: v.Project.Capital[src]}
		if v.Project.Total > 0 {
			row.Share = float64(row.Amount) * 100 / float64(v.Project.Total)
		}
		p.Capital = append(p.Capital, row)
	}
	sets, err := s.deps.Store.GroupRules(ctx)
	if err != nil {
		return err
	}
	for _, rs := range sets {
		if rs.Law == v.Project.GroupLaw {
			p.Rules = rs
		}
	}
	evs, err := s.deps.Store.FindProjectEvents(ctx, v.Project.ID)
	if err != nil {
		return err
	}
	for i := len(evs) - 1; i >= 0; i-- { // newest first
		row := ProjectEventRow{Event: evs[i]}
		if id := evs[i].Decision.FileID; id != 0 {
			if f, _, err := s.deps.Store.FindFileByID(ctx, id); err == nil {
				row.FileName, row.FileHref = f.Name, "/files/"+strconv.FormatInt(id, 10)
			}
		}
		p.Events = append(p.Events, row)
	}
	for _, sec := range projectSections {
		out := ProjectSection{ID: sec.ID, Title: b.T(sec.TitleKey), Empty: b.T("inv.sec.empty")}
		if sec.Page != "" {
			out.Href, out.LinkLabel = "/projects/"+url.PathEscape(v.Project.Code)+"/"+sec.Page, b.T(sec.LinkKey)
		}
		if sec.Build != nil {
			if out.HTML, err = sec.Build(ctx, s, &p.BasePage, v); err != nil {
				return err
			}
		}
		p.Sections = append(p.Sections, out)
	}
	if v.CanManage {
		if f == nil {
			f = newForm(nil, adjustFields...)
			f.Values.Set("action", "adjust")
			f.Values.Set("phase", string(v.Project.Phase))
			for _, src := range investment.Sources {
				f.Values.Set("cap_"+string(src), fmtNum(v.Project.Capital[src]))
			}
		}
		p.Form = f
	}
	return s.render(w, status, "project", p)
}

// parseAmount reads an amount of đồng typed the Vietnamese way
// ("85.000.000.000", "85000000000 đ"): a whole number, not negative.
func parseAmount(field, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	x, err := parseNumber(field, s)
	if err != nil {
		return 0, err
	}
	if x < 0 {
		return 0, invalid(field, "inv.err.negative")
	}
	if x != float64(int64(x)) || x > float64(investment.MaxAmount) {
		return 0, invalid(field, "inv.err.whole")
	}
	return int64(x), nil
}

// capitalFromForm reads the five amounts of a form.
func capitalFromForm(f *Form) (map[investment.Source]int64, error) {
	out := map[investment.Source]int64{}
	for _, src := range investment.Sources {
		v, err := parseAmount("cap_"+string(src), f.Get("cap_"+string(src)))
		if err != nil {
			return nil, err
		}
		out[src] = v
	}
	return out, nil
}

// decisionFromForm reads a decision's number, date and signer.
func decisionFromForm(f *Form) (investment.Decision, error) {
	d := investment.Decision{Number: f.Get("decision_number"), Signer: f.Get("decision_signer")}
	if v := f.Get("decision_date"); v != "" {
		day, err := calendar.ParseDate(v)
		if err != nil {
			return d, invalid("decision_date", "task.err.date", v)
		}
		d.Date = day.String()
	}
	return d, nil
}

// handleProjectEvent records an adjustment, a phase change or a decision
// from the project page's form, with the decision's file when one is chosen.
func (s *Server) handleProjectEvent(w http.ResponseWriter, r *http.Request) error {
	defer cleanMultipart(r)
	b, err := s.base(w, r, "inv.project.title")
	if err != nil {
		return err
	}
	v, err := s.visibleProject(r, &b)
	if err != nil {
		return err
	}
	if err := investment.CanManageProject(s.deps.Policy, b.User, b.tree, v.Project, v.Investor); err != nil {
		return err
	}
	if !isMultipart(r) {
		if err := r.ParseForm(); err != nil {
			return invalid("", "err.form")
		}
	}
	f := newForm(r.PostForm, adjustFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		if e := apperr.As(err); e != nil {
			if to, ok := adjustErrorFields[e.Field]; ok {
				c := *e
				c.Field = to
				err = &c
			}
		}
		f.SetError(err, b.Lang)
		return s.projectPage(w, r, b, v, httpx.Status(err), f)
	}
	var a investment.Adjustment
	if a.Decision, err = decisionFromForm(f); err != nil {
		return fail(err)
	}
	a.Reason = f.Get("reason")
	switch f.Get("action") {
	case "adjust":
		if a.Capital, err = capitalFromForm(f); err != nil {
			return fail(err)
		}
		a.Phase = investment.Phase(f.Get("phase"))
	case "phase":
		a.Phase = investment.Phase(f.Get("phase"))
		if a.Phase == "" {
			return fail(invalid("phase", "err.choose"))
		}
	case "decision":
	default:
		return fail(invalid("action", "err.choose"))
	}
	if fh := formFile(r, "decision_file"); fh != nil {
		// The change is checked before its file is kept, so that a refused
		// form leaves no file behind (the store checks it again, locked).
		sets, err := s.deps.Store.GroupRules(r.Context())
		if err != nil {
			return err
		}
		dry := a
		dry.Decision.FileID = 1 // a file is chosen: the decision is not empty
		if _, _, err := investment.Apply(v.Project, dry, sets, todayISO(s.deps.Now())); err != nil {
			return fail(err)
		}
		up, err := s.saveFormFile(r, "decision_file", fh)
		if err != nil {
			return fail(err)
		}
		a.Decision.FileID = up.ID
	}
	p, ev, err := s.deps.Store.AdjustProject(r.Context(), actor(b.User), v.Project.ID, a)
	if err != nil {
		return fail(err)
	}
	if ev.GroupChanged() {
		s.flash(w, "flash.inv.regrouped", p.Code, ev.GroupBefore.Label(b.Lang), ev.GroupAfter.Label(b.Lang))
	} else {
		s.flash(w, "flash.inv.recorded", p.Code)
	}
	return redirect(w, r, "/projects/"+url.PathEscape(p.Code))
}
