package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"congvu/internal/config"
	"congvu/internal/httpx"
)

// lookupFrom sends one public lookup through the web page (web) or the API,
// with the given X-Forwarded-For (none when empty), and returns the status.
// The test server sees every request come from 127.0.0.1.
func lookupFrom(t *testing.T, a *app, web bool, xff string) int {
	t.Helper()
	var req *http.Request
	if web {
		req, _ = http.NewRequest("POST", a.srv.URL+"/tra-cuu", strings.NewReader(url.Values{"code": {"000.00.15.H27-261001-0001"}, "secret": {"AAAA-BBBB-CCCC-D"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req, _ = http.NewRequest("GET", a.srv.URL+"/api/v1/public/dossiers/000.00.15.H27-261001-0001?secret=AAAA-BBBB-CCCC-D", nil)
	}
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// The web page and the API spend one budget of look-ups per client:
// alternating between the two doors gives no more guesses than one.
func TestLookupBudgetSharedByWebAndAPI(t *testing.T) {
	a := newApp(t)
	for i := 1; i <= httpx.LookupBurst; i++ {
		if st := lookupFrom(t, a, i%2 == 0, ""); st != http.StatusNotFound {
			t.Fatalf("look-up %d: %d, want 404", i, st)
		}
	}
	for _, web := range []bool{true, false} {
		if st := lookupFrom(t, a, web, ""); st != http.StatusTooManyRequests {
			t.Errorf("over the budget (web %v): %d, want 429", web, st)
		}
	}
}

// Behind a trusted proxy each client named in X-Forwarded-For has a budget
// of its own; from a peer that is not a trusted proxy the header is
// ignored, so writing another address in it buys no more look-ups.
func TestLookupBudgetBehindProxies(t *testing.T) {
	for _, tc := range []struct {
		name    string
		proxies string
		ownEach bool
	}{
		{"trusted proxy", "127.0.0.1", true},
		{"untrusted peer spoofing the header", "10.0.0.0/8", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Config{TrustedProxies: tc.proxies}
			var err error
			if cfg.Proxies, err = config.ParsePrefixes(tc.proxies); err != nil {
				t.Fatal(err)
			}
			a := newAppWith(t, cfg)
			for i := 1; i <= httpx.LookupBurst; i++ {
				if st := lookupFrom(t, a, i%2 == 0, "198.51.100.1"); st != http.StatusNotFound {
					t.Fatalf("look-up %d: %d", i, st)
				}
			}
			st := lookupFrom(t, a, true, "6.6.6.6, 198.51.100.2")
			if got := st == http.StatusNotFound; got != tc.ownEach {
				t.Errorf("another client named in the header: %d", st)
			}
			if st := lookupFrom(t, a, false, "198.51.100.1"); st != http.StatusTooManyRequests {
				t.Errorf("the same client over its budget: %d", st)
			}
		})
	}
}
