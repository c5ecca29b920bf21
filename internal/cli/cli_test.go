package cli

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/config"
	"congvu/internal/org"
	"congvu/internal/store"
)

// run runs the command line in-process and returns its exit status and output.
func run(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestCommandsOnADatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	env := map[string]string{"CONGVU_DB": db}

	code, out, errs := run(t, env, "", "migrate")
	if code != 0 || !strings.Contains(out, "applied") {
		t.Fatalf("migrate: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, env, "", "migrate"); code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second migrate: %d %q", code, out)
	}
	// An empty database has no unit to add a user to: a clear refusal naming the unit.
	code, _, errs = run(t, env, "", "user", "add", "--login", "admin2", "--name", "Trần Văn An", "--unit", "1", "--role", "admin", "--password", "mat-khau-dai-du")
	if code != ExitUsage || !strings.Contains(errs, "đơn vị") {
		t.Fatalf("user add without units: %d %q", code, errs)
	}
	if code, out, errs := run(t, env, "", "demo"); code != 0 || !strings.Contains(out, "admin") {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, env, "", "demo"); code != 0 || !strings.Contains(out, "not empty") {
		t.Fatalf("second demo: %d %q", code, out)
	}
	unit := currentDivision(t, db)
	code, out, errs = run(t, env, "", "user", "add", "--login", "an.tv", "--name", "Trần Văn An", "--unit", unit, "--role", "official")
	if code != 0 || !strings.Contains(out, "an.tv") || !strings.Contains(out, "password: ") {
		t.Fatalf("user add: %d %q %q", code, out, errs)
	}
	// The same login again is refused and creates no second person.
	code, _, errs = run(t, env, "", "user", "add", "--login", "AN.TV", "--name", "Người Khác", "--unit", unit, "--role", "official", "--password", "mat-khau-dai-du")
	if code != ExitFail || !strings.Contains(errs, "an.tv") {
		t.Fatalf("duplicate login: %d %q", code, errs)
	}
	code, out, _ = run(t, env, "", "user", "list")
	if code != 0 || !strings.Contains(out, "an.tv") || strings.Contains(out, "Người Khác") {
		t.Fatalf("user list: %d %q", code, out)
	}
	if code, _, errs := run(t, env, "mat-khau-moi-dai-hon\n", "user", "passwd", "an.tv"); code != 0 {
		t.Fatalf("passwd from stdin: %d %q", code, errs)
	}
	if code, _, errs := run(t, env, "", "user", "passwd", "an.tv", "--password", "ngan"); code != ExitUsage || !strings.Contains(errs, "mật khẩu") {
		t.Fatalf("short password: %d %q", code, errs)
	}
	code, out, _ = run(t, env, "", "token", "create", "--user", "an.tv")
	if tok := strings.TrimSpace(out); code != 0 || !strings.HasPrefix(tok, "cvu_") || strings.Contains(tok, "\n") {
		t.Fatalf("token create printed %q (%d)", out, code)
	}
	if code, _, errs := run(t, env, "", "token", "create", "--user", "nobody"); code != ExitFail || !strings.Contains(errs, "nobody") {
		t.Fatalf("token for unknown login: %d %q", code, errs)
	}
	code, out, _ = run(t, env, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %d %q", code, out)
	}

	// Tamper with one journal row behind congvu's back: verify must name it.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE audit_events SET actor = 'kẻ giả mạo' WHERE seq = 5"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, _ = run(t, env, "", "audit", "verify")
	if code != ExitFail || !strings.Contains(out, "event 5") {
		t.Fatalf("tampered audit verify: %d %q", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"user"}, "add, passwd"},
		{[]string{"user", "add", "--login", "x"}, "--name"},
		{[]string{"user", "add", "--login", "abc", "--name", "Lê Văn Bình", "--unit", "1", "--role", "boss"}, "boss"},
		{[]string{"token", "create"}, "--user"},
		{[]string{"audit"}, "verify"},
		{[]string{"serve", "--addr", "nonsense"}, "--addr"},
		{[]string{"serve", "--bogus"}, "bogus"},
	}
	for _, c := range cases {
		code, _, errs := run(t, map[string]string{"CONGVU_DB": filepath.Join(t.TempDir(), "u.db")}, "", c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, errs, c.want)
		}
	}
	if code, out, _ := run(t, nil, "", "version"); code != 0 || !strings.HasPrefix(out, "congvu ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errs := run(t, nil, "", "serve", "--help"); code != 0 || !strings.Contains(errs, "--demo") {
		t.Errorf("serve --help: %d %q", code, errs)
	}
}

