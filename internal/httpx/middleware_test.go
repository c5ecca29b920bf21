package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Over https every response, errors included, pins the site to https for
// two years; over http none does.
func TestSecureHeadersHSTS(t *testing.T) {
	notFound := http.NotFoundHandler()
	for _, hsts := range []bool{true, false} {
		rec := httptest.NewRecorder()
		SecureHeaders(hsts, notFound).ServeHTTP(rec, httptest.NewRequest("GET", "/nowhere", nil))
		got := rec.Header().Get("Strict-Transport-Security")
		want := ""
		if hsts {
			want = "max-age=63072000; includeSubDomains"
		}
		if got != want {
			t.Errorf("hsts=%v: %q, want %q", hsts, got, want)
		}
		if rec.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("hsts=%v: the other headers are missing", hsts)
		}
	}
}

func TestBearerOnly(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	h := BearerOnly("jeton-des-metriques-16", ok)
	for _, tc := range []struct {
		auth string
		want int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer wrong", http.StatusUnauthorized},
		{"jeton-des-metriques-16", http.StatusUnauthorized},
		{"Bearer jeton-des-metriques-16", http.StatusOK},
	} {
		r := httptest.NewRequest("GET", "/metrics", nil)
		if tc.auth != "" {
			r.Header.Set("Authorization", tc.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != tc.want {
			t.Errorf("Authorization %q: %d, want %d", tc.auth, rec.Code, tc.want)
		}
	}
}
