package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/cli"
	"congvu/internal/config"
	"congvu/internal/demo"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// app is the whole congvu application on a fresh SQLite database holding
// the demo agency, served by httptest.
type app struct {
	srv       *httptest.Server
	db        *store.DB
	passwords map[string]string // demo login → password
}

func newApp(t testing.TB) *app { return newAppWith(t, config.Config{}) }

// newAppWith is newApp with a configuration of its own.
func newAppWith(t testing.TB, cfg config.Config) *app {
	t.Helper()
	return newAppAt(t, cfg, nil)
}

// newAppAt is newAppWith whose database runs on the clock now (the real one
// when nil): the login throttle's waits are counted on it, so that a test
// of them does not depend on how fast the machine runs it.
func newAppAt(t testing.TB, cfg config.Config, now func() time.Time) *app {
	t.Helper()
	db := storetest.New(t, "sqlite", store.Options{Now: now})
	accs, err := demo.Seed(context.Background(), db, time.Now())
	if err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	a := &app{db: db, passwords: map[string]string{}}
	for _, acc := range accs {
		a.passwords[acc.Login] = acc.Password
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := cli.NewHandler(cfg, db, log, nil)
	if err != nil {
		t.Fatalf("handler: %v", err)
	}
	a.srv = httptest.NewServer(h)
	t.Cleanup(a.srv.Close)
	return a
}

// user is a browser: a cookie jar that does not follow redirects, and the
// CSRF token of its session.
type user struct {
	t    testing.TB
	app  *app
	c    *http.Client
	csrf string
}

func (a *app) anonymous(t testing.TB) *user {
	jar, _ := cookiejar.New(nil)
	return &user{t: t, app: a, c: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs a demo user in through the form and keeps the session's CSRF token.
func (a *app) login(t testing.TB, login string) *user {
	t.Helper()
	u := a.anonymous(t)
	res := u.do("POST", "/login", url.Values{"login": {login}, "password": {a.passwords[login]}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("login %s: status %d\n%s", login, res.status, res.body)
	}
	home := u.do("GET", "/", nil, false)
	m := csrfRe.FindStringSubmatch(home.body)
	if m == nil {
		t.Fatalf("login %s: no CSRF token on the home page (status %d)", login, home.status)
	}
	u.csrf = m[1]
	return u
}

type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request; with csrf, a form carries the right token (for the
// login form, the pre-session one fetched first).
func (u *user) do(method, path string, form url.Values, csrf bool) response {
	u.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if csrf && method != "GET" {
		form = cloneValues(form)
		if u.csrf != "" {
			form.Set("csrf", u.csrf)
		} else {
			page := u.do("GET", "/login", nil, false)
			if m := csrfRe.FindStringSubmatch(page.body); m != nil {
				form.Set("csrf", m[1])
			}
		}
	}
	var body io.Reader
	if method != "GET" {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u.app.srv.URL+path, body)
	if err != nil {
		u.t.Fatal(err)
	}
	if method != "GET" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := u.c.Do(req)
	if err != nil {
		u.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// unit returns the id (as text) of the current unit with the given name.
func (a *app) unit(t testing.TB, name string) string {
	t.Helper()
	units, err := a.db.FindUnits(context.Background(), org.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Name == name {
			return strconv.FormatInt(u.ID, 10)
		}
	}
	t.Fatalf("no current unit %q", name)
	return ""
}

// person returns the id (as text) of the person with the given name.
func (a *app) person(t testing.TB, name string) string {
	t.Helper()
	people, err := a.db.FindPeople(context.Background(), org.PersonFilter{Query: name})
	if err != nil || len(people) == 0 {
		t.Fatalf("no person %q: %v", name, err)
	}
	return strconv.FormatInt(people[0].ID, 10)
}
