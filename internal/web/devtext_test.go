package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"congvu/internal/demo"
	"congvu/internal/httpx"
)

// devText are words meant for developers that must never reach a page:
// notes for reviewers, references to the design documents, permission
// names, Go's own formatting of durations and of broken templates.
var devText = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a reviewer's flag", regexp.MustCompile(`UNVERIFIED`)},
	{"a design document", regexp.MustCompile(`DOMAIN\.md|DESIGN\.md|§`)},
	{"a permission name", regexp.MustCompile(`\([a-z]+\.[a-z_.]+\)`)},
	{"a Go duration", regexp.MustCompile(`\b\d+h\d+m`)},
	{"a broken format", regexp.MustCompile(`%!`)},
	{"a missing template value", regexp.MustCompile(`<no value>`)},
	{"an empty value quoted", regexp.MustCompile(`: ""`)},
}

var (
	hrefRe    = regexp.MustCompile(`href="(/[^"#]*)"`)
	postRe    = regexp.MustCompile(`(?s)<form[^>]*method="post"[^>]*action="(/[^"]*)"`)
	scriptRe  = regexp.MustCompile(`(?is)<(script|style)[^>]*>.*?</(script|style)>`)
	tagRe     = regexp.MustCompile(`<[^>]*>`)
	idSegRe   = regexp.MustCompile(`/[0-9][0-9A-Za-z.\-]*`)
	skipLinks = regexp.MustCompile(`^/(static/|lang|logout)|\.(xlsx|pdf|csv|json|xes|ocel)(\?|$)|/forms/`)
	// Forms the crawl does not submit empty: they would end, delete or
	// revoke something, or end the session.
	skipForms = regexp.MustCompile(`/(delete|revoke|end|read|read-all|logout|verify)$|^/logout$|/lang`)
)

// visibleText is what a reader sees of a page: no scripts, no tags.
func visibleText(body string) string {
	return html.UnescapeString(tagRe.ReplaceAllString(scriptRe.ReplaceAllString(body, " "), " "))
}

// TestNoDeveloperText walks every page each demo role can reach from the
// home page, following links (a few of each kind of address), and submits
// every form it finds once, empty; no page and no error may show
// developer text.
func TestNoDeveloperText(t *testing.T) {
	if testing.Short() {
		t.Skip("walks every page as every role")
	}
	a := newApp(t)
	if _, err := demo.GenerateDossiers(context.Background(), a.db, demo.DossierOptions{N: 40, Now: time.Now(), Months: 3, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	w := &taskWorld{a: a, kgvx: a.unit(t, "Phòng Khoa giáo – Văn xã"), leadID: a.person(t, "Nguyễn Thị Minh Nguyệt")}
	w.head = a.login(t, "truongphong.kgvx")
	w.due = time.Now().AddDate(0, 0, 7).Format("2006-01-02")
	res := w.head.do("POST", "/plans", url.Values{"title": {"Kế hoạch công tác năm 2026"}, "owner_unit_id": {w.kgvx},
		"period_kind": {"year"}, "year": {"2026"}, "target_name": {"Giải ngân"}, "target_uom": {"đồng"}, "target_value": {"1.500.000.000"}, "target_sum": {"sum"}}, true)
	if res.status != 303 {
		t.Fatalf("plan: %d\n%s", res.status, res.body)
	}
	w.createTask(t, w.taskForm("Báo cáo sơ kết 6 tháng", "plan_id", strings.TrimPrefix(res.header.Get("Location"), "/plans/")))

	for _, run := range []struct{ login, lang string }{{"admin", "vi"}, {"giamdoc", "vi"}, {"phogiamdoc", "vi"}, {"truongphong.kgvx", "vi"},
		{"chuyenvien", "vi"}, {"motcua", "vi"}, {"thanhtra", "vi"}, {"vanhanh", "vi"}, {"", "vi"},
		{"admin", "en"}, {"giamdoc", "en"}, {"truongphong.kgvx", "en"}, {"chuyenvien", "en"}, {"motcua", "en"}, {"vanhanh", "en"}} {
		login := run.login
		t.Run("as "+login+" in "+run.lang, func(t *testing.T) {
			var u *user
			if login == "" {
				u = a.anonymous(t)
			} else {
				u = a.login(t, login)
			}
			if run.lang == "en" {
				base, _ := url.Parse(a.srv.URL)
				u.c.Jar.SetCookies(base, []*http.Cookie{{Name: httpx.LangCookie, Value: "en", Path: "/"}})
			}
			seen, kinds, posted := map[string]bool{}, map[string]int{}, map[string]bool{}
			queue := []string{"/", "/tra-cuu", "/calendar", "/calendar/due", "/audit", "/inbox", "/delegations", "/tasks/new", "/plans/new",
				"/dossiers/new", "/units/new", "/people/new", "/units/restructure", "/stats/dossiers", "/tasks/import", "/tasks/calendar", "/no-such-page",
				"/people/" + w.leadID + "/figures", "/calendar/due?received_on=02/03/2026&received_at=08:00&days=5&unit=working",
				"/calendar/due?received_on=02/03/2026&received_at=14:30&days=0,5&unit=working"}
			for len(queue) > 0 && len(seen) < 150 {
				path := queue[0]
				queue = queue[1:]
				if seen[path] {
					continue
				}
				kind := idSegRe.ReplaceAllString(strings.SplitN(path, "?", 2)[0], "/{}")
				if kinds[kind]++; kinds[kind] > 2 {
					continue
				}
				seen[path] = true
				res := u.do("GET", path, nil, false)
				checkDevText(t, "GET "+path, res.body)
				if path == "/tra-cuu" && !strings.Contains(res.body, `lang="`+run.lang+`"`) {
					t.Errorf("the pages are not in %s", run.lang)
				}
				for _, m := range hrefRe.FindAllStringSubmatch(res.body, -1) {
					if link := html.UnescapeString(m[1]); !skipLinks.MatchString(link) && !seen[link] {
						queue = append(queue, link)
					}
				}
				for _, m := range postRe.FindAllStringSubmatch(res.body, -1) {
					action := html.UnescapeString(m[1])
					key := idSegRe.ReplaceAllString(action, "/{}")
					if skipForms.MatchString(action) || posted[key] {
						continue
					}
					posted[key] = true
					res := u.do("POST", action, url.Values{}, true)
					checkDevText(t, "POST "+action+" (empty)", res.body)
				}
			}
			t.Logf("%d pages, %d empty forms", len(seen), len(posted))
		})
	}
}

func checkDevText(t *testing.T, what, body string) {
	t.Helper()
	text := visibleText(body)
	for _, d := range devText {
		if loc := d.re.FindStringIndex(text); loc != nil {
			from, to := max(loc[0]-60, 0), min(loc[1]+60, len(text))
			t.Errorf("%s shows %s: …%s…", what, d.what, strings.Join(strings.Fields(text[from:to]), " "))
		}
	}
}
