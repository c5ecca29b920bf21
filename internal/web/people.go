package web

import (
	"net/http"
	"net/url"
	"strconv"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// peoplePerPage is the length of a page of the staff list.
const peoplePerPage = 50

// PeoplePage is the staff directory, filtered by unit (with its subtree)
// and by a diacritic-insensitive search on the name.
type PeoplePage struct {
	BasePage
	Filter    *Form
	People    []org.Person
	Units     []UnitOption
	PageNo    int
	PrevURL   string
	NextURL   string
	CanManage bool
}

// SeesFigures reports whether the user may open person's monthly figures,
// which the list then links to.
func (p *PeoplePage) SeesFigures(person org.Person) bool { return seesFigures(&p.BasePage, person) }

func (s *Server) handlePeople(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "people.title")
	if err != nil {
		return err
	}
	agency := agencyOf(b.tree, b.User)
	if err := s.authorize(&b, auth.ViewOrg, agency); err != nil {
		return err
	}
	q := r.URL.Query()
	if !q.Has("unit") && !q.Has("q") {
		q.Set("sub", "1") // subtree by default
	}
	p := &PeoplePage{BasePage: b, Filter: newForm(q, "unit", "q"), Units: agencyUnitOptions(b.tree, b.User),
		CanManage: s.deps.Policy.Can(b.User, b.tree, auth.ManageOrg, auth.Resource{})}
	// The staff directory is the user's agency's: never another's people.
	f := org.PersonFilter{Query: p.Filter.Get("q"), Subtree: p.Filter.Get("sub") == "1", Limit: peoplePerPage + 1, AgencyIDs: []int64{agency}}
	if p.Filter.Get("unit") != "" {
		id, err := p.Filter.Int64("unit")
		if err != nil {
			return err
		}
		if err := s.authorize(&b, auth.ViewOrg, id); err != nil {
			return err
		}
		f.UnitID = &id
	}
	p.PageNo, _ = strconv.Atoi(q.Get("page"))
	p.PageNo = max(1, p.PageNo)
	f.Offset = (p.PageNo - 1) * peoplePerPage
	if p.People, err = s.deps.Store.FindPeople(r.Context(), f); err != nil {
		return err
	}
	pageURL := func(n int) string {
		v := url.Values{}
		for _, k := range []string{"unit", "q", "sub"} {
			if x := q.Get(k); x != "" {
				v.Set(k, x)
			}
		}
		v.Set("page", strconv.Itoa(n))
		return "/people?" + v.Encode()
	}
	if len(p.People) > peoplePerPage {
		p.People = p.People[:peoplePerPage]
		p.NextURL = pageURL(p.PageNo + 1)
	}
	if p.PageNo > 1 {
		p.PrevURL = pageURL(p.PageNo - 1)
	}
	return s.render(w, http.StatusOK, "people", p)
}

// RoleOption is a role in a select box.
type RoleOption struct {
	Value org.Role
	Label string
}

func roleOptions(lang string) []RoleOption {
	out := make([]RoleOption, len(org.Roles))
	for i, r := range org.Roles {
		out[i] = RoleOption{Value: r, Label: r.Label(lang)}
	}
	return out
}

// PersonFormPage is the form to add a person with a first membership and a login.
type PersonFormPage struct {
	BasePage
	Form  *Form
	Units []UnitOption
	Roles []RoleOption
}

var personFields = []string{"full_name", "email", "phone", "unit_id", "role", "position", "valid_from", "login", "password"}

func (s *Server) personForm(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "person.new.title")
	if err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ManageOrg, 0); err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ManageAccounts, 0); err != nil {
		return err
	}
	f.Values.Del("password")
	return s.render(w, status, "person_new", &PersonFormPage{BasePage: b, Form: f, Units: agencyUnitOptions(b.tree, b.User), Roles: roleOptions(b.Lang)})
}

func (s *Server) handlePersonNew(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, personFields...)
	f.Values.Set("valid_from", todayISO(s.deps.Now()))
	f.Values.Set("role", string(org.RoleOfficial))
	if u := r.URL.Query().Get("unit"); u != "" {
		f.Values.Set("unit_id", u)
	}
	return s.personForm(w, r, http.StatusOK, f)
}

func (s *Server) handlePersonCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, personFields...)
	password := r.PostForm.Get("password")
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.personForm(w, r, httpx.Status(err), f)
	}
	unit, err := f.Int64("unit_id")
	if err != nil {
		return fail(err)
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	for _, a := range []auth.Action{auth.ManageOrg, auth.ManageAccounts} {
		if err := s.deps.Policy.Authorize(sub, tree, a, auth.Resource{UnitID: unit}); err != nil {
			return err
		}
	}
	p, err := s.admin.CreateUser(r.Context(), actor(sub),
		org.NewPerson{FullName: f.Get("full_name"), Email: f.Get("email"), Phone: f.Get("phone")},
		org.NewMembership{UnitID: unit, Role: org.Role(f.Get("role")), Position: f.Get("position"), ValidFrom: f.Get("valid_from")},
		f.Get("login"), password)
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.person.created", p.FullName)
	return redirect(w, r, "/people/"+strconv.FormatInt(p.ID, 10))
}
