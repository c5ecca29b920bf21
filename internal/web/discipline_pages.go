package web

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/file"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/review"
	"congvu/internal/store"
)

// Discipline and office culture (internal/review): the violations a head
// records for their units' people and an inspector anywhere in the
// agency, with an evidence file; the checklists of Chỉ thị 09/CT-UBND and
// QĐ 733/QĐ-TTg the agency edits as versions with effective dates; the
// emulation titles proposed from the year's ratings that the director
// confirms.

// ItemChoice is an item of a checklist in force, in the record form.
type ItemChoice struct {
	Value, Label string
}

// ItemGroup is a checklist's items in the form.
type ItemGroup struct {
	Label string
	Items []ItemChoice
}

// ViolationsPage lists violations with the form to record one.
type ViolationsPage struct {
	BasePage
	From, To calendar.Date
	Rows     []store.ViolationRow
	People   []org.Person // whom the user may record a violation of
	Groups   []ItemGroup
	Form     *Form
	Deduct   review.DeductionRule
}

// ItemText names a violation's item from the checklists.
func (p *ViolationsPage) ItemText(v store.ViolationRow) string {
	for _, g := range p.Groups {
		for _, it := range g.Items {
			if it.Value == v.Checklist+"|"+v.ItemCode {
				return it.Label
			}
		}
	}
	return v.ItemCode
}

var violationFields = []string{"person_id", "item", "on", "severity", "note"}

func (s *Server) handleViolationList(w http.ResponseWriter, r *http.Request) error {
	return s.violationList(w, r, http.StatusOK, nil)
}

func (s *Server) violationList(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "rev.title.violations")
	if err != nil {
		return err
	}
	if err := holdsRole(&b, org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector, org.RoleHead, org.RoleDeputyHead); err != nil {
		return err
	}
	today := s.today()
	p := &ViolationsPage{BasePage: b, From: yearStart(today), To: today, Form: f, Deduct: review.DefaultDeduction}
	q := newForm(r.URL.Query(), "from", "to")
	if q.Get("from") != "" {
		if p.From, err = dayOf(q, "from"); err != nil {
			return err
		}
	}
	if q.Get("to") != "" {
		if p.To, err = dayOf(q, "to"); err != nil {
			return err
		}
	}
	if p.Form == nil {
		p.Form = newForm(nil, violationFields...)
		p.Form.Values.Set("on", fmtISODate(today.String()))
	}
	agency := b.User.AgencyID
	rows, err := s.deps.Store.AgencyViolations(r.Context(), agency, p.From, p.To)
	if err != nil {
		return err
	}
	for _, v := range rows {
		if s.deps.Policy.Can(b.User, b.tree, review.ViewViolations, auth.Resource{UnitID: v.UnitID}) {
			p.Rows = append(p.Rows, v)
		}
	}
	versions, err := s.deps.Store.Checklists(r.Context(), agency)
	if err != nil {
		return err
	}
	for _, key := range checklistKeys(versions) {
		c, err := review.InForce(versions, key, today)
		if err != nil {
			continue
		}
		g := ItemGroup{Label: c.Basis}
		for _, it := range c.Items {
			g.Items = append(g.Items, ItemChoice{c.Key + "|" + it.Code, it.Code + " — " + it.Text})
		}
		p.Groups = append(p.Groups, g)
	}
	if s.canSomewhere(b.User, b.tree, review.RecordViolation) {
		people, err := s.deps.Store.FindPeople(r.Context(), org.PersonFilter{AgencyIDs: []int64{agency}, OnlyActive: true, Limit: 2000})
		if err != nil {
			return err
		}
		for _, pe := range people {
			if len(pe.Memberships) > 0 && review.MayRecord(b.User, b.tree, s.deps.Policy, pe.Memberships[0].UnitID) == nil {
				p.People = append(p.People, pe)
			}
		}
	}
	return s.render(w, status, "violations", p)
}

// checklistKeys are the keys of the versions, in their first order.
func checklistKeys(vs []review.Checklist) []string {
	var keys []string
	seen := map[string]bool{}
	for _, c := range vs {
		if !seen[c.Key] {
			seen[c.Key] = true
			keys = append(keys, c.Key)
		}
	}
	return keys
}

