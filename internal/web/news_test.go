package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/news"
)

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

// get fetches path with a user agent and an If-None-Match, anonymously.
func (a *app) getAs(t *testing.T, path, agent, etag string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", a.srv.URL+path, nil)
	req.Header.Set("User-Agent", agent)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
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

var viewsRe = regexp.MustCompile(`Số lượt xem: ([0-9.]+)`)

func viewsOf(t *testing.T, body string) int {
	t.Helper()
	m := viewsRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no view count on the page:\n%.2000s", body)
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
	return n
}

// TestNewsPublicPages: the seed's article reads as on the agency's page
// (its date, count and writing unit, OpenGraph and canonical tags); a
// script in its title or body is inert; reloads and bots do not count;
// the ETag answers 304; the page stays under 100 KB; a draft and a
// scheduled article are not found; bad paging is a 400 naming the field.
func TestNewsPublicPages(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	vn := time.FixedZone("ICT", 7*3600)
	seed := func(title, body string, st news.Status, at time.Time, views int64) news.Article {
		art, err := a.db.SeedArticle(ctx, news.Article{AgencyID: agency, UnitID: kgvx, Category: news.CatEvents, Title: title,
			Summary: "Tóm tắt.", Body: body, WriterUnit: "Phòng KGVX.", Status: st, PublishedAt: at, Views: views, CreatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		return art
	}
	art := seed("Hội nghị <script>alert(1)</script> tổng kết", "Mở đầu <img src=x onerror=alert(1)> và [link](javascript:alert(1)).",
		news.StatusPublished, time.Date(2021, 11, 26, 12, 46, 0, 0, vn), 363)
	draft := seed("Bản nháp chưa đăng", "x", news.StatusDraft, time.Time{}, 0)
	later := seed("Tin hẹn giờ", "x", news.StatusPublished, time.Now().Add(time.Hour), 0)

	res, body := a.getAs(t, "/tin-tuc/"+art.Slug, chrome, "")
	if res.StatusCode != 200 {
		t.Fatalf("article: %d\n%s", res.StatusCode, body)
	}
	for _, want := range []string{"26/11/2021 12:46", "Số lượt xem: 364", "Phòng KGVX.", `<link rel="canonical" href="`, `property="og:title"`,
		"Trực tuyến: <strong", "Đã truy cập: <strong", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the article page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`} {
		if strings.Contains(body, bad) {
			t.Errorf("the article page carries %q", bad)
		}
	}
	if len(body) > 100<<10 {
		t.Errorf("the article page is %d bytes", len(body))
	}
	// Reloads, a bot, and a 304 revalidation: none is a new view.
	for i := 0; i < 5; i++ {
		a.getAs(t, "/tin-tuc/"+art.Slug, chrome, "")
	}
	a.getAs(t, "/tin-tuc/"+art.Slug, "Googlebot/2.1 (+http://www.google.com/bot.html)", "")
	a.getAs(t, "/tin-tuc/"+art.Slug, "curl/8.5.0", "")
	res, body = a.getAs(t, "/tin-tuc/"+art.Slug, chrome, "")
	if n := viewsOf(t, body); n != 364 {
		t.Errorf("after reloads and bots the count is %d, want 364", n)
	}
	etag := res.Header.Get("ETag")
	if res.Header.Get("Cache-Control") == "" || etag == "" {
		t.Errorf("no caching headers: %v", res.Header)
	}
	if res, _ = a.getAs(t, "/tin-tuc/"+art.Slug, chrome, etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	// Another reader is a view.
	if _, body = a.getAs(t, "/tin-tuc/"+art.Slug, "Mozilla/5.0 Firefox/133.0", ""); viewsOf(t, body) != 365 {
		t.Errorf("a second reader: %d, want 365", viewsOf(t, body))
	}
	for _, slug := range []string{draft.Slug, later.Slug, "khong-co-bai-nay"} {
		if res, _ := a.getAs(t, "/tin-tuc/"+slug, chrome, ""); res.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", slug, res.StatusCode)
		}
	}
	res, body = a.getAs(t, "/tin-tuc?q=tong+ket", chrome, "")
	if res.StatusCode != 200 || !strings.Contains(body, "/tin-tuc/"+art.Slug) || strings.Contains(body, later.Slug) {
		t.Errorf("search without diacritics: %d", res.StatusCode)
	}
	for _, bad := range []struct{ path, field string }{{"/tin-tuc?trang=abc", "trang"}, {"/tin-tuc?chuyen-muc=xyz", "chuyên mục"}} {
		if res, body := a.getAs(t, bad.path, chrome, ""); res.StatusCode != 400 || !strings.Contains(body, bad.field) {
			t.Errorf("%s: %d, want 400 naming %s", bad.path, res.StatusCode, bad.field)
		}
	}
	for _, p := range []struct{ path, want string }{{"/tin-tuc/rss.xml", "<rss"}, {"/sitemap.xml", "<urlset"}} {
		if res, body := a.getAs(t, p.path, chrome, ""); res.StatusCode != 200 || !strings.Contains(body, p.want) || !strings.Contains(body, art.Slug) {
			t.Errorf("%s: %d", p.path, res.StatusCode)
		}
	}
}

// TestNewsEditorialFlow: an official writes and submits an article of
// their division; they may not publish it; the director publishes it and
// the public reads it.
func TestNewsEditorialFlow(t *testing.T) {
	a := newApp(t)
	writer, chief := a.login(t, "chuyenvien"), a.login(t, "giamdoc")
	form := writer.do("GET", "/articles/new", nil, false)
	m := regexp.MustCompile(`<option value="([0-9]+)"`).FindStringSubmatch(form.body)
	if form.status != 200 || m == nil {
		t.Fatalf("the form: %d", form.status)
	}
	fields := url.Values{"unit_id": {m[1]}, "category": {"thong-bao"}, "title": {"Thông báo lịch tiếp công dân tháng 12"},
		"body": {"## Lịch\n- Thứ Hai"}, "writer_unit": {"Phòng KGVX."}}
	bad := url.Values{"unit_id": {m[1]}, "category": {"thong-bao"}, "title": {""}, "body": {"x"}, "writer_unit": {"Phòng KGVX."}}
	if res := writer.do("POST", "/articles", bad, true); res.status != 400 || !strings.Contains(res.body, "thiếu title") && !strings.Contains(res.body, "title") {
		t.Fatalf("no title: %d", res.status)
	}
	res := writer.do("POST", "/articles", fields, true)
	if res.status != 303 {
		t.Fatalf("create: %d\n%.3000s", res.status, res.body)
	}
	page := res.header.Get("Location")
	if res := writer.do("POST", page+"/events", url.Values{"action": {"submit"}}, true); res.status != 303 {
		t.Fatalf("submit: %d", res.status)
	}
	if res := writer.do("POST", page+"/events", url.Values{"action": {"publish"}}, true); res.status != 403 {
		t.Fatalf("an official publishing: %d, want 403", res.status)
	}
	view := chief.do("GET", page, nil, false)
	if !strings.Contains(view.body, `id="act-publish"`) || strings.Contains(view.body, `id="act-submit"`) {
		t.Fatalf("the chief's buttons:\n%.3000s", view.body)
	}
	if res := chief.do("POST", page+"/events", url.Values{"action": {"publish"}}, true); res.status != 303 {
		t.Fatalf("publish: %d", res.status)
	}
	if res := chief.do("POST", page+"/events", url.Values{"action": {"publish"}}, true); res.status != 409 {
		t.Fatalf("publishing twice: %d, want 409", res.status)
	}
	if res, body := a.getAs(t, "/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-12", chrome, ""); res.StatusCode != 200 || !strings.Contains(body, "<h2>Lịch</h2>") {
		t.Fatalf("the public article: %d", res.StatusCode)
	}
}
