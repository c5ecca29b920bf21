package store_test

import (
	"context"
	"strings"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// A holiday table seeded before migration 0021 names its source with
// "(DOMAIN.md §2)", which the calendar page showed; the upgrade drops it
// and leaves the rest of the wording alone.
func TestCalendarSourceLosesDesignReference(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" {
				storetest.PostgresURL(t) // skips without a server
			}
			ctx := context.Background()
			db := storetest.NewEmpty(t, engine, store.Options{})
			if err := db.MigrateTo(ctx, 14); err != nil {
				t.Fatal(err)
			}
			// A table as an older congvu seeded it, for a year the shipped
			// schedules do not cover (so the upgrade does not reseed it).
			if err := db.ExecRaw(ctx, "INSERT INTO calendar_years (year, source, updated_at) VALUES (2199, 'lịch nghỉ lễ, Tết chính thức cho cán bộ, công chức, viên chức (DOMAIN.md §2)', 0)"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			ss, err := db.CalendarSchedules(ctx)
			if err != nil || len(ss) == 0 {
				t.Fatalf("schedules: %d, %v", len(ss), err)
			}
			found := false
			for _, s := range ss {
				if strings.Contains(s.Source, "DOMAIN") || strings.Contains(s.Source, "§") {
					t.Errorf("%d: source %q", s.Year, s.Source)
				}
				if s.Year == 2199 {
					found = true
					if s.Source != "lịch nghỉ lễ, Tết chính thức cho cán bộ, công chức, viên chức" {
						t.Errorf("2199: source %q", s.Source)
					}
				}
			}
			if !found {
				t.Error("the table of 2199 is gone")
			}
		})
	}
}
