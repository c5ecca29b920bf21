package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDossierBrowser takes a dossier from the desk to the returned result
// in a real browser: the clerk fills the intake with the keyboard and reads
// the code and secret, forwards it to the division; the official sends it
// back; the clerk completes it and hands the result over; the director sees
// it in the statistics; the applicant follows it with code and secret.
func TestDossierBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	login := func(who string) {
		t.Helper()
		b.logIn(base, who, a.passwords[who])
	}
	logout := func() {
		t.Helper()
		do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	}
	// submit clicks a form's button and waits for the next page to load, so
	// that the old page's message is not read as the new one's.
	submit := func(step, sel string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("window.__stale = true")); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		do(step, click(sel))
		// Evaluating while the page navigates fails; ask again until the new
		// document answers.
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

	// The desk: keyboard only, from the autofocused procedure to Enter.
	login("motcua")
	do("intake form", chromedp.Navigate(base+"/dossiers/new"), visible("#f-procedure_code"))
	if id, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.activeElement.id")); err != nil || id != "f-procedure_code" {
		t.Errorf("autofocus on %q, %v", id, err)
	}
	do("type the procedure", chromedp.KeyEvent(fixtureProc), chromedp.KeyEvent("\t"),
		visible(`#intake-docs input[name="doc"]`))
	do("type the applicant", chromedp.KeyEvent("Trần Đức Đạt\t001203004567\t0912 345 678\tSố 1 Lý Thái Tổ, Bắc Ninh"))
	shot("dossier-01-intake")
	do("Enter submits", chromedp.KeyEvent("\r"))
	msg := flash("Mã tra cứu", "MỘT LẦN")
	m := regexp.MustCompile(`hồ sơ (\S+)\. Mã tra cứu của người nộp: ([A-Z0-9-]{16})`).FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("no code and secret in %q", msg)
	}
	code, secret := m[1], m[2]
	text("main", "Trần Đức Đạt", fixtureName, "Phiếu kiểm soát", "Mẫu số 01")
	shot("dossier-02-received")

	do("choose the official", chromedp.SetValue(chromedp.CSS("#forward-to_person_id"), a.person(t, "Nguyễn Thị Minh Nguyệt")))
	submit("forward to the division", "#act-forward button[type=submit]")
	flash("Đã chuyển xử lý hồ sơ " + code)
	logout()

	// The official finds it in the queue and sends it back to the desk.
	login("chuyenvien")
	do("queue", chromedp.Navigate(base+"/dossiers/queue"), visible("table.dossiers"))
	text("table.dossiers", code, "Trần Đức Đạt")
	shot("dossier-03-queue")
	do("open the dossier", click(`table.dossiers a[href="/dossiers/`+code+`"]`), visible("#act-forward"))
	submit("forward back to the desk", "#act-forward button[type=submit]")
	flash("Đã chuyển xử lý hồ sơ " + code)
	logout()

	// The desk completes it and returns the result.
	login("motcua")
	do("open at the desk", chromedp.Navigate(base+"/dossiers/"+code), visible("#act-complete"))
	submit("complete", "#act-complete button[type=submit]")
	flash("Đã hoàn thành xử lý")
	submit("return", "#act-return_result button[type=submit]")
	flash("Đã trả kết quả")
	text("table.slip", "Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Trả kết quả", "Nguyễn Thị Minh Nguyệt")
	text(".status-badge", "Đã trả kết quả")
	shot("dossier-04-returned")
	logout()

	// The director sees it counted, and behind the figure.
	login("giamdoc")
	do("statistics", chromedp.Navigate(base+"/stats/dossiers"), visible("#report"))
	text("#report", "Số hồ sơ nhận giải quyết")
	if n := text("#fig-received_direct"); n == "0" {
		t.Errorf("received in person: %q", n)
	}
	shot("dossier-05-stats")
	do("drill down", click("#fig-received_direct"), visible("table.dossiers"))
	text("table.dossiers", code)
	logout()

	// The applicant, without logging in.
	do("public lookup", click(`a[href="/tra-cuu"]`), visible("#f-code"),
		chromedp.SendKeys(chromedp.CSS("#f-code"), code),
		chromedp.SendKeys(chromedp.CSS("#f-secret"), strings.ToLower(secret)+"\r"),
		visible("#lookup-status"))
	text("#lookup-status", "Đã trả kết quả")
	text(".lookup-result", "T.Đ.Đ.", "Đánh giá mức độ hài lòng")
	if body := text("main"); strings.Contains(body, "Trần Đức Đạt") {
		t.Error("the public lookup shows the applicant's name")
	}
	shot("dossier-06-lookup")
	do("choose a rating", click(`#rating input[name="score"][value="1"]`))
	submit("rate", "#rating button[type=submit]")
	flash("Cảm ơn")

	do("phone-sized lookup", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/tra-cuu"), visible("#f-code"))
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
