package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// NewSecret returns a random URL-safe secret of n bytes of entropy.
func NewSecret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is how session ids and API tokens are stored: a leaked
// database does not hand out live credentials.
func HashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TokenPrefix marks congvu API tokens so that secret scanners recognise them.
const TokenPrefix = "cvu_"

// NewAPIToken returns a new API token.
func NewAPIToken() string { return TokenPrefix + NewSecret(32) }

// Session is a logged-in browser.
type Session struct {
	IDHash    string
	PersonID  int64
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
	LastSeen  time.Time
}

// How long sessions last (logins slow down after failures: throttle.go).
const (
	SessionIdle = 8 * time.Hour // a working day
	SessionMax  = 7 * 24 * time.Hour
)

// Account is a person's login.
type Account struct {
	PersonID     int64
	Login        string
	PasswordHash string
}

// Attempt is one login attempt: what was typed and where it came from
// (the client address, for the per-address throttle and the journal).
type Attempt struct {
	Login     string
	Password  string
	UserAgent string
	Address   string
}
