package web

import (
	"net/http"

	"congvu/internal/apperr"

	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// "Báo cáo giám sát": the supervision and evaluation reports a project owes
// (Luật Đầu tư công 58/2024/QH15 Art 73–77) with their due dates — from
// due rules that are data, not verified against the law, as the page says
// — their submission with its file, and the inspections of the project
// (kiểm tra dự án). Across projects: the overdue reports and the documents
// not posted within 5 working days.

// ObligationView is a report owed with its state on today.
type ObligationView struct {
	store.ObligationRow
	State investment.ObligationState
}

// SupervisionPage is the reports and inspections of one project.
type SupervisionPage struct {
	BasePage
	Project     investment.Project
	Obligations []ObligationView
	Open        []ObligationView // not submitted, for the form
	Inspections []investment.Inspection
	Rules       []investment.DueRule
	CanReport   bool
	CanInspect  bool
	Submit      *Form
	Inspect     *Form
	Sections    []investment.Choice
}

// Day writes a date as dd/mm/yyyy.
func (p *SupervisionPage) Day(d calendar.Date) string { return investment.DMY(d) }

// SectionView is one section of a submitted evaluation.
type SectionView struct{ Label, Text string }

// SectionsOf lists a submission's sections in order.
func (p *SupervisionPage) SectionsOf(sub *investment.Submission) []SectionView {
	var out []SectionView
	for _, c := range investment.EvaluationSections {
		if t := sub.Sections[investment.EvaluationSection(c.Value)]; t != "" {
			out = append(out, SectionView{c.Label(p.Lang), t})
		}
	}
	return out
}

var submitFields = []string{"key", "submitted_on", "file", "file_id", "note", "sections",
	"sections.results", "sections.resources", "sections.benefits", "sections.sustainability", "sections.responsibilities", "sections.lessons"}
var inspectFields = []string{"date", "inspectors", "findings", "conclusion", "file", "conclusion_file_id"}

func (s *Server) handleSupervisionPage(w http.ResponseWriter, r *http.Request) error {
	return s.supervisionPage(w, r, http.StatusOK, nil, nil)
}

func (s *Server) supervisionPage(w http.ResponseWriter, r *http.Request, status int, sub, ins *Form) error {
	b, err := s.base(w, r, "sup.title")
	if err != nil {
		return err
	}
	pr, err := s.webProject(r, &b, investment.CanViewProject)
	if err != nil {
		return err
	}
	b.Title = T(b.Lang, "sup.title") + " — " + pr.Code
	p := &SupervisionPage{BasePage: b, Project: pr, Submit: sub, Inspect: ins, Sections: investment.EvaluationSections,
		CanReport: s.webCan(r, &b, pr, investment.CanReportProject), CanInspect: s.webCan(r, &b, pr, investment.CanManageProject)}
	ctx := r.Context()
	obs, err := s.deps.Store.FindObligations(ctx, pr.ID)
	if err != nil {
		return err
	}
	today := calendar.DateOf(s.deps.Now())
	for _, o := range obs {
		v := ObligationView{ObligationRow: store.ObligationRow{Obligation: o, ProjectCode: pr.Code, ProjectName: pr.Name}, State: o.State(today)}
		p.Obligations = append(p.Obligations, v)
		if o.Submission == nil {
			p.Open = append(p.Open, v)
		}
	}
	if p.Inspections, err = s.deps.Store.FindInspections(ctx, pr.ID); err != nil {
		return err
	}
	if p.Rules, err = s.deps.Store.SupervisionRules(ctx); err != nil {
		return err
	}
	if p.Submit == nil {
		p.Submit = newForm(nil, submitFields...)
		p.Submit.Values.Set("submitted_on", todayDMY(s.deps.Now()))
	}
	if p.Inspect == nil {
		p.Inspect = newForm(nil, inspectFields...)
		p.Inspect.Values.Set("date", todayDMY(s.deps.Now()))
	}
	return s.render(w, status, "supervision", p)
}

func (s *Server) handleObligationSubmit(w http.ResponseWriter, r *http.Request) error {
	defer cleanMultipart(r)
	pr, b, err := s.formProject(w, r, "sup.title", investment.CanReportProject)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, submitFields...)
	key := f.Get("key")
	sub := investment.Submission{Note: f.Get("note")}
	sub.On, err = parseTaskDate("submitted_on", f.Get("submitted_on"))
	if err == nil {
		for _, c := range investment.EvaluationSections {
			if v := f.Get("sections." + c.Value); v != "" {
				if sub.Sections == nil {
					sub.Sections = map[investment.EvaluationSection]string{}
				}
				sub.Sections[investment.EvaluationSection(c.Value)] = v
			}
		}
		if fh := formFile(r, "file"); fh != nil {
			up, ferr := s.saveFormFile(r, "file", fh)
			sub.FileID, err = up.ID, ferr
		}
	}
	if err == nil {
		_, err = s.deps.Store.SubmitSupervisionReport(r.Context(), actor(b.User), pr.ID, key, sub)
	}
	if err != nil {
		if !formFailure(err) && !isNotFound(err) {
			return err
		}
		if isNotFound(err) {
			err = invalid("key", "err.choose")
		}
		f.SetError(err, b.Lang)
		return s.supervisionPage(w, r, http.StatusBadRequest, f, nil)
	}
	s.flash(w, "flash.sup.submitted")
	return redirect(w, r, "/projects/"+pr.Code+"/supervision")
}

