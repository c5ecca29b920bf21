package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/calendar"
	"congvu/internal/web"
)

// The two widths every page is checked at: a desktop and a phone (an
// iPhone SE, the narrowest phone the agency's staff carry).
var (
	desktop = viewport{"desktop", 1280, 900}
	phone   = viewport{"phone", 375, 667}
)

type viewport struct {
	name          string
	width, height int64
}

// walkPage is one page of the route table as the role who sees it, at an
// address with real ids of the layout world.
type walkPage struct {
	pattern string // the route, as routes.go writes it
	path    string
	// after, when set, acts on the page before it is checked (a form to
	// submit whose answer is itself a page).
	after func(b *browserSession)
}

// notWalked are the GET routes that are not HTML pages, with the page
// that covers them instead.
var notWalked = map[string]string{
	"/dossiers/new/documents":                 "an htmx fragment of /dossiers/new, checked inside it",
	"/dossiers/{code}/forms/{form}":           "a PDF",
	"/stats/dossiers/book.pdf":                "a PDF",
	"/evaluations/{id}/form.pdf":              "a PDF",
	"/tasks/template.xlsx":                    "a workbook",
	"/tasks/export.xlsx":                      "a workbook",
	"/dossiers/export.xlsx":                   "a workbook",
	"/files/{id}":                             "a download of the file's own bytes",
	"/tra-cuu/ket-qua/{token}":                "a download of a result document by a signed link; the lookup page that gives it is walked",
	"/inbox/latest":                           "the bell's htmx menu, a fragment; without htmx a redirect to /inbox, which is walked",
	"/lang":                                   "a redirect back to the page it was asked from, which is walked itself",
	"/investment/disbursements/template.xlsx": "a workbook",
	"/investment/disbursements.xlsx":          "a workbook",
	"/investment/reports/01a.xlsx":            "a workbook",
	"/investment/reports/01a.pdf":             "a PDF",
	"/projects/export.xlsx":                   "a workbook",
	"/inspections/{id}/conclusion.pdf":        "a PDF",
	"/inspections/{id}/conclusion.docx":       "a DOCX",
	"/reviews/{id}/docx":                      "a DOCX (opened in TestReviewBrowser)",
	"/reviews/{id}/pdf":                       "a PDF",
	"/violations/{id}/evidence":               "a download of the evidence file's own bytes",
	"/tin-tuc/rss.xml":                        "the news feed (RSS XML) of /tin-tuc, which is walked",
	"/sitemap.xml":                            "the sitemap (XML)",
	"/tin-tuc/anh/{id}":                       "an image's bytes, shown in /tin-tuc/{slug}, which is walked",
	"/tin-tuc/anh/{id}/nho":                   "a thumbnail's bytes, shown in /tin-tuc, which is walked",
}

