package api

import (
	"errors"
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
)

// errorResponse is the body of every failed request.
type errorResponse struct {
	Error errorDetail `json:"error"`
}

// errorDetail says what went wrong, in the request's language.
type errorDetail struct {
	Code    string `json:"code" api:"enum=invalid|not_found|conflict|forbidden|unauthorized|rate_limited|internal" doc:"what kind of failure: the status follows from it"`
	Message string `json:"message" doc:"a sentence for the user, in Vietnamese or in English (Accept-Language, ?lang=, or the congvu_lang cookie)"`
	Field   string `json:"field,omitempty" doc:"the input concerned: a body field (dotted for nested ones), a query parameter, a header or \"body\""`
	// Allowed lists the actions that were possible, for a conflict over a state.
	Allowed []string `json:"allowed,omitempty" doc:"for a conflict over a state: the actions that would have been allowed"`
}

// statusError is an apperr.Error answered with a status of its own rather
// than the one its code maps to: 413 and 415 keep the code "invalid".
type statusError struct {
	status int
	err    *apperr.Error
}

// Error is the wrapped error's text.
func (e *statusError) Error() string { return e.err.Error() }

// Unwrap lets apperr.As find the code, field and messages.
func (e *statusError) Unwrap() error { return e.err }

// withStatus gives an error a status of its own.
func withStatus(status int, e *apperr.Error) error { return &statusError{status: status, err: e} }

// internalMessage is all a client learns of an internal failure.
var internalMessage = apperr.New(apperr.Internal, "", "Lỗi hệ thống; đã ghi nhận để xử lý. Vui lòng thử lại sau.",
	"Internal error; it has been logged. Please try again later.")

// writeError renders err as JSON. User errors (*apperr.Error) keep their
// code, field and message; anything else is logged in full and answered
// with a generic message, never with its text or a stack trace.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpx.Status(err)
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	e := apperr.As(err)
	if e == nil || e.Code == apperr.Internal {
		s.deps.Log.Error("api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		e, status = internalMessage, http.StatusInternalServerError
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="congvu"`)
	}
	body := errorResponse{Error: errorDetail{Code: string(e.Code), Message: e.Message(httpx.Lang(r)), Field: e.Field, Allowed: e.Allowed}}
	if werr := writeJSON(w, status, body); werr != nil {
		s.deps.Log.Error("api: write error response", "err", werr)
	}
}
