package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"congvu/internal/file/filetest"
)

// TestFilesBrowser: the desk's clerk receives a dossier with the scan of
// its first document chosen on the intake form, in a real browser; the
// dossier's page lists the scan with its size and type, and the browser
// downloads it as an attachment under its Vietnamese name.
func TestFilesBrowser(t *testing.T) {
	ctx, _ := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, text := b.do, b.text
	pdf := filetest.PDF(t)
	scan := filepath.Join(t.TempDir(), "Giấy đề nghị.pdf")
	if err := os.WriteFile(scan, pdf, 0o600); err != nil {
		t.Fatal(err)
	}

	b.logIn(base, "motcua", a.passwords["motcua"])
	do("intake form", chromedp.Navigate(base+"/dossiers/new"), visible("#f-procedure_code"))
	do("type the procedure", chromedp.KeyEvent(fixtureProc), chromedp.KeyEvent("\t"),
		visible(`#intake-docs input.doc-scan`))
	do("choose the scan", chromedp.SetUploadFiles(chromedp.CSS(`#intake-docs input.doc-scan`), []string{scan}))
	do("type the applicant", chromedp.SendKeys(chromedp.CSS("#f-name"), "Trần Đức Đạt"),
		chromedp.SendKeys(chromedp.CSS("#f-id_number"), "001203004567"))
	do("receive", click(`#intake button[type="submit"]`), visible(".flash"))
	text(".flash", "Mã tra cứu")
	do("the files", visible("#files table"))
	text("#files", "Giấy đề nghị.pdf", "PDF", "Bản quét", "KB")
	b.shot("files-01-dossier")

	// The browser fetches the download link with its session, as a click would.
	js := `(async () => { const a = document.querySelector("#files a.file-download"); const r = await fetch(a.href);
		return {status: r.status, disp: r.headers.get("content-disposition"), type: r.headers.get("content-type"),
			nosniff: r.headers.get("x-content-type-options"), size: (await r.arrayBuffer()).byteLength}; })()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	if got["status"] != float64(200) || got["type"] != "application/pdf" || got["nosniff"] != "nosniff" || got["size"] != float64(len(pdf)) ||
		!strings.HasPrefix(got["disp"].(string), "attachment;") || !strings.Contains(got["disp"].(string), "filename*=UTF-8''Gi%E1%BA%A5y") {
		t.Errorf("download: %v", got)
	}
}
