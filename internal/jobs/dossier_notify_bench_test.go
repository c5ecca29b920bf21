package jobs

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// BenchmarkScanDossiersDue compares, on the same database, the due scan
// as it runs (the open dossiers due before the latest end of 24 working
// hours of any agency) with a baseline that reads every open dossier due
// within three weeks, as a window without the calendar would. Both
// enqueue the same jobs (all already enqueued after the first pass, as on
// every pass but the first in production).
//
//	CONGVU_BENCH_DOSSIERS=100000 go test ./internal/jobs -run '^$' -bench ScanDossiersDue -benchtime 20x
func BenchmarkScanDossiersDue(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("CONGVU_BENCH_DOSSIERS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	now := time.Date(2026, 3, 11, 9, 0, 0, 0, calendar.VN) // a Wednesday
	db := storetest.New(b, "sqlite", store.Options{Now: func() time.Time { return now }})
	if _, err := demo.Seed(ctx, db, now); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: n, Now: now, Months: 2, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	r := NewRunner(db, Options{Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w := NewWork(r, db, Config{})
	open, err := db.FindOpenDossiersDue(ctx, now.Add(-dueLookback), now.Add(21*24*time.Hour), time.Time{}, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	cals := map[int64]*calendar.Calendar{}
	end, err := w.dueSoonEnd(ctx, now, cals)
	if err != nil {
		b.Fatal(err)
	}
	soon, err := db.FindOpenDossiersDue(ctx, now.Add(-dueLookback), end, time.Time{}, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d dossiers; %d open and due from 7 days ago to 3 weeks ahead; %d due before the end of 24 working hours", n, len(open), len(soon))
	// The first pass enqueues; a pass of each warms the caches and pages
	// before anything is timed.
	for range 2 {
		if err := w.ScanDossiersDue(ctx, now); err != nil {
			b.Fatal(err)
		}
		if err := w.scanDue(ctx, now, now.Add(21*24*time.Hour), map[int64]*calendar.Calendar{}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("scan=three-weeks-baseline", func(b *testing.B) {
		for b.Loop() {
			if err := w.scanDue(ctx, now, now.Add(21*24*time.Hour), map[int64]*calendar.Calendar{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("scan=calendar-window", func(b *testing.B) {
		for b.Loop() {
			if err := w.ScanDossiersDue(ctx, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("window-end-only", func(b *testing.B) {
		for b.Loop() {
			if _, err := w.dueSoonEnd(ctx, now, map[int64]*calendar.Calendar{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
