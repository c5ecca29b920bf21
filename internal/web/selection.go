package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// "Gói thầu / KHLCNT": a project's contractor-selection plan (Luật Đấu
// thầu 22/2023/QH15 Art 39) with its packages, its approved versions, the
// selection results with their savings, and the documents to post on the
// national e-procurement system within 5 working days (Art 8.4). Seen by
// whoever may see the project; changed by its investor's staff and the
// unit following it (investment.CanReportProject), as in the JSON API.

// PackageRow is a package with its figures for the table.
type PackageRow struct {
	investment.Package
	Savings     int64
	SavingsRate float64 // percent
}

// PostingView is a document to post with its state on today.
type PostingView struct {
	store.PostingRow
	State investment.PostingState
}

// SelectionPage is the plan of one project.
type SelectionPage struct {
	BasePage
	Project   investment.Project
	Packages  []PackageRow
	Total     int64
	Versions  []investment.PlanVersion
	Postings  []PostingView
	CanReport bool
	Draft     bool // the draft differs from the last version (or there is none)
	Pending   []investment.Package
	Package   *Form // add a package
	Version   *Form // approve or adjust
	Result    *Form // record a result
	Starts    []StartOption
	Forms     []investment.Choice
	Methods   []investment.Choice
	Contracts []investment.Choice
	Sources   []investment.Choice
}

// StartOption is a month or a quarter the selection may start in.
type StartOption struct {
	Value, Label string
}

var packageFields = []string{"name", "price", "source", "form", "method", "international", "online", "start", "contract_type", "duration_days"}
var decisionFields = []string{"decision.number", "decision.date", "decision.signer", "decision.file_id", "file", "packages"}
var resultFields = []string{"package_id", "winner", "winning_price", "r.decision.number", "r.decision.date", "r.decision.signer", "r.file"}

// Day writes a date as dd/mm/yyyy.
func (p *SelectionPage) Day(d calendar.Date) string { return investment.DMY(d) }

// ISO writes a stored YYYY-MM-DD as dd/mm/yyyy.
func (p *SelectionPage) ISO(s string) string { return dmyText(s) }

// Money writes đồng as 1.234.567 đ.
func (p *SelectionPage) Money(n int64) string { return investment.Money(n) }

// Pct writes a percentage with up to two decimals.
func (p *SelectionPage) Pct(v float64) string { return fmtDays(p.Lang, roundTo(v, 2)) + "%" }

// DayP writes a date that may be missing.
func (p *SelectionPage) DayP(d *calendar.Date) string {
	if d == nil {
		return ""
	}
	return investment.DMY(*d)
}

// SelectView is a labelled select of listed values.
type SelectView struct {
	Form        *Form
	Name, Label string
	Options     []OptionView
}

// OptionView is one option of a SelectView.
type OptionView struct {
	Value, Label string
	Selected     bool
}

// Sel builds a select of list for the form's field name.
func (p *SelectionPage) Sel(f *Form, name, label string, list []investment.Choice) SelectView {
	v := SelectView{Form: f, Name: name, Label: label}
	for _, c := range list {
		v.Options = append(v.Options, OptionView{Value: c.Value, Label: c.Label(p.Lang), Selected: f.Get(name) == c.Value})
	}
	return v
}

// DecisionView is the fields of a decision in a form; Prefix tells two
// such forms on one page apart ("" or "r.").
type DecisionView struct {
	Page   *SelectionPage
	Form   *Form
	Prefix string
}

// Dec is the decision fields of form f.
func (p *SelectionPage) Dec(f *Form, prefix string) DecisionView {
	return DecisionView{Page: p, Form: f, Prefix: prefix}
}

// Label is the label of a listed value.
func (p *SelectionPage) Label(list []investment.Choice, v any) string {
	return investment.ChoiceLabel(list, stringOf(v), p.Lang)
}

func stringOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case investment.SelectionForm:
		return string(x)
	case investment.SelectionMethod:
		return string(x)
	case investment.ContractType:
		return string(x)
	case investment.Source:
		return string(x)
	}
	return ""
}

func sourceChoices() []investment.Choice {
	var out []investment.Choice
	for _, s := range investment.Sources {
		out = append(out, investment.Choice{Value: string(s), VI: s.Label("vi"), EN: s.Label("en")})
	}
	return out
}

func startOptions(p investment.Project, lang string) []StartOption {
	from, to := p.StartYear, p.EndYear
	if from == 0 || to < from || to-from > 15 {
		from, to = 2025, 2030
	}
	var out []StartOption
	for y := from; y <= to; y++ {
		for q := 1; q <= 4; q++ {
			sp := investment.StartPeriod{Year: y, Quarter: q}
			out = append(out, StartOption{sp.String(), sp.Label(lang)})
			for m := 3*q - 2; m <= 3*q; m++ {
				sm := investment.StartPeriod{Year: y, Month: m}
				out = append(out, StartOption{sm.String(), "— " + sm.Label(lang)})
			}
		}
	}
	return out
}

