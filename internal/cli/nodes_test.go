package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestTwoNodesOnePostgres runs two real `congvu serve` processes on one
// PostgreSQL schema, as behind a load balancer: tokens and sessions work
// on both; a change made through one is seen by the other at once (its
// caches hear of it through LISTEN/NOTIFY; they would otherwise keep an
// answer for a minute); the background jobs the changes enqueue each run
// once across the two.
func TestTwoNodesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary twice")
	}
	dbURL := storetest.PostgresURL(t)
	bin := buildCongvu(t)
	tokens, procCode, accs := seedNodes(t, dbURL, "admin", "giamdoc", "chuyenvien", "truongphong.kgvx")
	ids := lookUp(t, dbURL, "giamdoc", "chuyenvien", "truongphong.kgvx")
	a := startNode(t, bin, "A", dbURL)
	b := startNode(t, bin, "B", dbURL)
	nodes := []*node{a, b}

	type me struct {
		Roles  []string `json:"roles"`
		Grants []struct {
			Role        string `json:"role"`
			UnitID      int64  `json:"unit_id"`
			ViaPersonID *int64 `json:"via_person_id"`
		} `json:"grants"`
	}
	whoami := func(n *node, token string, header ...string) (me, int) {
		t.Helper()
		var m me
		status, _ := call(t, "GET", n.base+"/api/v1/me", token, nil, &m, header...)
		return m, status
	}

	t.Run("tokens work on both", func(t *testing.T) {
		for _, n := range nodes {
			for login, tok := range tokens {
				if _, status := whoami(n, tok); status != 200 {
					t.Errorf("node %s, token of %s: %d", n.name, login, status)
				}
			}
		}
	})

	t.Run("a membership added on A is seen on B at once", func(t *testing.T) {
		before, _ := whoami(b, tokens["chuyenvien"]) // B caches the subject
		if has(before.Roles, "inspector") {
			t.Fatalf("chuyenvien is an inspector already: %v", before.Roles)
		}
		body := map[string]any{"unit_id": ids.division, "role": "inspector", "valid_from": "2020-01-01"}
		if _, err := call(t, "POST", fmt.Sprintf("%s/api/v1/people/%d/memberships", a.base, ids.person["chuyenvien"]), tokens["admin"], body, nil); err != nil {
			t.Fatal(err)
		}
		if !soon(func() bool { m, _ := whoami(b, tokens["chuyenvien"]); return has(m.Roles, "inspector") }) {
			t.Error("node B still answers from its cache without the new role")
		}
	})

	t.Run("a delegation made on A is seen on B at once", func(t *testing.T) {
		whoami(b, tokens["chuyenvien"])
		now := time.Now()
		body := map[string]any{"to_person_id": ids.person["chuyenvien"], "starts_at": now.Add(-time.Minute).Format(time.RFC3339),
			"ends_at": now.Add(24 * time.Hour).Format(time.RFC3339), "reason": "Giám đốc đi công tác"}
		if _, err := call(t, "POST", a.base+"/api/v1/delegations", tokens["giamdoc"], body, nil); err != nil {
			t.Fatal(err)
		}
		director := ids.person["giamdoc"]
		if !soon(func() bool {
			m, _ := whoami(b, tokens["chuyenvien"])
			for _, g := range m.Grants {
				if g.ViaPersonID != nil && *g.ViaPersonID == director {
					return true
				}
			}
			return false
		}) {
			t.Error("node B does not show the director's delegated roles")
		}
	})

	t.Run("a procedure version made on A is in force on B at once", func(t *testing.T) {
		intake := func(n *node) int {
			t.Helper()
			var out struct {
				ProcedureVersion int `json:"procedure_version"`
			}
			body := map[string]any{"procedure_code": procCode, "channel": "direct", "applicant": map[string]any{"name": "Trần Thị Mai", "phone": "0912345678"}}
			if _, err := call(t, "POST", n.base+"/api/v1/dossiers", tokens["motcua"], body, &out); err != nil {
				t.Fatal(err)
			}
			return out.ProcedureVersion
		}
		v := intake(b) // B caches which version is in force
		today := time.Now().In(calendar.VN).Format("2006-01-02")
		body := map[string]any{"code": procCode, "name": "Cung cấp thông tin về quy hoạch (sửa đổi)", "level": 2,
			"time_limit": map[string]any{"value": 5, "unit": "working_days"}, "effective_from": today,
			"steps": []map[string]any{{"name": "Tiếp nhận và giải quyết", "unit_id": ids.desk, "role": "clerk", "budget": 5}}}
		var created struct {
			Version int `json:"version"`
		}
		if _, err := call(t, "POST", a.base+"/api/v1/procedures", tokens["admin"], body, &created); err != nil {
			t.Fatal(err)
		}
		if created.Version <= v {
			t.Fatalf("new version %d after %d", created.Version, v)
		}
		if !soon(func() bool { return intake(b) == created.Version }) {
			t.Errorf("node B still receives dossiers under version %d, not %d", v, created.Version)
		}
	})

	t.Run("a session opened on B works on A and ends on both with a password change", func(t *testing.T) {
		login := "truongphong.kgvx"
		cookie := webLogin(t, b, login, passwordOf(t, accs, login))
		for _, n := range nodes {
			if m, status := whoami(n, "", "Cookie", cookie); status != 200 || len(m.Roles) == 0 {
				t.Errorf("node %s with B's session: %d %v", n.name, status, m.Roles)
			}
		}
		// The password is changed from the command line, a third process.
		if code, _, errs := run(t, map[string]string{"CONGVU_DB": dbURL}, "", "user", "passwd", login, "--password", "mật-khẩu-mới-đủ-dài-2026"); code != 0 {
			t.Fatalf("passwd: %d %s", code, errs)
		}
		for _, n := range nodes {
			if _, status := whoami(n, "", "Cookie", cookie); status != http.StatusUnauthorized {
				t.Errorf("node %s after the password change: %d, want 401", n.name, status)
			}
		}
	})

	t.Run("a task changed on A is seen on B at once, its jobs run once", func(t *testing.T) {
		var task struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		}
		body := map[string]any{"title": "Báo cáo tình hình giải ngân quý I", "lead_person_id": ids.person["truongphong.kgvx"],
			"deadline_working_days": 5}
		if _, err := call(t, "POST", a.base+"/api/v1/tasks", tokens["giamdoc"], body, &task); err != nil {
			t.Fatal(err)
		}
		var seen struct {
			Version int `json:"version"`
		}
		if _, err := call(t, "GET", fmt.Sprintf("%s/api/v1/tasks/%d", b.base, task.ID), tokens["giamdoc"], nil, &seen); err != nil || seen.Version != task.Version {
			t.Fatalf("node B reads the task at v%d (%v), want v%d", seen.Version, err, task.Version)
		}
		var moved struct {
			Version int `json:"version"`
		}
		ev := map[string]any{"action": "start", "note": "Phòng bắt đầu tổng hợp số liệu"}
		if _, err := call(t, "POST", fmt.Sprintf("%s/api/v1/tasks/%d/events", a.base, task.ID), tokens["truongphong.kgvx"], ev, &moved,
			"If-Match", fmt.Sprint(task.Version)); err != nil {
			t.Fatal(err)
		}
		if _, err := call(t, "GET", fmt.Sprintf("%s/api/v1/tasks/%d", b.base, task.ID), tokens["giamdoc"], nil, &seen); err != nil || seen.Version != moved.Version {
			t.Errorf("node B reads v%d (%v) after A's change to v%d", seen.Version, err, moved.Version)
		}
		jobsRunOnce(t, dbURL)
	})
}

