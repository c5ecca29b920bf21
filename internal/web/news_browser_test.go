package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/news"
)

// numberIn reads the digits of a count written 65.103.542.
func numberIn(t *testing.T, s string) int {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	n, err := strconv.Atoi(b.String())
	if err != nil {
		t.Fatalf("no number in %q", s)
	}
	return n
}

// TestNewsBrowser: in a real Chromium (with a reader's user agent: a
// headless one is a robot to the counter) a visitor reads the seed's
// article with its date, count and writing unit; a reload counts nothing;
// another reader moves the article's count and the site's visits. Then an
// official writes and submits an article, the director publishes it, and
// it is on the portal.
func TestNewsBrowser(t *testing.T) {
	ctx, problems := newBrowserIn(t, 5*time.Minute, "vi-VN", chromedp.UserAgent(chrome))
	a := newApp(t)
	slug, _ := addNewsWorld(t, a)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	b.do("read the seed's article", chromedp.Navigate(base+"/tin-tuc/"+slug), visible("#article-views"))
	b.text("#article-date", "26/11/2021 12:46")
	b.text("#article-unit", "Phòng KGVX.")
	b.text("#article-views", "Số lượt xem: 364")
	b.text("#site-stats", "Trực tuyến", "Đã truy cập")
	visits := numberIn(t, b.text("#site-visits"))
	if visits < 1 {
		t.Errorf("visits %d: the visitor is not counted", visits)
	}
	b.shot("news-01-article")
	b.do("reload", chromedp.Reload(), visible("#article-views"))
	b.text("#article-views", "Số lượt xem: 364")
	a.getAs(t, "/tin-tuc/"+slug, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "") // another reader
	b.do("reload after another reader", chromedp.Reload(), visible("#article-views"))
	b.text("#article-views", "Số lượt xem: 365")
	if v := numberIn(t, b.text("#site-visits")); v != visits+1 {
		t.Errorf("visits after another reader %d, want %d", v, visits+1)
	}
	if on := numberIn(t, b.text("#site-online")); on < 2 {
		t.Errorf("online %d, want at least the two readers", on)
	}

	browserLogin(b, a, "chuyenvien")
	b.do("write", chromedp.Navigate(base+"/articles/new"), visible("#f-title"))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector("#f-unit_id"); s.selectedIndex = 1; return true })()`)); err != nil {
		t.Fatal(err)
	}
	b.do("fill the article", chromedp.SendKeys(chromedp.CSS("#f-title"), "Thông báo lịch tiếp công dân tháng 12/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-body"), "## Lịch tiếp\n- Thứ Hai hằng tuần"),
		chromedp.SetValue(chromedp.CSS("#f-writer_unit"), "Phòng KGVX."),
		click("#article-save"), visible("#act-submit"))
	b.text(".flash", "Đã lưu bài viết.")
	b.do("submit", click("#act-submit"), visible(".flash"))
	b.text("#article-status", "Chờ duyệt")
	b.shot("news-02-submitted")
	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	browserLogin(b, a, "giamdoc")
	b.do("the list", chromedp.Navigate(base+"/articles?status=submitted"), visible("main table"))
	b.do("open it", click(`main table a[href^="/articles/"]`), visible("#act-publish"))
	b.do("publish", click("#act-publish"), visible(".flash"))
	b.text("#article-status", "Đã đăng")
	b.do("on the portal", chromedp.Navigate(base+"/tin-tuc"), visible(".news-list"))
	b.text(".news-list", "Thông báo lịch tiếp công dân tháng 12/2026")
	b.shot("news-03-published")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}

// TestNewsImageBrowser: in a real Chromium an official uploads an image
// with its description to a draft, makes it the cover and inserts it
// with the "Chèn" button; the director publishes; a visitor sees it in
// the article, at its display width and with its description, and its
// thumbnail in the news list.
func TestNewsImageBrowser(t *testing.T) {
	ctx, problems := newBrowserIn(t, 5*time.Minute, "vi-VN", chromedp.UserAgent(chrome))
	a := newApp(t)
	base := a.srv.URL
	const title = "Hội nghị sơ kết công tác cải cách hành chính"
	id := newDraft(t, a.login(t, "chuyenvien"), title)
	pic := filepath.Join(t.TempDir(), "Hội nghị.png")
	if err := os.WriteFile(pic, testPNG(t, 1600, 900), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, ctx)
	browserLogin(b, a, "chuyenvien")
	b.do("open the draft", chromedp.Navigate(base+"/articles/"+id), visible("#image-form"))
	b.do("upload", chromedp.SetUploadFiles(chromedp.CSS("#f-image"), []string{pic}),
		chromedp.SendKeys(chromedp.CSS("#f-alt"), "Toàn cảnh hội nghị sơ kết"), click("#f-cover"),
		click("#image-upload"), visible(".news-image-list"))
	b.text(".flash", "Đã tải ảnh lên.")
	b.text(".news-image-list", "Toàn cảnh hội nghị sơ kết", "Ảnh đại diện", "1600 × 900 px")
	b.shot("news-img-01-uploaded")
	b.do("insert", click(`button[id^="img-insert-"]`), visible(".flash"))
	b.text(".flash", "Đã lưu bài viết.")
	body, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-body")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, "![Toàn cảnh hội nghị sơ kết](/tin-tuc/anh/") {
		t.Fatalf("the body after Chèn: %q", body)
	}
	b.do("submit", click("#act-submit"), visible(".flash"))
	b.text("#article-status", "Chờ duyệt")
	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	browserLogin(b, a, "giamdoc")
	b.do("open it", chromedp.Navigate(base+"/articles/"+id), visible("#act-publish"))
	b.do("publish", click("#act-publish"), visible(".flash"))
	b.text("#article-status", "Đã đăng")
	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))

	b.do("the article", chromedp.Navigate(base+"/tin-tuc/"+news.Slug(title)), visible(".news-body img"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const i = document.querySelector(".news-body img"); return i.complete && i.naturalWidth > 0 })()`)); err != nil {
		t.Fatalf("the article's image does not load: %v", err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector(".news-body img").naturalWidth`))
	if err != nil {
		t.Fatal(err)
	}
	alt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".news-body img").alt`))
	if err != nil {
		t.Fatal(err)
	}
	if width != 1200 || alt != "Toàn cảnh hội nghị sơ kết" {
		t.Errorf("the article's image: %d px wide, alt %q", width, alt)
	}
	b.shot("news-img-02-article")
	b.do("the list", chromedp.Navigate(base+"/tin-tuc"), visible(".news-thumb"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const i = document.querySelector(".news-thumb"); return i.complete && i.naturalWidth === 400 })()`)); err != nil {
		t.Fatalf("the cover's thumbnail does not load: %v", err)
	}
	b.shot("news-img-03-list")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
