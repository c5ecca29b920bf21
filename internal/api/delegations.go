package api

import (
	"net/http"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// delegationCreateRequest is the body of POST /api/v1/delegations: the
// delegate (to_person_id) holds the delegator's roles in the delegator's
// units from starts_at until ends_at (quyền, ủy quyền).
type delegationCreateRequest struct {
	FromPersonID int64  `json:"from_person_id" doc:"the person whose roles are delegated; the caller when omitted"`
	ToPersonID   int64  `json:"to_person_id" api:"required"`
	StartsAt     string `json:"starts_at" api:"required,format=date-time"`
	EndsAt       string `json:"ends_at" api:"required,format=date-time"`
	Reason       string `json:"reason" api:"max=500" doc:"e.g. Giám đốc đi công tác"`

	starts, ends time.Time // parsed by Validate
}

// Validate checks the request and parses its instants.
func (q *delegationCreateRequest) Validate() error {
	var err error
	if q.FromPersonID < 0 {
		return apperr.Invalidf("from_person_id", "from_person_id phải là số nguyên dương", "from_person_id must be a positive whole number")
	}
	if err := requireID("to_person_id", q.ToPersonID); err != nil {
		return err
	}
	if q.starts, err = requireInstant("starts_at", q.StartsAt); err != nil {
		return err
	}
	if q.ends, err = requireInstant("ends_at", q.EndsAt); err != nil {
		return err
	}
	if !q.ends.After(q.starts) {
		return apperr.Invalidf("ends_at", "thời điểm kết thúc phải sau thời điểm bắt đầu", "the end must come after the start")
	}
	q.Reason, err = apperr.Text("reason", q.Reason, 0, 500)
	return err
}

// toDelegation converts the request to the domain's.
func (q delegationCreateRequest) toDelegation() org.Delegation {
	return org.Delegation{FromPersonID: q.FromPersonID, ToPersonID: q.ToPersonID, StartsAt: q.starts, EndsAt: q.ends, Reason: q.Reason}
}

// delegationResponse is a recorded delegation.
type delegationResponse struct {
	ID           int64  `json:"id"`
	FromPersonID int64  `json:"from_person_id"`
	ToPersonID   int64  `json:"to_person_id"`
	StartsAt     string `json:"starts_at" api:"format=date-time"`
	EndsAt       string `json:"ends_at" api:"format=date-time"`
	Reason       string `json:"reason"`
}

// toDelegationResponse converts a domain delegation to the wire.
func toDelegationResponse(d org.Delegation) delegationResponse {
	return delegationResponse{ID: d.ID, FromPersonID: d.FromPersonID, ToPersonID: d.ToPersonID,
		StartsAt: instant(d.StartsAt), EndsAt: instant(d.EndsAt), Reason: d.Reason}
}

// handleDelegationCreate records a delegation. The caller needs
// DelegateRole on every unit where the delegator holds a role today (on
// the delegator's agency when they hold none), and must be able to see
// the delegate.
func (s *Server) handleDelegationCreate(w http.ResponseWriter, r *http.Request) error {
	var q delegationCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	if q.FromPersonID == 0 {
		q.FromPersonID = subj.PersonID
	}
	ctx := r.Context()
	from, err := s.deps.Store.FindPersonByID(ctx, q.FromPersonID)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.Invalidf("from_person_id", "không có cán bộ số %d", "no person %d", q.FromPersonID)
	}
	if err != nil {
		return err
	}
	to, err := s.deps.Store.FindPersonByID(ctx, q.ToPersonID)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.Invalidf("to_person_id", "không có cán bộ số %d", "no person %d", q.ToPersonID)
	}
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.authorize(subj, t, auth.ViewOrg, to.AgencyID); err != nil {
		return err
	}
	units := []int64{from.AgencyID}
	if len(from.Memberships) > 0 {
		units = units[:0]
		for _, m := range from.Memberships {
			units = append(units, m.UnitID)
		}
	}
	for _, u := range units {
		if err := s.authorize(subj, t, auth.DelegateRole, u); err != nil {
			return err
		}
	}
	d, err := s.deps.Store.CreateDelegation(ctx, actorOf(subj), q.toDelegation())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toDelegationResponse(d))
}
