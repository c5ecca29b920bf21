package httpx

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Metrics collects request counts and latencies and writes them in the
// Prometheus text format. It is small on purpose: a handful of series is
// all an operator needs here, and it keeps the binary free of a metrics
// framework.
type Metrics struct {
	mu       sync.Mutex
	start    time.Time
	requests map[reqKey]uint64
	hist     map[string]*histogram
	gauges   map[string]func() float64
	help     map[string]string
}

type reqKey struct {
	route string
	code  int
}

var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	n      uint64
}

// NewMetrics returns an empty collector.
func NewMetrics() *Metrics {
	return &Metrics{start: time.Now(), requests: map[reqKey]uint64{}, hist: map[string]*histogram{},
		gauges: map[string]func() float64{}, help: map[string]string{}}
}

// ObserveRequest records one served request.
func (m *Metrics) ObserveRequest(route string, code int, d time.Duration) {
	if code == 0 {
		code = http.StatusOK
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, code}]++
	h := m.hist[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets)+1)}
		m.hist[route] = h
	}
	s := d.Seconds()
	i := sort.SearchFloat64s(buckets, s)
	h.counts[i]++
	h.sum += s
	h.n++
}

// Gauge registers a value read at each scrape.
func (m *Metrics) Gauge(name, help string, f func() float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gauges[name] = f
	m.help[name] = help
}

// ServeHTTP writes the metrics.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.WriteTo(w)
}

// WriteTo writes the metrics in the Prometheus text format.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	m.mu.Lock()
	b.WriteString("# HELP congvu_http_requests_total HTTP requests served, by route pattern and status.\n# TYPE congvu_http_requests_total counter\n")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].route != keys[j].route {
			return keys[i].route < keys[j].route
		}
		return keys[i].code < keys[j].code
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "congvu_http_requests_total{route=%s,code=\"%d\"} %d\n", quote(k.route), k.code, m.requests[k])
	}
	b.WriteString("# HELP congvu_http_request_duration_seconds Time to serve a request, by route pattern.\n# TYPE congvu_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.hist))
	for r := range m.hist {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h := m.hist[r]
		var cum uint64
		for i, le := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "congvu_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", quote(r), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(&b, "congvu_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quote(r), h.n)
		fmt.Fprintf(&b, "congvu_http_request_duration_seconds_sum{route=%s} %g\n", quote(r), h.sum)
		fmt.Fprintf(&b, "congvu_http_request_duration_seconds_count{route=%s} %d\n", quote(r), h.n)
	}
	names := make([]string, 0, len(m.gauges))
	for n := range m.gauges {
		names = append(names, n)
	}
	sort.Strings(names)
	gauges := make([]func() float64, len(names))
	for i, n := range names {
		gauges[i] = m.gauges[n]
	}
	help := m.help
	m.mu.Unlock()
	for i, n := range names {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n%s %g\n", n, help[n], n, n, gauges[i]())
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(&b, "# HELP congvu_go_goroutines Goroutines running.\n# TYPE congvu_go_goroutines gauge\ncongvu_go_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintf(&b, "# HELP congvu_go_heap_bytes Bytes of allocated heap objects.\n# TYPE congvu_go_heap_bytes gauge\ncongvu_go_heap_bytes %d\n", ms.HeapAlloc)
	fmt.Fprintf(&b, "# HELP congvu_process_start_time_seconds Start time of the process since the Unix epoch.\n# TYPE congvu_process_start_time_seconds gauge\ncongvu_process_start_time_seconds %d\n", m.start.Unix())
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

func quote(s string) string { return strconv.Quote(s) }

// BearerOnly serves next only to requests bearing the token
// (Authorization: Bearer …), compared in constant time; others get 401.
// It guards /metrics on the main listener: request counts per route and
// the process's figures are no one else's business.
func BearerOnly(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="congvu metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
