package accesstest

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"congvu/internal/access"
)

// Case is one route's part of the matrix: the route, its declared rule,
// and how to call it.
type Case struct {
	Method, Pattern string
	Rule            access.Rule
	Target          Target
	// Deny400 counts a 400 as Deny: the body names its target by a key
	// looked up in the caller's own agency (a procedure code), so from
	// another agency the target does not exist and the field is invalid.
	Deny400 bool
	// Marker is a text that a list's answer holds when it shows the target
	// (for a rule with Shows): a code, a title, an id.
	Marker string
	// Allowed, when set, tells from the answer that the request was carried
	// out where the class alone cannot (logging out redirects to the login
	// page as an anonymous visitor is).
	Allowed func(*httptest.ResponseRecorder) bool
	// Last runs the case after all others: it ends the identities'
	// sessions (logging out).
	Last bool
	// Build makes the request one identity sends, with a valid body; it is
	// called for every identity, so a write can act on a fresh target and
	// leave the others as they were.
	Build func(t testing.TB, id *Identity) Request
}

// Request is what Build returns.
type Request struct {
	Path        string
	Body        string // a JSON or raw body, with ContentType
	ContentType string
	Form        url.Values        // a web form; the session's CSRF token is added
	Header      map[string]string // set before the credential (a session cookie is added to a Cookie header)
	As          *Identity         // send as this identity instead (a fresh session of the same person)
}

// DumpEnv names an environment variable that, set to a route ("POST
// /tasks/import"), logs the whole answers of that route's differing cells.
const DumpEnv = "CONGVU_MATRIX_DUMP"

// Result is one cell of the matrix as run.
type Result struct {
	Case      *Case
	Who       *Identity
	Want, Got Class
	Status    int
	Excerpt   string
}

// Run sends every case's request as every identity through h, the API's
// way (a Bearer token) or, with web, the browser's (a session cookie and
// the CSRF token), and fails with a table of the cells whose class differs
// from the rule's. It returns every result.
func Run(t *testing.T, f *Fixture, h http.Handler, web bool, cases []Case) []Result {
	t.Helper()
	start := time.Now()
	var all, bad []Result
	n := 0
	took := make([]time.Duration, len(cases))
	var run []int
	for i := range cases {
		if !cases[i].Last {
			run = append(run, i)
		}
	}
	for i := range cases {
		if cases[i].Last {
			run = append(run, i)
		}
	}
	for _, i := range run {
		c := &cases[i]
		caseStart := time.Now()
		if _, ok := c.Rule.Items(); ok && c.Marker == "" {
			t.Errorf("%s %s: a list whose rule Shows its items needs a Marker to find the target by", c.Method, c.Pattern)
		}
		for _, id := range f.Identities {
			n++
			rq := c.Build(t, id)
			who := id
			if rq.As != nil {
				who = rq.As
			}
			rec := send(h, c.Method, rq, who, web, n)
			got := classify(rec, c.Deny400)
			if c.Allowed != nil && c.Allowed(rec) {
				got = Allow
			}
			if got == Allow && c.Marker != "" && !strings.Contains(rec.Body.String(), c.Marker) {
				got = Hidden
			}
			res := Result{Case: c, Who: id, Want: Expect(c.Rule, id, c.Target), Got: got, Status: rec.Code,
				Excerpt: excerpt(rec.Body.String())}
			all = append(all, res)
			if res.Want != res.Got {
				bad = append(bad, res)
				if dump := os.Getenv(DumpEnv); dump != "" && dump == c.Method+" "+c.Pattern {
					t.Logf("%s %s as %s: %d\n%s", c.Method, rq.Path, id.Key(), rec.Code, rec.Body)
				}
			}
		}
		took[i] = time.Since(caseStart)
	}
	order := make([]int, len(cases))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return took[order[a]] > took[order[b]] })
	var slow []string
	for _, i := range order[:min(5, len(order))] {
		slow = append(slow, fmt.Sprintf("%s %s %v", cases[i].Method, cases[i].Pattern, took[i].Round(time.Millisecond)))
	}
	t.Logf("slowest routes: %s", strings.Join(slow, "; "))
	t.Logf("permission matrix: %d routes × %d identities = %d requests in %v, %d differ from the declared rules",
		len(cases), len(f.Identities), n, time.Since(start).Round(time.Millisecond), len(bad))
	if len(bad) > 0 {
		t.Errorf("%d cells of the permission matrix differ from the routes' declared access:\n%s", len(bad), Table(bad))
	}
	return all
}

// Table prints results as aligned text: route, identity, expected, got,
// status and the start of the body.
func Table(rs []Result) string {
	var b bytes.Buffer
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ROUTE\tIDENTITY\tEXPECTED\tGOT\tSTATUS\tBODY")
	for _, r := range rs {
		fmt.Fprintf(w, "%s %s\t%s\t%s\t%s\t%d\t%s\n", r.Case.Method, r.Case.Pattern, r.Who.Key(), r.Want, r.Got, r.Status, r.Excerpt)
	}
	w.Flush()
	return b.String()
}

// send serves one request; each comes from its own client address, so
// that the public routes' rate limits do not decide.
func send(h http.Handler, method string, rq Request, id *Identity, web bool, n int) *httptest.ResponseRecorder {
	body, ctype := rq.Body, rq.ContentType
	if rq.Form != nil {
		form := url.Values{}
		for k, v := range rq.Form {
			form[k] = v
		}
		if web && id.CSRF != "" && method != http.MethodGet && form.Get("csrf") == "" {
			form.Set("csrf", id.CSRF)
		}
		if method == http.MethodGet {
			rq.Path += "?" + form.Encode()
		} else {
			body, ctype = form.Encode(), "application/x-www-form-urlencoded"
		}
	}
	req := httptest.NewRequest(method, rq.Path, strings.NewReader(body))
	req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:4321", n>>16&255, n>>8&255, n&255)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range rq.Header {
		req.Header.Set(k, v)
	}
	switch {
	case id.Anonymous():
	case web:
		req.AddCookie(&http.Cookie{Name: "congvu_session", Value: id.Session})
		if rq.Form == nil && method != http.MethodGet {
			req.Header.Set("X-CSRF-Token", id.CSRF)
		}
	default:
		req.Header.Set("Authorization", "Bearer "+id.Token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// classify puts an answer in its class (see Class).
func classify(rec *httptest.ResponseRecorder, deny400 bool) Class {
	s := rec.Code
	switch {
	case s == http.StatusUnauthorized:
		return Login
	case s >= 300 && s < 400:
		if strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			return Login
		}
		return Allow
	case s >= 200 && s < 300:
		return Allow
	case s == http.StatusForbidden || s == http.StatusNotFound:
		return Deny
	case s == http.StatusBadRequest && deny400:
		return Deny
	}
	return Class(fmt.Sprintf("status %d", s))
}

// excerpt is the start of a body on one line, for the failure table: an
// HTML page's message rather than its head.
func excerpt(b string) string {
	if i := strings.Index(b, `class="error`); i >= 0 {
		b = b[i:]
	} else if i := strings.Index(b, "<main"); i >= 0 {
		b = b[i:]
	}
	b = strings.Join(strings.Fields(b), " ")
	if len(b) > 140 {
		b = b[:140] + "…"
	}
	return b
}
