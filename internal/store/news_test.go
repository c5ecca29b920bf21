package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/news"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func TestArticles(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testArticles(t, engine) })
	}
}

// testArticles: an official drafts, edits and submits; the director
// publishes at a later time, and the public sees it from then; a search
// without diacritics finds it; a second article of the same title gets
// its own address; an edit of a published article, a stale version, a
// bad field and a refused right each write nothing.
func testArticles(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2021-11-26 08:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	writer := f.actor(f.lead)
	ok := func(news.Draft) error { return nil }
	d := news.Draft{UnitID: f.kgvx.ID, Category: string(news.CatInvestment), Title: "Hội nghị triển khai kế hoạch đầu tư công năm 2022",
		Summary: "Sáng 26/11, Sở tổ chức hội nghị.", Body: "Nội dung **chính**.", WriterUnit: "Phòng KGVX.", Author: "Nguyễn Văn Chủ Trì"}
	a, err := db.CreateArticle(ctx, writer, f.agency.ID, d, ok)
	if err != nil {
		t.Fatal(err)
	}
	if a.Slug != "hoi-nghi-trien-khai-ke-hoach-dau-tu-cong-nam-2022" || a.Status != news.StatusDraft {
		t.Fatalf("created %+v", a)
	}
	twin, err := db.CreateArticle(ctx, writer, f.agency.ID, d, ok)
	if err != nil || twin.Slug != fmt.Sprintf("%s-%d", a.Slug, twin.ID) {
		t.Fatalf("a second article of the title: %q, %v", twin.Slug, err)
	}
	bad := d
	bad.Title = ""
	if _, err := db.CreateArticle(ctx, writer, f.agency.ID, bad, ok); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("no title: %v", err)
	}
	deny := func(news.Draft) error { return apperr.Forbiddenf("không", "no") }
	if _, err := db.CreateArticle(ctx, writer, f.agency.ID, d, deny); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("refused: %v", err)
	}
	d.Body = "Nội dung đã sửa."
	if _, err := db.UpdateArticle(ctx, writer, a.ID, a.Version+5, d, func(news.Article, news.Draft) error { return nil }); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("stale version: %v", err)
	}
	a, err = db.UpdateArticle(ctx, writer, a.ID, a.Version, d, func(news.Article, news.Draft) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	any := func(news.Article) error { return nil }
	if _, err := db.ArticleEvent(ctx, writer, a.ID, news.EventPublish, any); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("publishing a draft: %v", err)
	}
	if a, err = db.ArticleEvent(ctx, writer, a.ID, news.EventSubmit, any); err != nil {
		t.Fatal(err)
	}
	// Scheduled: published at 08:00 for 12:46.
	d.PublishAt = vnTime("2021-11-26 12:46")
	if _, err := db.UpdateArticle(ctx, writer, a.ID, 0, d, func(news.Article, news.Draft) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if a, err = db.ArticleEvent(ctx, f.actor(f.director), a.ID, news.EventPublish, any); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublicArticle(ctx, a.Slug, clk.Now()); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("visible before its time: %v", err)
	}
	list, total, err := db.Articles(ctx, store.ArticleQuery{Public: true, Now: clk.Now()})
	if err != nil || total != 0 || len(list) != 0 {
		t.Fatalf("public list before its time: %d %v", total, err)
	}
	clk.Set("2021-11-26 12:46")
	got, err := db.PublicArticle(ctx, a.Slug, clk.Now())
	if err != nil || got.Body != "Nội dung đã sửa." || !got.PublishedAt.Equal(vnTime("2021-11-26 12:46")) {
		t.Fatalf("public article %+v, %v", got, err)
	}
	for _, q := range []string{"dau tu cong", "ĐẦU TƯ", "kgvx", "noi dung da sua"} {
		list, total, err = db.Articles(ctx, store.ArticleQuery{Public: true, Now: clk.Now(), Search: q, Category: news.CatInvestment})
		if err != nil || total != 1 || list[0].ID != a.ID || list[0].Body != "" {
			t.Fatalf("search %q: %d %v", q, total, err)
		}
	}
	if _, total, _ = db.Articles(ctx, store.ArticleQuery{Public: true, Now: clk.Now(), Category: news.CatNotices}); total != 0 {
		t.Fatalf("another category: %d", total)
	}
	if _, total, _ = db.Articles(ctx, store.ArticleQuery{AgencyID: f.agency.ID}); total != 2 {
		t.Fatalf("staff list: %d, want both", total)
	}
	if _, err := db.UpdateArticle(ctx, writer, a.ID, 0, d, func(news.Article, news.Draft) error { return nil }); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("editing a published article: %v", err)
	}
	if _, err := db.ArticleEvent(ctx, writer, a.ID, news.EventUnpublish, any); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublicArticle(ctx, a.Slug, clk.Now()); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("visible once unpublished: %v", err)
	}
}

