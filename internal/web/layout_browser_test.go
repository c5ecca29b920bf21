package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// horizontalOverflow says what sticks out of the viewport sideways, or ""
// when the page fits: the document wider than the window, or a visible
// element of main whose box runs past the right edge (inside a frame that
// scrolls on its own is fine: the frame itself must fit).
func horizontalOverflow(t *testing.T, ctx context.Context) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const vw = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth > vw) {
			const out = [];
			for (const el of document.querySelectorAll("body *")) {
				const r = el.getBoundingClientRect();
				if (r.width > 0 && r.right > vw + 1 && getComputedStyle(el).position !== "fixed") {
					let p = el.parentElement, clipped = false;
					for (; p; p = p.parentElement) {
						const o = getComputedStyle(p).overflowX;
						if (o === "auto" || o === "hidden" || o === "scroll") { clipped = true; break; }
					}
					if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " right=" + Math.round(r.right));
				}
				if (out.length >= 4) break;
			}
			return "page " + document.documentElement.scrollWidth + "px wide in " + vw + "px: " + out.join(", ");
		}
		return "";
	})()`))
	if err != nil {
		t.Fatalf("measure overflow: %v", err)
	}
	return got
}

// inViewport reports, for every element sel matches, whether its box is
// entirely inside the window (not scrolled off to a side, even inside a
// frame that scrolls), as "selector: left–right of width" for those that
// are not.
func inViewport(t *testing.T, ctx context.Context, sel string) (n int, outside []string) {
	t.Helper()
	type res struct {
		N       int      `json:"n"`
		Outside []string `json:"outside"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[res](fmt.Sprintf(`(() => {
		const vw = document.documentElement.clientWidth, out = [];
		const els = document.querySelectorAll(%q);
		els.forEach(el => { const r = el.getBoundingClientRect();
			if (r.width === 0 && r.height === 0 && getComputedStyle(el).display === "none") return; // an empty cell, hidden on purpose
			if (r.width === 0 || r.left < -1 || r.right > vw + 1) out.push(Math.round(r.left) + "–" + Math.round(r.right) + " of " + vw + ": " + el.innerText.slice(0, 40)); });
		return {n: els.length, outside: out};
	})()`, sel)))
	if err != nil {
		t.Fatalf("measure %s: %v", sel, err)
	}
	return got.N, got.Outside
}

