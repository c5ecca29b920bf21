package web

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/news"
)

// newsMatrixCases are the news pages' requests: the public ones on a
// published article, the editorial ones on the own unit's drafts (a fresh
// one per row where the request changes it).
func newsMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	seed := func(t testing.TB, st news.Status) news.Article {
		now := time.Now()
		a, err := f.DB.SeedArticle(context.Background(), news.Article{AgencyID: f.Agency.ID, UnitID: f.OwnUnit.ID, Category: news.CatNotices,
			Title: fmt.Sprintf("Thông báo số %d", f.Unique()), Body: "Nội dung thông báo.", WriterUnit: "Phòng KGVX.", Status: st,
			PublishedAt: now.Add(-time.Hour), CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	published, draft := seed(t, news.StatusPublished), seed(t, news.StatusDraft)
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	fields := func() url.Values {
		return url.Values{"unit_id": {fmt.Sprint(f.OwnUnit.ID)}, "category": {string(news.CatEvents)}, "title": {fmt.Sprintf("Tin hoạt động số %d", f.Unique())},
			"body": {"Nội dung."}, "writer_unit": {"Phòng KGVX."}}
	}
	return map[string]matrixCase{
		"GET /tin-tuc":         {build: get("/tin-tuc")},
		"GET /tin-tuc/rss.xml": {build: get("/tin-tuc/rss.xml")},
		"GET /tin-tuc/{slug}":  {build: get("/tin-tuc/" + published.Slug)},
		"GET /sitemap.xml":     {build: get("/sitemap.xml")},
		"GET /articles":        {build: get("/articles")},
		"GET /articles/new":    {build: get("/articles/new")},
		"POST /articles":       {build: func(testing.TB, who) req { return req{Path: "/articles", Form: fields()} }},
		"GET /articles/{id}":   {build: get(fmt.Sprint("/articles/", draft.ID))},
		"POST /articles/{id}": {build: func(t testing.TB, _ who) req {
			return req{Path: fmt.Sprint("/articles/", seed(t, news.StatusDraft).ID), Form: fields()}
		}},
		"POST /articles/{id}/events": {build: func(t testing.TB, _ who) req {
			return req{Path: fmt.Sprint("/articles/", seed(t, news.StatusDraft).ID, "/events"), Form: url.Values{"action": {"submit"}}}
		}},
	}
}
