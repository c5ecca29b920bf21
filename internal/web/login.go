package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
)

// loginCSRFCookie holds the token the login form must echo before there is
// a session to keep it in (double-submit: a forged cross-site form cannot
// read the cookie to copy it).
const loginCSRFCookie = "congvu_login_csrf"

// LoginPage is the login form.
type LoginPage struct {
	BasePage
	Form *Form
	Next string
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	if httpx.SubjectFrom(r.Context()) != nil {
		return redirect(w, r, next)
	}
	return s.renderLogin(w, r, http.StatusOK, newForm(nil, "login", "password"), next)
}

// renderLogin shows the login form with a fresh pre-session CSRF token,
// reusing the browser's if it already has one.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, f *Form, next string) error {
	b, err := s.base(w, r, "login.title")
	if err != nil {
		return err
	}
	token := ""
	if c, err := r.Cookie(loginCSRFCookie); err == nil && len(c.Value) >= 32 {
		token = c.Value
	} else {
		token = auth.NewSecret(24)
		s.setCookie(w, loginCSRFCookie, token, 2*time.Hour)
	}
	b.CSRF = token
	return s.render(w, status, "login", &LoginPage{BasePage: b, Form: f, Next: next})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := s.login.Reserve(s.deps.ClientIP(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(auth.RetrySeconds(wait)))
		return apperr.New(apperr.TooMany, "", T("vi", "login.ratelimited"), T("en", "login.ratelimited"))
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !sameToken(r.PostForm.Get("csrf"), c.Value) {
		return errCSRF
	}
	f := newForm(r.PostForm, "login", "password")
	f.Values.Del("password") // never sent back to the browser
	next := safeNext(r.PostForm.Get("next"))
	sid, _, err := s.deps.Store.Login(r.Context(), auth.Attempt{Login: r.PostForm.Get("login"), Password: r.PostForm.Get("password"),
		UserAgent: r.UserAgent(), Address: s.deps.ClientIP(r)})
	if err != nil {
		if apperr.As(err) == nil {
			return err
		}
		if wait, ok := auth.RetryAfter(err); ok {
			w.Header().Set("Retry-After", strconv.Itoa(auth.RetrySeconds(wait)))
		}
		f.SetError(err, httpx.Lang(r))
		return s.renderLogin(w, r, httpx.Status(err), f, next)
	}
	s.setCookie(w, httpx.SessionCookie, sid, 0) // a browser-session cookie; the server enforces expiry
	s.clearCookie(w, loginCSRFCookie)
	return redirect(w, r, next)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil && c.Value != "" {
		if err := s.deps.Store.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearCookie(w, httpx.SessionCookie)
	s.flash(w, "flash.loggedout")
	return redirect(w, r, "/login")
}

// handleLang remembers the language chosen (a preference, not a change of
// data, hence a GET link) and goes back to the page, on this site only.
func (s *Server) handleLang(w http.ResponseWriter, r *http.Request) error {
	to := r.URL.Query().Get("to")
	if to != "vi" && to != "en" {
		return invalid("to", "err.lang")
	}
	s.setCookie(w, httpx.LangCookie, to, 365*24*time.Hour)
	return redirect(w, r, withoutLang(safeNext(r.URL.Query().Get("next"))))
}

// withoutLang drops a ?lang= parameter, which would override the cookie.
func withoutLang(p string) string {
	u, err := url.Parse(p)
	if err != nil {
		return "/"
	}
	q := u.Query()
	if !q.Has("lang") {
		return p
	}
	q.Del("lang")
	u.RawQuery = q.Encode()
	return u.RequestURI()
}
