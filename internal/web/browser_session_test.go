package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserSession holds the small vocabulary the browser tests speak: run
// actions, read text, take screenshots into the test's folder (or
// CONGVU_SCREENSHOT_DIR, to keep them).
type browserSession struct {
	t   *testing.T
	ctx context.Context
	dir string
}

func newBrowserSession(t *testing.T, ctx context.Context) *browserSession {
	dir := t.TempDir()
	if d := os.Getenv("CONGVU_SCREENSHOT_DIR"); d != "" {
		dir = d
	}
	return &browserSession{t: t, ctx: ctx, dir: dir}
}

// do runs actions, failing the test with the step's name.
func (b *browserSession) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// logIn logs who in on the login page of the server at base and waits for
// the home page's cards.
func (b *browserSession) logIn(base, who, password string) {
	b.t.Helper()
	b.do("log in as "+who, chromedp.Navigate(base+"/login"), visible("#f-login"),
		chromedp.SendKeys(chromedp.CSS("#f-login"), who),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password+"\r"),
		visible(".cards"))
}

// shot saves a full-page screenshot named name.png.
func (b *browserSession) shot(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
}

// text returns the text of sel and checks it contains every want.
// A page that is still being replaced after a submit is read again until
// it holds every want or ten seconds have passed: under load a read can
// land on the old page as it goes ("No node with given id found").
func (b *browserSession) text(sel string, wants ...string) string {
	b.t.Helper()
	var got string
	var err error
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		got, err = chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
		if err == nil && containsAll(got, wants) || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	for _, w := range wants {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s: %q not in %q", sel, w, got)
		}
	}
	return got
}

func visible(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(sel))
}

func click(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

// menu opens the menu's group holding the link to href, as a user clicks
// its name, then clicks the link (nav_groups.go).
func menu(href string) chromedp.Action[chromedp.Void] {
	sel := fmt.Sprintf(`#main-nav a[href=%q]`, href)
	open := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const d = document.querySelector(%q).closest("details"); if (d && !d.open) d.querySelector("summary").click(); })()`, sel))
	return chromedp.Steps(open, visible(sel), click(sel))
}

// inMenu says whether the menu has a link to href, folded in a group or not.
func inMenu(t testing.TB, ctx context.Context, href string) bool {
	t.Helper()
	has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q) !== null`, fmt.Sprintf(`#main-nav a[href=%q]`, href))))
	if err != nil {
		t.Fatalf("the menu: %v", err)
	}
	return has
}

// textAnyCase is text ignoring letter case, for labels the stylesheet
// capitalises (CSS text-transform changes what the browser reports).
func (b *browserSession) textAnyCase(sel string, wants ...string) string {
	b.t.Helper()
	got, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	for _, w := range wants {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
			b.t.Errorf("%s: %q not in %q", sel, w, got)
		}
	}
	return got
}

func containsAll(s string, wants []string) bool {
	for _, w := range wants {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
