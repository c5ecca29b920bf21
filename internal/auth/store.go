package auth

import (
	"context"

	"congvu/internal/audit"
)

// Store keeps accounts, sessions and API tokens.
type Store interface {
	// CreateAccount gives a person a login. Conflict when the login is taken.
	CreateAccount(ctx context.Context, actor audit.Actor, personID int64, login, password string) error
	SetPassword(ctx context.Context, actor audit.Actor, login, password string) error
	FindAccountByLogin(ctx context.Context, login string) (Account, error)
	// Login checks a password and opens a session; it returns the session id
	// to put in the cookie. A wrong password and an unknown login give the
	// same Unauthorized error; an attempt inside the wait of LoginThrottle or
	// AddressThrottle a *ThrottledError (TooMany) without a password check.
	Login(ctx context.Context, a Attempt) (sessionID string, s Session, err error)
	Logout(ctx context.Context, sessionID string) error
	// FindSession returns a live session and extends it; NotFound otherwise.
	FindSession(ctx context.Context, sessionID string) (Session, error)
	CreateToken(ctx context.Context, actor audit.Actor, login, name string) (token string, err error)
	// FindToken returns the person an API token belongs to.
	FindToken(ctx context.Context, token string) (personID int64, err error)
	// Subject loads the person with their grants in force now.
	Subject(ctx context.Context, personID int64) (*Subject, error)
}
