package web_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortalBrowser: in a real Chromium at a phone's width, a citizen
// goes from the news to the procedures through the portal's menu, types
// words without diacritics into the search, finds the procedure, opens it
// (its time limit in working days, its fee in đồng; its button opens the
// online filing form), then reaches the transparency page through the
// menu and changes the year with the form alone.
func TestPortalBrowser(t *testing.T) {
	ctx, problems := newBrowserIn(t, 5*time.Minute, "vi-VN", chromedp.UserAgent(chrome))
	a := newApp(t)
	addFixtureProcedure(t, a)
	seedPortal(t, a)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	b.do("open the news on a phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/tin-tuc"), visible("main"))
	b.do("open the menu", click(".menu-toggle"), visible(`#main-nav a[href="/thu-tuc"]`))
	b.do("the menu's procedures", click(`#main-nav a[href="/thu-tuc"]`), visible("#proc-q"))
	b.text("h1", "Thủ tục hành chính")
	b.do("type without diacritics", chromedp.SendKeys(chromedp.CSS("#proc-q"), "cap giay chung nhan dau tu thu nghiem\r"), visible("#proc-count"))
	b.text("#proc-count", "Tìm thấy 1 thủ tục.")
	b.text(".proc-list", fixtureName, "15 ngày làm việc", "1.234.567 đ")
	b.shot("portal-01-search")
	b.do("open it", click(`.proc-list a[href="/thu-tuc/`+fixtureProc+`"]`), visible("#proc-limit"))
	b.text("h1", fixtureName)
	b.text("#proc-limit", "15 ngày làm việc")
	b.text("#proc-fee", "1.234.567 đ")
	b.text("#proc-documents", fixtureDocs[0], fixtureDocs[1])
	b.text("#proc-record", "Tỷ lệ đúng hạn")
	b.shot("portal-02-procedure")
	// Filed online in part: the button opens its filing form.
	b.do("file it online", click("#online-filing a"), visible("#filing"))
	b.do("back to the procedure", chromedp.Navigate(base+"/thu-tuc/"+fixtureProc), visible("#proc-limit"))
	b.shot("portal-02-procedure")
	b.do("open the menu again", click(".menu-toggle"), visible(`#main-nav a[href="/cong-khai"]`))
	b.do("the menu's transparency", click(`#main-nav a[href="/cong-khai"]`), visible("#tp-total"))
	b.text("#h-report", "Biểu II.06a")
	b.text("#tp-progress", "/20")
	b.shot("portal-03-transparency")
	last := time.Now().Year() - 1
	b.do("last year", chromedp.SetValue(chromedp.CSS("#tp-year"), strconv.Itoa(last)), click(`form[action="/cong-khai"] button`), visible("#tp-m12"))
	b.text("h1", strconv.Itoa(last))
	for _, p := range problems() {
		t.Error(p)
	}
}
