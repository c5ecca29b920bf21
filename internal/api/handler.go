package api

import (
	"crypto/subtle"
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// handlerFunc is an API handler: it writes a success response itself and
// returns any failure, which the adapter renders.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// csrfHeader carries the session's CSRF token on unsafe requests made with
// the session cookie.
const csrfHeader = "X-CSRF-Token"

// adapt wraps a route's handler: it authenticates (unless the route is
// public), checks CSRF for cookie-authenticated unsafe methods, and renders
// a returned error.
func (s *Server) adapt(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if !rt.Access.IsPublic() {
			subj, sess, err := s.authenticate(r)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			r = r.WithContext(httpx.WithSubject(r.Context(), subj, sess))
		}
		if err := rt.Handle(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// authenticate resolves the caller (API token, or session cookie) and
// applies the CSRF rule: a cookie-authenticated unsafe request must carry
// the session's token in X-CSRF-Token. API tokens are exempt, since a
// browser never adds an Authorization header on its own.
func (s *Server) authenticate(r *http.Request) (*auth.Subject, *auth.Session, error) {
	subj, sess, err := httpx.Identity{Auth: s.deps.Store}.Resolve(r)
	if err != nil {
		return nil, nil, err
	}
	if subj == nil {
		return nil, nil, errLogin
	}
	if sess != nil && !safeMethod(r.Method) {
		got := r.Header.Get(csrfHeader)
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) != 1 {
			return nil, nil, apperr.New(apperr.Forbidden, csrfHeader,
				"Thiếu hoặc sai mã chống giả mạo (tiêu đề X-CSRF-Token) cho yêu cầu dùng phiên đăng nhập",
				"missing or wrong anti-forgery token (X-CSRF-Token header) on a request authenticated by the session cookie")
		}
	}
	return subj, sess, nil
}

// errLogin is the answer to a request without a credential.
var errLogin = apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập hoặc gửi mã truy cập API (Authorization: Bearer ...)",
	"Please log in or send an API token (Authorization: Bearer ...)")

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// subjectOf returns the authenticated caller; the adapter guarantees one
// on every non-public route.
func subjectOf(r *http.Request) *auth.Subject { return httpx.SubjectFrom(r.Context()) }

// tree loads the organisation snapshot that permission checks need.
func (s *Server) tree(r *http.Request) (*org.Tree, error) { return s.deps.Store.Tree(r.Context()) }

// authorize checks an action on a unit. A unit id of 0 would mean "any
// unit" to the policy, so it is refused here rather than passed on.
func (s *Server) authorize(subj *auth.Subject, t *org.Tree, a auth.Action, unitID int64) error {
	if unitID <= 0 {
		return apperr.Forbiddenf("Không xác định được đơn vị để kiểm tra quyền (%s)", "no unit to check the permission against (%s)", string(a))
	}
	return s.deps.Policy.Authorize(subj, t, a, auth.Resource{UnitID: unitID})
}

// can reports whether the caller may act on a unit, for filtering lists.
func (s *Server) can(subj *auth.Subject, t *org.Tree, a auth.Action, unitID int64) bool {
	return unitID > 0 && s.deps.Policy.Can(subj, t, a, auth.Resource{UnitID: unitID})
}

// knownUnit checks that a unit named in the input exists, as an Invalid
// error about field otherwise.
func knownUnit(t *org.Tree, field string, id int64) (org.Unit, error) {
	u, ok := t.Unit(id)
	if !ok {
		return u, apperr.Invalidf(field, "không có đơn vị số %d", "no unit %d", id)
	}
	return u, nil
}
