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
	ID           int64   `json:"id"`
	FromPersonID int64   `json:"from_person_id"`
	ToPersonID   int64   `json:"to_person_id"`
	StartsAt     string  `json:"starts_at" api:"format=date-time"`
	EndsAt       string  `json:"ends_at" api:"format=date-time"`
	Reason       string  `json:"reason"`
	RevokedAt    *string `json:"revoked_at" api:"format=date-time" doc:"when it was revoked (thu hồi); null while it stands"`
	Active       bool    `json:"active" doc:"in force now: started, not ended, not revoked"`
}

// toDelegationResponse converts a domain delegation to the wire.
func toDelegationResponse(d org.Delegation, now time.Time) delegationResponse {
	out := delegationResponse{ID: d.ID, FromPersonID: d.FromPersonID, ToPersonID: d.ToPersonID,
		StartsAt: instant(d.StartsAt), EndsAt: instant(d.EndsAt), Reason: d.Reason, Active: d.ActiveAt(now)}
	if d.RevokedAt != nil {
		r := instant(*d.RevokedAt)
		out.RevokedAt = &r
	}
	return out
}

// handleDelegationCreate records a delegation (auth.Policy.AuthorizeDelegation):
// a person delegates their own roles; on someone else's behalf only the
// agency's administrator or a superior may, never with powers held through a
// delegation. The caller must see the delegate, and a delegation lasts at
// most the configured number of days.
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
	if err := s.deps.Policy.AuthorizeDelegation(subj, t, from); err != nil {
		return err
	}
	d := q.toDelegation()
	if err := d.CheckLength(s.deps.Config.DelegationMaxDays); err != nil {
		return err
	}
	d, err = s.deps.Store.CreateDelegation(ctx, actorOf(subj), d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toDelegationResponse(d, s.deps.Now()))
}

// handleDelegationList lists the delegations of the caller's agency (those
// whose delegator belongs to it), newest first (ViewOrg on the agency).
func (s *Server) handleDelegationList(w http.ResponseWriter, r *http.Request) error {
	limit, err := queryInt(r, "limit", 100, 1, 500)
	if err != nil {
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
	ds, err := s.deps.Store.FindDelegations(r.Context(), org.DelegationFilter{AgencyID: subj.AgencyID, Limit: limit})
	if err != nil {
		return err
	}
	now := s.deps.Now()
	out := make([]delegationResponse, 0, len(ds))
	for _, d := range ds {
		out = append(out, toDelegationResponse(d, now))
	}
	return writeJSON(w, http.StatusOK, out)
}

// handleDelegationRevoke ends a delegation now (auth.Policy.AuthorizeRevoke:
// the delegator, the delegate, the administrator or a superior), journalled;
// from then on the delegate holds none of the delegator's roles.
func (s *Server) handleDelegationRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
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
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if subj.PersonID != d.FromPersonID && subj.PersonID != d.ToPersonID && !s.can(subj, t, auth.ViewOrg, from.AgencyID) {
		// Another agency's delegation: as if it did not exist.
		return apperr.NotFoundf("Không tìm thấy ủy quyền số %d", "No delegation %d", id)
	}
	if err := s.deps.Policy.AuthorizeRevoke(subj, t, d, from); err != nil {
		return err
	}
	d, err = s.deps.Store.RevokeDelegation(ctx, actorOf(subj), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toDelegationResponse(d, s.deps.Now()))
}
