package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestProjectJourneyBrowser: the director filters the register by
// investor, opens a project, sends an adjustment with a negative amount
// (refused next to the field, nothing written), then one raising the
// total investment from 20 to 120 billion đồng, and sees it regroup the
// project from C to B, in the message and in its history with its
// decision. On a phone the register's rows are cards. An investor's staff
// member lists only their own investor's project and gets the "not
// found" page for another's.
func TestProjectJourneyBrowser(t *testing.T) {
	ctx, problems := newBrowserWithin(t, 90*time.Second)
	d := newDisbApp(t)
	base := d.srv.URL
	b := newBrowserSession(t, ctx)
	do, text := b.do, b.text

	b.logIn(base, "giamdoc", d.passwords["giamdoc"])
	do("the menu's register", menu("/projects"), visible("#project-filters"))
	text("#project-total", "tổng số 2 dự án")
	do("filter by investor", chromedp.SetValue(chromedp.CSS("#f-investor"), strconv.FormatInt(d.ban.ID, 10)),
		chromedp.SetValue(chromedp.CSS("#f-group"), "C"), click("#project-filter"), visible("#projects-table"))
	// Read again until the filtered page has replaced the whole register.
	text("#project-total", "tổng số 1 dự án")
	if got := text("#projects-table", "BN-0001", "Ban QLDA đầu tư xây dựng tỉnh", "Nhóm C", "20.000.000.000 đ"); strings.Contains(got, "BN-0002") {
		t.Errorf("the filtered register shows another investor's project: %q", got)
	}
	b.shot("projects-01-filtered")

	do("open the project", click(`#projects-table a[href="/projects/BN-0001"]`), visible("#adjust-form"))
	text("#project-group", "Nhóm C", "58/2024/QH15")
	text("#project-links", "Kế hoạch vốn và giải ngân", "Gói thầu / KHLCNT", "Báo cáo giám sát")
	before := len(d.events(t, "BN-0001"))
	do("a negative amount", chromedp.SetValue(chromedp.CSS("#f-cap_provincial"), "-5"),
		chromedp.SendKeys(chromedp.CSS("#f-decision_number"), "2035/QĐ-UBND"),
		chromedp.SendKeys(chromedp.CSS("#f-decision_date"), "15/06/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-decision_signer"), "Chủ tịch UBND tỉnh"),
		click("#adjust-save"), visible("#e-cap_provincial"))
	text("#e-cap_provincial", "Số tiền không được âm")
	if n := len(d.events(t, "BN-0001")); n != before {
		t.Fatalf("%d events written by a refused adjustment", n-before)
	}
	do("the adjustment", chromedp.SetValue(chromedp.CSS("#f-cap_provincial"), "120.000.000.000"),
		chromedp.SendKeys(chromedp.CSS("#f-reason"), "Bổ sung nhà đa năng"),
		click("#adjust-save"), visible(".flash"))
	text(".flash", "dự án chuyển từ Nhóm C sang Nhóm B")
	text("#project-group", "Nhóm B")
	text("#history li:first-child", "Điều chỉnh tổng mức đầu tư", "Chuyển nhóm: từ Nhóm C sang Nhóm B",
		"20.000.000.000 đ → 120.000.000.000 đ", "Quyết định số 2035/QĐ-UBND ngày 15/06/2026", "Chủ tịch UBND tỉnh", "Bổ sung nhà đa năng")
	b.shot("projects-02-regrouped")

	do("the register on a phone", chromedp.EmulateViewport(phone.width, phone.height), chromedp.Navigate(base+"/projects?group=B"), visible("#projects-table"))
	display, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("#projects-table tbody tr")).display`))
	if err != nil || display != "block" {
		t.Errorf("on a phone a register row is a card (display block), not %q (%v)", display, err)
	}
	if n, outside := inViewport(t, ctx, "#projects-table tbody td"); n == 0 || len(outside) > 0 {
		t.Errorf("on a phone: %d cells, off the screen: %v", n, outside)
	}
	if over := horizontalOverflow(t, ctx); over != "" {
		t.Errorf("the register scrolls sideways on a phone: %s", over)
	}
	b.shot("projects-03-phone")
	do("desktop again", chromedp.EmulateViewport(desktop.width, desktop.height))

	do("log out", chromedp.Navigate(base+"/"), click(`form[action="/logout"] button`), visible("#f-login"))
	b.logIn(base, "chudautu", d.passwords["chudautu"])
	do("the investor's register", menu("/projects"), visible("#projects-table"))
	text("#own-only", "chủ đầu tư mà bạn công tác")
	if got := text("#projects-table", "BN-0001"); strings.Contains(got, "BN-0002") {
		t.Errorf("an investor's staff sees another investor's project: %q", got)
	}
	do("another investor's project", chromedp.Navigate(base+"/projects/BN-0002"), visible(".error-message"))
	text("h1", "Không tìm thấy")
	do("their own project", chromedp.Navigate(base+"/projects/BN-0001"), visible("#project-facts"))
	var forms int
	if forms, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#adjust-form").length`)); err != nil || forms != 0 {
		t.Errorf("an investor's staff must not get the adjustment form: %d %v", forms, err)
	}
	for _, p := range problems() {
		if !strings.Contains(p, "status of 400") && !strings.Contains(p, "status of 404") { // the refused form and the hidden project
			t.Errorf("browser console: %s", p)
		}
	}
}