func (s *Server) handleInspectionCreate(w http.ResponseWriter, r *http.Request) error {
	defer cleanMultipart(r)
	pr, b, err := s.formProject(w, r, "sup.title", investment.CanManageProject)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, inspectFields...)
	in := investment.Inspection{Inspectors: f.Get("inspectors"), Findings: f.Get("findings"), Conclusion: f.Get("conclusion")}
	in.On, err = parseTaskDate("date", f.Get("date"))
	if err == nil {
		if fh := formFile(r, "file"); fh != nil {
			up, ferr := s.saveFormFile(r, "file", fh)
			in.ConclusionFileID, err = up.ID, ferr
		}
	}
	if err == nil {
		_, err = s.deps.Store.RecordInspection(r.Context(), actor(b.User), pr.ID, in)
	}
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		return s.supervisionPage(w, r, http.StatusBadRequest, nil, f)
	}
	s.flash(w, "flash.sup.inspection")
	return redirect(w, r, "/projects/"+pr.Code+"/supervision")
}

// OverduePage lists, across the projects the user may see, the reports
// overdue and the documents not posted within 5 working days.
type OverduePage struct {
	BasePage
	Obligations []ObligationView
	Postings    []PostingView
	today       calendar.Date
}

// Day writes a date as dd/mm/yyyy.
func (p *OverduePage) Day(d calendar.Date) string { return investment.DMY(d) }

// DayP writes a date that may be missing.
func (p *OverduePage) DayP(d *calendar.Date) string {
	if d == nil {
		return ""
	}
	return investment.DMY(*d)
}

// DaysLate is how many days ago d was.
func (p *OverduePage) DaysLate(d calendar.Date) int { return p.today.Sub(d) }

// overduePage starts a list across the register with what of it the
// user may see.
func (s *Server) overduePage(w http.ResponseWriter, r *http.Request, titleKey string) (*OverduePage, investment.Visibility, error) {
	b, err := s.base(w, r, titleKey)
	if err != nil {
		return nil, investment.Visibility{}, err
	}
	v, err := s.webRegister(r, &b)
	return &OverduePage{BasePage: b, today: calendar.DateOf(s.deps.Now())}, v, err
}

func (s *Server) handleSupervisionOverdue(w http.ResponseWriter, r *http.Request) error {
	p, v, err := s.overduePage(w, r, "sup.overdue.title")
	if err != nil {
		return err
	}
	if !v.None() {
		today := p.today
		f := store.ObligationFilter{AgencyID: v.AgencyID, Today: today, States: []investment.ObligationState{investment.ObligationOverdue}}
		if !v.All {
			f.Investors = v.Investors
		}
		rows, err := s.deps.Store.FindObligationsAcross(r.Context(), f)
		if err != nil {
			return err
		}
		for _, o := range rows {
			p.Obligations = append(p.Obligations, ObligationView{ObligationRow: o, State: o.State(today)})
		}
	}
	return s.render(w, http.StatusOK, "supervision_overdue", p)
}

func (s *Server) handlePostingsLate(w http.ResponseWriter, r *http.Request) error {
	p, v, err := s.overduePage(w, r, "khlcnt.late.title")
	if err != nil {
		return err
	}
	if !v.None() {
		today := p.today
		f := store.PostingFilter{AgencyID: v.AgencyID, Late: true, LateOn: today, Limit: 1000}
		if !v.All {
			f.Investors = v.Investors
		}
		rows, err := s.deps.Store.FindPostings(r.Context(), f)
		if err != nil {
			return err
		}
		cal, err := s.deps.Store.Calendar(r.Context(), v.AgencyID)
		if err != nil {
			return err
		}
		for _, row := range rows {
			p.Postings = append(p.Postings, PostingView{PostingRow: row, State: row.State(cal, today)})
		}
	}
	return s.render(w, http.StatusOK, "postings_late", p)
}

func isNotFound(err error) bool { return apperr.Is(err, apperr.NotFound) }
