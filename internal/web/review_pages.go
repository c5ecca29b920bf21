package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/review"
)

// Period reviews (báo cáo sơ kết, tổng kết; internal/review): the list of
// the reviews the user may see with the form to draft one from the
// records, and a review's page with the figures, the head's sections, the
// issue and the DOCX and PDF. The discipline pages are in
// discipline_pages.go.

const (
	reviewViewGrants  = "director deputy_director inspector: agency; head deputy_head: subtree"
	reviewWriteGrants = "director deputy_director: agency; head deputy_head: subtree"
	reviewPlace       = "Bắc Ninh"
)

// reviewPages are the pages of period reviews and of discipline.
func (s *Server) reviewPages() []page {
	view := access.May(string(review.View), reviewViewGrants)
	write := access.May(string(review.Write), reviewWriteGrants)
	return []page{
		{"GET", "/reviews", access.May(string(review.View), "director deputy_director inspector head deputy_head: home").Note("the reviews of the user's agency they may see"), s.handleReviewList},
		{"POST", "/reviews", write.Note("a review of the own unit"), s.handleReviewCreate},
		{"GET", "/reviews/{id}", view, s.handleReviewView},
		{"POST", "/reviews/{id}", write.Note("the sections of a draft of the own unit"), s.handleReviewEdit},
		{"POST", "/reviews/{id}/issue", write.Note("a draft of the own unit with its results written"), s.handleReviewIssue},
		{"GET", "/reviews/{id}/docx", view, s.handleReviewFile("docx")},
		{"GET", "/reviews/{id}/pdf", view, s.handleReviewFile("pdf")},

		{"GET", "/violations", access.May(string(review.ViewViolations), "director deputy_director inspector head deputy_head: home").Note("the violations of the user's agency they may see"), s.handleViolationList},
		{"POST", "/violations", access.May(string(review.RecordViolation), "inspector: agency; head deputy_head: subtree").Note("a person of the own unit"), s.handleViolationCreate},
		{"GET", "/violations/{id}/evidence", access.May(string(review.ViewViolations), reviewViewGrants).Note("the evidence of a violation in the own unit"), s.handleViolationEvidence},
		{"GET", "/checklists", access.May("org.view", "staff: home").Note("the checklists of the user's agency"), s.handleChecklists},
		{"POST", "/checklists", access.May(string(review.ManageChecklists), "admin director: home").Note("a version of the user's own agency's checklist"), s.handleChecklistSave},
		{"GET", "/emulation", access.May(string(review.ConfirmEmulation), "director: home").Note("the titles proposed in the user's agency"), s.handleEmulation},
		{"POST", "/emulation", access.May(string(review.ConfirmEmulation), "director: home").Note("the titles proposed in the user's agency"), s.handleEmulationConfirm},
	}
}

// ReviewTabs are the pages of the menu of reviews and discipline the
// user's roles open.
func (b *BasePage) ReviewTabs() []NavItem {
	var lead, head, director, staff bool
	if b.User != nil {
		for _, g := range b.User.Grants {
			switch g.Role {
			case org.RoleDirector:
				director, lead = true, true
			case org.RoleDeputyDirector, org.RoleInspector:
				lead = true
			case org.RoleHead, org.RoleDeputyHead:
				head = true
			}
			staff = staff || g.Role != org.RoleOperator && g.Role != org.RoleInvestor
		}
	}
	var items []NavItem
	if lead || head {
		items = append(items, NavItem{Href: "/reviews", Label: b.T("rev.tab.reviews")}, NavItem{Href: "/violations", Label: b.T("rev.tab.violations")})
	}
	if staff {
		items = append(items, NavItem{Href: "/checklists", Label: b.T("rev.tab.checklists")})
	}
	if director {
		items = append(items, NavItem{Href: "/emulation", Label: b.T("rev.tab.emulation")})
	}
	path := b.Path
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	for i := range items {
		items[i].Current = path == items[i].Href
	}
	return items
}

