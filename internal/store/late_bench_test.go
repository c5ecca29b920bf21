package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

// BenchmarkLateWork measures the director's "who is late" (db.LateWork over
// the whole agency, as the home card asks it) side by side with the lists
// the home page already read for the same agency: the unit board's overdue
// tasks and the open dossiers of the units (docs/BENCHMARKS.md, "The
// director's who is late"). The database is the demo agency with
// CONGVU_BENCH_LATE_TASKS generated tasks (default 100,000) and a tenth as
// many dossiers, built in a temporary directory for the run.
//
//	go test ./internal/store -run '^$' -bench LateWork -benchtime 200x
func BenchmarkLateWork(b *testing.B) {
	n := benchSize("CONGVU_BENCH_LATE_TASKS", 100_000)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "late.db"), store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Seed(ctx, db, benchNow); err != nil {
		b.Fatal(err)
	}
	if _, err := db.GenerateTasks(ctx, audit.System("bench"), store.TaskGenOptions{N: n, Now: benchNow, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: n / 10, Now: benchNow, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var agency int64
	for _, u := range tree.Units() {
		if u.Current() && u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
			agency = u.ID
		}
	}
	units := tree.AgencySubtree(agency)
	b.Run("late-work", func(b *testing.B) {
		rows := 0
		for i := 0; i < b.N; i++ {
			got, err := db.LateWork(ctx, units, benchNow)
			if err != nil {
				b.Fatal(err)
			}
			rows = len(got)
		}
		b.ReportMetric(float64(rows), "rows")
	})
	b.Run("baseline-overdue-tasks-page", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := db.FindTasks(ctx, store.TaskFilter{UnitIDs: units, Overdue: true, Now: benchNow, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline-open-dossiers-page", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := db.FindDossiers(ctx, dossier.Filter{UnitIDs: units, Open: true, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
