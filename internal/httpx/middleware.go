package httpx

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(s int) {
	if w.status == 0 {
		w.status = s
	}
	w.ResponseWriter.WriteHeader(s)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Observe logs each request with its client address (through trusted
// proxies), counts it in the metrics by route pattern, and turns a panic
// into a logged 500 instead of a dropped connection.
func Observe(log *slog.Logger, m *Metrics, proxies Proxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				if sw.status == 0 {
					http.Error(sw, "Lỗi hệ thống / Internal error", http.StatusInternalServerError)
				}
			}
			d := time.Since(start)
			route := r.Pattern
			if route == "" || route == "/" || route == "/api/" { // the catch-alls of the styled 404 (noroute.go)
				route = "unmatched"
			}
			m.ObserveRequest(route, sw.status, d)
			lvl := slog.LevelDebug
			if sw.status >= 500 {
				lvl = slog.LevelError
			}
			log.Log(r.Context(), lvl, "request", "method", r.Method, "path", r.URL.Path, "client", proxies.ClientIP(r), "status", sw.status, "bytes", sw.bytes, "duration", d)
		}()
		next.ServeHTTP(sw, r)
	})
}

// SecureHeaders sets the headers every response carries: no framing, no
// sniffing, no third-party resources (everything is served from the binary),
// and, when the site is served over https (hsts), Strict-Transport-Security
// for two years on the site and its subdomains, so that a browser never
// again tries it over plain http where the session cookie could be taken.
// Over http the header would be ignored, and it must not be sent: it would
// pin a site that cannot answer over https.
func SecureHeaders(hsts bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