// walk lists, for each demo login ("" is an anonymous visitor), the pages
// it is the one to see: every page of the route table is in it once at
// least (TestAxeCoversEveryPage), most as the role the page is meant for.
func (w *layoutWorld) walk() map[string][]walkPage {
	home := walkPage{pattern: "/{$}", path: "/"}
	return map[string][]walkPage{
		"": {
			{pattern: "/login", path: "/login"},
			{pattern: "/tra-cuu", path: "/tra-cuu"},
			{pattern: "/tra-cuu (result)", path: "/tra-cuu?code=" + url.QueryEscape(w.code), after: func(b *browserSession) {
				b.do("look up", chromedp.SendKeys(chromedp.CSS("#f-secret"), w.secret+"\r"), visible("#lookup-status"))
			}},
			{pattern: "/tin-tuc", path: "/tin-tuc"},
			{pattern: "/nop-ho-so/{code}", path: "/nop-ho-so/2.002399"},
			{pattern: "/tin-tuc/{slug}", path: "/tin-tuc/" + w.articleSlug},
			{pattern: "/thu-tuc", path: "/thu-tuc"},
			{pattern: "/thu-tuc/{code}", path: "/thu-tuc/" + w.procedure},
			{pattern: "/cong-khai", path: "/cong-khai"},
		},
		"admin": {home,
			{pattern: "/units", path: "/units"},
			{pattern: "/units/new", path: "/units/new"},
			{pattern: "/units/restructure", path: "/units/restructure"},
			{pattern: "/people", path: "/people"},
			{pattern: "/people/new", path: "/people/new"},
			{pattern: "/people/{id}", path: "/people/" + w.longPersonID},
			{pattern: "/calendar", path: "/calendar"},
			{pattern: "/audit", path: "/audit"},
			{pattern: "/disbursement/curve", path: "/disbursement/curve"},
			{pattern: "/checklists", path: "/checklists"},
		},
		"vanhanh": {home,
			{pattern: "/calendar", path: "/calendar?year=2026"},
			{pattern: "/calendar/due", path: "/calendar/due?received_on=2026-04-28&received_at=16:00&days=5&unit=working"},
		},
		"giamdoc": {home,
			{pattern: "/delegations", path: "/delegations"},
			{pattern: "/dossiers", path: "/dossiers"},
			{pattern: "/stats/dossiers", path: "/stats/dossiers"},
			{pattern: "/stats/dossiers/{figure}", path: "/stats/dossiers/" + w.figureName},
			{pattern: "/tasks", path: "/tasks"},
			{pattern: "/plans", path: "/plans"},
			{pattern: "/late", path: "/late"},
			{pattern: "/dashboard", path: "/dashboard?period=year"},
			{pattern: "/dashboard/tasks/{figure}", path: "/dashboard/tasks/done_late?period=year"},
			{pattern: "/evaluations/agency", path: "/evaluations/agency?period=" + w.evalMonth()},
			{pattern: "/evaluations/year", path: "/evaluations/year"},
			{pattern: "/consultations", path: "/consultations"},
			{pattern: "/procurement/late", path: "/procurement/late"},
			{pattern: "/investment/reports/01a", path: "/investment/reports/01a"},
			{pattern: "/investment/ranking", path: "/investment/ranking"},
			{pattern: "/supervision/overdue", path: "/supervision/overdue"},
			{pattern: "/projects", path: "/projects"},
			{pattern: "/projects/{code}", path: "/projects/" + w.projectCode},
			{pattern: "/disbursement", path: "/disbursement?month=1"},
			{pattern: "/reviews/{id}", path: "/reviews/" + w.reviewID},
			{pattern: "/emulation", path: "/emulation"},
			{pattern: "/bottlenecks", path: "/bottlenecks?period=year&compare=last_year&procedure=" + url.QueryEscape(w.procedure)},
			{pattern: "/articles/stats", path: "/articles/stats?days=90"},
			{pattern: "/bottlenecks/dossiers", path: "/bottlenecks/dossiers?step=0&figure=passes&from=2026-01-01&to=2026-12-31&procedure=" + url.QueryEscape(w.procedure)},
		},
		"phogiamdoc": {home},
		"thanhtra": {home, {pattern: "/audit", path: "/audit"},
			{pattern: "/inspections", path: "/inspections"},
			{pattern: "/inspections/{id}", path: "/inspections/" + w.inspID},
			{pattern: "/lessons", path: "/lessons"},
		},
		"motcua": {home,
			{pattern: "/dossiers/new", path: "/dossiers/new?procedure_code=" + url.QueryEscape(w.procedure)},
			{pattern: "/dossiers/queue", path: "/dossiers/queue"},
			{pattern: "/dossiers/{code}", path: "/dossiers/" + w.code},
			{pattern: "/procedures", path: "/procedures"},
			{pattern: "/procedures/{code}", path: "/procedures/" + w.procedure},
			{pattern: "(error page)", path: "/dossiers/000.00.00.H00-260101-9999"},
		},
		"truongphong.kgvx": {home,
			{pattern: "/dossiers/unit", path: "/dossiers/unit"},
			{pattern: "/plans/new", path: "/plans/new"},
			{pattern: "/plans/{id}", path: "/plans/" + w.planID},
			{pattern: "/tasks/new", path: "/tasks/new?plan_id=" + w.planID},
			{pattern: "/tasks/import", path: "/tasks/import"},
			{pattern: "/tasks/{id}", path: "/tasks/" + w.submittedID},
			{pattern: "/tasks/calendar", path: "/tasks/calendar"},
			{pattern: "/evaluations/unit", path: "/evaluations/unit"},
			{pattern: "/reviews", path: "/reviews"},
			{pattern: "/violations", path: "/violations"},
		},
		"chuyenvien": {home,
			{pattern: "/tasks", path: "/tasks"},
			{pattern: "/tasks/{id}", path: "/tasks/" + w.taskID},
			{pattern: "/inbox", path: "/inbox"},
			{pattern: "/people/{id}/figures", path: "/people/" + w.selfID + "/figures"},
			{pattern: "/dossiers/queue", path: "/dossiers/queue"},
			{pattern: "/dossiers/handled", path: "/dossiers/handled"},
			{pattern: "/me/notifications", path: "/me/notifications"},
			{pattern: "/evaluations", path: "/evaluations"},
			{pattern: "/evaluations/{id}", path: "/evaluations/" + w.evalID},
			{pattern: "/evaluations/rules", path: "/evaluations/rules"},
			{pattern: "/projects/{code}/packages", path: "/projects/" + w.projectCode + "/packages"},
			{pattern: "/investment/disbursements/import", path: "/investment/disbursements/import"},
			{pattern: "/projects/{code}/supervision", path: "/projects/" + w.projectCode + "/supervision"},
			{pattern: "/projects/{code}/capital", path: "/projects/" + w.projectCode + "/capital"},
			{pattern: "/articles", path: "/articles"},
			{pattern: "/articles/new", path: "/articles/new"},
			{pattern: "/articles/{id}", path: "/articles/" + w.draftID},
		},
	}
}

