package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/store"
)

// SnapshotStore takes the end-of-day count of open dossiers; *store.DB
// implements it.
type SnapshotStore interface {
	SnapshotOpenDossiers(ctx context.Context, d calendar.Date) (int, error)
}

// snapshotBackfill is how many past days each scan offers, so that days
// missed while no node ran are taken when one starts again.
const snapshotBackfill = 7

type snapshotPayload struct {
	Day string `json:"day"`
}

// NewDossierSnapshots registers the nightly snapshot behind past periods'
// carried-over and overdue figures (store.SnapshotOpenDossiers). Every node
// scans; the job key is the day, so each day is taken once across nodes.
// The count is exact only when taken right after the day ended (a dossier's
// due moves with later pauses), which is why the scan runs often.
func NewDossierSnapshots(r *Runner, st SnapshotStore, every time.Duration) {
	if every <= 0 {
		every = 5 * time.Minute
	}
	r.Handle("dossier_snapshot", func(ctx context.Context, j store.Job) error {
		var p snapshotPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return Permanent(err)
		}
		d, err := calendar.ParseDate(p.Day)
		if err != nil {
			return Permanent(err)
		}
		_, err = st.SnapshotOpenDossiers(ctx, d)
		return err
	})
	r.Every("dossier_snapshots", every, func(ctx context.Context, now time.Time) error {
		today := calendar.DateOf(now)
		js := make([]store.NewJob, 0, snapshotBackfill)
		for i := 1; i <= snapshotBackfill; i++ {
			d := today.AddDays(-i)
			js = append(js, store.NewJob{Kind: "dossier_snapshot", Key: fmt.Sprintf("dossier_snapshot:%s", d), RunAt: now,
				Payload: snapshotPayload{Day: d.String()}})
		}
		_, err := r.q.EnqueueJobs(ctx, js)
		return err
	})
}