// PeriodChoice is a period in the draft form's select.
type PeriodChoice struct {
	Value, Label string
}

// reviewPeriodChoices are the periods of a year, the quarters first (the
// usual sơ kết), then the halves, the year and the months.
func reviewPeriodChoices(lang string, year int) []PeriodChoice {
	var out []PeriodChoice
	add := func(k review.Kind, i int) {
		p := review.Period{Kind: k, Year: year, Index: i}
		out = append(out, PeriodChoice{fmt.Sprintf("%s-%d", k, i), p.Name(lang)})
	}
	for q := 1; q <= 4; q++ {
		add(review.Quarter, q)
	}
	add(review.Half, 1)
	add(review.Half, 2)
	add(review.Year, 0)
	for m := 1; m <= 12; m++ {
		add(review.Month, m)
	}
	return out
}

// parseReviewPeriod reads "quarter-1" of the form's year.
func parseReviewPeriod(v string, year int) (review.Period, error) {
	kind, idx, ok := strings.Cut(v, "-")
	i, err := strconv.Atoi(idx)
	if !ok || err != nil {
		return review.Period{}, invalid("period", "rev.err.period")
	}
	p := review.Period{Kind: review.Kind(kind), Year: year, Index: i}
	if err := p.Validate(); err != nil {
		return p, invalid("period", "rev.err.period")
	}
	return p, nil
}

// ReviewListPage lists the reviews of a year.
type ReviewListPage struct {
	BasePage
	Year    int
	Reviews []review.Review
	Units   []org.Unit // units the user may write a review of
	Periods []PeriodChoice
	Form    *Form
}

func (s *Server) handleReviewList(w http.ResponseWriter, r *http.Request) error {
	return s.reviewList(w, r, http.StatusOK, nil)
}

func (s *Server) reviewList(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "rev.title")
	if err != nil {
		return err
	}
	if err := holdsRole(&b, org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector, org.RoleHead, org.RoleDeputyHead); err != nil {
		return err
	}
	year := s.deps.Now().In(vn).Year()
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
			return invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear)
		}
		year = y
	}
	if f == nil {
		f = newForm(nil, "unit_id", "period", "year", "number")
		f.Values.Set("year", strconv.Itoa(year))
	} else if y, err := strconv.Atoi(f.Get("year")); err == nil && y >= calendar.MinYear && y <= calendar.MaxYear {
		year = y
	}
	p := &ReviewListPage{BasePage: b, Year: year, Form: f, Periods: reviewPeriodChoices(b.Lang, year)}
	list, err := s.deps.Store.FindReviews(r.Context(), b.User.AgencyID, year)
	if err != nil {
		return err
	}
	for _, rv := range list {
		if review.CanView(b.User, b.tree, s.deps.Policy, rv) == nil {
			p.Reviews = append(p.Reviews, rv)
		}
	}
	for _, u := range b.tree.Units() {
		if u.AgencyID == b.User.AgencyID && u.ValidTo == nil && s.deps.Policy.Can(b.User, b.tree, review.Write, auth.Resource{UnitID: u.ID}) {
			p.Units = append(p.Units, u)
		}
	}
	return s.render(w, status, "reviews", p)
}

