package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
)

// maxFormBytes bounds a form body; the largest form (a restructuring) is a
// few kilobytes.
const maxFormBytes = 1 << 20

// public serves a page that needs no login. The subject is still resolved,
// so that the login page can send a logged-in user home.
func (s *Server) public(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.formLimit(r))
		id := httpx.Identity{Auth: s.deps.Store}
		if sub, sess, err := id.Resolve(r); err == nil && sub != nil {
			r = r.WithContext(httpx.WithSubject(r.Context(), sub, sess))
		}
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// private serves a page that needs a session (or an API token): anonymous
// visitors are sent to the login page with a way back, and every request
// that changes something must carry the session's CSRF token.
func (s *Server) private(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.formLimit(r))
		id := httpx.Identity{Auth: s.deps.Store}
		sub, sess, err := id.Resolve(r)
		if err != nil && apperr.CodeOf(err) != apperr.Unauthorized {
			s.serveError(w, r, err)
			return
		}
		if sub == nil {
			if err != nil { // an expired or unknown session: forget the cookie
				s.clearCookie(w, httpx.SessionCookie)
			}
			s.toLogin(w, r)
			return
		}
		r = r.WithContext(httpx.WithSubject(r.Context(), sub, sess))
		if err := s.parseMultipart(r); err != nil {
			s.serveError(w, r, err)
			return
		}
		defer cleanMultipart(r)
		if !safeMethod(r.Method) && !sub.Token {
			if err := checkCSRF(r, sess); err != nil {
				s.serveError(w, r, err)
				return
			}
		}
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// toLogin redirects to the login page, remembering where the visitor was
// going (for a GET; after a POST the form is gone anyway).
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// errCSRF is what a forged or stale form gets.
var errCSRF = apperr.New(apperr.Forbidden, "csrf",
	"Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
	"The form has expired or is not valid. Please reload the page and try again.")

// checkCSRF compares the token sent in the form field "csrf" or the
// X-CSRF-Token header (htmx) with the session's, in constant time.
func checkCSRF(r *http.Request, sess *auth.Session) error {
	if sess == nil || sess.CSRFToken == "" {
		return errCSRF
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	if !sameToken(got, sess.CSRFToken) {
		return errCSRF
	}
	return nil
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// safeNext returns a local path to go to after login or a language switch:
// only an absolute path on this site, never another host ("//evil",
// "/\evil", "https://evil").
func safeNext(next string) string {
	if next == "" || next[0] != '/' || len(next) > 1 && (next[1] == '/' || next[1] == '\\') {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	return u.RequestURI()
}
