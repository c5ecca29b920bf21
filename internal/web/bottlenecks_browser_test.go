package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/calendar"
)

// TestBottlenecksBrowser is the director's two clicks to where time was
// lost, in Chromium: they pick the procedure and this quarter, see the
// division's step flagged as the slowest in the table and on the process
// map, and click through its late dossiers to the one it made late.
func TestBottlenecksBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	monday := flowWeek(t)
	_, late := seedFlow(t, a, monday)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	b.logIn(base, "giamdoc", a.passwords["giamdoc"])
	do("open where time is lost", chromedp.Navigate(base+"/bottlenecks"), visible("#f-procedure"))
	do("pick the procedure", chromedp.SetValue(chromedp.CSS("#f-procedure"), flowProc))
	today := calendar.DateOf(time.Now())
	quarter := calendar.Date{Year: today.Year, Month: time.Month((int(today.Month)-1)/3*3 + 1), Day: 1}
	if !calendar.DateOf(monday).Before(quarter) {
		do("this quarter", chromedp.SetValue(chromedp.CSS("#f-period"), "quarter"))
	} else { // the first days of a quarter: the week is in the last one
		do("the week, typed", chromedp.SetValue(chromedp.CSS("#f-period"), "custom"),
			chromedp.SetValue(chromedp.CSS("#f-from"), monday.Format("02/01/2006")),
			chromedp.SetValue(chromedp.CSS("#f-to"), today.Time().Format("02/01/2006")))
	}
	do("show", chromedp.Click(chromedp.CSS("#flow-show")), visible("#flag-slowest"))
	text("#step-1", "Thẩm định hồ sơ", "Chậm nhất")
	text("#slowest", "Thẩm định hồ sơ")
	text(".flowmap-wrap", "Thẩm định hồ sơ", "Chậm nhất", "Hoàn thành")
	shot("b1-bottlenecks")
	do("its late dossiers", chromedp.Click(chromedp.CSS("#fig-1-late_caused")), visible("main table"))
	text("main", "Hồ sơ trễ hạn do bước", late)
	shot("b2-late-dossiers")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