// TestPhoneLayout opens the lists at a phone's width (375×667): no list
// scrolls sideways, the due column of the task and dossier lists is on the
// screen (tables become cards), and the menu folds behind a button that
// opens it.
func TestPhoneLayout(t *testing.T) {
	ctx, problems := newBrowser(t)
	w := newLayoutWorld(t)
	base := w.a.srv.URL
	b := newBrowserSession(t, ctx)
	lists := []struct {
		who, path, due string // who looks, the page, and its due column's cells
	}{
		{"truongphong.kgvx", "/tasks?tab=assigned", "table.tasks tbody td:nth-child(4)"},
		{"truongphong.kgvx", "/plans/" + w.planID, "table.tasks tbody td"},
		{"chuyenvien", "/tasks", "table.tasks tbody td:nth-child(4)"},
		{"giamdoc", "/dossiers", "table.dossiers tbody td:nth-child(6)"},
		{"giamdoc", "/stats/dossiers/" + w.figureName, "table.dossiers tbody td:nth-child(6)"},
		{"giamdoc", "/plans", ".table-wrap table tbody td"},
		{"giamdoc", "/people", ".table-wrap table tbody td"},
		{"giamdoc", "/delegations", ".table-wrap table tbody td"},
		{"giamdoc", "/procedures", ".table-wrap table tbody td"},
		{"giamdoc", "/projects", "table.projects tbody td:nth-child(9)"},
		{"motcua", "/dossiers/queue", "table.dossiers tbody td:nth-child(6)"},
		{"motcua", "/dossiers/" + w.code, "table.slip tbody td"},
	}
	do := b.do
	who := ""
	for _, l := range lists {
		if l.who != who {
			if who != "" {
				do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
			}
			do("desktop", chromedp.EmulateViewport(desktop.width, desktop.height))
			browserLogin(b, w.a, l.who)
			do("phone", chromedp.EmulateViewport(phone.width, phone.height))
			who = l.who
		}
		do("open "+l.path, chromedp.Navigate(base+l.path), visible("main"))
		if over := horizontalOverflow(t, ctx); over != "" {
			t.Errorf("%s scrolls sideways on a phone: %s", l.path, over)
		}
		n, outside := inViewport(t, ctx, l.due)
		if n == 0 {
			t.Errorf("%s: no cells %s", l.path, l.due)
		}
		for _, o := range outside {
			t.Errorf("%s: a cell of %s is off the screen: %s", l.path, l.due, o)
		}
		b.shot("phone-" + strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(l.path), "-"))
	}

	// The menu: folded, one button to open it, every link then on screen.
	do("home", chromedp.Navigate(base+"/"), visible(".cards"))
	if n, _ := inViewport(t, ctx, ".main-nav a"); n == 0 {
		t.Fatal("no menu links")
	}
	if shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".main-nav").getBoundingClientRect().height > 0`)); shown {
		t.Error("the menu is not folded on a phone")
	}
	b.shot("phone-home-menu-folded")
	do("open the menu", click(".menu-toggle"), visible(".main-nav a"))
	if exp, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".menu-toggle").getAttribute("aria-expanded")`)); exp != "true" {
		t.Errorf("menu button aria-expanded=%q after opening", exp)
	}
	if n, outside := inViewport(t, ctx, ".main-nav > ul > li > a, .main-nav summary"); n < 3 || len(outside) > 0 {
		t.Errorf("%d menu entries, off the screen: %v", n, outside)
	}
	b.shot("phone-home-menu-open")
	// A group opens in place, its pages on the screen too.
	do("open a group", click(".main-nav details summary"), visible(".main-nav details[open] a"))
	if n, outside := inViewport(t, ctx, ".main-nav details[open] a"); n == 0 || len(outside) > 0 {
		t.Errorf("%d links of the open group, off the screen: %v", n, outside)
	}
	b.shot("phone-home-menu-group")
	do("close the menu", click(".menu-toggle"))
	if shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".main-nav").getBoundingClientRect().height > 0`)); shown {
		t.Error("the menu does not fold again")
	}

	// On a desktop the menu is a bar, with no button.
	do("desktop", chromedp.EmulateViewport(desktop.width, desktop.height), chromedp.Navigate(base+"/"), visible(".main-nav a"))
	if shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".menu-toggle").getBoundingClientRect().height > 0`)); shown {
		t.Error("the menu button shows on a desktop")
	}
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}

// TestLongEmailWraps puts a person with a 70-character e-mail on the
// screen of a phone: the person page, and the home page's card of the
// person logged in, keep it inside their boxes.
func TestLongEmailWraps(t *testing.T) {
	ctx, problems := newBrowser(t)
	w := newLayoutWorld(t)
	base := w.a.srv.URL
	b := newBrowserSession(t, ctx)
	w.a.passwords["huyen.ktn"] = "mat-khau-du-dai-lam"
	browserLogin(b, w.a, "admin")
	b.do("phone", chromedp.EmulateViewport(phone.width, phone.height))
	b.do("person page", chromedp.Navigate(base+"/people/"+w.longPersonID), visible("dl.facts"))
	b.text("dl.facts", longEmail)
	checkInside(t, ctx, "dl.facts dd", "main")
	if over := horizontalOverflow(t, ctx); over != "" {
		t.Errorf("the person page scrolls sideways: %s", over)
	}
	b.shot("phone-person-long-email")

	b.do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	browserLogin(b, w.a, "huyen.ktn")
	b.do("home", chromedp.Navigate(base+"/"), visible(".cards"))
	checkInside(t, ctx, ".card dd", ".card")
	if over := horizontalOverflow(t, ctx); over != "" {
		t.Errorf("the home page scrolls sideways: %s", over)
	}
	b.shot("phone-home-long-email")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}

