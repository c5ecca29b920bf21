package api

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/news"
)

func init() {
	requestSeeds["createArticle"] = []string{
		`{"unit_id":3,"category":"tin-tuc-su-kien","title":"Hội nghị triển khai kế hoạch đầu tư công năm 2022","summary":"Sáng 26/11.","body":"## Nội dung\n- một\n- **hai**","writer_unit":"Phòng KGVX.","author":"Nguyễn Văn A"}`,
		`{"unit_id":3,"category":"thong-bao","title":"Thông báo lịch tiếp công dân","body":"x","writer_unit":"Phòng KGVX.","publish_at":"2026-12-03T08:00:00+07:00"}`,
		`{"unit_id":3,"category":"xyz","title":"<script>alert(1)</script>","body":"![](/files/1)","writer_unit":""}`,
		`{"unit_id":"3","category":"thong-bao","title":"abc","body":"x","writer_unit":"P","publish_at":"03/12/2026"}`,
	}
	requestSeeds["updateArticle"] = []string{
		`{"unit_id":3,"category":"dau-tu-cong","title":"Tiến độ giải ngân vốn đầu tư công","body":"Nội dung [xem](https://example.gov.vn)","writer_unit":"Phòng KGVX.","version":2}`,
		`{"unit_id":0,"category":"dau-tu-cong","title":"","body":"","writer_unit":"x","version":-1}`,
	}
	requestSeeds["articleEvent"] = []string{`{"action":"submit"}`, `{"action":"publish"}`, `{"action":"unpublish"}`, `{"action":"delete"}`, `{"action":1}`}
}

// newsMatrixCases: the public routes on a published article, the
// editors' on drafts of the Own unit (a fresh one per identity for writes).
func newsMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	seed := func(t testing.TB, st news.Status) news.Article {
		now := time.Now()
		a, err := f.DB.SeedArticle(context.Background(), news.Article{AgencyID: f.Agency.ID, UnitID: f.OwnUnit.ID, Category: news.CatNotices,
			Title: fmt.Sprintf("Thông báo số %d", f.Unique()), Body: "Nội dung.", WriterUnit: "Phòng KGVX.", Status: st,
			PublishedAt: now.Add(-time.Hour), CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	published := seed(t, news.StatusPublished)
	body := func() string {
		return fmt.Sprintf(`{"unit_id":%d,"category":"tin-tuc-su-kien","title":"Tin hoạt động số %d","body":"Nội dung.","writer_unit":"Phòng KGVX."}`, f.OwnUnit.ID, f.Unique())
	}
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	return map[string]matrixCase{
		"GET /api/v1/public/articles":        {build: get("/api/v1/public/articles")},
		"GET /api/v1/public/articles/{slug}": {build: get("/api/v1/public/articles/" + published.Slug)},
		"GET /api/v1/public/site-stats":      {build: get("/api/v1/public/site-stats")},
		"POST /api/v1/articles": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/articles", ContentType: "application/json", Body: body()}
		}},
		"PUT /api/v1/articles/{id}": {build: func(t testing.TB, _ who) req {
			return req{Path: fmt.Sprint("/api/v1/articles/", seed(t, news.StatusDraft).ID), ContentType: "application/json", Body: body()}
		}},
		"POST /api/v1/articles/{id}/events": {build: func(t testing.TB, _ who) req {
			return req{Path: fmt.Sprint("/api/v1/articles/", seed(t, news.StatusDraft).ID, "/events"), ContentType: "application/json", Body: `{"action":"submit"}`}
		}},
	}
}