func (s *Server) handleSelectionPage(w http.ResponseWriter, r *http.Request) error {
	return s.selectionPage(w, r, http.StatusOK, nil, nil, nil)
}

// selectionPage shows a project's plan; the forms, when set, are refused ones.
func (s *Server) selectionPage(w http.ResponseWriter, r *http.Request, status int, pkg, ver, res *Form) error {
	b, err := s.base(w, r, "khlcnt.title")
	if err != nil {
		return err
	}
	pr, err := s.webProject(r, &b, investment.CanViewProject)
	if err != nil {
		return err
	}
	b.Title = T(b.Lang, "khlcnt.title") + " — " + pr.Code
	p := &SelectionPage{BasePage: b, Project: pr, Package: pkg, Version: ver, Result: res,
		CanReport: s.webCan(r, &b, pr, investment.CanReportProject),
		Forms:     investment.SelectionForms, Methods: investment.SelectionMethods, Contracts: investment.ContractTypes, Sources: sourceChoices(),
		Starts: startOptions(pr, b.Lang)}
	ctx := r.Context()
	ps, err := s.deps.Store.FindPackages(ctx, pr.ID)
	if err != nil {
		return err
	}
	for _, pk := range ps {
		row := PackageRow{Package: pk}
		if pk.Result != nil {
			row.Savings = pk.Price - pk.Result.WinningPrice
			row.SavingsRate = investment.SavingsRate(pk.Price, pk.Result.WinningPrice) * 100
		} else if pk.InVersion > 0 {
			p.Pending = append(p.Pending, pk)
		}
		p.Packages = append(p.Packages, row)
	}
	p.Total = investment.TotalPrice(ps)
	if p.Versions, err = s.deps.Store.FindPlanVersions(ctx, pr.ID); err != nil {
		return err
	}
	p.Draft = len(ps) > 0
	if n := len(p.Versions); n > 0 {
		_, err := investment.NextVersion(p.Versions, ps, investment.Decision{Number: "x", Date: p.Versions[n-1].Decision.Date, Signer: "x"}, math.MaxInt64, calendar.DateOf(s.deps.Now()))
		p.Draft = err == nil
	}
	rows, err := s.deps.Store.FindPostings(ctx, store.PostingFilter{ProjectID: pr.ID, Limit: 1000})
	if err != nil {
		return err
	}
	cal, err := s.deps.Store.Calendar(ctx, pr.AgencyID)
	if err != nil {
		return err
	}
	today := calendar.DateOf(s.deps.Now())
	for _, row := range rows {
		p.Postings = append(p.Postings, PostingView{PostingRow: row, State: row.State(cal, today)})
	}
	if p.Package == nil {
		p.Package = newForm(nil, packageFields...)
		p.Package.Values.Set("online", "yes")
	}
	if p.Version == nil {
		p.Version = newForm(nil, decisionFields...)
		p.Version.Values.Set("decision.date", todayDMY(s.deps.Now()))
	}
	if p.Result == nil {
		p.Result = newForm(nil, resultFields...)
		p.Result.Values.Set("r.decision.date", todayDMY(s.deps.Now()))
	}
	return s.render(w, status, "selection", p)
}

// parseDong reads an amount of đồng written 1.234.567 or 1234567: a
// whole number above 0. Errors: Invalid naming field.
func parseDong(field, s string) (int64, error) {
	v, err := parseNumber(field, s)
	if err != nil {
		return 0, err
	}
	if v <= 0 || v != math.Trunc(v) || v > 1e16 {
		return 0, invalid(field, "khlcnt.err.money")
	}
	return int64(v), nil
}

func packageInput(f *Form) (investment.PackageInput, error) {
	in := investment.PackageInput{Name: f.Get("name"), Source: investment.Source(f.Get("source")), Form: investment.SelectionForm(f.Get("form")),
		Method: investment.SelectionMethod(f.Get("method")), International: f.Get("international") == "yes", Online: f.Get("online") == "yes",
		Contract: investment.ContractType(f.Get("contract_type"))}
	var err error
	if in.Price, err = parseDong("price", f.Get("price")); err != nil {
		return in, err
	}
	if in.Start, err = investment.ParseStartPeriod("start", f.Get("start")); err != nil {
		return in, err
	}
	d, err := strconv.Atoi(f.Get("duration_days"))
	if err != nil {
		return in, invalid("duration_days", "khlcnt.err.days")
	}
	in.DurationDays = d
	return in, in.Validate()
}

// formProject reads a posted form (multipart or not) and the project of
// the path, if check allows the user on it.
func (s *Server) formProject(w http.ResponseWriter, r *http.Request, titleKey string, check projectCheck) (investment.Project, BasePage, error) {
	if err := parseAnyForm(r); err != nil {
		return investment.Project{}, BasePage{}, err
	}
	b, err := s.base(w, r, titleKey)
	if err != nil {
		return investment.Project{}, b, err
	}
	pr, err := s.webProject(r, &b, check)
	return pr, b, err
}

