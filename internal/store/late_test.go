package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestLateWork counts what is late on the demo's year of dossiers and tasks
// and checks every (unit, person) count against the lists it summarises:
// open dossiers past their statutory due whose clock was not stopped before
// it, by the unit and handler they sit with; open tasks whose deadline's
// day is over, by lead unit and person. Units outside those asked are not
// counted.
func TestLateWork(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		if _, err := demo.Seed(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: 1200, Now: now, Months: 3, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.GenerateWork(ctx, db, demo.WorkOptions{Now: now}); err != nil {
			t.Fatal(err)
		}
		tree, err := db.Tree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var agency, province int64
		for _, u := range tree.Units() {
			if u.Current() && u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
				agency = u.ID
			}
			if u.ParentID == nil {
				province = u.ID
			}
		}
		units := tree.AgencySubtree(agency)
		type key struct{ unit, person int64 }
		want := map[key][2]int{}
		open, err := db.FindDossiers(ctx, dossier.Filter{UnitIDs: units, Open: true, Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range open {
			if d.StatutoryDue.Before(now) && !(d.PausedAt != nil && d.PausedAt.Before(d.StatutoryDue)) {
				k := key{d.CurrentUnitID, d.HandlerID}
				c := want[k]
				c[0]++
				want[k] = c
			}
		}
		tasks, err := db.FindTasks(ctx, store.TaskFilter{UnitIDs: units, Overdue: true, Now: now, Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tasks {
			k := key{s.LeadUnitID, s.LeadPersonID}
			c := want[k]
			c[1]++
			want[k] = c
		}
		got, err := db.LateWork(ctx, units, now)
		if err != nil {
			t.Fatal(err)
		}
		var dossiers, late int
		for _, c := range got {
			k := key{c.UnitID, c.PersonID}
			if w := want[k]; w != [2]int{c.Dossiers, c.Tasks} {
				t.Errorf("unit %d person %d: %d dossiers, %d tasks; want %v", c.UnitID, c.PersonID, c.Dossiers, c.Tasks, w)
			}
			delete(want, k)
			dossiers += c.Dossiers
			late += c.Tasks
		}
		for k, w := range want {
			t.Errorf("unit %d person %d: not counted, want %v", k.unit, k.person, w)
		}
		if dossiers == 0 || late == 0 {
			t.Errorf("the demo has %d late dossiers and %d late tasks; the test needs both", dossiers, late)
		}
		// The province's committee, another agency, counts none of them.
		if other, err := db.LateWork(ctx, tree.AgencySubtree(province), now); err != nil || len(other) != 0 {
			t.Errorf("the committee: %v %v", other, err)
		}
	})
}
