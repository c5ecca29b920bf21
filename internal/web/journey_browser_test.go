package web_test

import (
	"context"
	"net/http"
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

// journeyProc has documents to scan at the desk and the KGVX head's
// approval step after the official's appraisal.
const journeyProc = "1.999003"

// TestEverydayJourney is issue #12's "done when", in one real Chromium: the
// clerk receives a dossier with a scanned document and prints a receipt that
// carries the lookup secret; the official is told by the bell, finds the
// dossier by the applicant's full name typed without diacritics, and
// attaches the result; the official cannot take the head's approval step,
// and the head can.
func TestEverydayJourney(t *testing.T) {
	ctx, _ := newBrowserWithin(t, 2*time.Minute) // four logins and two uploads
	a := newApp(t)
	addJourneyProcedure(t, a)
	runJobs(t, a) // what the demo left pending, so the bell below is this dossier's
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
	dir := t.TempDir()
	scan, result := filepath.Join(dir, "Văn bản đề nghị.pdf"), filepath.Join(dir, "Quyết định chấp thuận.pdf")
	for _, f := range []string{scan, result} {
		if err := os.WriteFile(f, filetest.PDF(t), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// The desk.
	login("motcua")
	do("intake form", click(`nav.main-nav a[href="/dossiers/new"]`), visible("#f-procedure_code"))
	do("type the procedure", chromedp.KeyEvent(journeyProc), chromedp.KeyEvent("\t"), visible(`#intake-docs input.doc-scan`))
	// The documents' lines come by htmx when the procedure changes; the scan
	// is chosen once they have settled, and checked chosen before sending.
	waitFor := func(step, js string) {
		t.Helper()
		// A poll that meets a navigation is asked again on the new page.
		var err error
		for try := 0; try < 5; try++ {
			if _, err = chromedp.Run(ctx, chromedp.Poll[bool](js)); err == nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Fatalf("%s: %v", step, err)
	}
	waitFor("the lines settle", `!document.querySelector("#intake-docs.htmx-settling, #intake-docs.htmx-swapping, .htmx-request")`)
	do("choose the scan", chromedp.SetUploadFiles(chromedp.CSS(`#intake-docs input.doc-scan`), []string{scan}))
	waitFor("the scan is chosen", `document.querySelector("#intake-docs input.doc-scan").files.length === 1`)
	do("type the applicant", chromedp.SendKeys(chromedp.CSS("#f-name"), "Hoàng Thị Ngọc Bích"),
		chromedp.SendKeys(chromedp.CSS("#f-id_number"), "001203009876"))
	do("receive", click(`#intake button[type="submit"]`), visible("#receipt-print"))
	text("#files", "Văn bản đề nghị.pdf")
	code := strings.TrimSpace(b.text("h1 code"))
	secret, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#receipt-print input[name="secret"]').value`))
	if err != nil || len(secret) != 16 {
		t.Fatalf("secret on the page: %q %v", secret, err)
	}
	shot("journey-01-received")
	clerk := a.login(t, "motcua")
	receipt := clerk.do("POST", "/dossiers/"+code+"/receipt", url.Values{"secret": {secret}}, true)
	if receipt.status != http.StatusOK || !strings.Contains(pdfText(t, receipt.body), secret) {
		t.Fatalf("the receipt (status %d) does not carry the secret %s", receipt.status, secret)
	}
	do("forward to the official", chromedp.Navigate(base+"/dossiers/"+code), visible(".status-badge"))
	logout()
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	runJobs(t, a)

	// The official: told, finds it, attaches the result.
	login("chuyenvien")
	do("the bell", visible(".bell-count"), click(".bell-link"), visible(".bell-panel"))
	text(".bell-panel", code)
	do("the list", chromedp.Navigate(base+"/dossiers"), visible("#f-q"))
	do("search by the full name", chromedp.SendKeys(chromedp.CSS("#f-q"), "bich ngoc hoang thi\r"))
	// Enter navigates: wait for the searched page itself, not the table of
	// the page it replaces (under load the old table was read as it went).
	waitFor("the search page", `location.search.includes("q=") && document.readyState === "complete" && !!document.querySelector("main table")`)
	text("main table", code, "Hoàng Thị Ngọc Bích")
	shot("journey-02-found")
	do("open it", click(`main table a[href="/dossiers/`+code+`"]`), visible("#files form.files-add"))
	do("choose the result", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{result}),
		chromedp.SetValue(chromedp.CSS("#f-slot"), "result"))
	do("attach it", click(`#files form.files-add button[type="submit"]`),
		chromedp.WaitVisible(chromedp.Search(`//section[@id="files"]//a[contains(., "Quyết định chấp thuận.pdf")]`)))
	text("#files", "Quyết định chấp thuận.pdf", "Văn bản đề nghị.pdf")
	shot("journey-03-result")
	logout()

	// The head's step: the official is refused, the head goes on.
	official := a.login(t, "chuyenvien")
	mustAct(t, official, code, "forward", url.Values{"to_person_id": {a.person(t, "Trần Văn Hùng")}})
	forged := official.do("POST", "/dossiers/"+code+"/events", url.Values{"action": {"forward"}, "version": {"4"},
		"to_person_id": {a.person(t, "Nguyễn Thị Hằng")}}, true)
	if forged.status != http.StatusForbidden || !strings.Contains(forged.body, "Trưởng phòng phê duyệt") {
		t.Errorf("the official at the head's step: status %d", forged.status)
	}
	head := a.login(t, "truongphong.kgvx")
	mustAct(t, head, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Hằng")}, "note": {"Đồng ý"}})
	login("motcua")
	do("back at the desk", chromedp.Navigate(base+"/dossiers/"+code), visible(".status-badge"))
	text("main", "Trả kết quả", "Quyết định chấp thuận.pdf")
	shot("journey-04-back-at-desk")
}

func addJourneyProcedure(t testing.TB, a *app) {
	t.Helper()
	id := func(name string) int64 { n, _ := strconv.ParseInt(a.unit(t, name), 10, 64); return n }
	desk, kgvx := id("Bộ phận Tiếp nhận và Trả kết quả"), id("Phòng Khoa giáo – Văn xã")
	_, err := a.db.CreateProcedureVersion(context.Background(), audit.System("test"), dossier.Procedure{
		Code: journeyProc, Name: "Chấp thuận chủ trương đầu tư (thử nghiệm)", Field: "Đầu tư tại Việt Nam", Level: dossier.LevelPartial,
		Limit:     calendar.Limit{Value: 15, Unit: calendar.WorkingDays},
		Documents: []dossier.Document{{Name: "Văn bản đề nghị", Copy: dossier.Original, Quantity: 1}},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định hồ sơ", UnitID: kgvx, Role: org.RoleOfficial, Budget: 13},
			{Name: "Trưởng phòng phê duyệt", UnitID: kgvx, Role: org.RoleHead, Budget: 1},
			{Name: "Trả kết quả", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: id("Sở Tài chính tỉnh Bắc Ninh"),
	})
	if err != nil {
		t.Fatalf("journey procedure: %v", err)
	}
}
