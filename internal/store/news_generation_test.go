package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The news generation (what the public pages keep their reads under)
// moves on with every committed change of an article or of its stored
// views, and not with a flush that adds only visits.
func TestNewsGeneration(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag, err := db.CreateUnit(ctx, audit.System("test"), org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		var art news.Article
		now := time.Now()
		for _, step := range []struct {
			name  string
			do    func() error
			moves bool
		}{
			{"an article seeded", func() error {
				art, err = db.SeedArticle(ctx, news.Article{AgencyID: ag.ID, UnitID: ag.ID, Category: news.CatEvents, Title: "Tin thế hệ",
					Body: "x", WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: now.Add(-time.Hour), CreatedAt: now})
				return err
			}, true},
			{"views flushed", func() error {
				_, err := db.AddCounts(ctx, news.Delta{Views: map[int64]int64{art.ID: 3}, Visits: 3}, now)
				return err
			}, true},
			{"visits alone flushed", func() error {
				_, err := db.AddCounts(ctx, news.Delta{Visits: 2}, now)
				return err
			}, false},
			{"unpublished", func() error {
				_, err := db.ArticleEvent(ctx, audit.System("test"), art.ID, news.EventUnpublish, func(news.Article) error { return nil })
				return err
			}, true},
			{"a refused event", func() error {
				if _, err := db.ArticleEvent(ctx, audit.System("test"), art.ID, news.EventUnpublish, func(news.Article) error { return nil }); err == nil {
					t.Error("unpublishing twice succeeded")
				}
				return nil
			}, false},
		} {
			before, ok := db.NewsGeneration()
			if !ok {
				t.Fatalf("%s: the generation may not be relied on", step.name)
			}
			if err := step.do(); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			after, _ := db.NewsGeneration()
			if (after != before) != step.moves {
				t.Errorf("%s: the generation went from %d to %d; moves = %v wanted", step.name, before, after, step.moves)
			}
		}
	})
}

// On PostgreSQL a change on one node moves the generation of the other
// as soon as its notification arrives.
func TestNewsGenerationAcrossNodes(t *testing.T) {
	a, b := twoPGNodes(t)
	ctx := context.Background()
	ag, err := a.CreateUnit(ctx, audit.System("test"), org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	art, err := a.SeedArticle(ctx, news.Article{AgencyID: ag.ID, UnitID: ag.ID, Category: news.CatEvents, Title: "Tin hai nút",
		Body: "x", WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: time.Now().Add(-time.Hour), CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := b.NewsGeneration()
	if _, err := a.AddCounts(ctx, news.Delta{Views: map[int64]int64{art.ID: 1}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool { g, ok := b.NewsGeneration(); return ok && g != before }) {
		t.Error("views flushed on node A did not move node B's news generation")
	}
}
