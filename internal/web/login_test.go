package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"congvu/internal/auth"
	"congvu/internal/config"
)

// An unknown login is answered exactly as a wrong password, status and
// page, up to and including the throttle's 429 with its Retry-After: the
// login page says nothing about which logins exist.
func TestLoginUnknownLikeWrongPassword(t *testing.T) {
	frozen := time.Now()
	a := newAppAt(t, config.Config{}, func() time.Time { return frozen })
	u := a.anonymous(t)
	post := func(login string) response {
		return u.do("POST", "/login", url.Values{"login": {login}, "password": {"sai-mat-khau-dai"}}, true)
	}
	for i := 1; i <= auth.LoginThrottle.Free+1; i++ {
		known, unknown := post("chuyenvien"), post("khong.co.ai")
		kb := strings.ReplaceAll(known.body, "chuyenvien", "LOGIN")
		ub := strings.ReplaceAll(unknown.body, "khong.co.ai", "LOGIN")
		if known.status != unknown.status || kb != ub || known.header.Get("Retry-After") != unknown.header.Get("Retry-After") {
			t.Fatalf("attempt %d: %d (Retry-After %q) / %d (Retry-After %q)\n%s\n----\n%s", i, known.status, known.header.Get("Retry-After"),
				unknown.status, unknown.header.Get("Retry-After"), kb, ub)
		}
		want := http.StatusUnauthorized
		if i > auth.LoginThrottle.Free {
			want = http.StatusTooManyRequests
		}
		if known.status != want {
			t.Fatalf("attempt %d: %d, want %d", i, known.status, want)
		}
		if want == http.StatusTooManyRequests && (known.header.Get("Retry-After") == "" || !strings.Contains(known.body, "thử lại sau")) {
			t.Errorf("attempt %d: no Retry-After or no message: %q", i, known.header.Get("Retry-After"))
		}
	}
}
