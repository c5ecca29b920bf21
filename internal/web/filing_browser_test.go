package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/cli"
	"congvu/internal/config"
	"congvu/internal/demo"
	"congvu/internal/file/filetest"
	"congvu/internal/jobs"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// mailpitSMTP is the SMTP settings of the Mailpit started by
// scripts/test.d/40-mailpit.sh and the address of its HTTP API; the test
// is skipped without one (required in CI), as internal/jobs' mail tests.
func mailpitSMTP(t *testing.T) (string, jobs.SMTP) {
	t.Helper()
	api, smtpAddr := os.Getenv("CONGVU_TEST_MAILPIT"), os.Getenv("CONGVU_TEST_SMTP")
	if api == "" || smtpAddr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CONGVU_TEST_MAILPIT and CONGVU_TEST_SMTP are required in CI (scripts/test.d/40-mailpit.sh)")
		}
		t.Skip("no Mailpit: set CONGVU_TEST_SMTP and CONGVU_TEST_MAILPIT (scripts/test.d/40-mailpit.sh starts one)")
	}
	host, port, err := net.SplitHostPort(smtpAddr)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(port)
	return strings.TrimRight(api, "/"), jobs.SMTP{Host: host, Port: p, From: "congvu@bacninh.gov.vn", FromName: "Sở Tài chính tỉnh Bắc Ninh"}
}

// mailTo waits for Mailpit to hold want messages to addr and returns their
// subjects and texts, newest first.
func mailTo(t *testing.T, api, addr string, want int) []string {
	t.Helper()
	get := func(path string, v any) {
		res, err := http.Get(api + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var list struct {
		Messages []struct{ ID, Subject string }
	}
	for i := 0; i < 100; i++ {
		get("/api/v1/search?query="+url.QueryEscape("to:"+addr), &list)
		if len(list.Messages) >= want {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(list.Messages) != want {
		t.Fatalf("%d messages to %s, want %d", len(list.Messages), addr, want)
	}
	var out []string
	for _, m := range list.Messages {
		var msg struct{ Subject, Text string }
		get("/api/v1/message/"+m.ID, &msg)
		out = append(out, msg.Subject+"\n"+msg.Text)
	}
	return out
}

// TestFilingJourneyBrowser: a citizen files 2.002399 online with two PDFs
// in Chromium (the page's script meets the challenge, the question goes
// away), sees the code and the secret and gets them by e-mail; the desk's
// clerk finds the dossier in the queue marked "Nộp trực tuyến — chờ tiếp
// nhận", sees its two documents and accepts it; the applicant is told by
// e-mail, and the lookup shows it received (status 2).
func TestFilingJourneyBrowser(t *testing.T) {
	api, smtp := mailpitSMTP(t)
	ctx, problems := newBrowser(t)
	db := storetest.New(t, "sqlite", store.Options{})
	accs, err := demo.Seed(context.Background(), db, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	passwords := map[string]string{}
	for _, acc := range accs {
		passwords[acc.Login] = acc.Password
	}
	h, err := cli.NewHandlerMail(config.Config{OnlineOpenMax: 3}, db, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, smtp.Mailer())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	base := srv.URL
	dir := t.TempDir()
	var paths []string
	for i, name := range []string{"To-trinh-de-nghi.pdf", "Bao-cao-de-xuat.pdf"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append(filetest.PDF(t), fmt.Sprintf("\n%% %d %d\n", i, time.Now().UnixNano())...), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	email := fmt.Sprintf("citizen+%d@example.vn", time.Now().UnixNano())
	b := newBrowserSession(t, ctx)
	do, shot := b.do, b.shot

	do("open the filing form", chromedp.Navigate(base+"/nop-ho-so/"+filingCode), visible("#filing"))
	do("the browser meets the challenge", chromedp.WaitNotVisible(chromedp.CSS("#question")))
	do("fill in the applicant",
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Lê Văn Công"),
		chromedp.SendKeys(chromedp.CSS("#f-id_number"), "001085099999"),
		chromedp.SendKeys(chromedp.CSS("#f-phone"), "0968 123 456"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), email),
		chromedp.SendKeys(chromedp.CSS("#f-address"), "Phường Suối Hoa, Bắc Ninh"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-doc_1"), paths[:1]),
		chromedp.SetUploadFiles(chromedp.CSS("#f-doc_2"), paths[1:]))
	shot("filing-01-form")
	do("send", click("#filing-submit"), visible("#filing-done"))
	shot("filing-02-done")
	code, secret := strings.TrimSpace(b.text("#done-code")), strings.TrimSpace(b.text("#done-secret"))
	if code == "" || len(secret) < 8 {
		t.Fatalf("code %q, secret %q", code, secret)
	}
	mail := mailTo(t, api, email, 1)[0]
	for _, want := range []string{code, secret, "Mã tra cứu", "/tra-cuu?code="} {
		if !strings.Contains(mail, want) {
			t.Errorf("the e-mail lacks %q:\n%s", want, mail)
		}
	}

	b.logIn(base, "motcua", passwords["motcua"])
	do("the desk's queue", chromedp.Navigate(base+"/dossiers/queue"), visible("#sec-online"))
	b.text("#sec-online", code, "Nộp trực tuyến — chờ tiếp nhận", "Lê Văn Công")
	shot("filing-03-queue")
	do("open it", click(`#sec-online a[href="/dossiers/`+code+`"]`), visible("h1 code"))
	shot("filing-04-dossier")
	do("marked online", visible("#online-wait"))
	b.text("main", "To-trinh-de-nghi.pdf", "Bao-cao-de-xuat.pdf")
	do("accept", click(`#act-accept button[type="submit"]`), visible(".flash"))
	b.text(".status-badge", "Được tiếp nhận")
	do("log out", click(`form[action="/logout"] button`), visible("#f-login"))
	decided := mailTo(t, api, email, 2)
	if !strings.Contains(decided[0]+decided[1], "đã được tiếp nhận") {
		t.Errorf("no e-mail of the acceptance:\n%v", decided)
	}

	do("the lookup", chromedp.Navigate(base+"/tra-cuu?code="+url.QueryEscape(code)+"#secret="+url.QueryEscape(secret)), visible("#lookup-status"))
	b.text("#lookup-status", "Được tiếp nhận")
	shot("filing-05-lookup")
	for _, p := range problems() {
		t.Error(p)
	}
}
