package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/calendar"
)

// TestTaskBrowser follows a task through the browser: the head of Phòng
// Khoa giáo – Văn xã creates a quarterly plan and assigns a task under it
// to an official; the official starts it, reports 50% and raises an
// obstacle; the head resolves it; the official submits; the head accepts,
// and the page says the task is done. Screenshots along the way.
func TestTaskBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.textAnyCase
	login := func(name string) {
		t.Helper()
		b.logIn(base, name, a.passwords[name])
	}
	logout := func() {
		t.Helper()
		do("log out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), visible("#f-login"))
	}
	var taskURL string // the task followed
	// act submits the form of an action on the task page, as the logged-in user.
	act := func(action string, fill ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		steps := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(taskURL), visible("#act-" + action)}, fill...)
		steps = append(steps, chromedp.Click(chromedp.CSS("#act-"+action+" button[type=submit]")), visible(".flash"))
		do(action, steps...)
	}
	kgvx, official := a.unit(t, "Phòng Khoa giáo – Văn xã"), a.person(t, "Nguyễn Thị Minh Nguyệt")
	due := time.Now().In(calendar.VN).AddDate(0, 0, 10).Format("2006-01-02")

	login("truongphong.kgvx")
	do("create a plan", chromedp.Navigate(base+"/plans/new"), visible("#f-title"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Kế hoạch công tác quý II năm 2026"),
		chromedp.SetValue(chromedp.CSS("#f-owner_unit_id"), kgvx),
		chromedp.SetValue(chromedp.CSS("#f-period_kind"), "quarter"),
		chromedp.SetValue(chromedp.CSS("#f-year"), "2026"),
		chromedp.SetValue(chromedp.CSS("#f-quarter"), "2"),
		chromedp.SendKeys(chromedp.CSS("#f-source_number"), "09/CT-UBND"),
		chromedp.SetValue(chromedp.CSS("#f-source_date"), "2016-09-27"),
		chromedp.SendKeys(chromedp.CSS("#f-source_issuer"), "UBND tỉnh Bắc Ninh"),
		chromedp.SendKeys(chromedp.CSS("#t-name-0"), "Thẩm định hồ sơ chủ trương đầu tư"),
		chromedp.SendKeys(chromedp.CSS("#t-uom-0"), "hồ sơ"),
		chromedp.SendKeys(chromedp.CSS("#t-value-0"), "40"),
		chromedp.Click(chromedp.CSS("form.plan-form button[type=submit]")), visible(".flash"))
	text("main", "Đã tạo kế hoạch", "Quý II/2026", "Thẩm định hồ sơ chủ trương đầu tư")
	planURL, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname"))
	if err != nil {
		t.Fatal(err)
	}
	planID := strings.TrimPrefix(planURL, "/plans/")

	do("assign a task", chromedp.Navigate(base+"/tasks/new?plan_id="+planID), visible("#f-title"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Báo cáo tình hình giải ngân vốn đầu tư công quý II"),
		chromedp.SendKeys(chromedp.CSS("#f-product"), "Báo cáo trình UBND tỉnh"),
		chromedp.SetValue(chromedp.CSS("#f-lead_person_id"), official),
		chromedp.SetValue(chromedp.CSS("#f-deadline_date"), due),
		chromedp.SendKeys(chromedp.CSS("#f-checklist"), "Thu thập số liệu\nDự thảo báo cáo"),
		chromedp.Click(chromedp.CSS("form.task-form button[type=submit]")), visible("#task-state"))
	text("main", "Đã giao nhiệm vụ", "đã giao", "Nguyễn Thị Minh Nguyệt", "Kế hoạch công tác quý II năm 2026")
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname"))
	if err != nil {
		t.Fatal(err)
	}
	taskURL = base + path
	shot("t1-task-assigned")
	logout()

	login("chuyenvien")
	act("start")
	act("report_progress",
		chromedp.SetValue(chromedp.CSS("#report_progress-percent"), "50"),
		chromedp.SendKeys(chromedp.CSS("#report_progress-note"), "Đã thu thập số liệu của 8/10 chủ đầu tư"),
		chromedp.Click(chromedp.CSS(`#act-report_progress input[name=tick][value="0"]`)))
	text("main", "Hoàn thành 50%")
	act("raise_obstacle", chromedp.SendKeys(chromedp.CSS("#raise_obstacle-note"), "Sở Xây dựng chưa gửi số liệu giải ngân"))
	text("#task-state", "vướng mắc")
	shot("t2-obstacle-raised")
	logout()

	login("truongphong.kgvx")
	act("resolve_obstacle", chromedp.SendKeys(chromedp.CSS("#resolve_obstacle-note"), "Đã đề nghị Sở Xây dựng gửi số liệu trong ngày"))
	text("#task-state", "đang thực hiện")
	logout()

	login("chuyenvien")
	act("submit", chromedp.SendKeys(chromedp.CSS("#submit-note"), "Đã hoàn thành báo cáo, trình lãnh đạo phòng"))
	text("#task-state", "chờ nghiệm thu")
	logout()

	login("truongphong.kgvx")
	do("the inbox tells the head", chromedp.Navigate(base+"/inbox"), visible("main h1"))
	act("accept", chromedp.SendKeys(chromedp.CSS("#accept-note"), "Đạt yêu cầu"))
	text("#task-state", "hoàn thành")
	text("main", "Hoàn thành 100%", "Đạt, nghiệm thu", "Đã tháo gỡ", "Diễn biến")
	shot("t3-task-done")

	do("plan progress", chromedp.Navigate(base+planURL), visible("table.tasks"))
	text("table.tasks", "Báo cáo tình hình giải ngân vốn đầu tư công quý II", "100%")
	do("unit board", chromedp.Navigate(base+"/tasks?tab=board"), visible(".board"))
	shot("t4-board")

	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
