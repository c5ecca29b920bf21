package web_test

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNotificationBrowser: after the desk forwards a dossier to the
// official, the official's bell in a real Chromium shows one more unread;
// the bell opens the latest in place (htmx) with the dossier's notice;
// choosing it opens the dossier and the count goes down; the inbox lists
// it; the e-mail settings are reached from the menu and saved.
func TestNotificationBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	base := a.srv.URL
	runJobs(t, a) // what the demo left pending, so the count below is the forward's
	clerk := a.login(t, "motcua")
	official := a.login(t, "chuyenvien")
	before := bell(t, official.do("GET", "/", nil, false).body)
	code, _ := receive(t, clerk, "Trần Đức Đạt")
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	runJobs(t, a)

	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	b.logIn(base, "chuyenvien", a.passwords["chuyenvien"])
	want := strconv.Itoa(before + 1)
	if before+1 > 99 {
		want = "99+"
	}
	text(".bell-count", want)
	label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".bell-link").getAttribute("aria-label")`))
	if err != nil || label != "Thông báo: "+strconv.Itoa(before+1)+" chưa đọc" {
		t.Errorf("bell label %q, %v", label, err)
	}
	title := "Hồ sơ được chuyển đến đồng chí xử lý: " + code
	do("open the bell", click(".bell-link"), visible(".bell-panel"))
	text(".bell-panel", "Thông báo mới nhất", "Hồ sơ chuyển đến", title, "Xem tất cả thông báo")
	if path, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname")); err != nil || path != "/" {
		t.Errorf("the bell navigated to %q (%v): it should open in place", path, err)
	}
	shot("notify-01-bell")
	do("close it", click(".bell-head button"), chromedp.WaitNotPresent(chromedp.CSS(".bell-panel")))
	do("open it again", click(".bell-link"), visible(".bell-panel"))
	do("open the dossier from the bell", click(".bell-list li:first-child button.bell-item"), visible(".status-badge"))
	text("main", code, "Trần Đức Đạt")
	if n := before; n > 0 {
		text(".bell-count", strconv.Itoa(n))
	} else if err := chromedp.Do(ctx, chromedp.WaitNotPresent(chromedp.CSS(".bell-count"))); err != nil {
		t.Errorf("the bell still shows a count: %v", err)
	}

	do("the inbox", chromedp.Navigate(base+"/inbox"), visible(".inbox"))
	text(".inbox", title, "Hồ sơ chuyển đến")
	shot("notify-02-inbox")

	do("the settings from the bell", click(".bell-link"), visible(".bell-panel"),
		click(`.bell-panel a[href="/me/notifications"]`), visible(`input[value="dossier_due_soon"]`))
	text("h1", "Cài đặt thông báo")
	do("untick due soon", click(`input[value="dossier_due_soon"]`), click(`form[action="/me/notifications"] button[type=submit]`),
		visible(".flash"))
	text(".flash", "Đã lưu lựa chọn nhận thư điện tử")
	checked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[value="dossier_due_soon"]').checked`))
	if err != nil || checked {
		t.Errorf("due soon still ticked: %v", err)
	}
	shot("notify-03-settings")
	do("phone-sized bell", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/"), visible(".bell-link"),
		click(".bell-link"), visible(".bell-panel"), chromedp.Sleep(100*time.Millisecond))
	// The menu stays on the screen of a phone.
	right, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('.bell-panel').getBoundingClientRect().left`))
	if err != nil || right < 0 {
		t.Errorf("the bell's menu leaves the screen on a phone: left %v, %v", right, err)
	}
	shot("notify-04-phone")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
