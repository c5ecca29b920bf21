package store_test

import (
	"fmt"
	"slices"
	"testing"

	"congvu/internal/auth"
	"congvu/internal/org"
	"congvu/internal/store"
)

// TestTaskScopeOfStopsAtAgency: the units whose tasks a grant lists stop at
// the agency boundary, as work.CanView's policy does: a head or official of
// the provincial committee (1) lists none of the department's (2) tasks.
func TestTaskScopeOfStopsAtAgency(t *testing.T) {
	p := func(v int64) *int64 { return &v }
	tree := org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Name: "UBND tỉnh"},
		{ID: 2, AgencyID: 2, ParentID: p(1), Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: p(2), Kind: org.KindDivision, Name: "Phòng Ngân sách"},
		{ID: 4, AgencyID: 1, ParentID: p(1), Kind: org.KindDivision, Name: "Văn phòng UBND tỉnh"},
	})
	for _, c := range []struct {
		role                   org.Role
		unit                   int64
		units, coord, agencies string
	}{
		{org.RoleHead, 1, "[1 4]", "[1 4]", "[]"},
		{org.RoleOfficial, 1, "[1 4]", "[1]", "[]"},
		{org.RoleDirector, 1, "[]", "[]", "[1]"}, // the whole agency: its units add nothing
		{org.RoleHead, 2, "[2 3]", "[2 3]", "[]"},
		{org.RoleOfficial, 3, "[3]", "[3 2]", "[]"},
	} {
		subj := &auth.Subject{PersonID: 7, Grants: []auth.Grant{{Role: c.role, UnitID: c.unit}}}
		sc := store.TaskScopeOf(subj, tree)
		for _, u := range append(slices.Clone(sc.UnitIDs), sc.CoordinatingUnitIDs...) {
			if tree.AgencyOf(u) != tree.AgencyOf(c.unit) {
				t.Errorf("%s in %d: scope reaches unit %d of another agency: %+v", c.role, c.unit, u, sc)
			}
		}
		if got := fmt.Sprint(sc.UnitIDs); got != c.units && !(got == "[]" && c.units == "[]") {
			t.Errorf("%s in %d: units %s, want %s", c.role, c.unit, got, c.units)
		}
		if got := fmt.Sprint(sc.CoordinatingUnitIDs); got != c.coord {
			t.Errorf("%s in %d: coordinating units %s, want %s", c.role, c.unit, got, c.coord)
		}
		if got := fmt.Sprint(sc.AgencyIDs); got != c.agencies {
			t.Errorf("%s in %d: agencies %s, want %s", c.role, c.unit, got, c.agencies)
		}
	}
}
