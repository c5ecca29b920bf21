package demo

import (
	"context"
	"testing"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// TestCatalogue checks that every demo procedure validates and is seeded in
// the merged department, with its steps on current units.
func TestCatalogue(t *testing.T) {
	if len(catalogue) < 28 {
		t.Fatalf("%d procedures in the demo catalogue, want at least 28", len(catalogue))
	}
	seen := map[string]bool{}
	for _, spec := range catalogue {
		p := spec.procedure(map[string]int64{uDesk: 1, uBizReg: 2, uForeign: 3, uBidding: 4, uSectorEco: 5, uFinance: 6, uProvince: 7}, 6,
			calendar.Date{Year: 2025, Month: 7, Day: 1})
		if err := p.Validate(); err != nil {
			t.Errorf("%s %s: %v", spec.code, spec.name, err)
		}
		if seen[spec.code] {
			t.Errorf("code %s used twice", spec.code)
		}
		seen[spec.code] = true
		if spec.steps[0].role != org.RoleClerk || spec.steps[0].unit != uDesk {
			t.Errorf("%s: the first step is not the desk", spec.code)
		}
	}

	db, _ := seed(t)
	ctx := context.Background()
	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	finance := unitNamed(t, tree, "Sở Tài chính tỉnh Bắc Ninh", true)
	procs, err := db.FindProcedures(ctx, dossier.ProcedureFilter{AgencyID: finance.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(procs) != len(catalogue) {
		t.Fatalf("%d procedures seeded, want %d", len(procs), len(catalogue))
	}
	fields := map[string]int{}
	for _, p := range procs {
		fields[p.Field]++
		if p.EffectiveFrom.String() != CatalogueFrom || p.Version != 1 {
			t.Errorf("%s: version %d from %s", p.Code, p.Version, p.EffectiveFrom)
		}
		for i, s := range p.Steps {
			u, ok := tree.Unit(s.UnitID)
			if !ok || !u.Current() {
				t.Errorf("%s step %d: unit %d is not a current unit", p.Code, i+1, s.UnitID)
			}
		}
	}
	for _, f := range []string{fieldInvestment, fieldCompany, fieldHousehold, fieldCoop, fieldBidding} {
		if fields[f] == 0 {
			t.Errorf("no procedure in field %q", f)
		}
	}
	// Seeding again leaves the catalogue alone.
	if accs, err := Seed(ctx, db, now); err != nil || accs != nil {
		t.Fatalf("second Seed: %v %v", accs, err)
	}
	again, _ := db.FindProcedures(ctx, dossier.ProcedureFilter{AgencyID: finance.ID})
	if len(again) != len(procs) {
		t.Errorf("second Seed changed the catalogue: %d → %d", len(procs), len(again))
	}
}
