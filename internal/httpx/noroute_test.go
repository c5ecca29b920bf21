package httpx

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCatchAllIsUnmatched: the web's and the API's catch-alls answer the
// addresses nothing serves, and the metrics still count those as
// "unmatched", not as a route "/" that would look like the home page; the
// probe tells a wrong method from an unknown address.
func TestCatchAllIsUnmatched(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /tasks", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("POST /tasks", func(w http.ResponseWriter, r *http.Request) {})
	for _, catchAll := range []string{"/", "/api/"} {
		mux.HandleFunc(catchAll, func(w http.ResponseWriter, r *http.Request) {
			if allowed := AllowedMethods(mux, r, catchAll); len(allowed) > 0 {
				SetAllow(w, allowed)
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			w.WriteHeader(http.StatusNotFound)
		})
	}
	m := NewMetrics()
	h := Observe(slog.New(slog.NewTextHandler(io.Discard, nil)), m, Proxies{}, mux)
	for _, c := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/nowhere", 404, ""},
		{"GET", "/api/v1/nowhere", 404, ""},
		{"DELETE", "/tasks", 405, "GET, HEAD, POST"},
		{"GET", "/tasks", 200, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.status || rec.Header().Get("Allow") != c.allow {
			t.Errorf("%s %s: %d Allow %q, want %d %q", c.method, c.path, rec.Code, rec.Header().Get("Allow"), c.status, c.allow)
		}
	}
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out := rec.Body.String()
	for _, s := range []string{`route="unmatched",code="404"} 2`, `route="unmatched",code="405"} 1`, `route="GET /tasks",code="200"} 1`} {
		if !strings.Contains(out, s) {
			t.Errorf("metrics lack %s\n%s", s, out)
		}
	}
	if strings.Contains(out, `route="/"`) || strings.Contains(out, `route="/api/"`) {
		t.Errorf("a catch-all counted as a route:\n%s", out)
	}
}