// currentDivision returns the id of a division that exists today.
func currentDivision(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	units, err := db.FindUnits(context.Background(), org.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Kind == org.KindDivision {
			return strconv.FormatInt(u.ID, 10)
		}
	}
	t.Fatal("no current division")
	return ""
}

// TestServeDemo starts the real server on port 0 with the demo agency and
// checks the operational endpoints answer.
func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	ctx, cancel := context.WithCancel(context.Background())
	addrc, metricsc := make(chan string, 1), make(chan string, 1)
	var out syncBuffer
	const token = "jeton-des-metriques-2026"
	env := map[string]string{"CONGVU_METRICS_TOKEN": token}
	m := Main{Stdout: &out, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }, Ready: func(a string) { addrc <- a },
		MetricsReady: func(a string) { metricsc <- a }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--demo", "--metrics-addr", "127.0.0.1:0"})
	}()
	var addr, metricsAddr string
	select {
	case metricsAddr = <-metricsc:
	case code := <-done:
		t.Fatalf("serve exited early with %d: %s", code, out.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve exited early with %d: %s", code, out.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	if !strings.Contains(out.String(), "admin") {
		t.Errorf("demo accounts not printed: %q", out.String())
	}
	get := func(url, bearer string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body)
	}
	for path, want := range map[string]string{
		"/healthz": "ok", "/readyz": "ready", "/api/v1/openapi.json": `"openapi"`,
	} {
		if status, body := get("http://"+addr+path, ""); status != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d %.200q", path, status, body)
		}
	}
	// Metrics: on their own listener, or on the main one to the token only.
	for _, tc := range []struct {
		url, bearer string
		status      int
	}{
		{"http://" + metricsAddr + "/metrics", "", 200},
		{"http://" + addr + "/metrics", token, 200},
		{"http://" + addr + "/metrics", "", 401},
		{"http://" + addr + "/metrics", "wrong-token-of-some-length", 401},
	} {
		status, body := get(tc.url, tc.bearer)
		if status != tc.status || (status == 200) != strings.Contains(body, "congvu_http_requests_total") {
			t.Errorf("GET %s (token %q): %d, want %d: %.200q", tc.url, tc.bearer, status, tc.status, body)
		}
	}
	if _, err := os.Stat(db + ".lookup-key"); err != nil {
		t.Errorf("no lookup key beside the database: %v", err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit status %d after shutdown", code)
		}
	case <-time.After(15 * time.Second):
		t.Error("serve did not shut down")
	}
	if _, err := os.Stat(db); err != nil {
		t.Error(err)
	}
}

// Without a metrics token /metrics is not on the main listener at all.
func TestMetricsNotOpen(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(config.Config{}, db, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code == 200 || strings.Contains(rec.Body.String(), "congvu_http_requests_total") {
		t.Errorf("/metrics open to anyone: %d", rec.Code)
	}
}

// The lookup key is made once beside the SQLite file, readable by its owner
// only, and a later start with another key is refused: every node must
// hash the secrets alike.
func TestLookupKeyFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	env := map[string]string{"CONGVU_DB": db}
	if code, out, errs := run(t, env, "", "demo"); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errs)
	}
	fi, err := os.Stat(db + ".lookup-key")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	env["CONGVU_LOOKUP_KEY"] = strings.Repeat("ab", 32)
	if code, _, errs := run(t, env, "", "demo"); code == 0 || !strings.Contains(errs, "lookup key") {
		t.Errorf("another key was accepted: %d %q", code, errs)
	}
}
