package jobs_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/jobs"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// snapshotCounter counts the days snapshotted, in front of the real store.
type snapshotCounter struct {
	db   *store.DB
	days map[calendar.Date]int
}

func (s *snapshotCounter) SnapshotOpenDossiers(ctx context.Context, d calendar.Date) (int, error) {
	s.days[d]++
	return s.db.SnapshotOpenDossiers(ctx, d)
}

func TestDossierSnapshotsRunOncePerDay(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := &fakeClock{t: time.Date(2026, 3, 10, 0, 5, 0, 0, calendar.VN)}
		counter := &snapshotCounter{db: db, days: map[calendar.Date]int{}}
		// Two nodes scanning the same database.
		var runners []*jobs.Runner
		for _, owner := range []string{"a", "b"} {
			r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Owner: owner, Log: quiet})
			jobs.NewDossierSnapshots(r, counter, time.Minute)
			runners = append(runners, r)
		}
		for i := 0; i < 3; i++ {
			for _, r := range runners {
				if err := r.Tick(ctx); err != nil {
					t.Fatal(err)
				}
			}
			clk.Add(2 * time.Minute)
		}
		if len(counter.days) != 7 {
			t.Fatalf("%d days snapshotted, want the 7 before 10/3", len(counter.days))
		}
		for d, n := range counter.days {
			if n != 1 {
				t.Errorf("%s snapshotted %d times", d, n)
			}
		}
		if counter.days[calendar.Date{Year: 2026, Month: 3, Day: 9}] != 1 {
			t.Error("yesterday was not snapshotted")
		}
		// The next day brings exactly one new day.
		clk.Set(time.Date(2026, 3, 11, 0, 5, 0, 0, calendar.VN))
		for _, r := range runners {
			if err := r.Tick(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if len(counter.days) != 8 || counter.days[calendar.Date{Year: 2026, Month: 3, Day: 10}] != 1 {
			t.Errorf("after a day: %v", counter.days)
		}
	})
}