func (s *Server) handleReviewCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	sub := httpx.SubjectFrom(r.Context())
	f := newForm(r.PostForm, "unit_id", "period", "year", "number")
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.reviewList(w, r, statusOf(err), f)
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	uid, err := f.Int64("unit_id")
	if err != nil {
		return fail(err)
	}
	u, ok := tree.Unit(uid)
	if !ok {
		return fail(invalid("unit_id", "err.choose"))
	}
	if err := review.CanEdit(sub, tree, s.deps.Policy, u.ID); err != nil {
		return err
	}
	year, err := strconv.Atoi(f.Get("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		return fail(invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear))
	}
	period, err := parseReviewPeriod(f.Get("period"), year)
	if err != nil {
		return fail(err)
	}
	number, err := apperr.Text("number", f.Get("number"), 0, 50)
	if err != nil {
		return fail(err)
	}
	fig, err := s.deps.Store.DraftReviewFigures(r.Context(), u.ID, period)
	if err != nil {
		return err
	}
	role := T("vi", "rev.signer.head")
	if u.Kind == org.KindAgency {
		role = T("vi", "rev.signer.director")
	}
	rv, err := s.deps.Store.CreateReview(r.Context(), actor(sub), review.Review{AgencyID: u.AgencyID, UnitID: u.ID, UnitName: u.Name, Period: period,
		Number: number, Figures: fig, Signer: sub.Name, SignerRole: role, Recipients: defaultRecipients})
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.rev.drafted", period.Name(httpx.Lang(r)))
	return redirect(w, r, "/reviews/"+strconv.FormatInt(rv.ID, 10))
}

// defaultRecipients are a new review's nơi nhận, the head edits them.
var defaultRecipients = []string{"Ban Giám đốc Sở (để báo cáo);", "Văn phòng Sở (để tổng hợp);", "Lưu: VT."}

// ReviewPage is one review.
type ReviewPage struct {
	BasePage
	R       review.Review
	CanEdit bool
	Form    *Form
	Issued  string // dd/mm/yyyy HH:MM
}

// Pct is a share as a percentage with a decimal comma, "—" of nothing.
func (p *ReviewPage) Pct(a, b int) string {
	if b == 0 {
		return "—"
	}
	return fmtDecimal(float64(int(1000*float64(a)/float64(b)+0.5))/10) + "%"
}

func (s *Server) visibleReview(r *http.Request) (review.Review, *org.Tree, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return review.Review{}, nil, apperr.NotFoundf("Không tìm thấy báo cáo", "review not found")
	}
	rv, err := s.deps.Store.FindReview(r.Context(), id)
	if err != nil {
		return rv, nil, err
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return rv, nil, err
	}
	if err := review.CanView(httpx.SubjectFrom(r.Context()), tree, s.deps.Policy, rv); err != nil {
		return review.Review{}, nil, err
	}
	return rv, tree, nil
}

func (s *Server) handleReviewView(w http.ResponseWriter, r *http.Request) error {
	rv, _, err := s.visibleReview(r)
	if err != nil {
		return err
	}
	return s.reviewPage(w, r, http.StatusOK, rv, nil)
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, status int, rv review.Review, f *Form) error {
	b, err := s.base(w, r, "rev.title.one")
	if err != nil {
		return err
	}
	b.Title = rv.Period.Title(b.Lang) + " — " + rv.UnitName
	if f == nil {
		f = newForm(nil, reviewFields...)
		for k, v := range map[string]string{"results": rv.Narrative.Results, "shortcomings": rv.Narrative.Shortcomings, "lessons": rv.Narrative.Lessons,
			"next_tasks": rv.Narrative.NextTasks, "number": rv.Number, "signer": rv.Signer, "recipients": strings.Join(rv.Recipients, "\n")} {
			f.Values.Set(k, v)
		}
	}
	p := &ReviewPage{BasePage: b, R: rv, Form: f}
	p.CanEdit = rv.Status == review.Draft && review.CanChange(b.User, b.tree, s.deps.Policy, rv) == nil
	if !rv.IssuedAt.IsZero() {
		p.Issued = fmtDate(rv.IssuedAt) + " " + fmtTime(rv.IssuedAt)
	}
	return s.render(w, status, "review", p)
}

var reviewFields = []string{"results", "shortcomings", "lessons", "next_tasks", "number", "signer", "recipients"}

