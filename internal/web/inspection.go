package web

import (
	"crypto/rand"
	"encoding/binary"
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/org"
	"congvu/internal/store"
)

// Kiểm tra (internal/inspection): the year's inspection plan of the
// user's agency, its inspections, and the form that opens one on a seeded
// sample of the units' dossiers, tasks or projects.

// InspListPage is the plan of a year and its inspections.
type InspListPage struct {
	BasePage
	Year       int
	Plan       *inspection.Plan
	Rows       []store.InspectionRow
	CanConduct bool
	PlanForm   *Form
	Form       *Form
	Units      []org.Unit
	People     []org.Person
	Subjects   []inspection.Subject
}

var inspFields = []string{"title", "subject", "unit_ids", "from", "to", "sample_size", "seed", "members"}

// agencyUnits are the current units of the user's agency, the agency first.
func agencyUnits(b *BasePage) []org.Unit {
	var out []org.Unit
	for _, u := range b.tree.Units() {
		if u.ValidTo == nil && b.tree.AgencyOf(u.ID) == b.User.AgencyID {
			out = append(out, u)
		}
	}
	return out
}

func (s *Server) agencyPeople(r *http.Request, agency int64) ([]org.Person, error) {
	return s.deps.Store.FindPeople(r.Context(), org.PersonFilter{AgencyIDs: []int64{agency}, OnlyActive: true, Limit: 1000})
}

func (s *Server) inspList(w http.ResponseWriter, r *http.Request, status int, planForm, form *Form) error {
	b, err := s.base(w, r, "insp.title")
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(b.User, b.tree, inspection.View, auth.Resource{UnitID: b.User.AgencyID}); err != nil {
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
	if form != nil || planForm != nil {
		if y, err := strconv.Atoi(r.PostFormValue("year")); err == nil && y >= calendar.MinYear && y <= calendar.MaxYear {
			year = y
		}
	}
	p := &InspListPage{BasePage: b, Year: year, PlanForm: planForm, Form: form, Subjects: inspection.Subjects,
		CanConduct: s.deps.Policy.Can(b.User, b.tree, inspection.Conduct, auth.Resource{UnitID: b.User.AgencyID})}
	plans, err := s.deps.Store.InspectionPlans(r.Context(), b.User.AgencyID)
	if err != nil {
		return err
	}
	for i := range plans {
		if plans[i].Year == year {
			p.Plan = &plans[i]
		}
	}
	if p.Rows, err = s.deps.Store.ListInspections(r.Context(), b.User.AgencyID, year); err != nil {
		return err
	}
	if p.CanConduct {
		p.Units = agencyUnits(&p.BasePage)
		if p.People, err = s.agencyPeople(r, b.User.AgencyID); err != nil {
			return err
		}
		if p.PlanForm == nil {
			p.PlanForm = newForm(nil, "plan_title", "decision")
			p.PlanForm.Values.Set("plan_title", T(b.Lang, "insp.plan.default", strconv.Itoa(year)))
		}
		if p.Form == nil {
			p.Form = newForm(nil, inspFields...)
			p.Form.Values.Set("subject", string(inspection.SubjectDossier))
			p.Form.Values.Set("from", dmy(calendar.Date{Year: year, Month: 1, Day: 1}))
			p.Form.Values.Set("to", dmy(calendar.DateOf(s.deps.Now())))
			p.Form.Values.Set("sample_size", "10")
		}
	}
	p.Title = T(b.Lang, "insp.title.year", strconv.Itoa(year))
	return s.render(w, status, "inspections", p)
}

func (s *Server) handleInspList(w http.ResponseWriter, r *http.Request) error {
	return s.inspList(w, r, http.StatusOK, nil, nil)
}

func (s *Server) handleInspPlanCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, "plan_title", "decision", "title")
	sub, tree, err := s.subjectTree(r)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, tree, inspection.Conduct, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	pl, err := s.deps.Store.CreateInspectionPlan(r.Context(), actor(sub), inspection.Plan{AgencyID: sub.AgencyID, Year: year,
		Title: f.Get("plan_title"), Decision: f.Get("decision")})
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		if msg, ok := f.Errors["title"]; ok {
			f.Errors["plan_title"] = msg
		}
		return s.inspList(w, r, statusOf(err), f, nil)
	}
	s.flash(w, "flash.insp.plan", strconv.Itoa(pl.Year))
	return redirect(w, r, "/inspections?year="+strconv.Itoa(pl.Year))
}

// newSeed draws a seed for a sample when the inspector gives none; it
// stays below 2^53 so that every JSON reader keeps it exactly.
func newSeed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:]) >> 11
}

func (s *Server) handleInspCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, inspFields...)
	sub, tree, err := s.subjectTree(r)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.inspList(w, r, statusOf(err), nil, f)
	}
	units, err := f.Int64s("unit_ids")
	if err != nil {
		return fail(err)
	}
	if len(units) == 0 {
		return fail(invalid("unit_ids", "insp.err.units"))
	}
	for _, u := range units {
		if _, ok := tree.Unit(u); !ok {
			return fail(invalid("unit_ids", "insp.err.units"))
		}
		if err := s.deps.Policy.Authorize(sub, tree, inspection.Conduct, auth.Resource{UnitID: u}); err != nil {
			return err
		}
		if tree.AgencyOf(u) != sub.AgencyID {
			return fail(invalid("unit_ids", "insp.err.units"))
		}
	}
	members, err := f.Int64s("members")
	if err != nil {
		return fail(err)
	}
	in := inspection.Inspection{AgencyID: sub.AgencyID, Title: f.Get("title"), Subject: inspection.Subject(f.Get("subject")), UnitIDs: units, Members: members}
	if in.From, err = parseTaskDate("from", f.Get("from")); err != nil {
		return fail(err)
	}
	if in.To, err = parseTaskDate("to", f.Get("to")); err != nil {
		return fail(err)
	}
	if in.SampleSize, err = strconv.Atoi(f.Get("sample_size")); err != nil {
		return fail(invalid("sample_size", "insp.err.size", inspection.MaxSample))
	}
	if v := f.Get("seed"); v != "" {
		if in.Seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			return fail(invalid("seed", "insp.err.seed", v))
		}
	} else {
		in.Seed = newSeed()
	}
	if err := in.Validate(); err != nil {
		return fail(err)
	}
	// The plan of the year the page shows (the year the inspection is
	// carried out in), or of the period's first year.
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		year = in.From.Year
	}
	plan, err := s.deps.Store.EnsureInspectionPlan(r.Context(), actor(sub), sub.AgencyID, year)
	if err != nil {
		return fail(err)
	}
	in.PlanID = plan.ID
	in, err = s.deps.Store.CreateInspection(r.Context(), actor(sub), in)
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.insp.created", strconv.Itoa(len(in.Items)), strconv.FormatUint(in.Seed, 10))
	return redirect(w, r, "/inspections/"+strconv.FormatInt(in.ID, 10))
}

// subjectTree is the user and the organisation tree, for a form's target.
func (s *Server) subjectTree(r *http.Request) (*auth.Subject, *org.Tree, error) {
	sub := httpx.SubjectFrom(r.Context())
	if sub == nil {
		return nil, nil, apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	tree, err := s.deps.Store.Tree(r.Context())
	return sub, tree, err
}