// jobsRunOnce waits (bounded) until the jobs in the database are all done,
// then checks each was claimed once: a job's attempts count its claims,
// and a run needs a claim.
func jobsRunOnce(t *testing.T, dbURL string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var js []store.Job
	// The nodes' runners tick every ten seconds.
	for end := time.Now().Add(40 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		js, err = db.FindJobs(ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		pending := 0
		for _, j := range js {
			if j.DoneAt == nil && j.FailedAt == nil {
				pending++
			}
		}
		if pending == 0 && len(js) > 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("%d of %d jobs still pending", pending, len(js))
		}
	}
	for _, j := range js {
		if j.Attempts != 1 || j.DoneAt == nil {
			t.Errorf("job %s: %d attempts, done %v, error %q", j.Key, j.Attempts, j.DoneAt, j.LastError)
		}
	}
	t.Logf("%d jobs, each run once", len(js))
}

// ids are the demo's people and units a test acts on.
type ids struct {
	person         map[string]int64
	desk, division int64
}

func lookUp(t *testing.T, dbURL string, logins ...string) ids {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := ids{person: map[string]int64{}}
	for _, l := range logins {
		a, err := db.FindAccountByLogin(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		out.person[l] = a.PersonID
	}
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		switch u.Kind {
		case org.KindDesk:
			out.desk = u.ID
		case org.KindDivision:
			if out.division == 0 {
				out.division = u.ID
			}
		}
	}
	return out
}

func has(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// webLogin signs in through the login form and returns the session cookie
// as a Cookie header value.
func webLogin(t *testing.T, n *node, login, password string) string {
	t.Helper()
	const csrf = "nodes-test-login-csrf-token-0123456789abcdef"
	form := url.Values{"login": {login}, "password": {password}, "csrf": {csrf}}
	req, _ := http.NewRequest("POST", n.base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "congvu_login_csrf="+csrf)
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "congvu_session" && ck.Value != "" {
			return ck.Name + "=" + ck.Value
		}
	}
	t.Fatalf("login of %s on node %s: %d, no session cookie", login, n.name, resp.StatusCode)
	return ""
}

func passwordOf(t *testing.T, accs []demo.Account, login string) string {
	t.Helper()
	for _, a := range accs {
		if a.Login == login {
			return a.Password
		}
	}
	t.Fatalf("no demo account %s", login)
	return ""
}
