package api

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/auth"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/news"
)

func init() {
	requestSeeds["setArticleCover"] = []string{`{"image_id":3}`, `{"image_id":0}`, `{"image_id":-1}`, `{"image_id":"3"}`, `{"image_id":3,"x":1}`}
}

// newsImageMatrixCases: each editor uploading an image to, or choosing
// the cover of, a fresh draft of the Own unit.
func newsImageMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	ctx := context.Background()
	p := f.NewPerson(t, false)
	uploader := &auth.Subject{PersonID: p.ID, AgencyID: f.Agency.ID, Name: p.FullName}
	png := filetest.PNG(t)
	draft := func(t testing.TB) news.Article {
		now := time.Now()
		a, err := f.DB.SeedArticle(ctx, news.Article{AgencyID: f.Agency.ID, UnitID: f.OwnUnit.ID, Category: news.CatEvents,
			Title: fmt.Sprintf("Tin có ảnh số %d", f.Unique()), Body: "Nội dung.", WriterUnit: "Phòng KGVX.", Status: news.StatusDraft, CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	return map[string]matrixCase{
		"POST /api/v1/articles/{id}/images": {build: func(t testing.TB, _ who) req {
			body, ct := filetest.Multipart(t, map[string]string{"alt": "Ảnh hội nghị", "cover": "true"}, "image", "hoi-nghi.png", png)
			return req{Path: fmt.Sprint("/api/v1/articles/", draft(t).ID, "/images"), Body: body, ContentType: ct}
		}},
		"PUT /api/v1/articles/{id}/cover": {build: func(t testing.TB, _ who) req {
			a := draft(t)
			img, err := s.deps.SaveArticleImage(ctx, uploader, a.ID, httpx.ImageUpload{Name: "anh.png", Alt: "Ảnh thử", Body: bytes.NewReader(png)},
				func(news.Article) error { return nil })
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprint("/api/v1/articles/", a.ID, "/cover"), ContentType: "application/json", Body: fmt.Sprintf(`{"image_id":%d}`, img.ID)}
		}},
	}
}
