// Package apperr holds the one error type congvu's domain returns.
//
// Every failure a user can cause carries a code (what kind of failure), the
// field it concerns, and a message in Vietnamese and in English, so that the
// web and API layers can each turn it into the right status and a sentence the
// user understands, without knowing anything about the domain. Anything that
// is not an *Error is an internal failure: logged in full, shown as a generic
// message.
package apperr

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an error is; web and api map it to a status.
type Code string

// The codes. Keep the list short: a new code needs a status in web and api.
const (
	Invalid      Code = "invalid"      // the input is wrong (400)
	NotFound     Code = "not_found"    // the object does not exist or is not visible (404)
	Conflict     Code = "conflict"     // the object changed, or the action is not allowed in its state (409)
	Forbidden    Code = "forbidden"    // the user may not do this (403)
	Unauthorized Code = "unauthorized" // no valid identity (401)
	TooMany      Code = "rate_limited" // too many attempts (429)
	TooLarge     Code = "too_large"    // an upload over the size limit (413)
	Unsupported  Code = "unsupported"  // an upload of a type that is not accepted (415)
	Internal     Code = "internal"     // our fault (500)
)

// Error is a failure the user can understand and act on.
type Error struct {
	Code  Code
	Field string // the input field concerned, when there is one
	VI    string // message in Vietnamese
	EN    string // message in English
	// Allowed lists the actions that would have been allowed, for conflicts
	// over a state machine ("409 naming the allowed ones").
	Allowed []string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.EN)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.EN)
}

// Message returns the message in the language asked for ("vi" or "en").
func (e *Error) Message(lang string) string {
	if lang == "en" && e.EN != "" {
		return e.EN
	}
	if e.VI != "" {
		return e.VI
	}
	return e.EN
}

// New builds an error with a code, a field (may be empty) and both messages.
func New(code Code, field, vi, en string) *Error {
	return &Error{Code: code, Field: field, VI: vi, EN: en}
}

// Invalidf is shorthand for an invalid-input error about one field.
func Invalidf(field, vi, en string, args ...any) *Error {
	return &Error{Code: Invalid, Field: field, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// NotFoundf is shorthand for a not-found error.
func NotFoundf(vi, en string, args ...any) *Error {
	return &Error{Code: NotFound, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// Forbiddenf is shorthand for a permission refusal that says why.
func Forbiddenf(vi, en string, args ...any) *Error {
	return &Error{Code: Forbidden, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// Conflictf is shorthand for a conflict error.
func Conflictf(vi, en string, args ...any) *Error {
	return &Error{Code: Conflict, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// CodeOf returns the code of err: its own when it is (or wraps) an *Error,
// Internal otherwise, and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns the *Error inside err, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return CodeOf(err) == code }
