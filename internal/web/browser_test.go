package web_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts a headless Chromium for one test, or skips the test
// when there is none (and CONGVU_REQUIRE_BROWSER is not set, as in CI). It
// returns a function that lists the errors the pages wrote to the console:
// a Content-Security-Policy violation or a script error fails the test.
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	return newBrowserWithin(t, 45*time.Second)
}

// newBrowserWithin is newBrowser whose whole session may last d (the
// accessibility walk runs axe-core on many pages in one session).
func newBrowserWithin(t *testing.T, d time.Duration) (context.Context, func() []string) {
	t.Helper()
	return newBrowserIn(t, d, "vi-VN") // the agency's browsers ask for Vietnamese
}

// newBrowserIn is newBrowserWithin in a browser of the language given
// (a BCP 47 tag such as "en-US"), which also decides how its native inputs
// show dates.
func newBrowserIn(t *testing.T, d time.Duration, lang string, extra ...chromedp.ExecAllocatorOption) (context.Context, func() []string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CONGVU_REQUIRE_BROWSER") == "1" {
			t.Fatalf("browser tests: %s not found and CONGVU_REQUIRE_BROWSER=1", chromiumPath)
		}
		t.Skipf("browser tests skipped: %s not found (apt-get install chromium)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", lang),
		chromedp.Flag("accept-lang", lang+","+strings.SplitN(lang, "-", 2)[0]),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	opts = append(opts, extra...)
	if lang != "vi-VN" {
		// Chromium takes its interface's language (and so its native date
		// inputs') from the process's locale too. chromedp.Env replaces the
		// whole environment, which breaks file uploads, so the Vietnamese
		// browser of every other test keeps its own.
		locale := strings.ReplaceAll(lang, "-", "_")
		opts = append(opts, chromedp.Env("LANG="+locale+".UTF-8", "LANGUAGE="+locale))
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// TestBrowser drives the real application in a real browser: log in as the
// administrator, visit the main pages, create a unit through the form, use
// the htmx search, and switch to English, with screenshots along the way.
func TestBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text

	// An anonymous visitor is sent to the login page, and back after it.
	do("open", chromedp.Navigate(base+"/units"), visible("#f-login"))
	text("main", "Đăng nhập", "Tên đăng nhập", "Mật khẩu")
	shot("01-login")
	do("log in",
		chromedp.SendKeys(chromedp.CSS("#f-login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), a.passwords["admin"]+"\r"), // Enter submits
		visible("ul.tree"))
	text("main", "Đơn vị đang hoạt động", "Sở Tài chính tỉnh Bắc Ninh", "000.00.13.H27", "Đơn vị đã kết thúc")
	shot("02-units")

	do("home", chromedp.Navigate(base+"/"), visible(".cards"))
	text("body", "Xin chào, Vũ Quang Huy", "Quản trị hệ thống", "Sở Tài chính tỉnh Bắc Ninh", "Đăng xuất")
	shot("03-home")

	finance := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh")
	do("create a unit",
		chromedp.Navigate(base+"/units/new"), visible("#f-name"),
		chromedp.SetValue(chromedp.CSS("#f-parent_id"), finance),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Phòng Chuyển đổi số"),
		chromedp.SendKeys(chromedp.CSS("#f-short_name"), "CĐS"),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		visible(".flash"))
	text(".flash", "Đã tạo đơn vị “Phòng Chuyển đổi số”")
	text("ul.tree", "Phòng Chuyển đổi số", "CĐS")
	shot("04-unit-created")

	// The search box filters through htmx as one types, without a reload.
	do("search people",
		chromedp.Navigate(base+"/people"), visible("#people-list table"),
		chromedp.SendKeys(chromedp.CSS("#f-q"), "nguyen thi hang"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const t = document.querySelector('#people-list').innerText;
		return t.includes('Nguyễn Thị Hằng') && !t.includes('Vũ Quang Huy'); })()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("htmx search did not narrow the list: %v", err)
	}
	text("#people-list", "Nguyễn Thị Hằng", "Cán bộ một cửa")
	shot("05-people-search")

	do("calendar", chromedp.Navigate(base+"/calendar?year=2026"), visible("table.cal-grid"))
	text("main", "Lịch làm việc", "Tết Nguyên đán", "T2", "CN", "Tính hạn giải quyết")
	shot("05b-calendar")

	do("switch to English",
		chromedp.Navigate(base+"/units"), visible(`a[hreflang="en"]`),
		chromedp.Click(chromedp.CSS(`a[hreflang="en"]`)),
		visible(`a[hreflang="vi"]`))
	text("body", "Organisation", "Current units", "Ended units", "Log out")
	if lang, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.lang")); err != nil || lang != "en" {
		t.Errorf("page language %q, %v", lang, err)
	}
	shot("06-units-en")

	do("phone-sized home", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/"), visible(".cards"))
	shot("07-home-mobile-en")
	do("phone-sized calendar", chromedp.Navigate(base+"/calendar?year=2026"), visible("table.cal-grid"))
	shot("07b-calendar-mobile-en")

	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
