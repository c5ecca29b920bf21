package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// "My tasks" and unit boards over many tasks (docs/BENCHMARKS.md, "Plans
// and tasks"). The database is generated once with the task bulk loader
// (db.GenerateTasks on the demo agency) and kept between runs: a SQLite file
// under os.TempDir() named after its size. Build it by setting
// CONGVU_BENCH_BUILD=1; without it and without the file the benchmark is
// skipped.
//
//	CONGVU_BENCH_BUILD=1 go test ./internal/store -run '^$' -bench TaskQueries -benchtime 2000x -timeout 60m
//
// CONGVU_BENCH_TASKS sets the size (default 1,000,000). A database built
// before migration 0005 receives its indexes when opened. Each sub-benchmark
// reports, besides ns/op, the p50 and p95 of its operations in ms, taken in
// turn by every lead (or every division).

func BenchmarkTaskQueries(b *testing.B) {
	n := benchSize("CONGVU_BENCH_TASKS", 1_000_000)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("congvu-bench-tasks-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CONGVU_BENCH_BUILD") == "" {
			b.Skipf("no benchmark database %s: set CONGVU_BENCH_BUILD=1 to generate it (%d tasks)", path, n)
		}
		os.Remove(path + ".tmp")
		buildTaskBenchDB(b, path+".tmp", n)
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
		os.Remove(path + ".tmp-wal")
		os.Remove(path + ".tmp-shm")
	}
	benchTaskQueries(b, path, n)
}

// buildTaskBenchDB seeds the demo and generates n tasks into dsn.
func buildTaskBenchDB(b *testing.B, dsn string, n int) {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return benchNow }})
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
	start := time.Now()
	stats, err := db.GenerateTasks(ctx, audit.System("bench"), store.TaskGenOptions{N: n, Now: benchNow, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d tasks, %d events, %d coordinators, %d checklist items in %d batches in %v",
		stats.Tasks, stats.Events, stats.Coordinators, stats.Checklist, stats.Batches, time.Since(start))
}

// taskBenchPeople are the leads and the divisions of the demo agency, with
// the scope an official's list carries (what api.taskScope builds for a
// grant in one division: the division and below, coordinating units on its
// path).
type taskBenchPeople struct {
	leads []taskBenchLead
	divs  [][]int64 // each division's subtree
}

type taskBenchLead struct {
	person int64
	scope  *store.TaskScope
}

func taskBenchOrg(b *testing.B, db *store.DB) taskBenchPeople {
	ctx := context.Background()
	tree, err := db.Tree(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ms, err := db.CurrentMemberships(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	var out taskBenchPeople
	seenDiv := map[int64]bool{}
	for _, m := range ms {
		u, ok := tree.Unit(m.UnitID)
		if !ok || !u.Current() || (u.Kind != org.KindDivision && u.Kind != org.KindDesk) {
			continue
		}
		sub := []int64{u.ID}
		for i := 0; i < len(sub); i++ {
			sub = append(sub, tree.Children(sub[i])...)
		}
		if !seenDiv[u.ID] {
			seenDiv[u.ID] = true
			out.divs = append(out.divs, sub)
		}
		if m.Role == org.RoleOfficial || m.Role == org.RoleDeputyHead {
			sc := &store.TaskScope{PersonID: m.PersonID, UnitIDs: sub}
			for _, p := range tree.Path(u.ID) {
				if p.AgencyID == u.AgencyID {
					sc.CoordinatingUnitIDs = append(sc.CoordinatingUnitIDs, p.ID)
				}
			}
			out.leads = append(out.leads, taskBenchLead{m.PersonID, sc})
		}
	}
	if len(out.leads) == 0 || len(out.divs) == 0 {
		b.Fatal("no leads or divisions in the benchmark database")
	}
	return out
}

// benchLatency runs op b.N times and reports p50 and p95 in ms.
func benchLatency(b *testing.B, op func(i int) error) {
	lat := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		t := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
		i++
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p/100)].Microseconds()) / 1000 }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
	b.ReportMetric(pct(99), "p99-ms")
}

func benchTaskQueries(b *testing.B, path string, n int) {
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	who := taskBenchOrg(b, db)
	found := 0
	// "My tasks": open tasks the person leads, soonest deadline first, as
	// GET /api/v1/tasks?mine=lead&state=... sends it (with the caller's scope).
	b.Run(fmt.Sprintf("n=%d/mine-open", n), func(b *testing.B) {
		benchLatency(b, func(i int) error {
			l := who.leads[i%len(who.leads)]
			list, err := db.FindTasks(ctx, store.TaskFilter{Scope: l.scope, LeadPersonID: l.person, Open: true, Limit: 50})
			found += len(list)
			return err
		})
	})
	// The same in every state (GET /api/v1/tasks?mine=lead&limit=50).
	b.Run(fmt.Sprintf("n=%d/mine-all", n), func(b *testing.B) {
		benchLatency(b, func(i int) error {
			l := who.leads[i%len(who.leads)]
			list, err := db.FindTasks(ctx, store.TaskFilter{Scope: l.scope, LeadPersonID: l.person, Limit: 50})
			found += len(list)
			return err
		})
	})
	// A unit board: the division's subtree, open tasks, 200 soonest.
	b.Run(fmt.Sprintf("n=%d/board-open200", n), func(b *testing.B) {
		benchLatency(b, func(i int) error {
			list, err := db.FindTasks(ctx, store.TaskFilter{UnitIDs: who.divs[i%len(who.divs)], Open: true, Limit: 200})
			found += len(list)
			return err
		})
	})
	// A unit board grouped by state: one query of 50 per state, all seven
	// states; the time is the whole board's.
	b.Run(fmt.Sprintf("n=%d/board-by-state", n), func(b *testing.B) {
		benchLatency(b, func(i int) error {
			for _, s := range work.States() {
				list, err := db.FindTasks(ctx, store.TaskFilter{UnitIDs: who.divs[i%len(who.divs)], States: []work.State{s}, Limit: 50})
				if err != nil {
					return err
				}
				found += len(list)
			}
			return nil
		})
	})
	// A unit board in every state, 200 soonest.
	b.Run(fmt.Sprintf("n=%d/board-all200", n), func(b *testing.B) {
		benchLatency(b, func(i int) error {
			list, err := db.FindTasks(ctx, store.TaskFilter{UnitIDs: who.divs[i%len(who.divs)], Limit: 200})
			found += len(list)
			return err
		})
	})
	if found == 0 {
		b.Fatal("the queries found no task")
	}
}