// evalMonth is the month of the official's evaluation, for ?period=.
func (w *layoutWorld) evalMonth() string {
	return strconv.Itoa(int(time.Now().In(calendar.VN).AddDate(0, 0, 7).Month()))
}

// TestAxeCoversEveryPage fails when a GET page of the route table is
// neither walked by TestAccessibility nor listed in notWalked: a new page
// must be added to layoutWorld.walk.
func TestAxeCoversEveryPage(t *testing.T) {
	walked := map[string]bool{}
	for _, pages := range (&layoutWorld{}).walk() {
		for _, p := range pages {
			walked[p.pattern] = true
		}
	}
	for _, pattern := range web.PageGETPatterns() {
		if !walked[pattern] && notWalked[pattern] == "" {
			t.Errorf("GET %s is not in the accessibility walk: add it to layoutWorld.walk (axe_browser_test.go) as the role who sees it, or to notWalked with the reason", pattern)
		}
	}
}

// axeSource reads axe-core (CONGVU_TEST_AXE, exported by
// scripts/test.d/40-axe.sh), or skips: it is a test tool from npm, never
// served by congvu. In CI (CONGVU_REQUIRE_AXE=1) it must be there.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("CONGVU_TEST_AXE")
	if p == "" {
		if os.Getenv("CONGVU_REQUIRE_AXE") == "1" {
			t.Fatal("CONGVU_REQUIRE_AXE=1 but CONGVU_TEST_AXE does not name axe.min.js")
		}
		t.Skip("accessibility checks skipped: CONGVU_TEST_AXE is not set (scripts/test.d/40-axe.sh installs axe-core with npm)")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	return string(b)
}

// axeViolation is the part of an axe-core result the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// runAxe injects axe-core into the page (once per document) and returns
// its serious and critical violations of WCAG 2 A and AA.
func runAxe(ctx context.Context, src string) ([]axeViolation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src+"\n;void 0")); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}, resultTypes: ["violations"]})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")))`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	var out []axeViolation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (v axeViolation) String() string {
	var nodes []string
	for i, n := range v.Nodes {
		if i == 3 {
			nodes = append(nodes, fmt.Sprintf("… %d more", len(v.Nodes)-3))
			break
		}
		html := n.HTML
		if len(html) > 160 {
			html = html[:160] + "…"
		}
		nodes = append(nodes, fmt.Sprintf("%v %s", n.Target, html))
	}
	return fmt.Sprintf("%s (%s): %s\n      %s", v.ID, v.Impact, v.Help, strings.Join(nodes, "\n      "))
}

