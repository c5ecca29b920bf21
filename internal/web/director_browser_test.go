package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/demo"
)

// TestDirectorBrowser walks the director's day on the demo's year of
// plans and tasks in Chromium: the home page says who is late, the late
// page lists them by person and by unit, a person's figures open from
// there, and the plans show their targets attained beside their tasks.
func TestDirectorBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	if _, err := demo.GenerateWork(context.Background(), a.db, demo.WorkOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.textAnyCase
	do("log in as the director", chromedp.Navigate(base+"/login"), visible("#f-login"),
		chromedp.SendKeys(chromedp.CSS("#f-login"), "giamdoc"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), a.passwords["giamdoc"]+"\r"),
		visible("#card-late"))
	text(`section[aria-labelledby="card-late"]`, "Trễ hạn", "nhiệm vụ quá hạn", "Theo người", "Theo đơn vị")
	shot("d1-home-late")
	do("who is late", chromedp.Click(chromedp.CSS(`a.button[href^="/late"]`)), visible("#late-people"))
	text("main", "Ai đang trễ hạn", "Theo người", "Theo đơn vị", "Kết quả theo tháng")
	shot("d2-late")
	do("a person's figures", chromedp.Click(chromedp.CSS(`#late-people a[href$="/figures"]`)), visible("main h1"))
	text("main", "Kết quả")
	do("plans", chromedp.Navigate(base+"/plans"), visible("#plan-list"))
	text("#plan-list", "Chỉ tiêu đạt", "Nhiệm vụ hoàn thành", "Kế hoạch công tác năm")
	do("a plan", chromedp.Click(chromedp.CSS(`#plan-list a[href^="/plans/"]`)), visible("#plan-attainment"))
	text("#plan-attainment", "Chỉ tiêu đạt")
	text("#plan-completion", "Nhiệm vụ hoàn thành")
	shot("d3-plan")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
