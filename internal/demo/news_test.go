package demo_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/demo"
	"congvu/internal/news"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestSeedNews: about two hundred articles over two years, the seed's
// among them as on its page, views that look real, the site's total.
func TestSeedNews(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	ctx := context.Background()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	if _, err := demo.Seed(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	st, err := demo.SeedNews(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles < 190 || st.Articles > 210 {
		t.Fatalf("%d articles", st.Articles)
	}
	a, err := db.PublicArticle(ctx, news.Slug(demo.SeedArticleTitle), now)
	if err != nil {
		t.Fatal(err)
	}
	vn := time.FixedZone("ICT", 7*3600)
	if a.PublishedAt.In(vn).Format("02/01/2006 15:04") != "26/11/2021 12:46" || a.WriterUnit != "Phòng KGVX." || a.Views != 363 {
		t.Fatalf("the seed article: %s %q %d", a.PublishedAt.In(vn), a.WriterUnit, a.Views)
	}
	list, total, err := db.Articles(ctx, store.ArticleQuery{Public: true, Now: now, PerPage: 500})
	if err != nil || total < 180 {
		t.Fatalf("%d public, %v", total, err)
	}
	var sum int64
	oldest := now
	for _, x := range list {
		if x.Views <= 0 {
			t.Errorf("%s has %d views", x.Title, x.Views)
		}
		sum += x.Views
		if x.PublishedAt.Before(oldest) && x.ID != a.ID {
			oldest = x.PublishedAt
		}
	}
	if avg := sum / int64(len(list)); avg < 100 || avg > 3000 {
		t.Errorf("average views %d", avg)
	}
	if now.Sub(oldest) < 700*24*time.Hour {
		t.Errorf("the articles start %v, not two years back", oldest)
	}
	if again, _ := demo.SeedNews(ctx, db, now); again.Articles != 0 {
		t.Error("a second run added articles")
	}
}