func (s *Server) handlePackageCreate(w http.ResponseWriter, r *http.Request) error {
	pr, b, err := s.formProject(w, r, "khlcnt.title", investment.CanReportProject)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, packageFields...)
	in, err := packageInput(f)
	if err == nil {
		_, err = s.deps.Store.AddPackage(r.Context(), actor(b.User), pr.ID, in)
	}
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		return s.selectionPage(w, r, http.StatusBadRequest, f, nil, nil)
	}
	s.flash(w, "flash.khlcnt.package")
	return redirect(w, r, "/projects/"+pr.Code+"/packages")
}

// decisionFrom reads a decision's fields (named after prefix) and keeps
// its file, if one was chosen.
func (s *Server) decisionFrom(r *http.Request, f *Form, prefix string) (investment.Decision, error) {
	d := investment.Decision{Number: f.Get(prefix + "decision.number"), Signer: f.Get(prefix + "decision.signer")}
	if v := f.Get(prefix + "decision.date"); v != "" {
		day, err := parseTaskDate("decision.date", v)
		if err != nil {
			return d, err
		}
		d.Date = day.String()
	}
	if fh := formFile(r, prefix+"file"); fh != nil {
		up, err := s.saveFormFile(r, "file", fh)
		if err != nil {
			return d, err
		}
		d.FileID = up.ID
	}
	return d, nil
}

func (s *Server) handlePlanVersionCreate(w http.ResponseWriter, r *http.Request) error {
	defer cleanMultipart(r)
	pr, b, err := s.formProject(w, r, "khlcnt.title", investment.CanReportProject)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, decisionFields...)
	d, err := s.decisionFrom(r, f, "")
	var v investment.PlanVersion
	if err == nil {
		v, err = s.deps.Store.ApprovePlanVersion(r.Context(), actor(b.User), pr.ID, d)
	}
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		return s.selectionPage(w, r, http.StatusBadRequest, nil, f, nil)
	}
	s.flash(w, "flash.khlcnt.version", strconv.Itoa(v.No))
	return redirect(w, r, "/projects/"+pr.Code+"/packages")
}

func (s *Server) handleSelectionResultCreate(w http.ResponseWriter, r *http.Request) error {
	defer cleanMultipart(r)
	pr, b, err := s.formProject(w, r, "khlcnt.title", investment.CanReportProject)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, resultFields...)
	res := investment.SelectionResult{Winner: f.Get("winner")}
	pkgID, err := f.Int64("package_id")
	if err == nil {
		res.WinningPrice, err = parseDong("winning_price", f.Get("winning_price"))
	}
	if err == nil {
		res.Decision, err = s.decisionFrom(r, f, "r.")
	}
	if err == nil {
		_, err = s.deps.Store.RecordSelectionResult(r.Context(), actor(b.User), pr.ID, pkgID, res)
	}
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			err = invalid("package_id", "err.choose")
		}
		if e := apperr.As(err); e != nil && (strings.HasPrefix(e.Field, "decision.") || e.Field == "file") {
			c := *e
			c.Field = "r." + strings.TrimPrefix(c.Field, "")
			err = &c
		}
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		return s.selectionPage(w, r, http.StatusBadRequest, nil, nil, f)
	}
	s.flash(w, "flash.khlcnt.result")
	return redirect(w, r, "/projects/"+pr.Code+"/packages")
}

func (s *Server) handlePostingRecord(w http.ResponseWriter, r *http.Request) error {
	pr, b, err := s.formProject(w, r, "khlcnt.title", investment.CanReportProject)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound()
	}
	day, err := parseTaskDate("posted_on", r.PostForm.Get("posted_on"))
	if err == nil {
		_, err = s.deps.Store.RecordPosting(r.Context(), actor(b.User), pr.ID, id, day)
	}
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f := newForm(nil)
		f.SetError(err, b.Lang)
		return s.selectionPage(w, r, http.StatusBadRequest, nil, f, nil)
	}
	s.flash(w, "flash.khlcnt.posted")
	back := "/projects/" + pr.Code + "/packages"
	if strings.HasPrefix(r.PostForm.Get("back"), "/procurement/") {
		back = "/procurement/late"
	}
	return redirect(w, r, back)
}

// parseAnyForm reads a form, multipart (with a file) or not.
func parseAnyForm(r *http.Request) error {
	if isMultipart(r) {
		if r.MultipartForm == nil {
			if err := r.ParseMultipartForm(maxFormBytes); err != nil {
				return invalid("", "err.form")
			}
		}
		return nil
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	return nil
}

// investmentFileForm says whether a path is one of this module's forms
// that carry a file (a decision, a report, a conclusion), for formLimit.
func investmentFileForm(path string) bool {
	if !strings.HasPrefix(path, "/projects/") {
		return false
	}
	for _, end := range []string{"/selection-plan/versions", "/results", "/reports", "/inspections"} {
		if strings.HasSuffix(path, end) {
			return true
		}
	}
	return false
}
