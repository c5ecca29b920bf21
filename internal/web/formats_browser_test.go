package web_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newEnglishBrowser is newBrowser (browser_test.go) for a browser whose
// own language is American English: its native date inputs would show
// mm/dd/yyyy and its time inputs AM/PM.
func newEnglishBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx, _ := newBrowserIn(t, 60*time.Second, "en-US")
	return ctx
}

// TestDatesInAnEnglishBrowser opens the forms with dates and times in a
// Chromium whose language is en-US: no field is the browser's own date or
// time picker, every date reads dd/mm/yyyy, and a deadline typed
// 13/02/2026 at 14:30 comes back as 24/02/2026 14:30 (24-hour).
func TestDatesInAnEnglishBrowser(t *testing.T) {
	ctx := newEnglishBrowser(t)
	a := newApp(t)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	if lang, err := chromedp.Run(ctx, chromedp.Evaluate[string]("navigator.language")); err != nil || lang != "en-US" {
		t.Fatalf("the browser's language is %q (%v), want en-US", lang, err)
	}
	b.logIn(base, "truongphong.kgvx", a.passwords["truongphong.kgvx"])

	dmy := regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)
	for _, c := range []struct {
		path  string
		dates []string // fields filled in with a date
	}{
		{"/calendar", []string{"#f-received_on"}},
		{"/delegations", []string{"#f-starts_on", "#f-ends_on"}},
		{"/tasks/new", nil},
		{"/plans/new", nil},
	} {
		b.do("open "+c.path, chromedp.Navigate(base+c.path), visible("main form"))
		native, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('input[type=date], input[type=time], input[type=datetime-local], input[type=month], input[type=week]').length`))
		if err != nil || native != 0 {
			t.Errorf("%s: %d native date or time inputs (%v), which an English browser shows as mm/dd/yyyy or AM/PM", c.path, native, err)
		}
		for _, sel := range c.dates {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+sel+`').value`))
			if err != nil || !dmy.MatchString(v) {
				t.Errorf("%s %s = %q (%v), want dd/mm/yyyy", c.path, sel, v, err)
			}
			ph, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+sel+`').placeholder`))
			if ph != "dd/mm/yyyy" {
				t.Errorf("%s %s: placeholder %q", c.path, sel, ph)
			}
		}
		b.shot("formats-en" + regexp.MustCompile(`\W+`).ReplaceAllString(c.path, "-"))
	}

	// The deadline tool, typed the Vietnamese way in the English browser.
	b.do("open the deadline tool", chromedp.Navigate(base+"/calendar?year=2026"), visible("#f-received_on"))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`['#f-received_on', '#f-received_at', '#f-days'].every(s => { document.querySelector(s).value = ''; return true; })`)); err != nil {
		t.Fatal(err)
	}
	b.do("deadline tool",
		chromedp.SendKeys(chromedp.CSS("#f-received_on"), "13/02/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-received_at"), "14:30"),
		chromedp.SendKeys(chromedp.CSS("#f-days"), "2"),
		chromedp.Click(chromedp.CSS(`form[action="/calendar/due#due"] button[type=submit]`)), visible(".cal-result"))
	b.text(".cal-result", "24/02/2026 14:30", "2 working days")
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#f-received_on').value`)); v != "13/02/2026" {
		t.Errorf("the tool shows the date typed as %q, want 13/02/2026", v)
	}
	b.shot("formats-en-deadline")
}
