package web_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/demo"
	"congvu/internal/org"
)

// TestAppraisalBrowser is issue #13's "done when" for appraisals: an
// appraisal official takes an investment-policy appraisal from receipt
// through parallel consultation — two units answer as their own staff —
// to its report and the head's approval, within its time limit, in a real
// browser; the consulted unit finds what it owes on /consultations, and
// the director sees the late consultations by unit.
func TestAppraisalBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	if err := demo.SeedAppraisals(context.Background(), a.db, time.Now()); err != nil {
		t.Fatal(err)
	}
	tree, err := a.db.Tree(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	unitID := func(name string) string {
		for _, u := range tree.Units() {
			if u.Name == name && u.Current() && u.Kind == org.KindDivision {
				return strconv.FormatInt(u.ID, 10)
			}
		}
		t.Fatalf("no unit %q", name)
		return ""
	}
	ktn, tcdt := unitID("Phòng Kinh tế ngành"), unitID("Phòng Tài chính đầu tư")
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	login := func(who string) { t.Helper(); b.logIn(base, who, a.passwords[who]) }
	logout := func() { t.Helper(); do("log out", click(`form[action="/logout"] button`), visible("#f-login")) }
	submit := func(step, sel string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("window.__stale = true")); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		do(step, click(sel))
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__stale === undefined && document.readyState === "complete"`))
			if err == nil && ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: no new page: %v", step, err)
			}
		}
	}
	flash := func(wants ...string) string {
		t.Helper()
		do("flash", visible(".flash"))
		return text(".flash", wants...)
	}
	open := func(code, sel string) {
		t.Helper()
		do("open "+code, chromedp.Navigate(base+"/dossiers/"+code), visible(sel))
	}

	// The desk receives the appraisal for a group B project.
	login("motcua")
	do("intake", chromedp.Navigate(base+"/dossiers/new"), visible("#f-procedure_code"),
		chromedp.SendKeys(chromedp.CSS("#f-procedure_code"), "9.000101\t"), visible(`#intake-docs input[name="doc"]`),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Ban Quản lý dự án Bệnh viện Đa khoa tỉnh"),
		chromedp.SendKeys(chromedp.CSS("#f-project_code"), "TD-2026-002"))
	shot("appraisal-01-intake")
	submit("receive", "#intake button[type=submit]")
	m := regexp.MustCompile(`hồ sơ (\S+)\.`).FindStringSubmatch(flash("Mã tra cứu"))
	if m == nil {
		t.Fatal("no dossier code")
	}
	code := m[1]
	text("#appraisal", "Thẩm định chủ trương đầu tư", "30 ngày", "chưa được kiểm chứng")
	do("to the appraisal official", chromedp.SetValue(chromedp.CSS("#forward-to_person_id"), a.person(t, "Cao Minh Trí")))
	submit("forward to the division", "#act-forward button[type=submit]")
	flash("Đã chuyển xử lý hồ sơ " + code)
	logout()

	// The appraisal official takes it to the consultation and asks two units at once.
	login("chuyenvien.dt")
	open(code, "#act-forward")
	do("keep it", chromedp.SetValue(chromedp.CSS("#forward-to_person_id"), a.person(t, "Cao Minh Trí")))
	submit("to the consultation", "#act-forward button[type=submit]")
	do("the consultation form", visible("#act-consult"),
		click(`#act-consult input[name="branch_unit"][value="`+ktn+`"]`),
		click(`#act-consult input[name="branch_unit"][value="`+tcdt+`"]`),
		chromedp.SetValue(chromedp.CSS("#days-"+tcdt), "3"))
	shot("appraisal-02-consult")
	submit("consult", "#act-consult button[type=submit]")
	flash("Đã gửi lấy ý kiến")
	text("#consultations", "Phòng Kinh tế ngành", "Phòng Tài chính đầu tư", "Đang chờ trả lời")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#act-forward").length`)); err != nil || n != 0 {
		t.Errorf("forward offered while the units have time: %d %v", n, err)
	}
	logout()

	// Each consulted unit answers as its own staff.
	for _, u := range []struct{ login, verdict, opinion string }{
		{"chuyenvien.ktn", "agree", "Thống nhất sự cần thiết đầu tư theo quy hoạch ngành y tế."},
		{"chuyenvien.tcdt", "disagree", "Đề nghị làm rõ cơ cấu nguồn vốn ngân sách tỉnh."},
	} {
		login(u.login)
		do("owed", chromedp.Navigate(base+"/consultations"), visible("#owed"))
		text("#owed", code)
		if u.login == "chuyenvien.ktn" {
			shot("appraisal-03-owed")
		}
		do("open from the list", click(`#owed a[href="/dossiers/`+code+`"]`), visible("#act-answer_consultation"),
			click(`#act-answer_consultation input[name="verdict"][value="`+u.verdict+`"]`),
			chromedp.SendKeys(chromedp.CSS("#answer_consultation-reason"), u.opinion))
		submit("answer", "#act-answer_consultation button[type=submit]")
		flash("Đã ghi ý kiến")
		text("#consultations", u.opinion)
		logout()
	}

	// Both answered: the official goes on, writes the report, hands it to the head.
	login("chuyenvien.dt")
	open(code, "#act-forward")
	text("#consultations", "Đồng ý", "Không đồng ý")
	shot("appraisal-04-answered")
	do("keep it", chromedp.SetValue(chromedp.CSS("#forward-to_person_id"), a.person(t, "Cao Minh Trí")))
	submit("to the report", "#act-forward button[type=submit]")
	do("report form", visible("#act-appraisal_report"), click(`#act-appraisal_report input[name="verdict"][value="conditional"]`),
		chromedp.SendKeys(chromedp.CSS("#appraisal_report-reason"), "Đồng ý chủ trương đầu tư với điều kiện làm rõ cơ cấu nguồn vốn."))
	submit("report", "#act-appraisal_report button[type=submit]")
	flash("Đã ghi báo cáo thẩm định")
	text("#report-verdict", "Đồng ý có điều kiện")
	do("to the head", chromedp.SetValue(chromedp.CSS("#forward-to_person_id"), a.person(t, "Phạm Văn Dũng")))
	submit("to the head", "#act-forward button[type=submit]")
	logout()

	login("truongphong.dt")
	open(code, "#act-complete")
	submit("approve", "#act-complete button[type=submit]")
	flash("Đã hoàn thành xử lý")
	text("main", "Đã xử lý xong", "Trước hạn")
	shot("appraisal-05-done")
	logout()

	// The director sees the consultations by unit, the demo's late one among them.
	login("giamdoc")
	do("by unit", chromedp.Navigate(base+"/consultations"), visible("#by-unit"))
	text("#by-unit", "Phòng Kinh tế ngành", "Phòng Tài chính đầu tư")
	shot("appraisal-06-by-unit")
	// The project's page lists its appraisal, done.
	do("the project", chromedp.Navigate(base+"/projects/TD-2026-002"), visible("#sec-appraisal"))
	text("#sec-appraisal", code, "Thẩm định chủ trương đầu tư")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
