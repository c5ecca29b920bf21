package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// migrations holds one folder per engine, kept in step: the same numbered
// files, each written in its engine's own DDL.
//
//go:embed migrations
var migrations embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the embedded migrations for this database's engine.
func (db *DB) Migrations() ([]Migration, error) { return loadMigrations(db.d.name()) }

func loadMigrations(engine string) ([]Migration, error) {
	dir := "migrations/" + engine
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations for %s: %w", engine, err)
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", name)
		}
		b, err := migrations.ReadFile(dir + "/" + name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: rest, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	// Numbers only rise: branches worked on side by side are each given
	// their numbers, so one may hold 0012 before 0011 is merged; Migrate
	// applies whatever is not applied yet, in order.
	for i, m := range ms {
		if m.Version < 1 || (i > 0 && m.Version == ms[i-1].Version) {
			return nil, fmt.Errorf("migrations for %s: version %d is zero or given twice", engine, m.Version)
		}
	}
	return ms, nil
}

// Migrate applies every migration not yet applied, each in its own
// transaction, and returns the versions it applied. Several nodes may call it
// at once on PostgreSQL: the lock on schema_migrations makes them take turns.
func (db *DB) Migrate(ctx context.Context) ([]int, error) { return db.migrate(ctx, 0) }

// migrate applies the migrations up to version upTo (0: all of them).
func (db *DB) migrate(ctx context.Context, upTo int) ([]int, error) {
	ms, err := db.Migrations()
	if err != nil {
		return nil, err
	}
	if upTo > 0 {
		for i, m := range ms {
			if m.Version > upTo {
				ms = ms[:i]
				break
			}
		}
	}
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []int
	for _, m := range ms {
		done := false
		err := db.inSQLTx(ctx, func(tx *Tx) error {
			if db.d.name() == "postgres" {
				if _, err := tx.Exec("LOCK TABLE schema_migrations IN EXCLUSIVE MODE"); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRow("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := tx.tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("apply migration %04d_%s: %w", m.Version, m.Name, err)
			}
			_, err := tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, Micro(tx.Now))
			return err
		})
		if err != nil {
			return applied, err
		}
		if !done {
			applied = append(applied, m.Version)
		}
	}
	if slices.Contains(applied, flowRollupsVersion) {
		// The rollups start empty: fill them from the histories there are.
		if err := db.backfillFlow(ctx); err != nil {
			return applied, err
		}
	}
	if upTo > 0 {
		return applied, nil // an older schema: the seed below is the current code's
	}
	// Data that ships with the code: the official holiday tables it knows,
	// for the years the database does not have yet.
	if err := db.InTx(ctx, seedCalendar); err != nil {
		return applied, fmt.Errorf("seed holiday tables: %w", err)
	}
	return applied, nil
}

// flowRollupsVersion is the migration that creates the bottleneck
// rollups, after which backfillFlow fills them.
const flowRollupsVersion = 39

// SchemaVersion returns the highest applied migration, 0 when none.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil && strings.Contains(err.Error(), "schema_migrations") {
		return 0, nil
	}
	return v, err
}
