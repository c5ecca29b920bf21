package httpx

import (
	"context"
	"net/http"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/auth"
)

// SessionCookie carries the browser session id.
const SessionCookie = "congvu_session"

type ctxKey int

const (
	subjectKey ctxKey = iota
	sessionKey
)

// Identity resolves who is asking.
type Identity struct {
	Auth auth.Store
}

// Resolve returns the subject behind a request: an API token in the
// Authorization header (Bearer), or a session cookie. It returns (nil, nil,
// nil) for an anonymous request and an Unauthorized error for a bad
// credential.
func (id Identity) Resolve(r *http.Request) (*auth.Subject, *auth.Session, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || strings.TrimSpace(tok) == "" {
			return nil, nil, apperr.New(apperr.Unauthorized, "Authorization", "Tiêu đề Authorization phải có dạng \"Bearer <mã truy cập>\"", `the Authorization header must be "Bearer <token>"`)
		}
		pid, err := id.Auth.FindToken(ctx, strings.TrimSpace(tok))
		if err != nil {
			return nil, nil, err
		}
		s, err := id.Auth.Subject(ctx, pid)
		if err != nil {
			return nil, nil, err
		}
		s.Token = true
		return s, nil, nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil, nil
	}
	sess, err := id.Auth.FindSession(ctx, c.Value)
	if err != nil {
		return nil, nil, err
	}
	s, err := id.Auth.Subject(ctx, sess.PersonID)
	if err != nil {
		return nil, nil, err
	}
	return s, &sess, nil
}

// WithSubject stores the subject and session in a context.
func WithSubject(ctx context.Context, s *auth.Subject, sess *auth.Session) context.Context {
	ctx = context.WithValue(ctx, subjectKey, s)
	return context.WithValue(ctx, sessionKey, sess)
}

// SubjectFrom returns the subject of a request, nil when anonymous.
func SubjectFrom(ctx context.Context) *auth.Subject {
	s, _ := ctx.Value(subjectKey).(*auth.Subject)
	return s
}

// SessionFrom returns the browser session of a request, nil for API tokens
// and anonymous requests.
func SessionFrom(ctx context.Context) *auth.Session {
	s, _ := ctx.Value(sessionKey).(*auth.Session)
	return s
}
