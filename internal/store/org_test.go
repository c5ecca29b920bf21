package store_test

import (
	"context"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

var sys = audit.System("test")

// fixture is a small agency: one department with two divisions and a person in each.
type fixture struct {
	agency, divA, divB org.Unit
	alice, bob         org.Person
}

func newFixture(t *testing.T, db *store.DB) fixture {
	t.Helper()
	ctx := context.Background()
	var f fixture
	var err error
	f.agency, err = db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.15.27.H27", Name: "Sở Kế hoạch và Đầu tư", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.divA, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Khoa giáo – Văn xã", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.divB, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Đấu thầu", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.alice, err = db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "Nguyễn Thị Ánh", Email: "anh@example.vn"})
	if err != nil {
		t.Fatal(err)
	}
	f.bob, err = db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "Đặng Văn Bình"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: f.alice.ID, UnitID: f.divA.ID, Role: org.RoleHead, Position: "Trưởng phòng", ValidFrom: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: f.bob.ID, UnitID: f.divB.ID, Role: org.RoleOfficial, ValidFrom: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestUnitsAndPeople(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if f.divA.AgencyID != f.agency.ID || f.agency.AgencyID != f.agency.ID {
			t.Errorf("agency ids: division %d, agency %d; want %d", f.divA.AgencyID, f.agency.AgencyID, f.agency.ID)
		}
		// A second current unit may not take the same identifier.
		_, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.15.27.H27", Name: "Trùng mã", ValidFrom: "2020-01-01"})
		if !apperr.Is(err, apperr.Conflict) {
			t.Errorf("duplicate code: got %v, want conflict", err)
		}
		// Diacritic-insensitive search: "dang van" finds "Đặng Văn Bình".
		ps, err := db.FindPeople(ctx, org.PersonFilter{Query: "dang van"})
		if err != nil || len(ps) != 1 || ps[0].ID != f.bob.ID {
			t.Fatalf("search: %v %+v", err, ps)
		}
		// Filter by unit, with and without the subtree.
		ps, err = db.FindPeople(ctx, org.PersonFilter{UnitID: &f.divA.ID})
		if err != nil || len(ps) != 1 || ps[0].ID != f.alice.ID || len(ps[0].Memberships) != 1 {
			t.Fatalf("by unit: %v %+v", err, ps)
		}
		ps, err = db.FindPeople(ctx, org.PersonFilter{UnitID: &f.agency.ID, Subtree: true})
		if err != nil || len(ps) != 2 {
			t.Fatalf("by subtree: %v, %d people", err, len(ps))
		}
		_, err = db.FindPersonByID(ctx, 99999)
		if !apperr.Is(err, apperr.NotFound) {
			t.Errorf("missing person: %v", err)
		}
		// Bad input writes nothing.
		_, err = db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "x"})
		if e := apperr.As(err); e == nil || e.Field != "full_name" {
			t.Errorf("short name: %v", err)
		}
		_, err = db.AddMembership(ctx, sys, org.NewMembership{PersonID: f.bob.ID, UnitID: 424242, Role: org.RoleOfficial, ValidFrom: "2020-01-01"})
		if e := apperr.As(err); e == nil || e.Field != "unit_id" {
			t.Errorf("membership in missing unit: %v", err)
		}
	})
}

func TestRestructureMerge(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		finance, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.13.27.H27", Name: "Sở Tài chính (cũ)", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		id, err := db.Restructure(ctx, sys, org.Restructuring{
			Kind: org.Merge, EffectiveOn: "01/03/2025", Decision: "QĐ hợp nhất",
			Sources:  []int64{f.agency.ID, finance.ID},
			NewUnits: []org.NewUnit{{Kind: org.KindAgency, Code: "000.13.27.H27", Name: "Sở Tài chính"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if id == 0 {
			t.Fatal("no restructuring id")
		}
		tree, err := db.Tree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		old, _ := tree.Unit(f.agency.ID)
		if old.ValidTo == nil || *old.ValidTo != "2025-02-28" {
			t.Fatalf("old agency valid_to = %v, want 2025-02-28", old.ValidTo)
		}
		succ := tree.CurrentSuccessors(f.agency.ID)
		if len(succ) != 1 {
			t.Fatalf("successors: %v", succ)
		}
		newAgency, _ := tree.Unit(succ[0])
		if newAgency.Name != "Sở Tài chính" || newAgency.ValidFrom != "2025-03-01" {
			t.Errorf("successor: %+v", newAgency)
		}
		// Divisions moved under the new agency; statistics of the old one roll up into it.
		div, _ := tree.Unit(f.divA.ID)
		if div.ParentID == nil || *div.ParentID != newAgency.ID || div.AgencyID != newAgency.ID {
			t.Errorf("division after merge: parent %v agency %d, want %d", div.ParentID, div.AgencyID, newAgency.ID)
		}
		// People of the ended agency now belong to the new one.
		alice, err := db.FindPersonByID(ctx, f.alice.ID)
		if err != nil || alice.AgencyID != newAgency.ID {
			t.Errorf("alice's agency after merge: %d (%v), want %d", alice.AgencyID, err, newAgency.ID)
		}
		if got := tree.CurrentSuccessors(finance.ID); len(got) != 1 || got[0] != newAgency.ID {
			t.Errorf("finance successors: %v", got)
		}
		// Restructuring an ended unit again is refused.
		_, err = db.Restructure(ctx, sys, org.Restructuring{Kind: org.Rename, EffectiveOn: "2025-06-01",
			Sources: []int64{f.agency.ID}, NewUnits: []org.NewUnit{{Kind: org.KindAgency, Code: "000.99.27.H27", Name: "X"}}})
		if !apperr.Is(err, apperr.Invalid) {
			t.Errorf("restructure ended unit: %v", err)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n < 8 {
			t.Errorf("audit after restructure: %d events, %v", n, err)
		}
	})
}

func TestRestructureMovesMemberships(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		_, err := db.Restructure(ctx, sys, org.Restructuring{Kind: org.Rename, EffectiveOn: "2025-07-01",
			Sources:  []int64{f.divA.ID},
			NewUnits: []org.NewUnit{{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Văn xã"}}})
		if err != nil {
			t.Fatal(err)
		}
		ms, err := db.Memberships(ctx, f.alice.ID, "2025-07-01")
		if err != nil || len(ms) != 1 || ms[0].UnitID == f.divA.ID {
			t.Fatalf("memberships after rename: %v %+v", err, ms)
		}
		before, err := db.Memberships(ctx, f.alice.ID, "2025-06-30")
		if err != nil || len(before) != 1 || before[0].UnitID != f.divA.ID {
			t.Fatalf("history before rename lost: %v %+v", err, before)
		}
	})
}
