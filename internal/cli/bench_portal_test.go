package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"congvu/internal/store/storetest"
)

// TestBenchPortalCountsExact runs bench portal's machinery for a second
// per scenario at 4 clients, on SQLite (and PostgreSQL when the tests have
// it): every scenario answers without error, and after each server's
// graceful stop the article's stored views and the site's stored visits
// moved by exactly the requests that count (none for the crawler). No
// figure of speed is checked.
func TestBenchPortalCountsExact(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			var dbURL string
			if engine == "postgres" {
				dbURL = storetest.PostgresURL(t)
			} else {
				dbURL = t.TempDir() + "/portal.db"
			}
			var out, errb bytes.Buffer
			m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Now: time.Now}
			ctx := context.Background()
			db, _, done, err := m.benchDatabase(ctx, dbURL, "")
			if err != nil {
				t.Fatal(err)
			}
			defer done()
			o := portalOptions{Clients: 4, Duration: time.Second, Warmup: 100 * time.Millisecond, Scenarios: portalScenarios, UploadMB: 1}
			rows, err := m.benchPortalOwn(ctx, db, dbURL, "", o)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(portalScenarios) {
				t.Fatalf("%d rows, want %d", len(rows), len(portalScenarios))
			}
			for _, r := range rows {
				if r.Errors > 0 || r.UploadErr != nil || r.ReadCountsError != nil {
					t.Errorf("%s: %d errors (%v), upload %v, counts %v", r.Scenario, r.Errors, r.FirstErr, r.UploadErr, r.ReadCountsError)
				}
				if r.Requests == 0 || r.Counted == 0 && r.Scenario != "article-off" {
					t.Errorf("%s: %d requests timed, %d counted", r.Scenario, r.Requests, r.Counted)
				}
				if !r.Exact() {
					t.Errorf("%s: views moved by %d (want %d), visits by %d (want %d)", r.Scenario, r.Views, r.WantViews, r.Visits, r.WantVisits)
				}
			}
			for sc, want := range map[string][2]bool{"article-off": {false, false}, "article": {true, true}, "home": {false, true}, "upload": {true, true}} {
				for _, r := range rows {
					if r.Scenario == sc && (r.WantViews > 0) != want[0] || r.Scenario == sc && (r.WantVisits > 0) != want[1] {
						t.Errorf("%s: expects %d views and %d visits", sc, r.WantViews, r.WantVisits)
					}
				}
			}
			if up := rows[3]; up.Uploads == 0 {
				t.Errorf("upload: no file uploaded")
			}
			writePortalTable(&out, o, engine, "", "", rows)
			if !strings.Contains(out.String(), "| upload |") || strings.Contains(out.String(), "**NO**") {
				t.Errorf("the table:\n%s", out.String())
			}
		})
	}
}