func (s *Server) handleReviewEdit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	rv, tree, err := s.visibleReview(r)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(r.Context())
	f := newForm(r.PostForm, reviewFields...)
	var recipients []string
	for _, l := range strings.Split(f.Get("recipients"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			recipients = append(recipients, l)
		}
	}
	n := review.Narrative{Results: f.Get("results"), Shortcomings: f.Get("shortcomings"), Lessons: f.Get("lessons"), NextTasks: f.Get("next_tasks")}
	out, err := s.deps.Store.EditReview(r.Context(), actor(sub), rv.ID, func(x review.Review) error { return review.CanChange(sub, tree, s.deps.Policy, x) },
		func(x *review.Review) error { return x.Edit(n, f.Get("number"), f.Get("signer"), recipients) })
	if err != nil {
		if !formFailure(err) && apperr.CodeOf(err) != apperr.Conflict {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		if cur, e := s.deps.Store.FindReview(r.Context(), rv.ID); e == nil {
			rv = cur
		}
		return s.reviewPage(w, r, statusOf(err), rv, f)
	}
	s.flash(w, "flash.rev.saved", out.Period.Name(httpx.Lang(r)))
	return redirect(w, r, "/reviews/"+strconv.FormatInt(rv.ID, 10))
}

func (s *Server) handleReviewIssue(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	rv, tree, err := s.visibleReview(r)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(r.Context())
	out, err := s.deps.Store.IssueReview(r.Context(), actor(sub), rv.ID, func(x review.Review) error { return review.CanChange(sub, tree, s.deps.Policy, x) },
		func(x review.Review) ([]byte, error) { return report.ReviewFile(tree, x, "docx", reviewPlace) })
	if err != nil {
		if !formFailure(err) && apperr.CodeOf(err) != apperr.Conflict {
			return err
		}
		f := newForm(nil, reviewFields...)
		f.SetError(err, httpx.Lang(r))
		for k, v := range map[string]string{"results": rv.Narrative.Results, "shortcomings": rv.Narrative.Shortcomings, "lessons": rv.Narrative.Lessons,
			"next_tasks": rv.Narrative.NextTasks, "number": rv.Number, "signer": rv.Signer, "recipients": strings.Join(rv.Recipients, "\n")} {
			f.Values.Set(k, v)
		}
		return s.reviewPage(w, r, statusOf(err), rv, f)
	}
	s.flash(w, "flash.rev.issued", out.Number)
	return redirect(w, r, "/reviews/"+strconv.FormatInt(rv.ID, 10))
}

// handleReviewFile sends the DOCX (as issued, or the draft's made now) or
// the PDF of a review.
func (s *Server) handleReviewFile(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		rv, tree, err := s.visibleReview(r)
		if err != nil {
			return err
		}
		var doc []byte
		if format == "docx" && rv.Status == review.Issued {
			doc, err = s.deps.Store.ReviewDocument(r.Context(), rv.ID)
		} else {
			doc, err = report.ReviewFile(tree, rv, format, reviewPlace)
		}
		if err != nil {
			return err
		}
		state := ""
		if rv.Status != review.Issued {
			state = "-du-thao"
		}
		ct := map[string]string{"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}[format]
		h := w.Header()
		h.Set("Content-Type", ct)
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="bao-cao-%s-%d-%d-%d%s.%s"`, rv.Period.Kind, rv.Period.Year, rv.Period.Index, rv.ID, state, format))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		_, err = w.Write(doc)
		return err
	}
}

// dayOf reads a date field (dd/mm/yyyy or YYYY-MM-DD).
func dayOf(f *Form, field string) (calendar.Date, error) {
	v, err := org.ParseDate(field, f.Get(field))
	if err != nil {
		return calendar.Date{}, invalid(field, "rev.err.date")
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		return d, invalid(field, "rev.err.date")
	}
	return d, nil
}

// today is the date in Hà Nội.
func (s *Server) today() calendar.Date { return calendar.DateOf(s.deps.Now().In(vn)) }

// yearStart is 1 January of d's year.
func yearStart(d calendar.Date) calendar.Date {
	return calendar.Date{Year: d.Year, Month: time.January, Day: 1}
}
