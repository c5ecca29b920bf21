package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"congvu/internal/apperr"
)

// Job is one piece of background work in the jobs table (see
// internal/jobs): it runs once per Key, at or after RunAt, on whichever
// app node claims it first.
type Job struct {
	ID          int64
	Kind        string // which handler runs it: "notify", "reminder", "escalate", "digest", ...
	Key         string // unique: enqueuing the same key again does nothing
	RunAt       time.Time
	Payload     string // JSON, the handler's to read
	Attempts    int    // claims so far, this one included
	LeasedUntil *time.Time
	DoneAt      *time.Time
	FailedAt    *time.Time // given up after too many attempts
	LastError   string
}

// NewJob is a job to enqueue. Payload is marshalled to JSON unless it is
// already a string or nil.
type NewJob struct {
	Kind    string
	Key     string
	RunAt   time.Time
	Payload any
}

func (n NewJob) payload() (string, error) {
	switch p := n.Payload.(type) {
	case nil:
		return "{}", nil
	case string:
		return p, nil
	case json.RawMessage:
		return string(p), nil
	}
	b, err := json.Marshal(n.Payload)
	if err != nil {
		return "", fmt.Errorf("job %s payload: %w", n.Key, err)
	}
	return string(b), nil
}

// EnqueueJob adds a job unless one with the same key exists, and reports
// whether it was added. Reminders and digests use keys that name what they
// are about ("task:42:due_today:2026-03-13"), so that a scan run on every
// node, every few minutes, enqueues each once.
func (db *DB) EnqueueJob(ctx context.Context, n NewJob) (bool, error) {
	var added bool
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		added, err = enqueueJob(tx, n)
		return err
	})
	return added, err
}

// enqueueJob adds a job in tx, so that work and the jobs it entails (the
// notifications of a task event) commit or roll back together.
func enqueueJob(tx *Tx, n NewJob) (bool, error) {
	if strings.TrimSpace(n.Kind) == "" || strings.TrimSpace(n.Key) == "" {
		return false, apperr.Invalidf("key", "công việc nền thiếu loại hoặc khóa", "a job needs a kind and a key")
	}
	body, err := n.payload()
	if err != nil {
		return false, err
	}
	runAt := n.RunAt
	if runAt.IsZero() {
		runAt = tx.Now
	}
	res, err := tx.Exec(`INSERT INTO jobs (kind, key, run_at, payload, attempts, last_error, created_at)
		VALUES (?, ?, ?, ?, 0, '', ?) ON CONFLICT (key) DO NOTHING`, n.Kind, n.Key, Micro(runAt), body, Micro(tx.Now))
	if err != nil {
		return false, fmt.Errorf("enqueue job %s: %w", n.Key, err)
	}
	k, err := res.RowsAffected()
	return k > 0, err
}

const jobColumns = "id, kind, key, run_at, payload, attempts, leased_until, done_at, failed_at, last_error"

func scanJob(sc interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var runAt int64
	var leased, done, failed sql.NullInt64
	if err := sc.Scan(&j.ID, &j.Kind, &j.Key, &runAt, &j.Payload, &j.Attempts, &leased, &done, &failed, &j.LastError); err != nil {
		return j, err
	}
	j.RunAt = FromMicro(runAt)
	j.LeasedUntil, j.DoneAt, j.FailedAt = fromNullMicro(leased), fromNullMicro(done), fromNullMicro(failed)
	return j, nil
}

