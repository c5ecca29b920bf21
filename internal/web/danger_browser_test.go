package web_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// formInfo is one action form of a page: its id, its classes, the colour
// of its button and whether it asks for confirmation.
type formInfo struct {
	ID, Class, Button string
	Required          bool // the form has a required confirmation box
}

// actionForms lists the action forms of the page, in order.
func actionForms(t *testing.T, b *browserSession) []formInfo {
	t.Helper()
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]formInfo](`Array.from(document.querySelectorAll(".action-forms form")).map(f => ({
		id: f.id, class: f.className, button: getComputedStyle(f.querySelector("button[type=submit]")).backgroundColor,
		required: !!f.querySelector('input[type=checkbox][name=confirm][required]')}))`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// checkOrder fails unless first leads, every dangerous form comes after
// every other, is drawn apart (its class, another button colour) and asks
// for confirmation.
func checkOrder(t *testing.T, page string, forms []formInfo, first string, danger ...string) {
	t.Helper()
	if len(forms) == 0 || forms[0].ID != first {
		t.Errorf("%s: the first action is %+v, want %s", page, forms, first)
		return
	}
	seenDanger := false
	for _, f := range forms {
		isDanger := false
		for _, d := range danger {
			isDanger = isDanger || f.ID == d
		}
		switch {
		case isDanger:
			seenDanger = true
			if !strings.Contains(f.Class, "danger") || !f.Required || f.Button == forms[0].Button {
				t.Errorf("%s: %s is not drawn apart or asks no confirmation: %+v (first: %+v)", page, f.ID, f, forms[0])
			}
		case seenDanger:
			t.Errorf("%s: %s comes after a destructive action: %+v", page, f.ID, forms)
		case f.Required || strings.Contains(f.Class, "danger"):
			t.Errorf("%s: %s is drawn as destructive: %+v", page, f.ID, f)
		}
	}
	if !seenDanger {
		t.Errorf("%s: none of %v offered: %+v", page, danger, forms)
	}
}

// TestDestructiveActions: on the dossier at the desk the expected action
// (forward) stands first and refusal and withdrawal come last, in the
// danger style, behind a confirmation box the browser requires (no script
// needed: HTML "required"); the same for cancelling a task, deleting a
// holiday, revoking a delegation and ending a membership.
func TestDestructiveActions(t *testing.T) {
	ctx, problems := newBrowser(t)
	w := newLayoutWorld(t)
	base := w.a.srv.URL
	b := newBrowserSession(t, ctx)
	browserLogin(b, w.a, "motcua")
	b.do("dossier", chromedp.Navigate(base+"/dossiers/"+w.code), visible("#act-refuse"))
	checkOrder(t, "dossier", actionForms(t, b), "act-forward", "act-refuse", "act-stop", "act-withdraw")
	b.shot("desktop-dossier-actions")

	// Refusing without ticking the box does nothing; ticked, it refuses.
	b.do("refuse unconfirmed", chromedp.SendKeys(chromedp.CSS("#refuse-reason"), "Thiếu bản chính văn bản đề nghị"),
		click("#act-refuse button[type=submit]"))
	valid, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#act-refuse").checkValidity()`))
	if err != nil || valid {
		t.Errorf("the refusal form is valid without its confirmation (%v)", err)
	}
	if status := b.text(".status-badge"); status == "Từ chối tiếp nhận" || strings.Contains(b.text("main"), "Đã từ chối tiếp nhận") {
		t.Fatal("refused without confirmation")
	}
	b.do("refuse confirmed", click(`#act-refuse input[name="confirm"]`), click("#act-refuse button[type=submit]"), visible(".flash"))
	b.text(".flash", "Đã từ chối tiếp nhận hồ sơ "+w.code)
	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))

	browserLogin(b, w.a, "truongphong.kgvx")
	b.do("task", chromedp.Navigate(base+"/tasks/"+w.submittedID), visible("#act-cancel"))
	checkOrder(t, "task", actionForms(t, b), "act-accept", "act-cancel")
	b.shot("desktop-task-actions")
	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))

	// The small forms in tables: the box sits beside the button.
	inline := func(who, path, form, after string) {
		t.Helper()
		browserLogin(b, w.a, who)
		b.do(path, chromedp.Navigate(base+path), visible(form))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`Array.from(document.querySelectorAll(`+"`"+form+"`"+`)).map(f =>
			f.querySelector('input[type=checkbox][name=confirm][required]') !== null && f.querySelector("button.danger") !== null && !f.checkValidity())`))
		if err != nil || len(got) == 0 {
			t.Fatalf("%s: %v %v", path, got, err)
		}
		for i, ok := range got {
			if !ok {
				t.Errorf("%s: form %d of %s asks no confirmation or is not drawn apart", path, i, form)
			}
		}
		b.shot("desktop" + strings.ReplaceAll(path, "/", "-"))
		if after != "" { // ticked, the first form goes through (for the revocation, by htmx)
			b.do("confirm", click(form+` input[name="confirm"]`), click(form+" button.danger"), visible(".flash"))
			b.text(".flash", after)
		}
		b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	}
	inline("vanhanh", "/calendar?year=2026", `form[action$="/delete"]`, "")
	inline("giamdoc", "/delegations", `form[action$="/revoke"]`, "Đã thu hồi")
	inline("admin", "/people/"+w.longPersonID, `form[action$="/end"]`, "")

	// Without a script the page says the same: the box is in the HTML.
	page := w.a.login(t, "truongphong.kgvx").do("GET", "/tasks/"+w.taskID, nil, false)
	cancel := regexp.MustCompile(`(?s)<form[^>]*id="act-cancel".*?</form>`).FindString(page.body)
	if !strings.Contains(cancel, `name="confirm" value="yes" required`) {
		t.Errorf("the cancel form has no required confirmation in its HTML:\n%s", cancel)
	}
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
