package api

import (
	"net/http"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// meResponse is the caller as the API sees them.
type meResponse struct {
	Person personResponse  `json:"person"`
	Login  string          `json:"login"`
	Via    string          `json:"via" api:"enum=token|session" doc:"how the request was authenticated"`
	Roles  []string        `json:"roles" doc:"the distinct roles held now, own or delegated"`
	Grants []grantResponse `json:"grants"`
	// CSRFToken is given to cookie-authenticated callers, who must send it
	// back in X-CSRF-Token on unsafe requests.
	CSRFToken string `json:"csrf_token,omitempty" doc:"for a session: the value to send in X-CSRF-Token on POST, PUT, PATCH and DELETE"`
}

// grantResponse is one role held in one unit.
type grantResponse struct {
	Role        string `json:"role"`
	UnitID      int64  `json:"unit_id"`
	UnitName    string `json:"unit_name"`
	ViaPersonID *int64 `json:"via_person_id" doc:"the person this role is held for, through a delegation; null for one's own"`
}

// toMeResponse converts the subject, their person record and the tree to the wire.
func toMeResponse(subj *auth.Subject, p org.Person, t *org.Tree, sess *auth.Session) meResponse {
	out := meResponse{Person: toPersonResponse(p), Login: subj.Login, Via: "token", Roles: []string{}, Grants: []grantResponse{}}
	if sess != nil {
		out.Via, out.CSRFToken = "session", sess.CSRFToken
	}
	for _, r := range subj.Roles() {
		out.Roles = append(out.Roles, string(r))
	}
	for _, g := range subj.Grants {
		gr := grantResponse{Role: string(g.Role), UnitID: g.UnitID}
		if u, ok := t.Unit(g.UnitID); ok {
			gr.UnitName = u.Name
		}
		if g.ViaPersonID != 0 {
			via := g.ViaPersonID
			gr.ViaPersonID = &via
		}
		out.Grants = append(out.Grants, gr)
	}
	return out
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) error {
	subj := subjectOf(r)
	p, err := s.deps.Store.FindPersonByID(r.Context(), subj.PersonID)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toMeResponse(subj, p, t, httpx.SessionFrom(r.Context())))
}
