package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/news"
)

var visitsRe = regexp.MustCompile(`id="site-visits">([0-9.]+)<`)

func visitsOf(t *testing.T, body string) int {
	t.Helper()
	m := visitsRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no site visits on the page:\n%.2000s", body)
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
	return n
}

// getLang is getAs in a language.
func (a *app) getLang(t *testing.T, path, agent, lang string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", a.srv.URL+path, nil)
	req.Header.Set("User-Agent", agent)
	req.Header.Set("Accept-Language", lang)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res, b.String()
}

// TestNewsKeptPagesStayTrue: the article and home pages are served from
// kept, rendered copies (news_cache.go), and what they show is still that
// of the moment: each new reader's view and visit, the stored views as
// another node's flush moves them, an article unpublished (gone at once
// from its page and the list), each language its own, and an article that
// prints the very number the copies are cut at.
func TestNewsKeptPagesStayTrue(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	seed := func(title, body string, views int64) news.Article {
		at := time.Now().Add(-time.Hour)
		art, err := a.db.SeedArticle(ctx, news.Article{AgencyID: agency, UnitID: kgvx, Category: news.CatEvents, Title: title,
			Summary: "Tóm tắt.", Body: body, WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: at, Views: views, CreatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		return art
	}
	art := seed("Sơ kết công tác cải cách hành chính quý IV", "Nội dung sơ kết.", 100)
	odd := seed("Giải ngân vốn đầu tư công", "Tổng vốn đã giao là 9.087.654.321.000 đồng, đạt kế hoạch.", 5)
	page := "/tin-tuc/" + art.Slug
	reader := func(i int) string { return "Mozilla/5.0 (reader " + strconv.Itoa(i) + ") Firefox/133.0" }

	// New readers: each one more view and one more visit, on the page
	// and on the list.
	_, body := a.getAs(t, page, reader(1), "")
	views, visits := viewsOf(t, body), visitsOf(t, body)
	if views != 101 {
		t.Fatalf("the first reader sees %d views, want 101", views)
	}
	for i := 2; i <= 4; i++ {
		res, body := a.getAs(t, page, reader(i), "")
		if res.StatusCode != 200 || viewsOf(t, body) != views+i-1 || visitsOf(t, body) != visits+i-1 {
			t.Fatalf("reader %d: %d, views %d visits %d, want %d and %d", i, res.StatusCode, viewsOf(t, body), visitsOf(t, body), views+i-1, visits+i-1)
		}
	}
	res, body := a.getAs(t, page, reader(4), "") // a reload: no new count
	if viewsOf(t, body) != 104 {
		t.Errorf("a reload shows %d views, want 104", viewsOf(t, body))
	}
	if res, _ := a.getAs(t, page, reader(4), res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("a revalidation with nothing changed: %d, want 304", res.StatusCode)
	}
	_, list := a.getAs(t, "/tin-tuc", reader(5), "")
	if !strings.Contains(list, page) || visitsOf(t, list) != visits+4 {
		t.Errorf("the list: the article %v, visits %d, want %d", strings.Contains(list, page), visitsOf(t, list), visits+4)
	}

	// Another node flushes ten views of its own: shown at once.
	if _, err := a.db.AddCounts(ctx, news.Delta{Views: map[int64]int64{art.ID: 10}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, body := a.getAs(t, page, reader(4), ""); viewsOf(t, body) != 114 {
		t.Errorf("after another node's flush: %d views, want 114", viewsOf(t, body))
	}

	// Each language its own copy, both with the counts of the moment.
	_, en := a.getLang(t, page, reader(6), "en")
	_, vi := a.getLang(t, page, reader(7), "vi")
	if !strings.Contains(en, `lang="en"`) || !strings.Contains(en, "Views: 115") || !strings.Contains(vi, `lang="vi"`) || !strings.Contains(vi, "Số lượt xem: 116") {
		t.Errorf("languages: en %v %v, vi %v %v", strings.Contains(en, `lang="en"`), strings.Contains(en, "Views: 115"),
			strings.Contains(vi, `lang="vi"`), strings.Contains(vi, "Số lượt xem: 116"))
	}

	// The article that prints the copies' mark: its text intact, its
	// count right, reader after reader.
	for i, want := range []int{6, 7} {
		_, body := a.getAs(t, "/tin-tuc/"+odd.Slug, reader(10+i), "")
		if !strings.Contains(body, "9.087.654.321.000 đồng") || viewsOf(t, body) != want {
			t.Errorf("the article with the mark, reader %d: text %v, views %d, want %d", i, strings.Contains(body, "9.087.654.321.000 đồng"), viewsOf(t, body), want)
		}
	}

	// Unpublished: gone at once from its page and from the list.
	if _, err := a.db.ArticleEvent(ctx, audit.System("test"), art.ID, news.EventUnpublish, func(news.Article) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if res, _ := a.getAs(t, page, reader(1), ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("the unpublished article: %d, want 404", res.StatusCode)
	}
	if _, list := a.getAs(t, "/tin-tuc", reader(5), ""); strings.Contains(list, page) {
		t.Errorf("the list still shows the unpublished article")
	}
}