// ClaimJobs leases up to limit jobs due at now to owner until now+lease
// and returns them. The rows are chosen with SELECT … FOR UPDATE SKIP
// LOCKED on PostgreSQL, so that nodes claiming at the same moment take
// different jobs without waiting; the lease keeps a claimed job from being
// claimed again while it runs, and lets another node take it over if the
// owner dies. On SQLite the writer is exclusive, which serialises claims.
func (db *DB) ClaimJobs(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]Job, error) {
	if limit <= 0 {
		limit = 10
	}
	var out []Job
	err := db.InTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(fmt.Sprintf(`SELECT id FROM jobs
			WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ? AND (leased_until IS NULL OR leased_until <= ?)
			ORDER BY run_at, id LIMIT %d`, limit)+tx.d.skipLocked(), Micro(now), Micro(now))
		if err != nil {
			return fmt.Errorf("claim jobs: %w", err)
		}
		var ids []any
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return err
		}
		args := append([]any{Micro(now.Add(lease)), owner}, ids...)
		if _, err := tx.Exec("UPDATE jobs SET leased_until = ?, lease_owner = ?, attempts = attempts + 1 WHERE id IN ("+placeholders(len(ids))+")", args...); err != nil {
			return fmt.Errorf("lease jobs: %w", err)
		}
		rows, err = tx.Query("SELECT "+jobColumns+" FROM jobs WHERE id IN ("+placeholders(len(ids))+") ORDER BY run_at, id", ids...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanJob(rows)
			if err != nil {
				return err
			}
			out = append(out, j)
		}
		return rows.Err()
	})
	return out, err
}

// errLeaseLost is returned when a job's lease passed to another owner.
var errLeaseLost = errors.New("job lease lost")

// finishJob updates a job still leased to owner.
func (db *DB) finishJob(ctx context.Context, id int64, owner, set string, args ...any) error {
	return db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec("UPDATE jobs SET "+set+", leased_until = NULL, lease_owner = NULL WHERE id = ? AND lease_owner = ?",
			append(args, id, owner)...)
		if err != nil {
			return fmt.Errorf("update job %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("job %d: %w", id, errLeaseLost)
		}
		return nil
	})
}

// CompleteJob marks a job leased to owner as done.
func (db *DB) CompleteJob(ctx context.Context, id int64, owner string, now time.Time) error {
	return db.finishJob(ctx, id, owner, "done_at = ?", Micro(now))
}

// RetryJob releases a failed job leased to owner to run again at runAt,
// keeping the error.
func (db *DB) RetryJob(ctx context.Context, id int64, owner string, runAt time.Time, errText string) error {
	return db.finishJob(ctx, id, owner, "run_at = ?, last_error = ?", Micro(runAt), truncate(errText, 2000))
}

// FailJob gives up on a job leased to owner, keeping the error.
func (db *DB) FailJob(ctx context.Context, id int64, owner string, now time.Time, errText string) error {
	return db.finishJob(ctx, id, owner, "failed_at = ?, last_error = ?", Micro(now), truncate(errText, 2000))
}

// FindJobByKey returns the job with the key.
func (db *DB) FindJobByKey(ctx context.Context, key string) (Job, error) {
	j, err := scanJob(db.queryRow(ctx, "SELECT "+jobColumns+" FROM jobs WHERE key = ?", key))
	if errors.Is(err, sql.ErrNoRows) {
		return j, apperr.NotFoundf("Không có công việc nền %q", "no job %q", key)
	}
	return j, err
}

// FindJobs lists jobs of a kind ("" for all), oldest first, for tests and
// operators.
func (db *DB) FindJobs(ctx context.Context, kind string, limit int) ([]Job, error) {
	if limit <= 0 || limit > 10000 {
		limit = 1000
	}
	rows, err := db.query(ctx, fmt.Sprintf("SELECT "+jobColumns+" FROM jobs WHERE kind = ? OR ? = '' ORDER BY id LIMIT %d", limit), kind, kind)
	if err != nil {
		return nil, fmt.Errorf("find jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// EnqueueJobs adds the jobs whose keys are new, in one transaction, and
// returns how many were added: the periodic scans offer every reminder due
// at each pass and only the first offer of a key counts.
func (db *DB) EnqueueJobs(ctx context.Context, js []NewJob) (int, error) {
	if len(js) == 0 {
		return 0, nil
	}
	added := 0
	err := db.InTx(ctx, func(tx *Tx) error {
		added = 0
		for _, j := range js {
			ok, err := enqueueJob(tx, j)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}
