package demo_test

import (
	"context"
	"image"
	"testing"
	"time"

	"congvu/internal/blob"
	"congvu/internal/demo"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestSeedNewsCovers: the latest articles get a banner drawn in code as
// their cover, stored at both sizes in the file store; the last 90 days
// have visits; a second run adds nothing.
func TestSeedNewsCovers(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	ctx := context.Background()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	if _, err := demo.Seed(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedNews(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	files, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	n, err := demo.SeedNewsCovers(ctx, db, files, now)
	if err != nil || n != 6 {
		t.Fatalf("%d covers, %v", n, err)
	}
	list, _, err := db.Articles(ctx, store.ArticleQuery{Public: true, Now: now, PerPage: 6})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.CoverImageID == 0 {
			t.Fatalf("%q has no cover", a.Title)
		}
		_, _, f, err := db.ImageToServe(ctx, a.CoverImageID, true)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := files.Open(ctx, f.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(rc)
		rc.Close()
		if err != nil || cfg.Width != 400 || cfg.Height != 210 {
			t.Errorf("thumbnail %d×%d (%v), want 400×210", cfg.Width, cfg.Height, err)
		}
	}
	days, err := db.DailyVisits(ctx, now.AddDate(0, 0, -89).Format("2006-01-02"), now.Format("2006-01-02"))
	if err != nil || len(days) != 90 {
		t.Fatalf("%d days of visits, %v", len(days), err)
	}
	if again, err := demo.SeedNewsCovers(ctx, db, files, now); err != nil || again != 0 {
		t.Fatalf("a second run: %d, %v", again, err)
	}
}
