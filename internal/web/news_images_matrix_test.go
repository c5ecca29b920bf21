package web

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/auth"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/news"
)

// newsImageMatrixCases are the requests of the articles' images and the
// portal's statistics: a published article's image read by everyone, and
// each editorial write on a fresh draft of the Own unit with an image.
func newsImageMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	ctx := context.Background()
	p := f.NewPerson(t, false)
	uploader := &auth.Subject{PersonID: p.ID, AgencyID: f.Agency.ID, Name: p.FullName}
	png := filetest.PNG(t)
	seed := func(t testing.TB, st news.Status) (news.Article, news.Image) {
		now := time.Now()
		a, err := f.DB.SeedArticle(ctx, news.Article{AgencyID: f.Agency.ID, UnitID: f.OwnUnit.ID, Category: news.CatEvents,
			Title: fmt.Sprintf("Tin có ảnh số %d", f.Unique()), Body: "Nội dung.", WriterUnit: "Phòng KGVX.", Status: st,
			PublishedAt: now.Add(-time.Hour), CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		img, err := s.deps.SaveArticleImage(ctx, uploader, a.ID, httpx.ImageUpload{Name: "anh.png", Alt: "Ảnh thử", Body: bytes.NewReader(png)},
			func(news.Article) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		return a, img
	}
	_, published := seed(t, news.StatusPublished)
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	fields := func() url.Values {
		return url.Values{"unit_id": {fmt.Sprint(f.OwnUnit.ID)}, "category": {string(news.CatEvents)}, "title": {fmt.Sprintf("Tin hoạt động số %d", f.Unique())},
			"body": {"Nội dung."}, "writer_unit": {"Phòng KGVX."}}
	}
	return map[string]matrixCase{
		"GET /tin-tuc/anh/{id}":     {build: get(published.URL())},
		"GET /tin-tuc/anh/{id}/nho": {build: get(published.ThumbURL())},
		"GET /articles/stats":       {build: get("/articles/stats")},
		"POST /articles/{id}/images": {build: func(t testing.TB, id who) req {
			a, _ := seed(t, news.StatusDraft)
			fs := map[string]string{"alt": "Ảnh hội nghị"}
			if id.CSRF != "" {
				fs["csrf"] = id.CSRF
			}
			body, ct := filetest.Multipart(t, fs, "image", "hoi-nghi.png", png)
			return req{Path: fmt.Sprint("/articles/", a.ID, "/images"), Body: body, ContentType: ct}
		}},
		"POST /articles/{id}/images/{image}/insert": {build: func(t testing.TB, _ who) req {
			a, img := seed(t, news.StatusDraft)
			return req{Path: fmt.Sprint("/articles/", a.ID, "/images/", img.ID, "/insert"), Form: fields()}
		}},
		"POST /articles/{id}/cover": {build: func(t testing.TB, _ who) req {
			a, img := seed(t, news.StatusDraft)
			return req{Path: fmt.Sprint("/articles/", a.ID, "/cover"), Form: url.Values{"image_id": {fmt.Sprint(img.ID)}}}
		}},
	}
}
