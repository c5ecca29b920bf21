package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/calendar"
)

// TestEvaluationBrowser takes a month's evaluation in Chromium from the
// official's self-assessment through the head's assessment to the
// director's approval, with the approval past the 20% quota refused first
// (HTXSNV with nobody yet approved HTTNV), naming the figures.
func TestEvaluationBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	base := a.srv.URL
	// A task of the official's, done on time: 70 task points.
	head := a.login(t, "truongphong.kgvx")
	self := a.person(t, "Nguyễn Thị Minh Nguyệt")
	due := time.Now().In(calendar.VN).AddDate(0, 0, 2)
	res := head.do("POST", "/tasks", url.Values{"title": {"Báo cáo kết quả thẩm định dự toán tháng"}, "product": {"Báo cáo"},
		"lead_person_id": {self}, "deadline_kind": {"date"}, "deadline_date": {due.Format("2006-01-02")}, "priority": {"normal"}, "weight": {"2"}}, true)
	m := taskPathRe.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("create task: %d\n%s", res.status, res.body)
	}
	lead := a.login(t, "chuyenvien")
	taskAct(t, lead, m[1], "start", http.StatusSeeOther)
	taskAct(t, lead, m[1], "submit", http.StatusSeeOther, "note", "Báo cáo số 15/BC-KGVX")
	taskAct(t, head, m[1], "accept", http.StatusSeeOther)

	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	logout := func() { t.Helper(); do("log out", click(`form[action="/logout"] button`), visible("#f-login")) }
	fill := func(step string, values map[string]string) {
		t.Helper()
		for sel, v := range values {
			do(step+" "+sel, chromedp.Clear(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), v))
		}
	}

	// The official opens the month and assesses themselves.
	b.logIn(base, "chuyenvien", a.passwords["chuyenvien"])
	do("the menu", menu("/evaluations"), visible("#eval-open"))
	do("choose the month", chromedp.SetValue(chromedp.CSS("#f-period"), strings.TrimLeft(due.Format("01"), "0")))
	do("open", click(`#eval-open button`), visible("#eval-lines"))
	text("#eval-lines", "Báo cáo kết quả thẩm định dự toán tháng", "100%")
	text(".unverified", "chưa được đối chiếu")
	fill("self-assess", map[string]string{"#f-common-politics": "10", "#f-common-capacity": "10", "#f-common-innovation": "10"})
	do("self-assess", click(`#act-self_assess button`), visible(".flash"))
	text("#eval-state", "Đã tự đánh giá")
	text("#eval-total", "100")
	text("#eval-formula", "70 × (100% + 100% + 100%) ÷ 3 = 70")
	shot("e1-self-assessed")
	logout()

	// The head of the unit assesses.
	b.logIn(base, "truongphong.kgvx", a.passwords["truongphong.kgvx"])
	do("my unit", chromedp.Navigate(base+"/evaluations/unit"), visible("#eval-list"))
	do("the evaluation", click(`#eval-list a[href^="/evaluations/"]`), visible("#act-assess"))
	fill("assess", map[string]string{"#f-common-politics": "10", "#f-common-capacity": "9,5", "#f-common-innovation": "10"})
	do("assess", click(`#act-assess button`), visible(".flash"))
	text("#eval-state", "Lãnh đạo đơn vị đã đánh giá")
	text("#eval-grade", "HTXSNV")
	logout()

	// The director: past the quota, refused with the figures; returned; then approved.
	b.logIn(base, "giamdoc", a.passwords["giamdoc"])
	do("the agency", chromedp.Navigate(base+"/evaluations/agency?period="+strings.TrimLeft(due.Format("01"), "0")), visible("#eval-list"))
	text("#agency-score", "Điểm của Sở", "chưa được đối chiếu")
	do("the evaluation", click(`#eval-list a[href^="/evaluations/"]`), visible("#act-approve"))
	do("approve", click(`#act-approve button`), visible("#act-approve .form-error"))
	text("#act-approve .form-error", "Không phê duyệt được", "0 người Hoàn thành tốt nhiệm vụ", "20%", "tối đa 0 người")
	text("#eval-state", "Lãnh đạo đơn vị đã đánh giá")
	shot("e2-quota-refused")
	do("the reason", chromedp.SendKeys(chromedp.CSS("#f-reason"), "Vượt tỷ lệ 20%, đề nghị đánh giá lại tiêu chí chung"))
	do("return", click(`#act-return button`), visible(".flash"))
	text("#eval-state", "Bị trả lại")
	logout()

	b.logIn(base, "chuyenvien", a.passwords["chuyenvien"])
	do("mine", chromedp.Navigate(base+"/evaluations"), visible("#eval-list"))
	do("the evaluation", click(`#eval-list a[href^="/evaluations/"]`), visible("#act-self_assess"))
	fill("self-assess again", map[string]string{"#f-common-politics": "8", "#f-common-capacity": "8", "#f-common-innovation": "3"})
	do("self-assess again", click(`#act-self_assess button`), visible(".flash"))
	text("#eval-total", "89") // 8 + 8 + 3 = 19; 19 + 70 = 89
	logout()
	b.logIn(base, "truongphong.kgvx", a.passwords["truongphong.kgvx"])
	do("my unit", chromedp.Navigate(base+"/evaluations/unit"), visible("#eval-list"))
	do("the evaluation", click(`#eval-list a[href^="/evaluations/"]`), visible("#act-assess"))
	fill("assess again", map[string]string{"#f-common-politics": "8", "#f-common-capacity": "8", "#f-common-innovation": "3"})
	do("assess again", click(`#act-assess button`), visible(".flash"))
	text("#eval-grade", "HTTNV")
	logout()
	b.logIn(base, "giamdoc", a.passwords["giamdoc"])
	do("the agency", chromedp.Navigate(base+"/evaluations/agency"), visible("#eval-list"))
	do("the evaluation", click(`#eval-list a[href^="/evaluations/"]`), visible("#act-approve"))
	do("approve", click(`#act-approve button`), visible(".flash"))
	text("#eval-state", "Đã phê duyệt")
	text("#eval-steps", "Tự đánh giá", "Lãnh đạo đơn vị đánh giá", "Trả lại", "Phê duyệt")
	shot("e3-approved")
	do("the year", chromedp.Navigate(base+"/evaluations/year"), visible("#year-list"))
	text("#year-list", "Nguyễn Thị Minh Nguyệt", "89", "HTTNV")
	for _, p := range problems() {
		if !strings.Contains(p, "409") { // the refused approval is answered 409 on purpose
			t.Errorf("browser console: %s", p)
		}
	}
}
