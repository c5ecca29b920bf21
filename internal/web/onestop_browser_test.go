package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestReceiptQRBrowser: the clerk opens the intake with Alt+N, receives a
// dossier and has the receipt with the secret; the receipt's QR address
// (printed under it) opens the public lookup in a browser with the dossier
// shown at once, and the secret leaves the address bar. Then, on a
// procedure with the head's approval step, the official sees who takes the
// step, has no action, and a forged post is refused with the step and the
// role named.
func TestReceiptQRBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	addHeadProcedure(t, a)
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

	login("motcua")
	text(`nav.main-nav a[href="/dossiers/new"]`, "Tiếp nhận hồ sơ", "Alt+N")
	do("Alt+N opens the intake", chromedp.KeyEvent("n", chromedp.KeyModifiers(kb.ModifierAlt)), visible("#f-procedure_code"))
	do("type the procedure", chromedp.KeyEvent(fixtureProc), chromedp.KeyEvent("\t"), visible(`#intake-docs input[name="doc"]`))
	do("type the applicant", chromedp.KeyEvent("Trần Đức Đạt\t001203004567\t0912 345 678\tSố 1 Lý Thái Tổ, Bắc Ninh"))
	do("Enter submits", chromedp.KeyEvent("\r"), visible("#receipt-print"))
	text("#receipt-print", "In giấy tiếp nhận kèm mã tra cứu")
	shot("onestop-01-receipt-button")
	code := strings.TrimSpace(b.text("h1 code"))
	secret, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#receipt-print input[name="secret"]').value`))
	if err != nil || len(secret) != 16 {
		t.Fatalf("secret on the page: %q %v", secret, err)
	}
	logout()

	// The receipt, as the print button gets it: its QR address is printed
	// under the code.
	clerk := a.login(t, "motcua")
	pdf := clerk.do("POST", "/dossiers/"+code+"/receipt", url.Values{"secret": {secret}}, true)
	txt := pdfText(t, pdf.body)
	i, j := strings.Index(txt, "Tra cứu hồ sơ: "), strings.Index(txt, "NGƯỜI NỘP")
	if i < 0 || j < i {
		t.Fatalf("no lookup address on the receipt:\n%s", txt)
	}
	qr := strings.ReplaceAll(txt[i+len("Tra cứu hồ sơ: "):j], " ", "")
	if !strings.HasPrefix(qr, base+"/tra-cuu?code=") || !strings.HasSuffix(qr, "#secret="+secret) {
		t.Fatalf("the QR address %q does not carry the code and the secret", qr)
	}

	// The applicant scans it: the lookup shows the dossier at once.
	do("open the QR address", chromedp.Navigate(qr), visible("#lookup-status"))
	text("#lookup-status", "Được tiếp nhận")
	text(".lookup-result", code)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || strings.Contains(loc, "secret") || strings.Contains(loc, "#") {
		t.Errorf("the secret is still in the address bar: %q %v", loc, err)
	}
	shot("onestop-02-qr-lookup")

	// The head's approval step is not the official's.
	f := intakeForm("Đỗ Văn Nam")
	f.Set("procedure_code", headProc)
	f.Del("doc")
	hcode, _, _ := intakeNow(t, clerk, f)
	official := a.login(t, "chuyenvien")
	mustAct(t, clerk, hcode, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	mustAct(t, official, hcode, "forward", url.Values{"to_person_id": {a.person(t, "Trần Văn Hùng")}})
	login("chuyenvien")
	do("the dossier at the head's step", chromedp.Navigate(base+"/dossiers/"+hcode), visible("#step-role"))
	text("#step-role", "do Trưởng phòng hoặc cấp trên thực hiện")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form.action-form").length`)); err != nil || n != 0 {
		t.Errorf("the official has %d action forms (%v)", n, err)
	}
	shot("onestop-03-head-step")
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const body = new URLSearchParams({csrf: document.querySelector('input[name="csrf"]').value, action: "forward", version: "3", to_person_id: "1"});
		const r = await fetch(location.pathname + "/events", {method: "POST", body});
		return r.status + " " + (await r.text());
	})()`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(res, "403 ") || !strings.Contains(res, "Bước “Trưởng phòng phê duyệt” do Trưởng phòng (hoặc cấp trên) thực hiện") {
		t.Errorf("forged post at the head's step: %.300q %v", res, err)
	}
	time.Sleep(100 * time.Millisecond) // let the console report a refused fetch
	for _, p := range problems() {
		if !strings.Contains(p, "403") {
			t.Errorf("browser problem: %s", p)
		}
	}
}
