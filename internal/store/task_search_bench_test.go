package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"congvu/internal/store"
)

// Task search over a million tasks (docs/BENCHMARKS.md, "Plans and
// tasks"), on BenchmarkTaskQueries' database (build it first):
//
//	go test ./internal/store -run '^$' -bench 'TaskSearch$' -benchtime 300x
//
// A query of each kind, as the task list asks it (50 soonest deadlines
// first), across the agency and within a division's subtree; "mix" takes
// the kinds in turn. BenchmarkTaskSearchScan is the baseline, the LIKE of
// every row before migration 0010.

func BenchmarkTaskSearch(b *testing.B)     { benchTaskSearch(b, false) }
func BenchmarkTaskSearchScan(b *testing.B) { benchTaskSearch(b, true) }

func benchTaskSearch(b *testing.B, scan bool) {
	n := benchSize("CONGVU_BENCH_TASKS", 1_000_000)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("congvu-bench-tasks-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no benchmark database %s: run BenchmarkTaskQueries with CONGVU_BENCH_BUILD=1 first", path)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil { // a database built before migration 0010 gets its index
		b.Fatal(err)
	}
	who := taskBenchOrg(b, db)
	var titles []string
	var agency int64
	for off := 0; off < n && len(titles) < 64; off += max(1, n/64) {
		list, err := db.FindTasks(ctx, store.TaskFilter{Limit: 1, Offset: off})
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range list {
			titles, agency = append(titles, t.Title), t.AgencyID
		}
	}
	if len(titles) == 0 {
		b.Fatal("no tasks in the benchmark database")
	}
	words := []string{"bao cao", "tham dinh ho so", "dau tu cong", "ke hoach", "so lieu"}
	kinds := []struct {
		name  string
		query func(i int) string
	}{
		{"title", func(i int) string { return titles[i%len(titles)] }},
		{"number", func(i int) string { return fmt.Sprintf("(so %d)", 1+(i*7919)%n) }},
		{"words", func(i int) string { return words[i%len(words)] }},
		{"no-match", func(i int) string { return fmt.Sprintf("khong co viec %d", i%10) }},
	}
	for _, scope := range []string{"agency", "division"} {
		search := func(i int, q string) error {
			var units []int64
			if scope == "division" {
				units = who.divs[i%len(who.divs)]
			}
			if scan {
				_, err := db.SearchTasksByScan(ctx, agency, units, q)
				return err
			}
			_, err := db.FindTasks(ctx, store.TaskFilter{AgencyID: agency, UnitIDs: units, Query: q, Limit: 50})
			return err
		}
		for _, k := range kinds {
			b.Run(fmt.Sprintf("n=%d/%s/%s", n, scope, k.name), func(b *testing.B) {
				benchLatency(b, func(i int) error { return search(i, k.query(i)) })
			})
		}
		b.Run(fmt.Sprintf("n=%d/%s/mix", n, scope), func(b *testing.B) {
			benchLatency(b, func(i int) error { return search(i, kinds[i%len(kinds)].query(i/len(kinds))) })
		})
	}
}