func (s *Server) handleViolationCreate(w http.ResponseWriter, r *http.Request) error {
	defer cleanMultipart(r)
	if r.MultipartForm == nil {
		if err := r.ParseForm(); err != nil {
			return invalid("", "err.form")
		}
	}
	sub := httpx.SubjectFrom(r.Context())
	f := newForm(r.Form, violationFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.violationList(w, r, statusOf(err), f)
	}
	pid, err := f.Int64("person_id")
	if err != nil {
		return fail(err)
	}
	person, err := s.deps.Store.FindPersonByID(r.Context(), pid)
	if err != nil || len(person.Memberships) == 0 {
		if err == nil || apperr.CodeOf(err) == apperr.NotFound {
			return fail(invalid("person_id", "err.choose"))
		}
		return err
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	unit := person.Memberships[0].UnitID
	if err := review.MayRecord(sub, tree, s.deps.Policy, unit); err != nil {
		return err
	}
	list, code, ok := strings.Cut(f.Get("item"), "|")
	if !ok {
		return fail(invalid("item", "err.choose"))
	}
	on, err := dayOf(f, "on")
	if err != nil {
		return fail(err)
	}
	v := review.Violation{AgencyID: person.AgencyID, PersonID: person.ID, UnitID: unit, Checklist: list, ItemCode: code, On: on,
		Severity: review.Severity(f.Get("severity")), Note: f.Get("note")}
	versions, err := s.deps.Store.Checklists(r.Context(), person.AgencyID)
	if err != nil {
		return err
	}
	if err := v.Validate(versions); err != nil { // before the evidence is kept
		return fail(err)
	}
	if fh := formFile(r, "file"); fh != nil {
		up, err := s.saveFormFile(r, "file", fh)
		if err != nil {
			return fail(err)
		}
		v.EvidenceID = up.ID
	}
	if _, err := s.deps.Store.RecordViolation(r.Context(), actor(sub), v, func(v review.Violation) error {
		return review.MayRecord(sub, tree, s.deps.Policy, v.UnitID)
	}); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.rev.violation", person.FullName)
	return redirect(w, r, "/violations")
}

// handleViolationEvidence sends a violation's evidence to those who may
// see the violation (the file is attached to no record the file store
// knows, so its own rule would show it to the uploader only).
func (s *Server) handleViolationEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return file.NotFound(0)
	}
	v, err := s.deps.Store.FindViolation(r.Context(), id)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	if !s.deps.Policy.Can(sub, tree, review.ViewViolations, auth.Resource{UnitID: v.UnitID}) || v.EvidenceID == 0 {
		return apperr.NotFoundf("Không tìm thấy minh chứng", "evidence not found")
	}
	fl, _, err := s.deps.Store.FindFileByID(r.Context(), v.EvidenceID)
	if err != nil {
		return err
	}
	return s.deps.ServeFile(w, r, sub, fl, false)
}

// ChecklistsPage shows every version of the checklists and the editor.
type ChecklistsPage struct {
	BasePage
	Versions []review.Checklist
	InForce  map[string]calendar.Date // the From of the version in force today, by key
	Keys     []string
	CanEdit  bool
	Form     *Form
}

// IsInForce says whether c is the version of its checklist in force today.
func (p *ChecklistsPage) IsInForce(c review.Checklist) bool { return p.InForce[c.Key] == c.From }

var checklistFields = []string{"key", "basis", "from", "items"}

func (s *Server) handleChecklists(w http.ResponseWriter, r *http.Request) error {
	return s.checklists(w, r, http.StatusOK, nil)
}

func (s *Server) checklists(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "rev.title.checklists")
	if err != nil {
		return err
	}
	if err := holdsRole(&b, staffRoles...); err != nil {
		return err
	}
	versions, err := s.deps.Store.Checklists(r.Context(), b.User.AgencyID)
	if err != nil {
		return err
	}
	today := s.today()
	p := &ChecklistsPage{BasePage: b, Versions: versions, InForce: map[string]calendar.Date{}, Keys: checklistKeys(versions), Form: f,
		CanEdit: s.deps.Policy.Can(b.User, b.tree, review.ManageChecklists, auth.Resource{UnitID: b.User.AgencyID})}
	for _, k := range p.Keys {
		if c, err := review.InForce(versions, k, today); err == nil {
			p.InForce[k] = c.From
		}
	}
	if p.Form == nil {
		// The editor starts from the version in force of the checklist asked for.
		key := r.URL.Query().Get("key")
		if key == "" {
			key = "ct09"
		}
		p.Form = newForm(nil, checklistFields...)
		if c, err := review.InForce(versions, key, today); err == nil {
			var lines []string
			for _, it := range c.Items {
				lines = append(lines, it.Code+" | "+it.Text)
			}
			p.Form.Values.Set("key", c.Key)
			p.Form.Values.Set("basis", c.Basis)
			p.Form.Values.Set("items", strings.Join(lines, "\n"))
		}
		p.Form.Values.Set("from", fmtISODate(today.String()))
	}
	return s.render(w, status, "checklists", p)
}

