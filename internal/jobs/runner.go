// Package jobs runs congvu's background work from a table-backed queue
// (the jobs table, see store/jobs.go): task reminders (due in a few working
// days, due today, overdue), the escalation of unresolved obstacles to the
// assigner and then the assigner's superior, the daily digest for heads,
// and the delivery of notifications to the in-app inbox and, when an SMTP
// server is configured, by e-mail.
//
// Every job has a unique key, so enqueuing is idempotent: the periodic
// scans, which run on every app node, offer each reminder at each pass and
// only the first offer counts. A Runner claims due jobs with a lease
// (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, so that several `serve`
// nodes on one database each take different jobs; SQLite's single writer
// serialises claims anyway), runs the kind's handler, and marks the job
// done, or releases it to run again later with backoff, giving up after
// MaxAttempts. A node that dies mid-job loses its lease and another node
// runs the job again: handlers are idempotent (a notification carries a
// dedup key, a second escalation is refused by the task's history).
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"

	"congvu/internal/store"
)

// Queue is the table-backed queue; *store.DB implements it.
type Queue interface {
	EnqueueJob(ctx context.Context, n store.NewJob) (bool, error)
	EnqueueJobs(ctx context.Context, js []store.NewJob) (int, error)
	ClaimJobs(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]store.Job, error)
	CompleteJob(ctx context.Context, id int64, owner string, now time.Time) error
	RetryJob(ctx context.Context, id int64, owner string, runAt time.Time, errText string) error
	FailJob(ctx context.Context, id int64, owner string, now time.Time, errText string) error
}

// Handler runs one job. Returning nil marks it done; an error retries it
// later, unless wrapped by Permanent.
type Handler func(ctx context.Context, j store.Job) error

// permanentError is a failure that retrying cannot fix.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as not worth retrying: the job is given up at once.
func Permanent(err error) error { return permanentError{err} }

// Scan is a periodic task run on a ticker, typically enqueuing jobs.
type Scan func(ctx context.Context, now time.Time) error

// Options tune a Runner. The zero value is usable.
type Options struct {
	Owner       string // the lease owner's name; host:pid:n by default
	Now         func() time.Time
	Lease       time.Duration // how long a claimed job is reserved; 5 minutes by default
	Batch       int           // jobs claimed at a time; 20 by default
	MaxAttempts int           // attempts before giving up; 8 by default
	Log         *slog.Logger
}

// Runner claims and runs jobs, and runs the periodic scans.
type Runner struct {
	q        Queue
	opt      Options
	handlers map[string]Handler
	mu       sync.Mutex
	scans    []*periodic
}

type periodic struct {
	name  string
	every time.Duration
	fn    Scan
	next  time.Time
}

var runnerSeq struct {
	sync.Mutex
	n int
}

// NewRunner returns a runner on q with no handlers.
func NewRunner(q Queue, opt Options) *Runner {
	if opt.Owner == "" {
		host, _ := os.Hostname()
		runnerSeq.Lock()
		runnerSeq.n++
		opt.Owner = host + ":" + strconv.Itoa(os.Getpid()) + ":" + strconv.Itoa(runnerSeq.n)
		runnerSeq.Unlock()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Lease <= 0 {
		opt.Lease = 5 * time.Minute
	}
	if opt.Batch <= 0 {
		opt.Batch = 20
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 8
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	return &Runner{q: q, opt: opt, handlers: map[string]Handler{}}
}

// Handle sets the handler of a kind of job.
func (r *Runner) Handle(kind string, h Handler) { r.handlers[kind] = h }

// Every adds a scan run at most once per interval (the first at the first Tick).
func (r *Runner) Every(name string, every time.Duration, fn Scan) {
	r.mu.Lock()
	r.scans = append(r.scans, &periodic{name: name, every: every, fn: fn})
	r.mu.Unlock()
}

// Owner is the name this runner leases jobs under.
func (r *Runner) Owner() string { return r.opt.Owner }

// Backoff is how long a job waits before its next attempt: one minute
// after the first failure, doubling, at most an hour.
func Backoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// RunDue claims the jobs due now, a batch at a time, and runs them until
// none is left; it returns how many it ran.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	ran := 0
	for ctx.Err() == nil {
		now := r.opt.Now()
		batch, err := r.q.ClaimJobs(ctx, r.opt.Owner, now, r.opt.Lease, r.opt.Batch)
		if err != nil {
			return ran, err
		}
		for _, j := range batch {
			r.run(ctx, j)
			ran++
		}
		if len(batch) < r.opt.Batch {
			break
		}
	}
	return ran, ctx.Err()
}

// run runs one claimed job and records the outcome.
func (r *Runner) run(ctx context.Context, j store.Job) {
	h := r.handlers[j.Kind]
	var err error
	if h == nil {
		err = Permanent(fmt.Errorf("no handler for job kind %q", j.Kind))
	} else {
		err = safely(ctx, h, j)
	}
	now := r.opt.Now()
	var perm permanentError
	switch {
	case err == nil:
		err = r.q.CompleteJob(ctx, j.ID, r.opt.Owner, now)
	case errors.As(err, &perm) || j.Attempts >= r.opt.MaxAttempts:
		r.opt.Log.Error("job failed, giving up", "kind", j.Kind, "key", j.Key, "attempts", j.Attempts, "err", err)
		err = r.q.FailJob(ctx, j.ID, r.opt.Owner, now, err.Error())
	default:
		r.opt.Log.Warn("job failed, will retry", "kind", j.Kind, "key", j.Key, "attempts", j.Attempts, "err", err)
		err = r.q.RetryJob(ctx, j.ID, r.opt.Owner, now.Add(Backoff(j.Attempts)), err.Error())
	}
	if err != nil {
		r.opt.Log.Error("job bookkeeping failed", "kind", j.Kind, "key", j.Key, "err", err)
	}
}

// safely runs a handler, turning a panic into an error.
func safely(ctx context.Context, h Handler, j store.Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in job %s: %v", j.Key, p)
		}
	}()
	return h(ctx, j)
}

// Tick runs the scans that are due, then the jobs that are due.
func (r *Runner) Tick(ctx context.Context) error {
	now := r.opt.Now()
	r.mu.Lock()
	var due []*periodic
	for _, s := range r.scans {
		if !now.Before(s.next) {
			s.next = now.Add(s.every)
			due = append(due, s)
		}
	}
	r.mu.Unlock()
	var errs []error
	for _, s := range due {
		if err := s.fn(ctx, now); err != nil {
			r.opt.Log.Error("scan failed", "scan", s.name, "err", err)
			errs = append(errs, fmt.Errorf("scan %s: %w", s.name, err))
		}
	}
	if _, err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Run ticks every interval until ctx ends. Errors are logged, not fatal:
// the next tick tries again.
func (r *Runner) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = 10 * time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := r.Tick(ctx); err != nil && ctx.Err() == nil {
			r.opt.Log.Error("jobs tick", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
