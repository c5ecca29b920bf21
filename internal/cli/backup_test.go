package cli

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// serveInProcess runs `serve` on dbURL in this process on port 0 until
// the test ends.
func serveInProcess(t *testing.T, name, dbURL string) *node {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	m := Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, Ready: func(a string) { addrc <- a }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--db", dbURL, "--addr", "127.0.0.1:0", "--log-level", "error"})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	select {
	case a := <-addrc:
		return &node{name: name, base: "http://" + a}
	case code := <-done:
		t.Fatalf("serve exited with %d", code)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return nil
}

// backupUnderLoad takes a backup of dbURL while dossiers are received
// through a serving node, and returns the codes acknowledged before the
// backup began and all those acknowledged.
func backupUnderLoad(t *testing.T, dbURL, file string) (before, all []string) {
	t.Helper()
	tokens, procCode, _ := seedNodes(t, dbURL)
	n := serveInProcess(t, "S", dbURL)
	load := startIntakeLoad(t, []*node{n}, tokens["motcua"], procCode, 4, 3000)
	if !load.waitFor(100, 30*time.Second) {
		load.end()
		t.Fatalf("only %d intakes acknowledged before the backup", load.count())
	}
	load.mu.Lock()
	before = append([]string(nil), load.acked...)
	load.mu.Unlock()
	code, out, errs := run(t, map[string]string{"CONGVU_DB": dbURL}, "", "backup", "--to", file)
	during := load.count() - len(before)
	all = load.end()
	if code != 0 || !strings.Contains(out, file) {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	t.Logf("%d intakes acknowledged before the backup, %d while it ran, %d in all", len(before), during, len(all))
	return before, all
}

// checkRestored checks that the restored database passes audit verify and
// holds every dossier of want.
func checkRestored(t *testing.T, dbURL string, want []string) {
	t.Helper()
	if code, out, errs := run(t, map[string]string{"CONGVU_DB": dbURL}, "", "audit", "verify"); code != 0 || !strings.Contains(out, "intact") {
		t.Errorf("audit verify of the restored database: %d %q %q", code, out, errs)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range want {
		if _, err := db.FindDossierByCode(ctx, c); err != nil {
			t.Errorf("dossier %s, acknowledged before the backup, is not in the restored database: %v", c, err)
		}
	}
}

// TestBackupRestoreSQLiteUnderLoad backs a SQLite database up while a
// server writes to it, restores the backup into a new file, and checks it.
func TestBackupRestoreSQLiteUnderLoad(t *testing.T) {
	dir := t.TempDir()
	src, file, dst := filepath.Join(dir, "live.db"), filepath.Join(dir, "sao-luu.db"), filepath.Join(dir, "restored.db")
	before, _ := backupUnderLoad(t, src, file)
	if code, out, errs := run(t, nil, "", "restore", "--from", file, "--db", dst); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	checkRestored(t, dst, before)

	// Restoring over a database that has data needs --force.
	if code, _, errs := run(t, nil, "", "restore", "--from", file, "--db", dst); code != ExitFail || !strings.Contains(errs, "--force") {
		t.Errorf("restore over a database with data: %d %q", code, errs)
	}
	if code, _, errs := run(t, nil, "", "restore", "--from", file, "--db", dst, "--force"); code != 0 {
		t.Errorf("restore --force: %d %q", code, errs)
	}
	checkRestored(t, dst, before)
	// A backup is not written over an existing file.
	if code, _, errs := run(t, nil, "", "backup", "--db", src, "--to", file); code != ExitFail || !strings.Contains(errs, "already exists") {
		t.Errorf("backup onto an existing file: %d %q", code, errs)
	}
}

func TestBackupRestoreErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "ghi-chu.txt")
	if err := os.WriteFile(text, []byte("đây không phải cơ sở dữ liệu\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "hong.db")
	if err := os.WriteFile(garbage, append([]byte("SQLite format 3\x00"), make([]byte, 600)...), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "rong.db") // a SQLite database, not congvu's
	raw, err := sql.Open("sqlite", empty)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	target := filepath.Join(dir, "dich.db")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"backup"}, ExitUsage, "--to"},
		{[]string{"backup", "--db", filepath.Join(dir, "khong-co.db"), "--to", filepath.Join(dir, "b.db")}, ExitUsage, "no database"},
		{[]string{"backup", "--db", empty, "--to", filepath.Join(dir, "khong-co-thu-muc", "b.db")}, ExitUsage, "no directory"},
		{[]string{"backup", "--db", empty, "--to", filepath.Join(dir, "b.db"), "thừa"}, ExitUsage, "unexpected"},
		{[]string{"restore", "--db", target}, ExitUsage, "--from"},
		{[]string{"restore", "--from", filepath.Join(dir, "khong-co.db"), "--db", target}, ExitUsage, "không tìm thấy"},
		{[]string{"restore", "--from", text, "--db", target}, ExitUsage, "không phải bản sao lưu"},
		{[]string{"restore", "--from", garbage, "--db", target}, ExitUsage, "không phải bản sao lưu"},
		{[]string{"restore", "--from", empty, "--db", target}, ExitUsage, "không phải bản sao lưu"},
		{[]string{"restore", "--from", text, "--db", "postgres://127.0.0.1:1/x"}, ExitUsage, "pg_dump"},
	}
	for _, c := range cases {
		code, _, errs := run(t, nil, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q; want %d mentioning %q", c.args, code, errs, c.code, c.want)
		}
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("a refused restore left a target file")
	}
}

// TestBackupRestorePostgresUnderLoad does the same on PostgreSQL, through
// pg_dump and pg_restore into a new database.
func TestBackupRestorePostgresUnderLoad(t *testing.T) {
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	src := storetest.PostgresURL(t)
	file := filepath.Join(t.TempDir(), "sao-luu.dump")
	before, _ := backupUnderLoad(t, src, file)
	dst := newPGDatabase(t, src)
	if code, out, errs := run(t, nil, "", "restore", "--from", file, "--db", dst); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	checkRestored(t, dst, before)
	if code, _, errs := run(t, nil, "", "restore", "--from", file, "--db", dst); code != ExitFail || !strings.Contains(errs, "--force") {
		t.Errorf("restore over a database with data: %d %q", code, errs)
	}
}

// newPGDatabase creates an empty database on src's server, dropped when
// the test ends, and returns src's URL moved to it (same search_path).
func newPGDatabase(t *testing.T, src string) string {
	t.Helper()
	admin, err := sql.Open("pgx", os.Getenv(storetest.PostgresEnv))
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("congvu_restore_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, err := url.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
