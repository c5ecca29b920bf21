package web

import (
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// PersonPage shows one person: contact details, every membership (current
// and ended), the account, and the forms to change them.
type PersonPage struct {
	BasePage
	Person      org.Person
	Memberships []org.Membership
	Units       []UnitOption
	Roles       []RoleOption
	Today       string
	AddForm     *Form
	EndForm     *Form
	EndID       int64 // the membership whose end form failed
	PwForm      *Form
	CanManage   bool
	CanAccounts bool
}

// personForms are the person page's forms, blank or as submitted.
type personForms struct {
	add, end, pw *Form
	endID        int64
}

func (s *Server) personPage(w http.ResponseWriter, r *http.Request, status int, forms personForms) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return notFound()
	}
	b, err := s.base(w, r, "person.title")
	if err != nil {
		return err
	}
	person, err := s.deps.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ViewOrg, person.AgencyID); err != nil { // another agency's staff stay theirs
		return err
	}
	b.Title = person.FullName
	b.Path = "/people/" + strconv.FormatInt(id, 10)
	p := &PersonPage{BasePage: b, Person: person, Units: agencyUnitOptions(b.tree, b.User), Roles: roleOptions(b.Lang),
		Today: todayISO(s.deps.Now()), AddForm: forms.add, EndForm: forms.end, EndID: forms.endID, PwForm: forms.pw,
		CanManage:   s.deps.Policy.Can(b.User, b.tree, auth.ManageOrg, auth.Resource{}),
		CanAccounts: s.deps.Policy.Can(b.User, b.tree, auth.ManageAccounts, auth.Resource{}) && person.Login != ""}
	if p.Memberships, err = s.admin.PersonMemberships(r.Context(), id); err != nil {
		return err
	}
	if p.AddForm == nil {
		p.AddForm = newForm(nil, membershipFields...)
		p.AddForm.Values.Set("valid_from", p.Today)
		p.AddForm.Values.Set("role", string(org.RoleOfficial))
	}
	if p.EndForm == nil {
		p.EndForm = newForm(nil, "valid_to")
	}
	if p.PwForm == nil {
		p.PwForm = newForm(nil, "password")
	}
	return s.render(w, status, "person", p)
}

func (s *Server) handlePersonView(w http.ResponseWriter, r *http.Request) error {
	return s.personPage(w, r, http.StatusOK, personForms{})
}

var membershipFields = []string{"unit_id", "role", "position", "valid_from"}

// personID reads the {id} of the path, NotFound when it is not a number.
func personID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, notFound()
	}
	return id, nil
}

func (s *Server) handleMembershipAdd(w http.ResponseWriter, r *http.Request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, membershipFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.personPage(w, r, httpx.Status(err), personForms{add: f})
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
	if err := s.deps.Policy.Authorize(sub, tree, auth.ManageOrg, auth.Resource{UnitID: unit}); err != nil {
		return err
	}
	if err := s.deps.Policy.AuthorizeRoleGrant(sub, tree, org.Role(f.Get("role"))); err != nil {
		return err
	}
	if _, err := s.deps.Store.FindPersonByID(r.Context(), id); err != nil {
		return err
	}
	_, err = s.deps.Store.AddMembership(r.Context(), actor(sub), org.NewMembership{PersonID: id, UnitID: unit,
		Role: org.Role(f.Get("role")), Position: f.Get("position"), ValidFrom: f.Get("valid_from")})
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.membership.added")
	return redirect(w, r, "/people/"+strconv.FormatInt(id, 10))
}

func (s *Server) handleMembershipEnd(w http.ResponseWriter, r *http.Request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	mid, err := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if err != nil {
		return notFound()
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	ms, err := s.admin.PersonMemberships(r.Context(), id)
	if err != nil {
		return err
	}
	var m *org.Membership
	for i := range ms {
		if ms[i].ID == mid {
			m = &ms[i]
		}
	}
	if m == nil {
		return notFound()
	}
	if err := s.authorizeNow(r, auth.ManageOrg, m.UnitID); err != nil {
		return err
	}
	f := newForm(r.PostForm, "valid_to")
	if err := confirmed(r); err != nil {
		f.SetError(err, httpx.Lang(r))
		return s.personPage(w, r, http.StatusBadRequest, personForms{end: f, endID: mid})
	}
	err = s.deps.Store.EndMembership(r.Context(), actor(httpx.SubjectFrom(r.Context())), mid, f.Get("valid_to"))
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.personPage(w, r, httpx.Status(err), personForms{end: f, endID: mid})
	}
	s.flash(w, "flash.membership.ended")
	return redirect(w, r, "/people/"+strconv.FormatInt(id, 10))
}

func (s *Server) handlePasswordReset(w http.ResponseWriter, r *http.Request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	person, err := s.deps.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	if person.Login == "" {
		return apperr.New(apperr.Conflict, "", T("vi", "person.noaccount"), T("en", "person.noaccount"))
	}
	unit := int64(0)
	if len(person.Memberships) > 0 {
		unit = person.Memberships[0].UnitID
	}
	if err := s.authorizeNow(r, auth.ManageAccounts, unit); err != nil {
		return err
	}
	f := newForm(nil, "password")
	if err := s.deps.Store.SetPassword(r.Context(), actor(httpx.SubjectFrom(r.Context())), person.Login, r.PostForm.Get("password")); err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.personPage(w, r, httpx.Status(err), personForms{pw: f})
	}
	s.flash(w, "flash.password.reset", person.Login)
	return redirect(w, r, "/people/"+strconv.FormatInt(id, 10))
}

// authorizeNow checks an action on a unit for the request's user, loading
// the organisation tree.
func (s *Server) authorizeNow(r *http.Request, a auth.Action, unitID int64) error {
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	return s.deps.Policy.Authorize(httpx.SubjectFrom(r.Context()), tree, a, auth.Resource{UnitID: unitID})
}

// MembershipView is what the "membership-fields" template draws from.
type MembershipView struct {
	*BasePage
	Form  *Form
	Units []UnitOption
	Roles []RoleOption
}

// AddView is the add-membership form of the person page.
func (p *PersonPage) AddView() MembershipView {
	return MembershipView{BasePage: &p.BasePage, Form: p.AddForm, Units: p.Units, Roles: p.Roles}
}
