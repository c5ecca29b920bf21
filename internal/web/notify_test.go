package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/jobs"
	"congvu/internal/notify"
)

// runJobs runs every job due: the notifications the events enqueued.
func runJobs(t testing.TB, a *app) {
	t.Helper()
	r := jobs.NewRunner(a.db, jobs.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	jobs.NewWork(r, a.db, jobs.Config{Mailer: noMail{}})
	if _, err := r.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// htmx sends a GET as htmx does.
func (u *user) htmx(path string) response {
	u.t.Helper()
	req, err := http.NewRequest("GET", u.app.srv.URL+path, nil)
	if err != nil {
		u.t.Fatal(err)
	}
	req.Header.Set("HX-Request", "true")
	res, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

var bellRe = regexp.MustCompile(`class="bell-count" data-unread="(\d+)"`)

// bell is the unread count the bell shows on a page, 0 when it shows none.
func bell(t testing.TB, body string) int {
	t.Helper()
	if !strings.Contains(body, `class="bell-link" href="/inbox"`) {
		t.Fatalf("no bell on the page")
	}
	m := bellRe.FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestNotificationPages: a dossier forwarded to the official puts one on
// the bell of every page; the bell's menu (htmx) lists it and a plain
// request goes to the inbox; opening it marks it read and goes to the
// dossier; the e-mail settings page saves the boxes ticked.
func TestNotificationPages(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk, official := a.login(t, "motcua"), a.login(t, "chuyenvien")
	runJobs(t, a) // whatever the demo left pending
	before := bell(t, official.do("GET", "/", nil, false).body)

	code, _ := receive(t, clerk, "Trần Đức Đạt")
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	runJobs(t, a)
	runJobs(t, a) // once only
	for _, path := range []string{"/", "/dossiers/queue", "/tasks", "/inbox"} {
		if n := bell(t, official.do("GET", path, nil, false).body); n != before+1 {
			t.Errorf("%s: the bell shows %d, want %d", path, n, before+1)
		}
	}
	title := "Hồ sơ được chuyển đến đồng chí xử lý: " + code
	menu := official.htmx("/inbox/latest")
	if menu.status != 200 || !strings.Contains(menu.body, title) || !strings.Contains(menu.body, "Hồ sơ chuyển đến") ||
		strings.Contains(menu.body, "<html") || !strings.Contains(menu.body, `href="/me/notifications"`) {
		t.Errorf("bell menu: %d\n%s", menu.status, menu.body)
	}
	if closed := official.htmx("/inbox/latest?close=1"); closed.status != 200 || strings.TrimSpace(closed.body) != "" {
		t.Errorf("closed menu: %d %q", closed.status, closed.body)
	}
	if plain := official.do("GET", "/inbox/latest", nil, false); plain.status != http.StatusSeeOther || plain.header.Get("Location") != "/inbox" {
		t.Errorf("without htmx: %d %s", plain.status, plain.header.Get("Location"))
	}
	// The clerk, who forwarded it, is not told; nor sees the official's.
	if m := clerk.htmx("/inbox/latest"); strings.Contains(m.body, title) {
		t.Error("the clerk's menu lists the official's notification")
	}
	inbox := official.do("GET", "/inbox", nil, false)
	if !strings.Contains(inbox.body, title) || !strings.Contains(inbox.body, "Hồ sơ chuyển đến") {
		t.Fatalf("inbox lacks the notification:\n%s", inbox.body)
	}
	id := regexp.MustCompile(`action="/inbox/(\d+)/read"`).FindStringSubmatch(menu.body)
	if id == nil {
		t.Fatal("no notification id in the menu")
	}
	open := official.do("POST", "/inbox/"+id[1]+"/read", url.Values{"open": {"1"}}, true)
	if open.status != http.StatusSeeOther || open.header.Get("Location") != "/dossiers/"+code {
		t.Errorf("open: %d %s", open.status, open.header.Get("Location"))
	}
	if n := bell(t, official.do("GET", "/", nil, false).body); n != before {
		t.Errorf("after reading: the bell shows %d, want %d", n, before)
	}
	if res := official.do("POST", "/inbox/read-all", nil, true); res.status != http.StatusSeeOther {
		t.Errorf("read all: %d", res.status)
	}
	if n := bell(t, official.do("GET", "/", nil, false).body); n != 0 {
		t.Errorf("after reading all: %d", n)
	}

	// The e-mail settings: every kind a box, all ticked at first.
	page := official.do("GET", "/me/notifications", nil, false)
	if page.status != 200 || !strings.Contains(page.body, "Hồ sơ sắp đến hạn (còn dưới 24 giờ làm việc)") ||
		strings.Count(page.body, `" checked>`) != len(notify.Kinds) {
		t.Fatalf("settings page: %d\n%s", page.status, page.body)
	}
	res := official.do("POST", "/me/notifications", url.Values{"email": {"dossier_forwarded", "digest"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.status, res.body)
	}
	page = official.do("GET", "/me/notifications", nil, false)
	if !strings.Contains(page.body, "Đã lưu lựa chọn nhận thư điện tử") || strings.Contains(page.body, `value="dossier_due_soon" checked`) ||
		!strings.Contains(page.body, `value="dossier_forwarded" checked`) {
		t.Errorf("after saving:\n%s", page.body)
	}
	pid, _ := strconv.ParseInt(a.person(t, "Nguyễn Thị Minh Nguyệt"), 10, 64)
	set, err := a.db.NotificationSettings(context.Background(), pid)
	if err != nil || set[notify.DossierDueSoon] || !set[notify.Digest] || len(set) != len(notify.Kinds) {
		t.Errorf("stored %v, %v", set, err)
	}
	// A made-up kind is refused, in Vietnamese, and nothing is written.
	bad := official.do("POST", "/me/notifications", url.Values{"email": {"dossier_due_soon", "sms"}}, true)
	if bad.status != http.StatusBadRequest || !strings.Contains(bad.body, "Loại thông báo không hợp lệ") {
		t.Errorf("bad kind: %d\n%s", bad.status, bad.body)
	}
	if set, _ := a.db.NotificationSettings(context.Background(), pid); set[notify.DossierDueSoon] {
		t.Error("a refused form was half written")
	}
	if anon := a.anonymous(t).do("GET", "/me/notifications", nil, false); anon.status != http.StatusSeeOther {
		t.Errorf("anonymous: %d", anon.status)
	}
}
