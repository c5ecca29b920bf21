package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"congvu/internal/config"
	"congvu/internal/demo"
	"congvu/internal/jobs"
)

// demoDossiers is how much history `serve --demo` generates on an empty
// database (`congvu demo --dossiers N` makes more).
const demoDossiers = 3000

func (m *Main) serve(ctx context.Context, args []string) error {
	cfg := config.FromEnv(m.Getenv)
	fs := m.flags("serve", "serve [--db PATH|URL] [--addr HOST:PORT] [--demo] [--base-url URL]")
	fs.StringVar(&cfg.DB, "db", cfg.DB, "cơ sở dữ liệu: đường dẫn SQLite hoặc URL postgres:// ("+config.Env["db"]+")")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "địa chỉ lắng nghe / listen address ("+config.Env["addr"]+")")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "tạo cơ quan mẫu khi cơ sở dữ liệu trống / fill an empty database with the demo agency ("+config.Env["demo"]+")")
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "địa chỉ công khai / public base URL ("+config.Env["base-url"]+")")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "debug|info|warn|error ("+config.Env["log-level"]+")")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "text|json ("+config.Env["log-format"]+")")
	fs.IntVar(&cfg.DelegationMaxDays, "delegation-max-days", cfg.DelegationMaxDays,
		"số ngày tối đa của một lần ủy quyền / longest delegation in days ("+config.Env["delegation-max-days"]+")")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	smtp, err := jobs.SMTPFromEnv(m.Getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	log := m.logger(cfg.LogLevel, cfg.LogFormat)
	db, err := m.open(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if cfg.Demo {
		accs, err := demo.Seed(ctx, db, m.Now())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if len(accs) > 0 {
			// A few months of dossiers, so that queues and statistics have
			// something to show from the first login.
			if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: demoDossiers, Now: m.Now()}); err != nil {
				return fmt.Errorf("demo dossiers: %w", err)
			}
			fmt.Fprintf(m.Stdout, "Đã tạo cơ quan mẫu và %d hồ sơ. Tài khoản demo / demo accounts (%s):\n", demoDossiers, cfg.BaseURL)
			demo.PrintAccounts(m.Stdout, accs)
		}
	}
	h, err := NewHandler(cfg, db, log, m.Now)
	if err != nil {
		return err
	}
	// Background jobs: reminders, escalations, digests, notifications.
	runner := jobs.NewRunner(db, jobs.Options{Now: m.Now, Log: log})
	jobs.NewWork(runner, db, jobs.Config{BaseURL: cfg.BaseURL, SMTP: smtp})
	jobs.NewDossierSnapshots(runner, db, 0)
	jctx, stopJobs := context.WithCancel(ctx)
	jobsDone := make(chan struct{})
	go func() { defer close(jobsDone); runner.Run(jctx, 10*time.Second) }()
	defer func() { stopJobs(); <-jobsDone }()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 1 << 20}
	addr := ln.Addr().String()
	log.Info("congvu serving", "addr", addr, "engine", db.Engine(), "config", cfg.String())
	fmt.Fprintf(m.Stdout, "congvu đang chạy tại / serving at http://%s (%s)\n", addr, db.Engine())
	if m.Ready != nil {
		m.Ready(addr)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
