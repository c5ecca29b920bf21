package jobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"congvu/internal/jobs"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fakeClock is the injected time of a test.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *fakeClock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// twoNodes opens two handles on one fresh database, as two `serve` nodes
// would: two pools, two sets of connections.
func twoNodes(t *testing.T, engine string) (*store.DB, *store.DB) {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch engine {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "congvu.db")
	case "postgres":
		base := os.Getenv(storetest.PostgresEnv)
		if base == "" {
			t.Skip("PostgreSQL tests skipped: set " + storetest.PostgresEnv)
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("jobs_%d_%d", os.Getpid(), time.Now().UnixNano())
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.ExecContext(context.Background(), "DROP SCHEMA "+name+" CASCADE"); admin.Close() })
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a := open()
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return a, open()
}

// TestRunnersRunEachJobOnce has two nodes, each with several runners,
// claim the same queue at once and counts the executions of every job.
func TestRunnersRunEachJobOnce(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			a, b := twoNodes(t, engine)
			clk := &fakeClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
			const n = 300
			var js []store.NewJob
			for i := range n {
				js = append(js, store.NewJob{Kind: "count", Key: fmt.Sprintf("count:%d", i), RunAt: clk.Now().Add(-time.Minute), Payload: map[string]int{"i": i}})
			}
			if added, err := a.EnqueueJobs(ctx, js); err != nil || added != n {
				t.Fatalf("enqueue: %d %v", added, err)
			}
			if added, err := b.EnqueueJobs(ctx, js); err != nil || added != 0 {
				t.Fatalf("enqueue again: %d added, %v", added, err)
			}
			var mu sync.Mutex
			runs := map[string]int{}
			by := map[string]string{}
			var wg sync.WaitGroup
			for i := range 6 {
				db := a
				if i%2 == 1 {
					db = b
				}
				r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Batch: 7, Owner: fmt.Sprintf("node%d", i), Log: quiet})
				r.Handle("count", func(ctx context.Context, j store.Job) error {
					mu.Lock()
					runs[j.Key]++
					by[j.Key] = r.Owner()
					mu.Unlock()
					time.Sleep(100 * time.Microsecond)
					return nil
				})
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := r.RunDue(ctx); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			owners := map[string]bool{}
			for i := range n {
				k := fmt.Sprintf("count:%d", i)
				if runs[k] != 1 {
					t.Errorf("%s ran %d times", k, runs[k])
				}
				owners[by[k]] = true
			}
			if len(owners) < 2 {
				t.Logf("only %d runner(s) got work", len(owners))
			}
			done, err := a.FindJobs(ctx, "count", 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, j := range done {
				if j.DoneAt == nil || j.Attempts != 1 {
					t.Errorf("%s: done %v attempts %d", j.Key, j.DoneAt, j.Attempts)
				}
			}
		})
	}
}

// TestRetryAndGiveUp: a failing job waits its backoff, then runs again; a
// permanent failure is given up at once; a lease that expires lets another
// node take the job over.
func TestRetryAndGiveUp(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := &fakeClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
		r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Owner: "a", Log: quiet})
		calls := 0
		r.Handle("flaky", func(ctx context.Context, j store.Job) error {
			calls++
			if calls == 1 {
				return fmt.Errorf("SMTP server busy")
			}
			return nil
		})
		r.Handle("broken", func(ctx context.Context, j store.Job) error { return jobs.Permanent(fmt.Errorf("bad payload")) })
		db.EnqueueJob(ctx, store.NewJob{Kind: "flaky", Key: "flaky", RunAt: clk.Now()})
		db.EnqueueJob(ctx, store.NewJob{Kind: "broken", Key: "broken", RunAt: clk.Now()})
		if n, err := r.RunDue(ctx); err != nil || n != 2 || calls != 1 {
			t.Fatalf("first pass: %d %v calls %d", n, err, calls)
		}
		if n, _ := r.RunDue(ctx); n != 0 {
			t.Errorf("ran %d before the backoff", n)
		}
		clk.Add(jobs.Backoff(1))
		if n, _ := r.RunDue(ctx); n != 1 || calls != 2 {
			t.Errorf("after backoff: %d, calls %d", n, calls)
		}
		j, _ := db.FindJobByKey(ctx, "flaky")
		if j.DoneAt == nil || j.Attempts != 2 || j.LastError != "SMTP server busy" {
			t.Errorf("flaky: %+v", j)
		}
		j, _ = db.FindJobByKey(ctx, "broken")
		if j.FailedAt == nil || j.DoneAt != nil {
			t.Errorf("broken: %+v", j)
		}

		// A node claims and dies; after the lease another node runs the job.
		db.EnqueueJob(ctx, store.NewJob{Kind: "flaky", Key: "orphan", RunAt: clk.Now()})
		if got, err := db.ClaimJobs(ctx, "dead", clk.Now(), time.Minute, 10); err != nil || len(got) != 1 {
			t.Fatalf("claim: %v %v", got, err)
		}
		if n, _ := r.RunDue(ctx); n != 0 {
			t.Errorf("a leased job ran")
		}
		clk.Add(time.Minute)
		if n, _ := r.RunDue(ctx); n != 1 {
			t.Errorf("the orphan was not taken over")
		}
		if err := db.CompleteJob(ctx, j.ID, "dead", clk.Now()); err == nil {
			t.Errorf("the dead node completed a job it no longer holds")
		}
		if jobs.Backoff(1) != time.Minute || jobs.Backoff(3) != 4*time.Minute || jobs.Backoff(20) != time.Hour {
			t.Errorf("backoff: %v %v %v", jobs.Backoff(1), jobs.Backoff(3), jobs.Backoff(20))
		}
	})
}
