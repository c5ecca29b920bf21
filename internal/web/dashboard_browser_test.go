package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/demo"
)

// TestDashboardBrowser walks the dashboard in Chromium on the demo's year
// of tasks: the director opens it from the home page, picks "Quý này",
// clicks the tasks done late and lands on the list of exactly those tasks;
// a head sees their own division only, and is refused the agency's.
func TestDashboardBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	if _, err := demo.GenerateWork(context.Background(), a.db, demo.WorkOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	b.logIn(base, "giamdoc", a.passwords["giamdoc"])
	b.do("open the dashboard from home", click("#home-dashboard"), visible("#dash-period"))
	b.text("main h1", "Bảng điều hành")
	if !inMenu(t, ctx, "/dashboard") {
		t.Error("the dashboard is not in the menu")
	}
	b.text("#main-nav summary.current", "Theo dõi, đánh giá")
	b.do("pick this quarter", click(`.dash-presets a[href*="period=quarter"]`), visible("#dash-period"))
	b.text(".dash-presets [aria-current]", "Quý này")
	today := time.Now()
	first := time.Date(today.Year(), (today.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	b.text("#dash-period", first.Format("02/01/2006"))
	b.text("#dash-bottlenecks", "Nơi mất thời gian")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main svg.chart").length`)); err != nil || n != 2 {
		t.Errorf("charts: %d %v, want 2", n, err)
	}
	b.shot("dash1-quarter")
	late := strings.TrimSpace(b.text("#fig-tasks-late .stat-n"))
	want, err := strconv.Atoi(strings.ReplaceAll(late, ".", ""))
	if err != nil {
		t.Fatalf("late figure %q: %v", late, err)
	}
	agency, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#f-unit option").value`))
	if err != nil {
		t.Fatal(err)
	}
	b.do("the tasks done late", click("#fig-tasks-late"), visible("#dash-tasks-intro"))
	b.text("main h1", "Nhiệm vụ hoàn thành trễ hạn")
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#dash-tasks tbody tr").length`))
	if err != nil || rows != min(want, 500) {
		t.Errorf("the list holds %d tasks (%v), the figure says %d", rows, err, want)
	}
	if want == 0 {
		t.Errorf("the demo's quarter has no task done late: the walk proves nothing")
	}
	b.shot("dash2-late-tasks")

	// A head: their division, and nothing above it.
	h := b
	h.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	h.logIn(base, "truongphong.kgvx", a.passwords["truongphong.kgvx"])
	h.do("the head's dashboard", chromedp.Navigate(base+"/dashboard"), visible("#dash-period"))
	h.text("main h1", "Phòng")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("#f-unit option")].filter(o => o.value === "`+agency+`").length`)); err != nil || n != 0 {
		t.Errorf("the head may choose the agency (%d, %v)", n, err)
	}
	if d, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#dash-disbursement") === null`)); err != nil || !d {
		t.Errorf("the head sees the agency's disbursement")
	}
	h.shot("dash3-head")
	h.do("the agency's dashboard", chromedp.Navigate(base+"/dashboard?unit="+agency), visible("main h1"))
	h.text("main h1", "Không có quyền truy cập")
	for _, p := range problems() {
		if strings.Contains(p, "status of 403") {
			continue // the refusal asked for
		}
		t.Errorf("browser console: %s", p)
	}
}
