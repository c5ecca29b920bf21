// Package storetest opens fresh databases of both engines for tests in any
// package, so that every storage test runs on SQLite and on PostgreSQL.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"congvu/internal/store"
)

// PostgresEnv names the environment variable holding the PostgreSQL URL the
// tests run against. CI sets it and must fail when it cannot connect; on a
// machine without PostgreSQL the PostgreSQL half of each test is skipped.
const PostgresEnv = "CONGVU_TEST_POSTGRES"

// Engines runs fn once per engine available to the tests: SQLite always,
// PostgreSQL when CONGVU_TEST_POSTGRES is set. Each run gets a fresh,
// migrated, empty database.
func Engines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := New(t, engine, store.Options{})
			fn(t, db)
		})
	}
}

// New opens a fresh migrated database of the given engine. For
// PostgreSQL it makes a schema of its own, dropped when the test ends, so
// that tests can run side by side on one server.
func New(t testing.TB, engine string, opt store.Options) *store.DB {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch engine {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "congvu.db")
	case "postgres":
		base := os.Getenv(PostgresEnv)
		if base == "" {
			t.Skip("PostgreSQL tests skipped: set " + PostgresEnv + " to a postgres:// URL to run them")
		}
		dsn = testSchema(t, base)
	default:
		t.Fatalf("unknown engine %q", engine)
	}
	db, err := store.Open(ctx, dsn, opt)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// PostgresURL returns the URL of a fresh, empty schema of its own on the
// test server (dropped when the test ends), for tests that open it from
// several processes, or skips the test when CONGVU_TEST_POSTGRES is unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set " + PostgresEnv + " to a postgres:// URL to run them")
	}
	return testSchema(t, base)
}

// testSchema creates a uniquely named schema and returns a URL whose
// connections use it.
func testSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL %s: %v", redact(base), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		admin.Close()
		t.Fatalf("PostgreSQL at %s is not usable (set by %s): %v", redact(base), PostgresEnv, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin.ExecContext(ctx, "DROP SCHEMA "+name+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("bad %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func redact(s string) string { return store.Redact(s) }
