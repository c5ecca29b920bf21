package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserDossierSearchByName: the desk clerk types an applicant's full
// name, in another order and without diacritics, into the dossier search;
// htmx narrows the list as they type, to that applicant's dossier alone.
func TestBrowserDossierSearchByName(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	an, _ := receive(t, clerk, "Nguyễn Văn An")
	other, _ := receive(t, clerk, "Nguyễn Thị Hoa")
	b := newBrowserSession(t, ctx)
	b.do("log in",
		chromedp.Navigate(a.srv.URL+"/dossiers"), visible("#f-login"),
		chromedp.SendKeys(chromedp.CSS("#f-login"), "motcua"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), a.passwords["motcua"]+"\r"),
		visible("#f-q"))
	b.text("#dossier-sections", an, other)
	b.do("type the full name", chromedp.SendKeys(chromedp.CSS("#f-q"), "an nguyen van"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const t = document.querySelector('#dossier-sections').innerText;
		return t.includes('`+an+`') && !t.includes('`+other+`'); })()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the search by full name did not narrow the list to %s: %v", an, err)
	}
	b.text("#dossier-sections", "Nguyễn Văn An", "(1)")
	b.shot("dossierlists-search-by-name")
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}
