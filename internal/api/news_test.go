package api

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestArticlesAPI: an official writes and submits, the director
// publishes; the public API lists the article with its slug, url and
// views; reading it counts no view; bad bodies are 400 naming the field
// with nothing written; the official may not publish (403); a second
// publish is 409; a script in the title comes back as text and the body's
// HTML is sanitised.
func TestArticlesAPI(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	news.RegisterPolicy(s.deps.Policy)
	official, director := f.Who(org.RoleOfficial, accesstest.Own), f.Who(org.RoleDirector, accesstest.Own)
	body := fmt.Sprintf(`{"unit_id":%d,"category":"dau-tu-cong","title":"Giải ngân <script>alert(1)</script> vốn đầu tư công","body":"Mở đầu <b onclick=x>đậm</b> [x](javascript:alert(1))","writer_unit":"Phòng KGVX."}`, f.OwnUnit.ID)
	for _, bad := range []struct{ body, field string }{
		{strings.Replace(body, `"dau-tu-cong"`, `"xyz"`, 1), "category"},
		{strings.Replace(body, `"Phòng KGVX."`, `""`, 1), "writer_unit"},
		{strings.Replace(body, `"Mở đầu`, `"![](/files/1) Mở đầu`, 1), "body"},
		{strings.Replace(body, `"writer_unit"`, `"publish_at":"03/12/2026","writer_unit"`, 1), "publish_at"},
		{`{"unit_id":0}`, "unit_id"},
	} {
		rec := do(mux, call{method: "POST", path: "/api/v1/articles", body: bad.body, token: official.Token})
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), bad.field) {
			t.Errorf("bad %s: %d %s", bad.field, rec.Code, rec.Body)
		}
	}
	rec := do(mux, call{method: "POST", path: "/api/v1/articles", body: body, token: official.Token})
	if rec.Code != 201 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	var a articleResponse
	json.Unmarshal(rec.Body.Bytes(), &a)
	events := fmt.Sprintf("/api/v1/articles/%d/events", a.ID)
	if rec := do(mux, call{method: "POST", path: events, body: `{"action":"submit"}`, token: official.Token}); rec.Code != 200 {
		t.Fatalf("submit: %d %s", rec.Code, rec.Body)
	}
	if rec := do(mux, call{method: "POST", path: events, body: `{"action":"publish"}`, token: official.Token}); rec.Code != 403 {
		t.Fatalf("an official publishing: %d", rec.Code)
	}
	if rec := do(mux, call{method: "POST", path: events, body: `{"action":"publish"}`, token: director.Token}); rec.Code != 200 {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	if rec := do(mux, call{method: "POST", path: events, body: `{"action":"publish"}`, token: director.Token}); rec.Code != 409 {
		t.Fatalf("publish twice: %d", rec.Code)
	}
	if rec := do(mux, call{method: "PUT", path: fmt.Sprintf("/api/v1/articles/%d", a.ID), body: body, token: official.Token}); rec.Code != 409 {
		t.Fatalf("editing a published article: %d", rec.Code)
	}
	for i := 0; i < 3; i++ {
		rec = do(mux, call{method: "GET", path: "/api/v1/public/articles/" + a.Slug, header: map[string]string{"User-Agent": "Mozilla/5.0 Firefox/133.0"}})
	}
	var one publicArticleResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &one); err != nil || rec.Code != 200 {
		t.Fatalf("public article: %d %s", rec.Code, rec.Body)
	}
	if one.Views != 0 || !strings.HasSuffix(one.URL, "/tin-tuc/"+a.Slug) || one.BodyHTML == nil ||
		strings.Contains(*one.BodyHTML, "<b onclick") || strings.Contains(*one.BodyHTML, `href="javascript`) {
		t.Fatalf("public article %+v", one)
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/articles?category=dau-tu-cong&q=giai+ngan"})
	var list []publicArticleResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 1 || list[0].Slug != a.Slug || list[0].Body != nil {
		t.Fatalf("public list: %d %s", rec.Code, rec.Body)
	}
	if rec := do(mux, call{method: "GET", path: "/api/v1/public/articles?category=xyz"}); rec.Code != 400 {
		t.Fatalf("bad category: %d", rec.Code)
	}
	if rec := do(mux, call{method: "GET", path: "/api/v1/public/articles?limit=0"}); rec.Code != 400 {
		t.Fatalf("bad limit: %d", rec.Code)
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/site-stats"})
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"online":`) || !strings.Contains(rec.Body.String(), `"total_visits":`) {
		t.Fatalf("site stats: %d %s", rec.Code, rec.Body)
	}
	if _, total, _ := db.Articles(t.Context(), store.ArticleQuery{AgencyID: f.Agency.ID}); total != 1 {
		t.Fatalf("%d articles stored, want 1: a refused body wrote something", total)
	}
}
