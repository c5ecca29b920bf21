package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"congvu/internal/store"
)

// Task lists for every role at 2,000 to 1,000,000 tasks (docs/BENCHMARKS.md,
// "Task lists that scale"): a page of 50, read as the lists read it now
// (FindTaskPage: index ranges merged, the next pages by cursor) and as they
// did before (FindTasksSorted: every visible task sorted, pages by offset),
// side by side in the same run, for the director, a head and an official
// (taskListCases), pages 1 to 10 in turn.
//
//	CONGVU_BENCH_LIST_SIZES=2000,10000,40000,1000000 \
//	CONGVU_BENCH_LISTS_POSTGRES=postgres://postgres@127.0.0.1:5432/congvu_bench_tasklists?sslmode=disable \
//	go test ./internal/store -run '^$' -bench 'TaskLists/.*/new' -benchtime 300x -timeout 120m
//	go test ./internal/store -run '^$' -bench 'TaskLists/.*/old' -benchtime 10x -timeout 120m
//
// The databases are generated once (demo agency, db.GenerateTasks) and
// kept: SQLite files under CONGVU_BENCH_LISTS_DIR (default
// /root/.cache/congvu/tasklists, lists-N.db; the 1,000,000-task one is
// tasks-1m.db, as `congvu bench-tasks --tasks 1000000` builds it), and on
// PostgreSQL one schema per size (lists_N; 1,000,000 in public, likewise).
// Each sub-benchmark reports p50, p95 and p99 in ms and cpu-ms/op, the
// CPU time of this process per page (on SQLite the whole cost; on
// PostgreSQL the server's own is not counted).

// bigBench is the size from which the benchmark takes the big database
// (tasks-1m.db; public on PostgreSQL) rather than lists-N: give the number
// of tasks it really holds, which the run also logs.
const bigBench = 500_000

func BenchmarkTaskLists(b *testing.B) {
	sizes := []int{2000, 10000, 40000, 1_000_000}
	if v := os.Getenv("CONGVU_BENCH_LIST_SIZES"); v != "" {
		sizes = nil
		for _, s := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				b.Fatalf("CONGVU_BENCH_LIST_SIZES: %q", s)
			}
			sizes = append(sizes, n)
		}
	}
	dir := os.Getenv("CONGVU_BENCH_LISTS_DIR")
	if dir == "" {
		dir = "/root/.cache/congvu/tasklists"
	}
	pg := os.Getenv("CONGVU_BENCH_LISTS_POSTGRES")
	for _, n := range sizes {
		path := filepath.Join(dir, fmt.Sprintf("lists-%d.db", n))
		if n >= bigBench {
			path = filepath.Join(dir, "tasks-1m.db")
		}
		b.Run(fmt.Sprintf("sqlite/n=%d", n), func(b *testing.B) { benchTaskLists(b, listBenchDB(b, path, n)) })
		if pg != "" {
			dsn := pg
			if n < bigBench {
				dsn = pgSchemaURL(b, pg, fmt.Sprintf("lists_%d", n))
			}
			b.Run(fmt.Sprintf("postgres/n=%d", n), func(b *testing.B) { benchTaskLists(b, listBenchDB(b, dsn, n)) })
		}
	}
}

// pgSchemaURL is base with its connections in schema name, created if
// missing.
func pgSchemaURL(b *testing.B, base, name string) string {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA IF NOT EXISTS " + name); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// listBenchDB opens the benchmark database of n tasks, generating it the
// first time (a 1,000,000-task one is expected to exist: building it
// takes an hour on a shared machine).
func listBenchDB(b *testing.B, dsn string, n int) *store.DB {
	ctx := context.Background()
	if !strings.HasPrefix(dsn, "postgres") {
		if _, err := os.Stat(dsn); err != nil {
			if n >= bigBench {
				b.Skipf("no %s: build it with congvu bench-tasks --db %s --tasks 1000000 --pages 1 --ops 1", dsn, dsn)
			}
			buildTaskBenchDB(b, dsn+".tmp", n)
			if err := os.Rename(dsn+".tmp", dsn); err != nil {
				b.Fatal(err)
			}
		}
	}
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if strings.HasPrefix(dsn, "postgres") {
		existing, err := db.FindTasks(ctx, store.TaskFilter{Limit: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(existing) == 0 {
			if n >= bigBench {
				b.Skip("no generated tasks in the PostgreSQL database: build it with congvu bench-tasks --tasks 1000000")
			}
			buildTaskBenchDB(b, dsn, n)
			if err := db.ExecRaw(ctx, "ANALYZE"); err != nil {
				b.Fatal(err)
			}
		}
	}
	return db
}

// benchListNames are the lists measured, of taskListCases.
var benchListNames = []string{
	"director/all", "director/agency", "director/all-open", "director/all-overdue", "director/all-in-progress", "director/all-search",
	"head/all", "head/board", "head/board-open", "head/assigned", "head/all-search",
	"official/all", "official/mine", "official/mine-open", "official/coordinating", "official/all-search",
}

func benchTaskLists(b *testing.B, db *store.DB) {
	ctx := context.Background()
	var count int
	if err := db.QueryRowRaw(ctx, "SELECT count(*) FROM tasks").Scan(&count); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d tasks", db.Engine(), count)
	cases := taskListCases(b, db, time.Now()) // "now" for overdue: the generated histories end at most hours before
	for _, name := range benchListNames {
		i := slices.IndexFunc(cases, func(c taskListCase) bool { return c.name == name })
		if i < 0 {
			b.Fatalf("no list %s", name)
		}
		c := cases[i]
		c.f.Limit = 50
		// The cursors of pages 1 to 10 (nil: the first page).
		cursors := []*store.TaskCursor{nil}
		for len(cursors) < 10 {
			f := c.f
			f.After = cursors[len(cursors)-1]
			p, err := db.FindTaskPage(ctx, f)
			if err != nil {
				b.Fatal(err)
			}
			if p.Next == nil {
				break
			}
			cursors = append(cursors, p.Next)
		}
		b.Run(name+"/new", func(b *testing.B) {
			benchPages(b, func(i int) error {
				f := c.f
				f.After = cursors[i%len(cursors)]
				_, err := db.FindTaskPage(ctx, f)
				return err
			})
		})
		b.Run(name+"/old", func(b *testing.B) {
			benchPages(b, func(i int) error {
				f := c.f
				f.Offset = (i % len(cursors)) * 50
				_, err := db.FindTasksSorted(ctx, f)
				return err
			})
		})
	}
}

// benchPages is benchLatency with the process's CPU time per operation.
func benchPages(b *testing.B, op func(i int) error) {
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	benchLatency(b, op)
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) * time.Nanosecond
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
