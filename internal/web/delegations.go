package web

import (
	"net/http"
	"time"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// DelegationRow is a delegation with the names of the two people.
type DelegationRow struct {
	org.Delegation
	From, To string
	Active   bool
}

// DelegationsPage lists delegations (quyền, ủy quyền) and records new ones.
type DelegationsPage struct {
	BasePage
	Rows   []DelegationRow
	People []org.Person
	Form   *Form
}

var delegationFields = []string{"from_person_id", "to_person_id", "starts_on", "ends_on", "reason"}

// canDelegateSomewhere reports whether the user may delegate in any unit:
// agency-wide, or in the units they lead.
func (s *Server) canDelegateSomewhere(sub *auth.Subject, t *org.Tree) bool {
	if s.deps.Policy.Can(sub, t, auth.DelegateRole, auth.Resource{}) {
		return true
	}
	for _, g := range sub.Grants {
		if s.deps.Policy.Can(sub, t, auth.DelegateRole, auth.Resource{UnitID: g.UnitID}) {
			return true
		}
	}
	return false
}

func (s *Server) delegationsPage(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "delegations.title")
	if err != nil {
		return err
	}
	if !s.canDelegateSomewhere(b.User, b.tree) {
		return s.authorize(&b, auth.DelegateRole, 0)
	}
	p := &DelegationsPage{BasePage: b, Form: f}
	if p.People, err = s.deps.Store.FindPeople(r.Context(), org.PersonFilter{OnlyActive: true, Limit: 1000}); err != nil {
		return err
	}
	names := map[int64]string{}
	for _, x := range p.People {
		names[x.ID] = x.FullName
	}
	ds, err := s.admin.FindDelegations(r.Context(), 100)
	if err != nil {
		return err
	}
	now := s.deps.Now()
	for _, d := range ds {
		p.Rows = append(p.Rows, DelegationRow{Delegation: d, From: names[d.FromPersonID], To: names[d.ToPersonID], Active: d.ActiveAt(now)})
	}
	return s.render(w, status, "delegations", p)
}

func (s *Server) handleDelegations(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, delegationFields...)
	today := todayISO(s.deps.Now())
	f.Values.Set("starts_on", today)
	f.Values.Set("ends_on", today)
	return s.delegationsPage(w, r, http.StatusOK, f)
}

// handleDelegationCreate records a delegation from the first instant of
// its first day to the end of its last day, Hà Nội time.
func (s *Server) handleDelegationCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, delegationFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.delegationsPage(w, r, httpx.Status(err), f)
	}
	d := org.Delegation{Reason: f.Get("reason")}
	var err error
	if d.FromPersonID, err = f.Int64("from_person_id"); err != nil {
		return fail(err)
	}
	if d.ToPersonID, err = f.Int64("to_person_id"); err != nil {
		return fail(err)
	}
	start, err := org.ParseDate("starts_on", f.Get("starts_on"))
	if err != nil {
		return fail(err)
	}
	end, err := org.ParseDate("ends_on", f.Get("ends_on"))
	if err != nil {
		return fail(err)
	}
	st, _ := time.ParseInLocation(org.DateLayout, start, vn)
	en, _ := time.ParseInLocation(org.DateLayout, end, vn)
	d.StartsAt, d.EndsAt = st.UTC(), en.AddDate(0, 0, 1).UTC()
	from, err := s.deps.Store.FindPersonByID(r.Context(), d.FromPersonID)
	if err != nil {
		return fail(invalid("from_person_id", "err.choose"))
	}
	units := []int64{0}
	if len(from.Memberships) > 0 {
		units = units[:0]
		for _, m := range from.Memberships {
			units = append(units, m.UnitID)
		}
	}
	for _, u := range units {
		if err := s.authorizeNow(r, auth.DelegateRole, u); err != nil {
			return err
		}
	}
	if _, err := s.deps.Store.CreateDelegation(r.Context(), actor(httpx.SubjectFrom(r.Context())), d); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.delegation.created", from.FullName)
	return redirect(w, r, "/delegations")
}
