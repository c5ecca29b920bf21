package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/report"
)

// The public-investment register (danh mục dự án đầu tư công, Luật Đầu tư
// công 58/2024/QH15): the list of projects with the filters of issue 13
// (group, sector band, investor, commune, phase) and a search, a page at a
// time by code, shown as a table on a screen and as cards on a phone, and
// the whole list as an XLSX workbook. Who sees what is the API's:
// investment.VisibleRegister (the department's staff see it whole, an
// investor's staff their own investor's projects).

// ProjectRow is a project in the register.
type ProjectRow struct {
	investment.Project
	InvestorName string
}

// ProjectsPage is the register.
type ProjectsPage struct {
	BasePage
	Filter    *Form
	Rows      []ProjectRow
	Total     int
	Investors []investment.Investor
	Communes  []string
	Groups    []investment.Group
	Bands     []investment.Band
	Phases    []investment.Phase
	NextURL   string
	FirstURL  string
	ExportURL string
	CanCreate bool
	OwnOnly   bool // an investor's staff: only their own projects
}

var projectFilterFields = []string{"q", "group", "sector_band", "investor", "commune", "phase", "below"}

// projectFilterOf reads the register's filters from the query; a bad
// value is put next to its field.
func projectFilterOf(q url.Values, f *Form, lang string) investment.ProjectFilter {
	var pf investment.ProjectFilter
	pf.Query = f.Get("q")
	set := func(field string, fn func(string) error) {
		if v := f.Get(field); v != "" {
			if err := fn(v); err != nil {
				f.SetError(err, lang)
			}
		}
	}
	set("group", func(v string) (err error) { pf.Group, err = investment.ParseGroup("group", v); return })
	set("sector_band", func(v string) (err error) { pf.Band, err = investment.ParseBand("sector_band", v); return })
	set("phase", func(v string) (err error) { pf.Phase, err = investment.ParsePhase("phase", v); return })
	set("investor", func(v string) error {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return invalid("investor", "err.choose")
		}
		pf.InvestorID = id
		return nil
	})
	pf.Commune = f.Get("commune")
	pf.After = strings.TrimSpace(q.Get("after"))
	return pf
}

// register is what the user may list of their register.
func (s *Server) register(r *http.Request, b *BasePage) (investment.Visibility, []investment.Investor, error) {
	return httpx.Register(r.Context(), s.deps.Store, s.deps.Policy, b.User, b.tree)
}

// visibleInvestors are the investors the visibility shows.
func visibleInvestors(v investment.Visibility, invs []investment.Investor) []investment.Investor {
	if v.All {
		return invs
	}
	var out []investment.Investor
	for _, inv := range invs {
		for _, id := range v.Investors {
			if inv.ID == id {
				out = append(out, inv)
			}
		}
	}
	return out
}

func investorNames(invs []investment.Investor) map[int64]string {
	out := make(map[int64]string, len(invs))
	for _, i := range invs {
		out[i.ID] = i.Name
	}
	return out
}

