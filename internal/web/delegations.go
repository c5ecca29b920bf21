package web

import (
	"net/http"
	"strconv"
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
	// CanRevoke: it has not ended nor been revoked, and the user may revoke
	// it (the delegator, the delegate, the administrator or a superior).
	CanRevoke bool
}

// DelegationsPage lists the agency's delegations (quyền, ủy quyền), records
// new ones and revokes them.
type DelegationsPage struct {
	BasePage
	Rows []DelegationRow
	// From are the people whose roles the user may delegate: themself, and
	// those they stand above (auth.Policy.AuthorizeDelegation); To are the
	// agency's people.
	From, To []org.Person
	Form     *Form
	MaxDays  int
}

var delegationFields = []string{"from_person_id", "to_person_id", "starts_on", "ends_on", "reason"}

// maxDelegationDays is the configured longest delegation.
func (s *Server) maxDelegationDays() int {
	if d := s.deps.Config.DelegationMaxDays; d > 0 {
		return d
	}
	return org.DefaultDelegationMaxDays
}

func (s *Server) delegationsPage(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "delegations.title")
	if err != nil {
		return err
	}
	agency := agencyOf(b.tree, b.User)
	// Everyone may delegate their own roles: the page is every member of
	// staff's who sees their agency.
	if err := s.authorize(&b, auth.ViewOrg, agency); err != nil {
		return err
	}
	p := &DelegationsPage{BasePage: b, Form: f, MaxDays: s.maxDelegationDays()}
	if p.To, err = s.deps.Store.FindPeople(r.Context(), org.PersonFilter{AgencyIDs: []int64{agency}, OnlyActive: true, Limit: 1000}); err != nil {
		return err
	}
	names, people := map[int64]string{}, map[int64]org.Person{}
	for _, x := range p.To {
		names[x.ID], people[x.ID] = x.FullName, x
		if s.deps.Policy.AuthorizeDelegation(b.User, b.tree, x) == nil {
			p.From = append(p.From, x)
		}
	}
	ds, err := s.deps.Store.FindDelegations(r.Context(), org.DelegationFilter{AgencyID: agency, Limit: 100})
	if err != nil {
		return err
	}
	now := s.deps.Now()
	for _, d := range ds {
		row := DelegationRow{Delegation: d, From: names[d.FromPersonID], To: names[d.ToPersonID], Active: d.ActiveAt(now)}
		if from, ok := people[d.FromPersonID]; ok && d.RevokedAt == nil && now.Before(d.EndsAt) {
			row.CanRevoke = s.deps.Policy.AuthorizeRevoke(b.User, b.tree, d, from) == nil
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(w, status, "delegations", p)
}

func (s *Server) handleDelegations(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, delegationFields...)
	today := todayISO(s.deps.Now())
	f.Values.Set("starts_on", today)
	f.Values.Set("ends_on", today)
	if sub := httpx.SubjectFrom(r.Context()); sub != nil {
		f.Values.Set("from_person_id", strconv.FormatInt(sub.PersonID, 10))
	}
	return s.delegationsPage(w, r, http.StatusOK, f)
}

// handleDelegationCreate records a delegation from the first instant of
// its first day to the end of its last day, Hà Nội time, under the rules of
// auth.Policy.AuthorizeDelegation and the configured longest delegation.
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
	ctx := r.Context()
	from, err := s.deps.Store.FindPersonByID(ctx, d.FromPersonID)
	if err != nil {
		return fail(invalid("from_person_id", "err.choose"))
	}
	to, err := s.deps.Store.FindPersonByID(ctx, d.ToPersonID)
	if err != nil {
		return fail(invalid("to_person_id", "err.choose"))
	}
	tree, err := s.deps.Store.Tree(ctx)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(ctx)
	if err := s.deps.Policy.Authorize(sub, tree, auth.ViewOrg, auth.Resource{UnitID: to.AgencyID}); err != nil {
		return err
	}
	if err := s.deps.Policy.AuthorizeDelegation(sub, tree, from); err != nil {
		return err
	}
	if err := d.CheckLength(s.maxDelegationDays()); err != nil {
		return fail(invalid("ends_on", "delegations.too_long", s.maxDelegationDays()))
	}
	if _, err := s.deps.Store.CreateDelegation(ctx, actor(sub), d); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.delegation.created", from.FullName)
	return redirect(w, r, "/delegations")
}

// handleDelegationRevoke revokes a delegation now (thu hồi), journalled by
// the store; the page's button asks for confirmation first.
func (s *Server) handleDelegationRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound()
	}
	ctx := r.Context()
	d, err := s.deps.Store.FindDelegationByID(ctx, id)
	if err != nil {
		return err
	}
	from, err := s.deps.Store.FindPersonByID(ctx, d.FromPersonID)
	if err != nil {
		return err
	}
	tree, err := s.deps.Store.Tree(ctx)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(ctx)
	if sub.PersonID != d.FromPersonID && sub.PersonID != d.ToPersonID &&
		!s.deps.Policy.Can(sub, tree, auth.ViewOrg, auth.Resource{UnitID: from.AgencyID}) {
		return notFound() // another agency's delegation: as if it did not exist
	}
	if err := s.deps.Policy.AuthorizeRevoke(sub, tree, d, from); err != nil {
		return err
	}
	if err := confirmed(r); err != nil {
		return err
	}
	if _, err := s.deps.Store.RevokeDelegation(ctx, actor(sub), id); err != nil {
		return err
	}
	s.flash(w, "flash.delegation.revoked", from.FullName)
	return redirect(w, r, "/delegations")
}
