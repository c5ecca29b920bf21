package store_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

var updateSchema = flag.Bool("update-schema", false, "rewrite schema/*.sql from the migrations")

// TestSchemaDump keeps schema/sqlite.sql and schema/postgres.sql equal to
// what the migrations produce. After changing a migration, run
//
//	go test ./internal/store -run TestSchemaDump -update-schema
//
// with CONGVU_TEST_POSTGRES set so that both files are rewritten.
func TestSchemaDump(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		got, err := db.SchemaDump(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "..", "schema", db.Engine()+".sql")
		if *updateSchema {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update-schema)", err)
		}
		if string(want) != got {
			t.Errorf("%s is out of date with the migrations; run go test ./internal/store -run TestSchemaDump -update-schema", path)
		}
	})
}

func TestMigrationsInStep(t *testing.T) {
	// Both engines must have the same numbered migrations.
	a, _ := filepath.Glob("migrations/sqlite/*.sql")
	b, _ := filepath.Glob("migrations/postgres/*.sql")
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(a), len(b))
	}
	for i := range a {
		if filepath.Base(a[i]) != filepath.Base(b[i]) {
			t.Errorf("migration %d: %s vs %s", i+1, filepath.Base(a[i]), filepath.Base(b[i]))
		}
	}
}
