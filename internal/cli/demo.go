package cli

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/config"
	"congvu/internal/demo"
	"congvu/internal/investment"
	"congvu/internal/store"
)

func (m *Main) demo(ctx context.Context, args []string) error {
	fs := m.flags("demo", "demo [--db PATH|URL] [--dossiers N [--months 18] [--seed 1]]\n\n"+
		"Fills an empty database with the demo agency (Sở Kế hoạch và Đầu tư Bắc Ninh, merged into Sở Tài chính on 01/03/2025),\n"+
		"its catalogue of procedures, its register of 300 public-investment projects with their plans and disbursement,\n"+
		"and a year of plans and tasks; with --dossiers, adds N one-stop dossiers with their history over the last months.")
	dbURL := m.dbFlag(fs)
	n := fs.Int("dossiers", 0, "số hồ sơ một cửa cần tạo / how many dossiers to generate (0: none)")
	months := fs.Int("months", 18, "số tháng lịch sử / months of history (not before 01/07/2025)")
	seed := fs.Uint64("seed", 1, "hạt giống ngẫu nhiên / random seed (the same seed gives the same dossiers and projects)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n < 0 || *months < 1 {
		return usagef("--dossiers và --months phải dương / --dossiers and --months must be positive")
	}
	db, err := m.openKeyed(ctx, *dbURL, m.Getenv(config.Env["lookup-key-file"]), m.Getenv(config.Env["lookup-key"]), nil)
	if err != nil {
		return err
	}
	defer db.Close()
	accs, err := demo.Seed(ctx, db, m.Now())
	if err != nil {
		return err
	}
	if accs == nil {
		fmt.Fprintln(m.Stdout, "Cơ sở dữ liệu đã có dữ liệu; không tạo thêm cơ quan / the database is not empty; no agency created")
	} else {
		// The register of public-investment projects, its investors' staff,
		// plans and disbursement (issue #13).
		invAccs, err := seedRegister(ctx, m, db, *seed)
		if err != nil {
			return err
		}
		accs = append(accs, invAccs...)
		// Appraisals in progress on the register's projects.
		if err := demo.SeedAppraisals(ctx, db, m.Now()); err != nil {
			return err
		}
		// After the register's projects exist: their selection plans and supervision reports.
		if _, err := demo.SeedSelectionPlans(ctx, db, m.Now(), 1); err != nil {
			return fmt.Errorf("demo selection plans: %w", err)
		}
		// The portal's news: two years of articles and the site's counts.
		if _, err := demo.SeedNews(ctx, db, m.Now()); err != nil {
			return fmt.Errorf("demo news: %w", err)
		}
		// The latest articles' covers (drawn in code) go to the file store
		// the server will read them from; and the last 90 days of visits.
		cfg := config.FromEnv(m.Getenv)
		cfg.DB = *dbURL
		files, err := openFiles(ctx, cfg, db)
		if err != nil {
			return err
		}
		if _, err := demo.SeedNewsCovers(ctx, db, files, m.Now()); err != nil {
			return fmt.Errorf("demo covers: %w", err)
		}
		// A year of plans and tasks comes with the agency (--dossiers adds dossiers).
		ws, err := demo.GenerateWork(ctx, db, demo.WorkOptions{Now: m.Now(), Seed: *seed})
		if err != nil {
			return err
		}
		// After the tasks: one inspection of a division's tasks, its findings and open recommendations, and lessons.
		if _, err := demo.GenerateInspections(ctx, db, m.Now()); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "Đã tạo cơ quan mẫu, %d kế hoạch và %d nhiệm vụ / demo agency created with %d plans and %d tasks:\n",
			ws.Plans, ws.Tasks, ws.Plans, ws.Tasks)
		demo.PrintAccounts(m.Stdout, accs)
	}
	if *n == 0 {
		return nil
	}
	fmt.Fprintf(m.Stdout, "Tạo %d hồ sơ một cửa / generating %d dossiers:\n", *n, *n)
	start := time.Now()
	stats, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: *n, Now: m.Now(), Months: *months, Seed: *seed, Progress: m.Stdout})
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(m.Stdout, "Xong / done: %d hồ sơ, %d thao tác trong %.1f s (%.0f hồ sơ/phút / dossiers per minute)\n",
		stats.Dossiers, stats.Events, el.Seconds(), float64(stats.Dossiers)/el.Minutes())
	return nil
}

// seedRegister adds the demo's register of projects (demo.SeedInvestmentProjects)
// and says what it made and how long it took.
func seedRegister(ctx context.Context, m *Main, db *store.DB, seed uint64) ([]demo.Account, error) {
	start := time.Now()
	st, accs, err := demo.SeedInvestmentProjects(ctx, db, m.Now(), seed)
	if err != nil {
		return nil, fmt.Errorf("demo projects: %w", err)
	}
	fmt.Fprintf(m.Stdout, "Đã tạo %d chủ đầu tư, %d dự án (nhóm A %d, B %d, C %d), %d kế hoạch vốn và %d số liệu giải ngân trong %.1f s / "+
		"%d investors, %d projects, %d capital plans and %d disbursement figures in %.1f s\n",
		st.Investors, st.Projects, st.Groups[investment.GroupA], st.Groups[investment.GroupB], st.Groups[investment.GroupC], st.Plans, st.Figures,
		time.Since(start).Seconds(), st.Investors, st.Projects, st.Plans, st.Figures, time.Since(start).Seconds())
	return accs, nil
}
