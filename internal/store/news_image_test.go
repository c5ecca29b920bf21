package store_test

import (
	"context"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/file"
	"congvu/internal/news"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func TestArticleImages(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testArticleImages(t, engine) })
	}
}

// testArticleImages: an image and its two files are written with the
// cover in one transaction; a refusal writes none of them; the cover is
// one of the article's own images; the public address reads the image
// with its article's state; the most-read list and the daily visits.
func testArticleImages(t *testing.T, engine string) {
	clk := &workClock{}
	clk.Set("2021-11-26 08:00")
	db := storetest.New(t, engine, store.Options{Now: clk.Now})
	ctx := context.Background()
	f := newWorkFixture(t, db)
	writer := f.actor(f.lead)
	d := news.Draft{UnitID: f.kgvx.ID, Category: string(news.CatEvents), Title: "Hội nghị sơ kết công tác năm",
		Body: "Nội dung.", WriterUnit: "Phòng KGVX."}
	a, err := db.CreateArticle(ctx, writer, f.agency.ID, d, func(news.Draft) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	files := func(n string) file.File {
		return file.File{SHA256: "ab" + n, Name: "anh" + n + ".png", Size: 10, ContentType: file.PNG, UploadedBy: f.lead.ID}
	}
	img := news.Image{Alt: "Toàn cảnh hội nghị", Width: 1200, Height: 600, ThumbWidth: 400, ThumbHeight: 200, OrigWidth: 2400, OrigHeight: 1200, Name: "hoi-nghi.png"}
	count := func() (imgs, fs int) {
		list, err := db.ArticleImages(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		sums, err := db.FileSums(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(list), len(sums)
	}
	refuse := apperr.Forbiddenf("không", "no")
	if _, err := db.AddArticleImage(ctx, writer, a.ID, img, files("1"), files("2"), true, func(news.Article) error { return refuse }); err != refuse {
		t.Fatalf("refused: %v", err)
	}
	if n, fs := count(); n != 0 || fs != 0 {
		t.Fatalf("a refusal wrote %d images, %d files", n, fs)
	}
	got, err := db.AddArticleImage(ctx, writer, a.ID, img, files("1"), files("2"), true, func(news.Article) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n, fs := count(); n != 1 || fs != 2 {
		t.Fatalf("%d images, %d files; want 1, 2", n, fs)
	}
	back, err := db.Article(ctx, a.ID)
	if err != nil || back.CoverImageID != got.ID || back.Version != a.Version+1 {
		t.Fatalf("cover %d (version %d), want %d: %v", back.CoverImageID, back.Version, got.ID, err)
	}
	i, art, fl, err := db.ImageToServe(ctx, got.ID, true)
	if err != nil || i.Alt != img.Alt || art.Status != news.StatusDraft || art.UnitID != f.kgvx.ID || fl.SHA256 != "ab2" {
		t.Fatalf("to serve: %+v %+v %+v %v", i, art, fl, err)
	}
	if _, _, _, err := db.ImageToServe(ctx, got.ID+100, false); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("no image: %v", err)
	}

	// The cover: another article's image is refused; 0 clears it.
	other, err := db.CreateArticle(ctx, writer, f.agency.ID, news.Draft{UnitID: f.kgvx.ID, Category: string(news.CatEvents), Title: "Bài thứ hai của phòng",
		Body: "Nội dung.", WriterUnit: "Phòng KGVX."}, func(news.Draft) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	ok := func(news.Article) error { return nil }
	if _, err := db.SetArticleCover(ctx, writer, other.ID, got.ID, ok); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("another article's image: %v", err)
	}
	if c, err := db.SetArticleCover(ctx, writer, a.ID, 0, ok); err != nil || c.CoverImageID != 0 {
		t.Fatalf("clear the cover: %+v %v", c, err)
	}
	list, _, err := db.Articles(ctx, store.ArticleQuery{AgencyID: f.agency.ID})
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %v", err)
	}

	// The statistics.
	if err := db.SeedDailyVisits(ctx, map[string]int64{"2021-11-24": 7, "2021-11-25": 9}); err != nil {
		t.Fatal(err)
	}
	days, err := db.DailyVisits(ctx, "2021-11-25", "2021-11-26")
	if err != nil || len(days) != 1 || days["2021-11-25"] != 9 {
		t.Fatalf("daily visits %v %v", days, err)
	}
	if top, err := db.TopArticles(ctx, f.agency.ID, 10); err != nil || len(top) != 0 {
		t.Fatalf("no article is published: %v %v", top, err)
	}
}
