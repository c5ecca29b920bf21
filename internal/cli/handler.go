package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"congvu/internal/api"
	"congvu/internal/auth"
	"congvu/internal/config"
	"congvu/internal/dossier"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/investment"
	"congvu/internal/news"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/web"
	"congvu/internal/work"
)

// NewHandler assembles the whole HTTP application: the HTML UI, the JSON
// API, health checks and, with a metrics token, metrics, behind logging and
// security headers.
func NewHandler(cfg config.Config, db *store.DB, log *slog.Logger, now func() time.Time) (http.Handler, error) {
	return newHandler(cfg, db, log, now, nil, nil, nil)
}

// NewHandlerMail is NewHandler that e-mails online applicants through
// mailer (jobs.SMTP's Mailer), as serve does.
func NewHandlerMail(cfg config.Config, db *store.DB, log *slog.Logger, now func() time.Time, mailer httpx.Mailer) (http.Handler, error) {
	return newHandler(cfg, db, log, now, nil, nil, mailer)
}

// newHandler is NewHandler counting every request in m (NewMetrics when
// nil), which MetricsHandler serves on the metrics listener, and the
// portal's views and visits in counter (a new one when nil, never flushed
// but shown: serve runs and flushes its own), e-mailing online applicants
// through mailer (none when nil).
func newHandler(cfg config.Config, db *store.DB, log *slog.Logger, now func() time.Time, m *httpx.Metrics, counter *news.Counter, mailer httpx.Mailer) (http.Handler, error) {
	if now == nil {
		now = time.Now
	}
	policy := auth.NewPolicy()
	dossier.RegisterPolicy(policy)
	work.RegisterPolicy(policy)
	evaluation.RegisterPolicy(policy)
	review.RegisterPolicy(policy)
	investment.RegisterPolicy(policy)
	investment.RegisterMoneyPolicy(policy)
	inspection.RegisterPolicy(policy)
	news.RegisterPolicy(policy)
	if m == nil {
		m = httpx.NewMetrics()
	}
	proxies := httpx.NewProxies(cfg.Proxies)
	files, err := openFiles(context.Background(), cfg, db)
	if err != nil {
		return nil, err
	}
	deps := httpx.Deps{Store: db, Policy: policy, Log: log, Config: cfg, Metrics: m, Now: now,
		Proxies: proxies, Lookups: httpx.NewLookupLimiter(), Files: files, Counter: counter,
		Filings: httpx.NewFilingLimiter(), Challenges: httpx.NewChallenger(nil, now), Mailer: mailer}
	deps.NewsCounter() // web and api share it
	mux := http.NewServeMux()
	w, err := web.New(deps)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	w.Register(mux)
	api.New(deps).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := db.Ping(ctx); err != nil {
			log.Warn("not ready", "err", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	if cfg.MetricsToken != "" {
		mux.Handle("GET /metrics", httpx.BearerOnly(cfg.MetricsToken, deps.Metrics))
	}
	return httpx.Observe(log, deps.Metrics, proxies, httpx.SecureHeaders(cfg.HSTS, mux)), nil
}

// MetricsHandler serves /metrics alone, for the metrics listener
// (--metrics-addr), which the operator keeps off the public network.
func MetricsHandler(m *httpx.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m)
	return mux
}
