package web

import (
	"errors"
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
)

// ErrorPage is the page shown for any error a handler returns.
type ErrorPage struct {
	BasePage
	Status  int
	Message string
}

// serveError is the one place where errors become pages. A user's own
// mistake (bad input, no permission, a missing object) shows its message
// with its status; an internal error is logged in full and shown as a
// generic apology, never as a stack trace.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpx.Status(err)
	lang := httpx.Lang(r)
	if status == http.StatusUnauthorized {
		s.toLogin(w, r)
		return
	}
	var msg string
	if errors.As(err, new(methodError)) {
		status = http.StatusMethodNotAllowed
	}
	if e := apperr.As(err); e != nil && status < 500 {
		msg = e.Message(lang)
	} else {
		s.deps.Log.Error("web: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		status = http.StatusInternalServerError
		msg = T(lang, "err.internal")
	}
	p := &ErrorPage{Status: status, Message: msg}
	b, berr := s.base(w, r, titleFor(status))
	if berr != nil { // the tree could not be loaded: show the page without navigation
		b.Nav, b.User = nil, nil
	}
	p.BasePage = b
	if rerr := s.render(w, status, "error", p); rerr != nil {
		s.deps.Log.Error("web: render error page", "err", rerr)
		http.Error(w, msg, status)
	}
}

// titleFor is the catalogue key of an error page's title.
func titleFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "err.title.400"
	case http.StatusForbidden:
		return "err.title.403"
	case http.StatusNotFound:
		return "err.title.404"
	case http.StatusMethodNotAllowed:
		return "err.title.405"
	case http.StatusConflict:
		return "err.title.409"
	case http.StatusTooManyRequests:
		return "err.title.429"
	}
	return "err.title.500"
}

// notFound is the error for an id in a path that names nothing.
func notFound() error {
	return apperr.New(apperr.NotFound, "", T("vi", "err.notfound"), T("en", "err.notfound"))
}

// noRoute is the page for an address no page serves (404) or a method the
// address does not take (405, with Allow): the styled error page in the
// user's language, not the mux's "404 page not found".
func (s *Server) noRoute(mux *http.ServeMux) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if allowed := httpx.AllowedMethods(mux, r, "/"); len(allowed) > 0 {
			httpx.SetAllow(w, allowed)
			return methodNotAllowed()
		}
		return notFound()
	}
}

// methodError is a wrong method: an Invalid error shown with status 405.
type methodError struct{ err *apperr.Error }

func (e methodError) Error() string { return e.err.Error() }

// Unwrap lets apperr.As find the messages.
func (e methodError) Unwrap() error { return e.err }

// methodNotAllowed is the error for a method the address does not take.
func methodNotAllowed() error {
	return methodError{apperr.New(apperr.Invalid, "", T("vi", "err.method"), T("en", "err.method"))}
}