// browserLogin signs a demo user in through the login form.
func browserLogin(b *browserSession, a *app, who string) {
	b.t.Helper()
	if who == "" {
		return
	}
	b.logIn(a.srv.URL, who, a.passwords[who])
}

// open loads a page at a width and waits for it to be complete.
func open(b *browserSession, base string, vp viewport, p walkPage) {
	b.t.Helper()
	b.do("open "+p.path, chromedp.EmulateViewport(vp.width, vp.height), chromedp.Navigate(base+p.path), visible("main"))
	if p.after != nil {
		p.after(b)
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.readyState === "complete"`)); err == nil && ok {
			return
		}
	}
}

// TestAccessibility walks every page of the route table (walk) as the role
// who sees it, in Vietnamese, at a desktop's and a phone's width, and runs
// axe-core on each: no serious or critical violation of WCAG 2 A/AA. At the
// phone's width no page may scroll sideways either.
func TestAccessibility(t *testing.T) {
	src := axeSource(t)
	if _, err := os.Stat(chromiumPath); err != nil {
		newBrowser(t) // skips, or fails when a browser is required
	}
	w := newLayoutWorld(t)
	walk := w.walk()
	logins := make([]string, 0, len(walk))
	for who := range walk {
		logins = append(logins, who)
	}
	slices.Sort(logins)
	for _, who := range logins {
		name := who
		if name == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			ctx, problems := newBrowserWithin(t, 3*time.Minute)
			b := newBrowserSession(t, ctx)
			browserLogin(b, w.a, who)
			for i, p := range walk[who] {
				// Each page is loaded once at a desktop's width and checked, then
				// narrowed to a phone's and checked again.
				open(b, w.a.srv.URL, desktop, p)
				if i == 0 && who == "" {
					axeCanFail(t, ctx, src)
				}
				for _, vp := range []viewport{desktop, phone} {
					if vp == phone {
						b.do("narrow to a phone", chromedp.EmulateViewport(vp.width, vp.height))
					}
					violations, err := runAxe(ctx, src)
					if err != nil {
						t.Fatalf("%s at %s: %v", p.path, vp.name, err)
					}
					for _, v := range violations {
						t.Errorf("%s (%s) at %s width: %s", p.path, p.pattern, vp.name, v)
					}
					if vp == phone {
						if over := horizontalOverflow(t, ctx); over != "" {
							t.Errorf("%s scrolls sideways on a phone: %s", p.path, over)
						}
					}
					if os.Getenv("CONGVU_SCREENSHOT_DIR") != "" {
						b.shot(fmt.Sprintf("axe-%s-%s-%s", name, vp.name, strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-", "&", "-", "%", "").Replace(p.path), "-")))
					}
				}
			}
			for _, p := range problems() {
				if who == "motcua" && strings.Contains(p, "status of 404") {
					continue // the error page walked is a 404
				}
				t.Errorf("browser console: %s", p)
			}
		})
	}
}

// axeCanFail proves the harness can fail: a button without a name and an
// image without a text alternative, put on the page, are reported.
func axeCanFail(t *testing.T, ctx context.Context, src string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const d = document.createElement("div"); d.id = "axe-bait";
		d.innerHTML = '<button type="button"></button><img src="/static/favicon.svg">'; document.querySelector("main").append(d); })()`)); err != nil {
		t.Fatal(err)
	}
	violations, err := runAxe(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range violations {
		found[v.ID] = true
	}
	if !found["button-name"] || !found["image-alt"] {
		t.Errorf("axe-core did not report a nameless button and an image without alt: %v", violations)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("axe-bait").remove()`)); err != nil {
		t.Fatal(err)
	}
}
