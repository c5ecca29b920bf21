package api

import (
	"context"
	"net/http"
	"testing"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestCSRF checks that a POST authenticated by the session cookie needs
// the session's CSRF token in X-CSRF-Token, while a GET does not, nor a
// POST with an API token.
func TestCSRF(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, mux := newTestServer(t, db, nil)
		sid, sess, err := db.Login(context.Background(), auth.Attempt{Login: "admin", Password: testPassword, UserAgent: "thử nghiệm"})
		if err != nil {
			t.Fatal(err)
		}
		cookie := httpx.SessionCookie + "=" + sid
		body := `{"full_name":"Bùi Thị Hạnh"}`
		cases := []struct {
			name   string
			c      call
			status int
			writes bool
		}{
			{"cookie GET needs no token", call{method: "GET", path: "/api/v1/me", header: map[string]string{"Cookie": cookie}}, 200, false},
			{"cookie POST without token", call{method: "POST", path: "/api/v1/people", body: body, header: map[string]string{"Cookie": cookie}}, 403, false},
			{"cookie POST with a wrong token", call{method: "POST", path: "/api/v1/people", body: body, header: map[string]string{"Cookie": cookie, csrfHeader: "giả-mạo"}}, 403, false},
			{"cookie POST with the token", call{method: "POST", path: "/api/v1/people", body: body, header: map[string]string{"Cookie": cookie, csrfHeader: sess.CSRFToken}}, 201, true},
			{"token POST needs no CSRF", call{method: "POST", path: "/api/v1/people", body: body, token: f.tokens["admin"]}, 201, true},
			{"expired cookie", call{method: "GET", path: "/api/v1/me", header: map[string]string{"Cookie": httpx.SessionCookie + "=nope"}}, 401, false},
		}
		for _, c := range cases {
			before := countAll(t, db)
			rec := do(mux, c.c)
			if rec.Code != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
				continue
			}
			if rec.Code == http.StatusForbidden {
				if e := apiError(t, rec); e.Field != csrfHeader {
					t.Errorf("%s: field %q, want %s", c.name, e.Field, csrfHeader)
				}
			}
			if wrote := countAll(t, db) != before; wrote != c.writes {
				t.Errorf("%s: wrote %v, want %v", c.name, wrote, c.writes)
			}
		}
		// The session's /me tells the browser its CSRF token.
		rec := do(mux, call{method: "GET", path: "/api/v1/me", header: map[string]string{"Cookie": cookie}})
		if !contains(rec.Body.String(), `"csrf_token":"`+sess.CSRFToken+`"`) || !contains(rec.Body.String(), `"via":"session"`) {
			t.Errorf("/me by session lacks the CSRF token: %s", rec.Body)
		}
	})
}
