package api

import (
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// membershipResponse places a person in a unit with a role for a period.
type membershipResponse struct {
	ID        int64   `json:"id"`
	PersonID  int64   `json:"person_id"`
	UnitID    int64   `json:"unit_id"`
	Role      string  `json:"role" api:"enum=director|deputy_director|head|deputy_head|official|clerk|inspector|admin"`
	Position  string  `json:"position" doc:"the title as written on documents, e.g. Trưởng phòng Đấu thầu"`
	ValidFrom string  `json:"valid_from" api:"format=date"`
	ValidTo   *string `json:"valid_to" api:"format=date"`
}

// membershipCreateRequest is the body of POST /api/v1/people/{id}/memberships.
type membershipCreateRequest struct {
	UnitID    int64  `json:"unit_id" api:"required"`
	Role      string `json:"role" api:"required,enum=director|deputy_director|head|deputy_head|official|clerk|inspector|admin"`
	Position  string `json:"position" api:"max=120"`
	ValidFrom string `json:"valid_from" api:"required,format=date"`
}

// Validate checks the request.
func (q *membershipCreateRequest) Validate() error {
	var err error
	if err := requireID("unit_id", q.UnitID); err != nil {
		return err
	}
	if err := oneOf("role", q.Role, roleNames()...); err != nil {
		return err
	}
	if q.Position, err = apperr.Text("position", q.Position, 0, 120); err != nil {
		return err
	}
	q.ValidFrom, err = requireDate("valid_from", q.ValidFrom)
	return err
}

// toNewMembership converts the request to the domain's.
func (q membershipCreateRequest) toNewMembership(personID int64) org.NewMembership {
	return org.NewMembership{PersonID: personID, UnitID: q.UnitID, Role: org.Role(q.Role), Position: q.Position, ValidFrom: q.ValidFrom}
}

// toMembershipResponse converts a domain membership to the wire.
func toMembershipResponse(m org.Membership) membershipResponse {
	return membershipResponse{ID: m.ID, PersonID: m.PersonID, UnitID: m.UnitID, Role: string(m.Role),
		Position: m.Position, ValidFrom: m.ValidFrom, ValidTo: m.ValidTo}
}

func (s *Server) handleMembershipCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var q membershipCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	p, err := s.deps.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if _, err := knownUnit(t, "unit_id", q.UnitID); err != nil {
		return err
	}
	for _, unit := range []int64{p.AgencyID, q.UnitID} {
		if err := s.authorize(subj, t, auth.ManageOrg, unit); err != nil {
			return err
		}
	}
	if err := s.deps.Policy.AuthorizeRoleGrant(subj, t, org.Role(q.Role)); err != nil {
		return err
	}
	m, err := s.deps.Store.AddMembership(r.Context(), actorOf(subj), q.toNewMembership(p.ID))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toMembershipResponse(m))
}
