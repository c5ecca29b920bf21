package jobs

import (
	"context"
	"time"

	"congvu/internal/anchor"
	"congvu/internal/store"
)

// NewAuditCheckpoints registers the signing of the journal's head every
// interval (anchor.Writer): a row of the journal rewritten, or its tail cut
// and its head moved back, after a checkpoint covered it, fails `congvu
// audit verify`. Every node with the key scans; the job key is the
// interval's start, so each interval is signed once across nodes, by the
// node that claims it, into its checkpoint file (which is why nodes
// should share one file, or each file be kept: see docs/OPERATIONS.md).
func NewAuditCheckpoints(r *Runner, head anchor.Head, w *anchor.Writer, every time.Duration) {
	r.Handle("audit_checkpoint", func(ctx context.Context, j store.Job) error {
		_, _, err := w.Checkpoint(ctx, head)
		return err
	})
	r.Every("audit_checkpoints", every, func(ctx context.Context, now time.Time) error {
		at := now.UTC().Truncate(every)
		_, err := r.q.EnqueueJob(ctx, store.NewJob{Kind: "audit_checkpoint", Key: "audit_checkpoint:" + at.Format(time.RFC3339), RunAt: now})
		return err
	})
}
