package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The version in force on a day is the one dossier.PickVersion picks from
// all versions (the latest to take effect), also once it is cached, and a
// version added through the store is in force at once.
func TestProcedureInForceFollowsTheCatalogue(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		day := func(y int, m time.Month, d int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: d} }
		check := func(when string, on calendar.Date, wantVersion int) {
			t.Helper()
			got, err := db.ProcedureInForce(ctx, o.agency.ID, o.proc.Code, on)
			if err != nil {
				t.Fatalf("%s, %s: %v", when, on, err)
			}
			versions, err := db.FindProcedureVersions(ctx, o.agency.ID, o.proc.Code)
			if err != nil {
				t.Fatal(err)
			}
			picked, err := dossier.PickVersion(versions, on)
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != wantVersion || picked.Version != wantVersion || got.Fee != picked.Fee {
				t.Errorf("%s, %s: store gives version %d (%v), PickVersion %d (%v); want %d",
					when, on, got.Version, got.Fee, picked.Version, picked.Fee, wantVersion)
			}
		}
		// addVersion adds a version told apart by its fee.
		addVersion := func(fee int64, from calendar.Date) {
			t.Helper()
			v := o.proc
			v.Fee, v.EffectiveFrom = fee, from
			if _, err := db.CreateProcedureVersion(ctx, sys, v); err != nil {
				t.Fatal(err)
			}
		}
		check("one version", day(2026, 1, 10), 1)
		addVersion(60000, day(2026, 1, 1))
		check("a version taking effect earlier that day", day(2026, 1, 10), 2)
		check("a version taking effect earlier that day", day(2025, 12, 31), 1)
		// A later version that took effect before the one in force.
		addVersion(70000, day(2025, 6, 1))
		check("a newer version in force from earlier", day(2026, 1, 10), 2)
		check("a newer version in force from earlier", day(2025, 7, 1), 3)
		if _, err := db.ProcedureInForce(ctx, o.agency.ID, o.proc.Code, day(2025, 1, 1)); err == nil {
			t.Error("a day before any version: no error")
		}
	})
}