func TestSiteCounts(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testSiteCounts(t, engine) })
	}
}

// testSiteCounts: two nodes count on one store; each flush adds its
// delta, so the stored views and visits are the sum of both nodes'
// exactly, the salt is shared (a visitor on both nodes is online once),
// and a new counter (a restart) starts from the stored totals.
func testSiteCounts(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2026-12-03 09:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	a, err := db.SeedArticle(ctx, news.Article{AgencyID: f.agency.ID, UnitID: f.kgvx.ID, Category: news.CatEvents, Title: "Tin đếm lượt xem",
		Body: "x", WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: clk.Now(), Views: 363, CreatedAt: clk.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetSiteVisits(ctx, 65103541); err != nil {
		t.Fatal(err)
	}
	nodes := []*news.Counter{news.NewCounter(db, clk.Now), news.NewCounter(db, clk.Now)}
	const each = 60
	var wg sync.WaitGroup
	for n, c := range nodes {
		wg.Add(1)
		go func(n int, c *news.Counter) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				c.Hit(ctx, fmt.Sprintf("10.%d.0.%d:1", n, i), "Mozilla/5.0 Firefox/133.0", a.ID)
				if i%20 == 0 {
					if err := c.Flush(ctx); err != nil {
						t.Error(err)
					}
				}
			}
			// The same reader as node 0's first also reaches this node.
			c.Hit(ctx, "10.0.0.0:1", "Mozilla/5.0 Firefox/133.0", 0)
		}(n, c)
	}
	wg.Wait()
	for _, c := range nodes {
		if err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Article(ctx, a.ID)
	if err != nil || got.Views != 363+2*each {
		t.Fatalf("views %d, want %d (%v)", got.Views, 363+2*each, err)
	}
	restarted := news.NewCounter(db, clk.Now)
	if err := restarted.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	// Node 1's extra hit of 10.0.0.0 is a visit on that node (visits are
	// kept per node within the half hour); online counts the person once.
	if s := restarted.Site(); s.Visits != 65103541+2*each+1 || s.Online != 2*each {
		t.Fatalf("after a restart: %+v, want %d visits and %d online", s, 65103541+2*each+1, 2*each)
	}
	clk.Add(news.OnlineWindow)
	if err := restarted.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if s := restarted.Site(); s.Online != 0 {
		t.Fatalf("five minutes later %d online", s.Online)
	}
	days, err := db.DailyVisits(ctx, "2026-12-01", "2026-12-31")
	if err != nil || days["2026-12-03"] != 2*each+1 {
		t.Fatalf("daily visits %v %v", days, err)
	}
	s1, _ := db.DailySalt(ctx, "2026-12-03")
	s2, _ := db.DailySalt(ctx, "2026-12-03")
	if len(s1) != 32 || string(s1) != string(s2) {
		t.Fatal("the day's salt is not shared")
	}
	_ = time.Second
}
