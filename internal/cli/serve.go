package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"congvu/internal/anchor"
	"congvu/internal/config"
	"congvu/internal/demo"
	"congvu/internal/httpx"
	"congvu/internal/jobs"
	"congvu/internal/news"
)

// demoDossiers is how much history `serve --demo` generates on an empty
// database (`congvu demo --dossiers N` makes more).
const demoDossiers = 3000

// countFlushEvery is how often the portal's counts are written: a kill -9
// loses at most the counts of this long (docs/OPERATIONS.md).
const countFlushEvery = 2 * time.Second

func (m *Main) serve(ctx context.Context, args []string) error {
	cfg := config.FromEnv(m.Getenv)
	fs := m.flags("serve", "serve [--db PATH|URL] [--addr HOST:PORT] [--demo] [--base-url URL] [--audit-key FILE [--audit-checkpoints FILE]]")
	fs.StringVar(&cfg.DB, "db", cfg.DB, "cơ sở dữ liệu: đường dẫn SQLite hoặc URL postgres:// ("+config.Env["db"]+")")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "địa chỉ lắng nghe / listen address ("+config.Env["addr"]+")")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "tạo cơ quan mẫu khi cơ sở dữ liệu trống / fill an empty database with the demo agency ("+config.Env["demo"]+")")
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "địa chỉ công khai / public base URL ("+config.Env["base-url"]+")")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "debug|info|warn|error ("+config.Env["log-level"]+")")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "text|json ("+config.Env["log-format"]+")")
	fs.IntVar(&cfg.DelegationMaxDays, "delegation-max-days", cfg.DelegationMaxDays,
		"số ngày tối đa của một lần ủy quyền / longest delegation in days ("+config.Env["delegation-max-days"]+")")
	fs.StringVar(&cfg.MetricsAddr, "metrics-addr", cfg.MetricsAddr, "địa chỉ riêng cho /metrics / a listener of its own for /metrics ("+config.Env["metrics-addr"]+"; "+
		config.Env["metrics-token"]+" also serves it on the main address to that bearer token)")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", cfg.TrustedProxies, "các proxy tin cậy (CIDR, cách nhau bởi dấu phẩy) / trusted reverse proxies whose X-Forwarded-For is believed ("+config.Env["trusted-proxies"]+")")
	fs.StringVar(&cfg.LookupKeyFile, "lookup-key-file", cfg.LookupKeyFile, "tệp khóa của mã tra cứu hồ sơ / the lookup secrets' key file (default: beside the SQLite file; "+config.Env["lookup-key-file"]+", or the key in hex in "+config.Env["lookup-key"]+")")
	fs.StringVar(&cfg.AuditKey, "audit-key", cfg.AuditKey, "khóa riêng ký điểm neo nhật ký (congvu audit keygen) / private key signing the journal's checkpoints ("+config.Env["audit-key"]+")")
	fs.StringVar(&cfg.AuditCheckpoints, "audit-checkpoints", cfg.AuditCheckpoints, "tệp điểm neo nhật ký, mặc định cạnh tệp SQLite / checkpoint file, beside the SQLite file by default ("+config.Env["audit-checkpoints"]+")")
	fs.DurationVar(&cfg.AuditCheckpointEvery, "audit-checkpoint-every", cfg.AuditCheckpointEvery, "chu kỳ ký điểm neo / how often the journal's head is signed ("+config.Env["audit-checkpoint-every"]+")")
	fs.StringVar(&cfg.Files, "files", cfg.Files, "thư mục lưu tệp đính kèm, mặc định cạnh tệp SQLite / directory of uploaded files, beside the SQLite file by default ("+config.Env["files"]+")")
	fs.StringVar(&cfg.FilesS3, "files-s3-endpoint", cfg.FilesS3, "kho đối tượng S3 cho nhiều máy chủ (host:port hoặc https://…) / S3-compatible object store for several nodes ("+config.Env["files-s3-endpoint"]+")")
	fs.StringVar(&cfg.FilesS3Bucket, "files-s3-bucket", cfg.FilesS3Bucket, "bucket S3 / the bucket ("+config.Env["files-s3-bucket"]+")")
	fs.StringVar(&cfg.FilesS3Access, "files-s3-access-key", cfg.FilesS3Access, "khóa truy cập S3 / access key ("+config.Env["files-s3-access-key"]+")")
	fs.StringVar(&cfg.FilesS3Secret, "files-s3-secret-key", cfg.FilesS3Secret, "khóa bí mật S3 / secret key ("+config.Env["files-s3-secret-key"]+")")
	fs.StringVar(&cfg.FilesS3Region, "files-s3-region", cfg.FilesS3Region, "vùng S3 (nếu cần) / region, if the store needs one ("+config.Env["files-s3-region"]+")")
	fs.BoolVar(&cfg.FilesInDB, "files-in-db", cfg.FilesInDB, "lưu nội dung tệp ngay trong cơ sở dữ liệu (nhiều máy chủ, không có kho S3) / keep the files' bytes in the database ("+config.Env["files-in-db"]+")")
	fs.IntVar(&cfg.OnlineOpenMax, "online-open-max", cfg.OnlineOpenMax, "số hồ sơ trực tuyến đang giải quyết tối đa của một người nộp (theo thư điện tử hoặc số điện thoại), 0 là không giới hạn / cap on one applicant's open online dossiers ("+config.Env["online-open-max"]+")")
	fs.IntVar(&cfg.FileMaxMB, "file-max-mb", cfg.FileMaxMB, "dung lượng tối đa mỗi tệp, MB / size limit of one uploaded file in MB ("+config.Env["file-max-mb"]+")")
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
	var checkpoints *anchor.Writer
	if cfg.AuditKey != "" {
		key, err := anchor.LoadKey(cfg.AuditKey)
		if err != nil {
			return usagef("--audit-key: %v", err)
		}
		if key.Private == nil {
			return usagef("--audit-key: %s là khóa công khai; máy chủ cần khóa riêng để ký / is a public key; serve needs the private key to sign", cfg.AuditKey)
		}
		checkpoints = &anchor.Writer{Key: key, Path: cfg.AuditCheckpoints, Now: m.Now}
	}
	log := m.logger(cfg.LogLevel, cfg.LogFormat)
	db, err := m.openWithKey(ctx, cfg, log)
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
			// The register of public-investment projects, its investors'
			// staff, plans and disbursement (issue #13).
			invAccs, err := seedRegister(ctx, m, db, 1)
			if err != nil {
				return err
			}
			accs = append(accs, invAccs...)
			// Appraisals in progress on the register's projects.
			if err := demo.SeedAppraisals(ctx, db, m.Now()); err != nil {
				return fmt.Errorf("demo appraisals: %w", err)
			}
			// After the register's projects exist: their selection plans and supervision reports.
			if _, err := demo.SeedSelectionPlans(ctx, db, m.Now(), 1); err != nil {
				return fmt.Errorf("demo selection plans: %w", err)
			}
			// The portal's news: two years of articles and the site's counts.
			if _, err := demo.SeedNews(ctx, db, m.Now()); err != nil {
				return fmt.Errorf("demo news: %w", err)
			}
			files, err := openFiles(ctx, cfg, db)
			if err != nil {
				return err
			}
			// A few online filings waiting at the desk (status 1), their
			// PDFs in the file store.
			if _, err := demo.SeedOnlineFilings(ctx, db, files); err != nil {
				return fmt.Errorf("demo online filings: %w", err)
			}
			// The latest articles' covers and the portal's daily visits.
			if _, err := demo.SeedNewsCovers(ctx, db, files, m.Now()); err != nil {
				return fmt.Errorf("demo covers: %w", err)
			}
			// A few months of dossiers, so that queues and statistics have
			// something to show from the first login.
			if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: demoDossiers, Now: m.Now()}); err != nil {
				return fmt.Errorf("demo dossiers: %w", err)
			}
			// A year of plans and tasks, so that plans, task lists, figures
			// and who is late are not empty either.
			ws, err := demo.GenerateWork(ctx, db, demo.WorkOptions{Now: m.Now()})
			if err != nil {
				return fmt.Errorf("demo plans and tasks: %w", err)
			}
			fmt.Fprintf(m.Stdout, "Đã tạo cơ quan mẫu, %d hồ sơ, %d kế hoạch và %d nhiệm vụ. Tài khoản demo / demo accounts (%s):\n",
				demoDossiers, ws.Plans, ws.Tasks, cfg.BaseURL)
			demo.PrintAccounts(m.Stdout, accs)
		}
	}
	metrics := httpx.NewMetrics()
	// The portal's counts: buffered in memory, flushed every
	// countFlushEvery, and once more after the server has stopped taking
	// requests (docs/OPERATIONS.md: what a kill -9 may lose).
	counter := news.NewCounter(db, m.Now)
	if err := counter.Flush(ctx); err != nil { // the stored totals, before the first page
		return fmt.Errorf("site counts: %w", err)
	}
	var mailer httpx.Mailer
	if ml := smtp.Mailer(); ml != nil {
		mailer = ml // the online applicant's code and secret (httpx.FileOnline)
	}
	h, err := newHandler(cfg, db, log, m.Now, metrics, counter, mailer)
	if err != nil {
		return err
	}
	cctx, stopCounts := context.WithCancel(context.Background())
	countsDone := make(chan struct{})
	go func() {
		defer close(countsDone)
		counter.Run(cctx, countFlushEvery, func(err error) { log.Warn("flush the site counts", "err", err) })
	}()
	// Deferred before the server's shutdown returns, so run after it: the
	// last flush sees every request the server answered.
	defer func() { stopCounts(); <-countsDone }()
	// Background jobs: reminders, escalations, digests, notifications.
	runner := jobs.NewRunner(db, jobs.Options{Now: m.Now, Log: log})
	jobs.NewWork(runner, db, jobs.Config{BaseURL: cfg.BaseURL, SMTP: smtp})
	jobs.NewDossierSnapshots(runner, db, 0)
	if checkpoints != nil {
		jobs.NewAuditCheckpoints(runner, db, checkpoints, cfg.AuditCheckpointEvery)
	} else {
		log.Warn("audit checkpoints not configured: set --audit-key so that a rewrite of the journal by someone with database access is detected")
	}
	jctx, stopJobs := context.WithCancel(ctx)
	jobsDone := make(chan struct{})
	go func() { defer close(jobsDone); runner.Run(jctx, 10*time.Second) }()
	defer func() { stopJobs(); <-jobsDone }()
	// The metrics listener first: a taken port stops the start before the
	// site answers.
	var mln net.Listener
	if cfg.MetricsAddr != "" {
		if mln, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			return fmt.Errorf("listen on %s (--metrics-addr): %w", cfg.MetricsAddr, err)
		}
		defer mln.Close()
	}
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
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if mln != nil {
		msrv := &http.Server{Handler: MetricsHandler(metrics), ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
		defer msrv.Close()
		log.Info("metrics serving", "addr", mln.Addr().String())
		if m.MetricsReady != nil {
			m.MetricsReady(mln.Addr().String())
		}
		go func() { errc <- msrv.Serve(mln) }()
	}
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
