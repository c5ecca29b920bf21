package web_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file/filetest"
	"congvu/internal/org"
)

// onlineProc is a procedure of the fixture's shape whose result is
// delivered online (issue 15 item 4).
const onlineProc, onlineProcName = "1.009777", "Cấp bản sao văn bản chấp thuận"

func addOnlineProcedure(t testing.TB, a *app) {
	t.Helper()
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	desk, _ := strconv.ParseInt(a.unit(t, "Bộ phận Tiếp nhận và Trả kết quả"), 10, 64)
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	if _, err := a.db.CreateProcedureVersion(context.Background(), audit.System("test"), dossier.Procedure{
		Code: onlineProc, Name: onlineProcName, Field: "Đầu tư tại Việt Nam", Level: dossier.LevelFull,
		Limit: calendar.Limit{Value: 5, Unit: calendar.WorkingDays}, OnlineResult: true,
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định hồ sơ", UnitID: kgvx, Budget: 4},
			{Name: "Trả kết quả", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: agency,
	}); err != nil {
		t.Fatalf("online procedure: %v", err)
	}
}

// TestLookupOnlineBrowser: an official asks for a supplement; the
// applicant looks the dossier up, sees what was asked and uploads a PDF
// from the lookup page, without logging in; the official sees the
// document on the dossier, which is handled again. Then a dossier of a
// procedure delivering online is resolved with its result attached, and
// the applicant downloads the result from the lookup page.
func TestLookupOnlineBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	addOnlineProcedure(t, a)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	logout := func() {
		t.Helper()
		do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	}
	lookup := func(code, secret string) {
		t.Helper()
		do("look up "+code, chromedp.Navigate(base+"/tra-cuu?code="+url.QueryEscape(code)), visible("#f-secret"),
			chromedp.SendKeys(chromedp.CSS("#f-secret"), secret+"\r"), visible("#lookup-status"))
	}
	// axe checks each state of the lookup page when axe-core is at hand
	// (CONGVU_TEST_AXE); the form and the links are in no GET page the
	// accessibility walk opens.
	axe := func(state string) {
		t.Helper()
		p := os.Getenv("CONGVU_TEST_AXE")
		if p == "" {
			return
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := runAxe(ctx, string(src))
		if err != nil {
			t.Fatalf("axe on %s: %v", state, err)
		}
		for _, v := range vs {
			t.Errorf("axe on %s: %s", state, v)
		}
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}

	clerk := a.login(t, "motcua")
	code, secret, _ := intakeNow(t, clerk, intakeForm("Phạm Thị Lan"))
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})

	// The official asks for the supplement on the dossier's page.
	b.logIn(base, "chuyenvien", a.passwords["chuyenvien"])
	do("the dossier", chromedp.Navigate(base+"/dossiers/"+code), visible("#act-request_supplement"))
	do("what to add", chromedp.SendKeys(chromedp.CSS("#request_supplement-reason"), "Bản sao có chứng thực giấy phép kinh doanh\nSơ đồ vị trí khu đất"),
		click("#act-request_supplement button[type=submit]"), visible(".flash"))
	text(".status-badge", "Yêu cầu bổ sung")
	logout()

	// The applicant, on the lookup page.
	lookup(code, secret)
	text("#lookup-status", "Yêu cầu bổ sung")
	text("#supplements", "Bản sao có chứng thực giấy phép kinh doanh", "Sơ đồ vị trí khu đất", "Đang chờ")
	text("nav.main-nav", "Tra cứu hồ sơ", "Tin tức")
	do("the form", visible("#supplement-form"))
	shot("lookup15-01-supplement-asked")
	axe("the supplement form")
	do("phone width", chromedp.EmulateViewport(390, 844))
	shot("lookup15-01-supplement-asked-phone")
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || w > 390 {
		t.Errorf("the page overflows a phone's width: %d (%v)", w, err)
	}
	do("desktop width", chromedp.EmulateViewport(1280, 900))
	scan := write("Giấy phép kinh doanh.pdf", filetest.PDF(t))
	do("choose the scan", chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{scan}))
	do("send", click("#supplement-form button[type=submit]"), visible("#supplement-thanks"))
	text("#lookup-status", "Đang xử lý")
	text("#supplements", "Đã nhận bổ sung")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#supplement-form").length`)); err != nil || n != 0 {
		t.Errorf("the form is still offered (%d, %v)", n, err)
	}
	shot("lookup15-02-supplement-sent")
	axe("the supplement received")

	// The official sees it on the dossier, handled again.
	b.logIn(base, "chuyenvien", a.passwords["chuyenvien"])
	do("the dossier again", chromedp.Navigate(base+"/dossiers/"+code), visible("#files"))
	text("#files", "Giấy phép kinh doanh.pdf", "Giấy tờ bổ sung")
	text(".status-badge", "Đang xử lý")
	text("main", "Người nộp hồ sơ (trực tuyến)")
	shot("lookup15-03-official-sees")
	logout()

	// A dossier delivering online, resolved with its result attached.
	f := intakeForm("Hoàng Văn Minh")
	f.Set("procedure_code", onlineProc+" — "+onlineProcName)
	f.Del("doc")
	rcode, rsecret, _ := intakeNow(t, clerk, f)
	official := a.login(t, "chuyenvien")
	mustAct(t, clerk, rcode, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	mustAct(t, official, rcode, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Hằng")}})
	b.logIn(base, "motcua", a.passwords["motcua"])
	do("the desk's dossier", chromedp.Navigate(base+"/dossiers/"+rcode), visible("form.files-add"))
	result := filetest.PDF(t)
	do("attach the result", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{write("Văn bản chấp thuận.pdf", result)}),
		chromedp.SetValue(chromedp.CSS("#f-slot"), "result"), click("form.files-add button[type=submit]"), visible(".flash"))
	logout()
	mustAct(t, clerk, rcode, "complete", nil)

	lookup(rcode, rsecret)
	text("#lookup-status", "Đã xử lý xong")
	text("#results", "Văn bản chấp thuận.pdf", "PDF")
	shot("lookup15-04-result")
	axe("the result")
	js := `(async () => { const a = document.querySelector("#results a"); const r = await fetch(a.href);
		return {href: a.getAttribute("href"), status: r.status, disp: r.headers.get("content-disposition"), type: r.headers.get("content-type"),
			nosniff: r.headers.get("x-content-type-options"), size: (await r.arrayBuffer()).byteLength}; })()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	if got["status"] != float64(200) || got["type"] != "application/pdf" || got["nosniff"] != "nosniff" || got["size"] != float64(len(result)) ||
		!strings.HasPrefix(got["disp"].(string), "attachment;") || strings.Contains(got["href"].(string), strings.ReplaceAll(rsecret, "-", "")) {
		t.Errorf("download: %v", got)
	}
	time.Sleep(100 * time.Millisecond)
	for _, p := range problems() {
		t.Errorf("browser problem: %s", p)
	}
}
