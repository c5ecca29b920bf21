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
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/web"
	"congvu/internal/work"
)

// NewHandler assembles the whole HTTP application: the HTML UI, the JSON
// API, health checks and metrics, behind logging and security headers.
func NewHandler(cfg config.Config, db *store.DB, log *slog.Logger, now func() time.Time) (http.Handler, error) {
	if now == nil {
		now = time.Now
	}
	policy := auth.NewPolicy()
	dossier.RegisterPolicy(policy)
	work.RegisterPolicy(policy)
	deps := httpx.Deps{Store: db, Policy: policy, Log: log, Config: cfg, Metrics: httpx.NewMetrics(), Now: now}
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
	mux.Handle("GET /metrics", deps.Metrics)
	return httpx.Observe(log, deps.Metrics, httpx.SecureHeaders(mux)), nil
}