func (s *Server) handleChecklistSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	sub := httpx.SubjectFrom(r.Context())
	f := newForm(r.PostForm, checklistFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.checklists(w, r, statusOf(err), f)
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, tree, review.ManageChecklists, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	key := f.Get("key")
	if key != "ct09" && key != "qd733" {
		return fail(invalid("key", "err.choose"))
	}
	basis, err := apperr.Text("basis", f.Get("basis"), 3, 1000)
	if err != nil {
		return fail(err)
	}
	from, err := dayOf(f, "from")
	if err != nil {
		return fail(err)
	}
	var items []review.Item
	for i, l := range strings.Split(f.Get("items"), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		code, text, ok := strings.Cut(l, "|")
		if !ok {
			return fail(invalid("items", "rev.err.item_line", i+1))
		}
		items = append(items, review.Item{Code: code, Text: text})
	}
	if items, err = review.CleanItems(items); err != nil {
		return fail(err)
	}
	if err := s.deps.Store.SaveChecklist(r.Context(), actor(sub), sub.AgencyID, review.Checklist{Key: key, Basis: basis, From: from, Items: items, Unverified: true}); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.rev.checklist", fmtISODate(from.String()))
	return redirect(w, r, "/checklists?key="+key)
}

// EmulationRow is a proposal and, once confirmed, when.
type EmulationRow struct {
	P         review.Proposal
	Unit      string
	Confirmed string // dd/mm/yyyy, empty until confirmed
}

// EmulationPage lists the titles proposed for a year.
type EmulationPage struct {
	BasePage
	Year    int
	Rows    []EmulationRow
	Pending int
	Form    *Form
}

func (s *Server) handleEmulation(w http.ResponseWriter, r *http.Request) error {
	return s.emulation(w, r, http.StatusOK, nil)
}

func (s *Server) emulation(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "rev.title.emulation")
	if err != nil {
		return err
	}
	if err := holdsRole(&b, org.RoleDirector); err != nil {
		return err
	}
	year := s.deps.Now().In(vn).Year()
	v := r.URL.Query().Get("year")
	if f != nil {
		v = f.Get("year")
	}
	if v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
			return invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear)
		}
		year = y
	}
	if f == nil {
		f = newForm(nil, "year")
	}
	agency := b.User.AgencyID
	entries, err := s.deps.Store.EmulationYear(r.Context(), agency, year, review.DefaultEmulation)
	if err != nil {
		return err
	}
	ratings, _, err := s.deps.Store.YearRatings(r.Context(), agency, year)
	if err != nil {
		return err
	}
	units := map[int64]int64{}
	for _, y := range ratings {
		units[y.PersonID] = y.UnitID
	}
	p := &EmulationPage{BasePage: b, Year: year, Form: f}
	for _, e := range entries {
		row := EmulationRow{P: e.Proposal, Unit: b.UnitName(units[e.PersonID]), Confirmed: fmtDate(e.ConfirmedAt)}
		if e.ConfirmedAt.IsZero() {
			p.Pending++
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(w, status, "emulation", p)
}

func (s *Server) handleEmulationConfirm(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	sub := httpx.SubjectFrom(r.Context())
	f := newForm(r.PostForm, "year", "person_id")
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.emulation(w, r, statusOf(err), f)
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, tree, review.ConfirmEmulation, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	year, err := strconv.Atoi(f.Get("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		return fail(invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear))
	}
	ids, err := f.Int64s("person_id")
	if err != nil {
		return fail(err)
	}
	out, err := s.deps.Store.ConfirmEmulation(r.Context(), actor(sub), sub.AgencyID, year, review.DefaultEmulation, ids)
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.rev.emulation", strconv.Itoa(len(out)))
	return redirect(w, r, "/emulation?year="+strconv.Itoa(year))
}
