package web_test

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReturnForReworkBrowser: in a real Chromium the head returns the
// dossier from the approval step (the form will not submit until the
// confirmation is ticked); the official's bell shows one more unread with
// the return; opening it shows the dossier back at the official's step
// with the forward offered again.
func TestReturnForReworkBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addHeadProcedure(t, a)
	base := a.srv.URL
	clerk, official := a.login(t, "motcua"), a.login(t, "chuyenvien")
	code, _ := headDossierAtApproval(t, a, clerk, official, "Lương Thị Mai")
	runJobs(t, a) // the forwards' notices, so the count below is the return's
	before := bell(t, official.do("GET", "/", nil, false).body)

	b := newBrowserSession(t, ctx)
	browserLogin(b, a, "truongphong.kgvx")
	b.do("the dossier at the head's step", chromedp.Navigate(base+"/dossiers/"+code), visible("#act-return_for_rework"))
	forms := actionForms(t, b)
	if len(forms) < 2 || forms[0].ID != "act-forward" {
		t.Errorf("the forward does not lead: %+v", forms)
	}
	for _, f := range forms {
		if f.ID == "act-return_for_rework" && (!f.Required || f.Button == forms[0].Button) {
			t.Errorf("the return is not drawn apart or asks no confirmation: %+v (first %+v)", f, forms[0])
		}
	}
	b.shot("rework-01-head")
	b.do("return unconfirmed", chromedp.SendKeys(chromedp.CSS("#return_for_rework-reason"), "Thiếu ý kiến của Phòng Tài chính"),
		click("#act-return_for_rework button[type=submit]"))
	valid, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#act-return_for_rework").checkValidity()`))
	if err != nil || valid {
		t.Errorf("the return form is valid without its confirmation (%v)", err)
	}
	b.do("return confirmed", click(`#act-return_for_rework input[name="confirm"]`), click("#act-return_for_rework button[type=submit]"), visible(".flash"))
	b.text(".flash", "Đã trả lại hồ sơ "+code+" để xử lý lại.")
	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))

	runJobs(t, a)
	browserLogin(b, a, "chuyenvien")
	b.text(".bell-count", strconv.Itoa(before+1))
	b.do("open the bell", click(".bell-link"), visible(".bell-panel"))
	b.text(".bell-panel", "Hồ sơ bị trả lại để xử lý lại: "+code)
	b.shot("rework-02-bell")
	b.do("open the dossier from the bell", click(".bell-list li:first-child button.bell-item"), visible("#act-forward"))
	b.text("main", code, "Thẩm định hồ sơ", "Thiếu ý kiến của Phòng Tài chính")
	b.shot("rework-03-back")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
