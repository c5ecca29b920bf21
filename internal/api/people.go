package api

import (
	"context"
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// personResponse is a member of staff (cán bộ, công chức, viên chức) on the wire.
type personResponse struct {
	ID          int64                `json:"id"`
	AgencyID    int64                `json:"agency_id"`
	FullName    string               `json:"full_name"`
	Email       string               `json:"email"`
	Phone       string               `json:"phone"`
	Active      bool                 `json:"active"`
	HasAccount  bool                 `json:"has_account" doc:"whether the person can log in (the login itself is not shown)"`
	Memberships []membershipResponse `json:"memberships" doc:"the memberships valid today"`
}

// personCreateRequest is the body of POST /api/v1/people. The first
// membership is a separate call (POST /api/v1/people/{id}/memberships):
// the store has no single transaction for a person and a membership
// without a login.
type personCreateRequest struct {
	FullName string `json:"full_name" api:"required,min=2,max=120"`
	Email    string `json:"email" api:"max=200"`
	Phone    string `json:"phone" api:"max=20"`
	AgencyID int64  `json:"agency_id" doc:"the agency the person works for; the caller's own when omitted"`
}

// Validate checks the request's shape; the domain checks the e-mail and
// phone formats.
func (q *personCreateRequest) Validate() error {
	var err error
	if q.FullName, err = apperr.Text("full_name", q.FullName, 2, 120); err != nil {
		return err
	}
	if q.Email, err = apperr.Text("email", q.Email, 0, 200); err != nil {
		return err
	}
	if q.Phone, err = apperr.Text("phone", q.Phone, 0, 20); err != nil {
		return err
	}
	if q.AgencyID < 0 {
		return apperr.Invalidf("agency_id", "agency_id phải là số nguyên dương", "agency_id must be a positive whole number")
	}
	return nil
}

// toNewPerson converts the request to the domain's.
func (q personCreateRequest) toNewPerson() org.NewPerson {
	return org.NewPerson{AgencyID: q.AgencyID, FullName: q.FullName, Email: q.Email, Phone: q.Phone}
}

// toPersonResponse converts a domain person to the wire.
func toPersonResponse(p org.Person) personResponse {
	ms := make([]membershipResponse, 0, len(p.Memberships))
	for _, m := range p.Memberships {
		ms = append(ms, toMembershipResponse(m))
	}
	return personResponse{ID: p.ID, AgencyID: p.AgencyID, FullName: p.FullName, Email: p.Email, Phone: p.Phone,
		Active: p.Active, HasAccount: p.Login != "", Memberships: ms}
}

func (s *Server) handlePersonList(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	var f org.PersonFilter
	unitID, err := queryID(r, "unit_id")
	if err != nil {
		return err
	}
	if f.Subtree, err = queryBool(r, "subtree"); err != nil {
		return err
	}
	if f.Query, err = queryText(r, "q", 100); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.authorize(subj, t, auth.ViewOrg, subj.AgencyID); err != nil {
		return err
	}
	var people []org.Person
	if unitID != 0 {
		if _, err := knownUnit(t, "unit_id", unitID); err != nil {
			return err
		}
		if err := s.authorize(subj, t, auth.ViewOrg, unitID); err != nil {
			return err
		}
		f.UnitID, f.Limit, f.Offset = &unitID, pg.limit, pg.offset
		people, err = s.deps.Store.FindPeople(r.Context(), f)
	} else {
		people, err = s.findVisiblePeople(r.Context(), subj, t, f, pg)
	}
	if err != nil {
		return err
	}
	out := make([]personResponse, 0, len(people))
	for _, p := range people {
		out = append(out, toPersonResponse(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// findVisiblePeople lists the people of the agencies the caller may see
// (ViewOrg is agency-wide).
func (s *Server) findVisiblePeople(ctx context.Context, subj *auth.Subject, t *org.Tree, f org.PersonFilter, pg page) ([]org.Person, error) {
	f.AgencyIDs = []int64{}
	seen := map[int64]bool{}
	for _, g := range subj.Grants {
		u, ok := t.Unit(g.UnitID)
		if !ok || seen[u.AgencyID] || !s.can(subj, t, auth.ViewOrg, u.AgencyID) {
			continue
		}
		seen[u.AgencyID] = true
		f.AgencyIDs = append(f.AgencyIDs, u.AgencyID)
	}
	f.Limit, f.Offset = pg.limit, pg.offset
	return s.deps.Store.FindPeople(ctx, f)
}

func (s *Server) handlePersonView(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.deps.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.authorize(subjectOf(r), t, auth.ViewOrg, p.AgencyID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPersonResponse(p))
}

func (s *Server) handlePersonCreate(w http.ResponseWriter, r *http.Request) error {
	var q personCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	if q.AgencyID == 0 {
		q.AgencyID = subj.AgencyID
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if _, err := knownUnit(t, "agency_id", q.AgencyID); err != nil {
		return err
	}
	if err := s.authorize(subj, t, auth.ManageOrg, q.AgencyID); err != nil {
		return err
	}
	p, err := s.deps.Store.CreatePerson(r.Context(), actorOf(subj), q.toNewPerson())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/people/"+strconv.FormatInt(p.ID, 10))
	return writeJSON(w, http.StatusCreated, toPersonResponse(p))
}