// checkInside fails for each element sel matches whose content is wider
// than its box, or whose box runs out of its closest ancestor box.
func checkInside(t *testing.T, ctx context.Context, sel, box string) {
	t.Helper()
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
		const out = [];
		document.querySelectorAll(%q).forEach(el => {
			const r = el.getBoundingClientRect(), b = el.closest(%q).getBoundingClientRect();
			if (el.scrollWidth > el.clientWidth + 1 || r.right > b.right + 1)
				out.push(el.innerText.slice(0, 50) + ": content " + el.scrollWidth + "px in " + el.clientWidth + "px, right " + Math.round(r.right) + " > " + Math.round(b.right));
		});
		return out;
	})()`, sel, box)))
	if err != nil {
		t.Fatalf("measure %s: %v", sel, err)
	}
	for _, s := range bad {
		t.Errorf("%s overflows: %s", sel, s)
	}
}

// boxes returns the boxes of the visible elements sel matches.
func boxes(t *testing.T, ctx context.Context, sel string) []box {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](fmt.Sprintf(`Array.from(document.querySelectorAll(%q))
		.map(el => [el, el.getBoundingClientRect()]).filter(([el, r]) => r.width > 0 && r.height > 0)
		.map(([el, r]) => ({what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + el.innerText.trim().slice(0, 20), top: r.top, bottom: r.bottom, left: r.left, right: r.right}))`, sel)))
	if err != nil {
		t.Fatalf("measure %s: %v", sel, err)
	}
	return got
}

type box struct {
	What                     string
	Top, Bottom, Left, Right float64
}

func (b box) mid() float64    { return (b.Top + b.Bottom) / 2 }
func (b box) height() float64 { return b.Bottom - b.Top }

// aligned fails unless every box is on one line: the same height and the
// same middle, within a pixel and a half.
func aligned(t *testing.T, what string, bs []box, want int) {
	t.Helper()
	if len(bs) != want {
		t.Fatalf("%s: %d controls, want %d: %+v", what, len(bs), want, bs)
	}
	for _, b := range bs[1:] {
		if d := b.mid() - bs[0].mid(); d > 1.5 || d < -1.5 {
			t.Errorf("%s: %q sits %.1fpx off the middle of %q", what, b.What, d, bs[0].What)
		}
		if d := b.height() - bs[0].height(); d > 1.5 || d < -1.5 {
			t.Errorf("%s: %q is %.1fpx high, %q %.1fpx", what, b.What, b.height(), bs[0].What, bs[0].height())
		}
	}
}

// TestToolbarsAligned checks, on a desktop, the two toolbars the
// walkthrough found crooked: the figures' month picker (previous, month,
// year, show, next) on one line of one height, and the inbox header, whose
// buttons share a line with each other and with the title.
func TestToolbarsAligned(t *testing.T) {
	ctx, problems := newBrowser(t)
	w := newLayoutWorld(t)
	base := w.a.srv.URL
	b := newBrowserSession(t, ctx)
	browserLogin(b, w.a, "chuyenvien")
	b.do("figures", chromedp.Navigate(base+"/people/"+w.selfID+"/figures"), visible("#f-month"))
	b.shot("desktop-figures")
	aligned(t, "month picker", boxes(t, ctx, ".page-head form.inline-form > :is(a, select, input, button)"), 5)

	b.do("inbox", chromedp.Navigate(base+"/inbox"), visible("ul.inbox"))
	b.shot("desktop-inbox")
	actions := boxes(t, ctx, ".page-head .actions :is(a.button, button)")
	aligned(t, "inbox buttons", actions, 2)
	title := boxes(t, ctx, ".page-head h1")
	if len(title) == 1 && len(actions) > 0 {
		if d := title[0].mid() - actions[0].mid(); d > 3 || d < -3 {
			t.Errorf("inbox header: the title's middle is %.1fpx from the buttons'", d)
		}
	}
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