func (s *Server) handleProjects(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "inv.projects.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &ProjectsPage{BasePage: b, Filter: newForm(q, projectFilterFields...), Groups: investment.Groups, Bands: investment.Bands, Phases: investment.Phases}
	pf := projectFilterOf(q, p.Filter, b.Lang)
	v, invs, err := s.register(r, &b)
	if err != nil {
		return err
	}
	p.Investors = visibleInvestors(v, invs)
	p.OwnOnly = !v.All && !v.None()
	p.CanCreate = v.All && s.canSomewhere(b.User, b.tree, investment.PermManage)
	if v.None() { // nothing of the register is theirs: an empty list, as any list
		return s.render(w, http.StatusOK, "projects", p)
	}
	if p.Filter.Failed() {
		return s.render(w, http.StatusBadRequest, "projects", p)
	}
	if p.Communes, err = s.deps.Store.ProjectCommunes(r.Context(), v.AgencyID); err != nil {
		return err
	}
	pf.Limit = 50
	pf = v.Filter(pf)
	if pf, err = s.belowCurveOnly(r, p.Filter, v.AgencyID, pf); err != nil {
		return err
	}
	ps, next, err := s.deps.Store.FindProjects(r.Context(), pf)
	if err != nil {
		return err
	}
	if p.Total, err = s.deps.Store.CountProjects(r.Context(), pf); err != nil {
		return err
	}
	names := investorNames(invs)
	for _, pr := range ps {
		p.Rows = append(p.Rows, ProjectRow{Project: pr, InvestorName: names[pr.InvestorID]})
	}
	base := url.Values{}
	for _, k := range projectFilterFields {
		if v := p.Filter.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	if next != "" {
		n := url.Values{}
		for k, vs := range base {
			n[k] = vs
		}
		n.Set("after", next)
		p.NextURL = "/projects?" + n.Encode()
	}
	if pf.After != "" {
		p.FirstURL = "/projects?" + base.Encode()
	}
	p.ExportURL = "/projects/export.xlsx?" + base.Encode()
	return s.render(w, http.StatusOK, "projects", p)
}

// belowCurveOnly restricts pf, when the "below" box is ticked, to the
// projects of the register whose disbursement this month is below the
// target curve in force, as the disbursement board flags them.
func (s *Server) belowCurveOnly(r *http.Request, f *Form, agency int64, pf investment.ProjectFilter) (investment.ProjectFilter, error) {
	if f.Get("below") == "" {
		return pf, nil
	}
	now := s.deps.Now().In(vn)
	curve, err := s.deps.Store.CurveFor(r.Context(), agency, now.Year())
	if err != nil {
		return pf, err
	}
	pf.Below = &investment.CurveAt{Year: now.Year(), Month: int(now.Month()), Curve: curve}
	return pf, nil
}

// maxExportProjects bounds an export; a register is a few thousand projects.
const maxExportProjects = 50_000

// handleProjectsXLSX sends the register, with the page's filters, whole.
func (s *Server) handleProjectsXLSX(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "inv.projects.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	form := newForm(q, projectFilterFields...)
	pf := projectFilterOf(q, form, b.Lang)
	if form.Failed() {
		for _, f := range projectFilterFields {
			if m := form.Err(f); m != "" {
				return apperr.New(apperr.Invalid, f, m, m)
			}
		}
		return invalid("", "err.form")
	}
	v, invs, err := s.register(r, &b)
	if err != nil {
		return err
	}
	pf = v.Filter(pf) // nothing for one who sees none of the register: an empty workbook
	if pf, err = s.belowCurveOnly(r, form, v.AgencyID, pf); err != nil {
		return err
	}
	pf.After, pf.Limit = "", 500
	names := investorNames(invs)
	heads := []string{"Mã dự án", "Tên dự án", "Chủ đầu tư", "Lĩnh vực (Điều 9 Luật ĐTC)", "Nhóm", "Theo văn bản", "Địa điểm (xã, phường)",
		"Khởi công", "Hoàn thành", "Giai đoạn"}
	for _, src := range investment.Sources {
		heads = append(heads, src.Label("vi")+" (đồng)")
	}
	heads = append(heads, "Tổng mức đầu tư (đồng)")
	var rows [][]any
	for len(rows) < maxExportProjects {
		ps, next, err := s.deps.Store.FindProjects(r.Context(), pf)
		if err != nil {
			return err
		}
		for _, p := range ps {
			row := []any{p.Code, p.Name, names[p.InvestorID], p.Band.Short("vi"), p.Group.Label("vi"), p.GroupLaw, p.Commune,
				p.StartYear, p.EndYear, p.Phase.Label("vi")}
			for _, src := range investment.Sources {
				row = append(row, report.Money(p.Capital[src]))
			}
			rows = append(rows, append(row, report.Money(p.Total)))
		}
		if next == "" {
			break
		}
		pf.After = next
	}
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, "Danh mục dự án", heads, rows); err != nil {
		return err
	}
	return sendXLSX(w, "danh-muc-du-an-"+s.deps.Now().In(vn).Format("20060102")+".xlsx", buf.Bytes())
}
