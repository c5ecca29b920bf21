package investment

import (
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

func ptr(i int64) *int64 { return &i }

// The province (1) with the department keeping the register (2: its
// appraisal division 3, another division 4), another department (5, its
// division 6), and two investors (units 7 and 8, below the province, each
// its own agency).
func testTree() *org.Tree {
	return org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Name: "UBND tỉnh"},
		{ID: 2, AgencyID: 2, ParentID: ptr(1), Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: ptr(2), Kind: org.KindDivision, Name: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư"},
		{ID: 4, AgencyID: 2, ParentID: ptr(2), Kind: org.KindDivision, Name: "Phòng Quản lý ngân sách"},
		{ID: 5, AgencyID: 5, ParentID: ptr(1), Kind: org.KindAgency, Name: "Sở Xây dựng"},
		{ID: 6, AgencyID: 5, ParentID: ptr(5), Kind: org.KindDivision, Name: "Phòng Quản lý"},
		{ID: 7, AgencyID: 7, ParentID: ptr(1), Kind: org.KindInvestor, Name: "Ban QLDA đầu tư xây dựng tỉnh"},
		{ID: 8, AgencyID: 8, ParentID: ptr(1), Kind: org.KindInvestor, Name: "UBND xã Yên Phong"},
	})
}

func who(role org.Role, unit int64) *auth.Subject {
	return &auth.Subject{PersonID: unit*100 + int64(len(role)), Grants: []auth.Grant{{Role: role, UnitID: unit}}}
}

// TestPermissionMatrix: role × action on a project of investor 7 that the
// appraisal division (3) follows, and on one of investor 8.
func TestPermissionMatrix(t *testing.T) {
	pol, tree := auth.NewPolicy(), testTree()
	RegisterPolicy(pol)
	inv7 := Investor{ID: 70, AgencyID: 2, UnitID: 7}
	inv8 := Investor{ID: 80, AgencyID: 2, UnitID: 8}
	own := Project{ID: 1, AgencyID: 2, InvestorID: 70, ManagingUnitID: 3}
	other := Project{ID: 2, AgencyID: 2, InvestorID: 80, ManagingUnitID: 3}
	type want struct{ view, manage, report, otherView, otherReport bool }
	cases := []struct {
		name string
		s    *auth.Subject
		want want
	}{
		{"investor staff", who(org.RoleInvestor, 7), want{view: true, report: true}},
		{"appraisal official", who(org.RoleOfficial, 3), want{true, true, true, true, true}},
		{"appraisal head", who(org.RoleHead, 3), want{true, true, true, true, true}},
		{"appraisal deputy head", who(org.RoleDeputyHead, 3), want{true, true, true, true, true}},
		{"director", who(org.RoleDirector, 2), want{view: true, manage: true, otherView: true}},
		{"deputy director", who(org.RoleDeputyDirector, 2), want{view: true, manage: true, otherView: true}},
		{"inspector", who(org.RoleInspector, 2), want{view: true, otherView: true}},
		{"other division official", who(org.RoleOfficial, 4), want{view: true, otherView: true}},
		{"other division head", who(org.RoleHead, 4), want{view: true, otherView: true}},
		{"one-stop clerk", who(org.RoleClerk, 2), want{}},
		{"another agency's director", who(org.RoleDirector, 5), want{}},
		{"another agency's official", who(org.RoleOfficial, 6), want{}},
		{"the province's director", who(org.RoleDirector, 1), want{}},
		{"investor role held in the department", who(org.RoleInvestor, 3), want{}},
		{"admin", who(org.RoleAdmin, 2), want{view: true, otherView: true}},
		{"anonymous", nil, want{}},
	}
	for _, c := range cases {
		got := want{
			view:        CanViewProject(pol, c.s, tree, own, inv7) == nil,
			manage:      CanManageProject(pol, c.s, tree, own, inv7) == nil,
			report:      CanReportProject(pol, c.s, tree, own, inv7) == nil,
			otherView:   CanViewProject(pol, c.s, tree, other, inv8) == nil,
			otherReport: CanReportProject(pol, c.s, tree, other, inv8) == nil,
		}
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
	// Investor staff passing another investor's record do not get in.
	if CanReportProject(pol, who(org.RoleInvestor, 7), tree, other, inv7) == nil {
		t.Error("investor staff reported on another investor's project by naming their own investor")
	}
	// A project the director manages (managing unit: the agency) is not the
	// appraisal division's to change.
	agencyOwned := Project{ID: 3, AgencyID: 2, InvestorID: 70, ManagingUnitID: 2}
	if CanManageProject(pol, who(org.RoleOfficial, 3), tree, agencyOwned, inv7) == nil {
		t.Error("a division official managed a project the agency follows")
	}
	if err := CanViewProject(pol, nil, tree, own, inv7); !apperr.Is(err, apperr.Unauthorized) {
		t.Errorf("anonymous: %v", err)
	}
	if err := CanReportProject(pol, who(org.RoleOfficial, 4), tree, own, inv7); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("other division: %v", err)
	}
}

// TestVisibleRegister: the department's staff list everything, investor
// staff their investor's projects, outsiders nothing.
func TestVisibleRegister(t *testing.T) {
	pol, tree := auth.NewPolicy(), testTree()
	RegisterPolicy(pol)
	invs := []Investor{{ID: 70, AgencyID: 2, UnitID: 7}, {ID: 80, AgencyID: 2, UnitID: 8}}
	if v := VisibleRegister(pol, who(org.RoleDirector, 2), tree, 2, invs); !v.All {
		t.Errorf("director: %+v", v)
	}
	v := VisibleRegister(pol, who(org.RoleInvestor, 8), tree, 2, invs)
	if v.All || len(v.Investors) != 1 || v.Investors[0] != 80 {
		t.Errorf("investor staff: %+v", v)
	}
	if f := v.Filter(ProjectFilter{InvestorID: 70}); f.AgencyID != 2 || len(f.Investors) != 1 {
		t.Errorf("filter: %+v", f)
	}
	for _, s := range []*auth.Subject{who(org.RoleDirector, 5), who(org.RoleClerk, 2), nil} {
		if v := VisibleRegister(pol, s, tree, 2, invs); !v.None() {
			t.Errorf("%v: %+v", s, v)
		}
		if f := VisibleRegister(pol, s, tree, 2, invs).Filter(ProjectFilter{}); f.Investors == nil || len(f.Investors) != 0 {
			t.Errorf("an outsider's filter must select nothing: %+v", f)
		}
	}
	if CanManageInvestors(pol, who(org.RoleOfficial, 3), tree, 2) != nil || CanManageInvestors(pol, who(org.RoleInspector, 2), tree, 2) == nil ||
		CanManageInvestors(pol, who(org.RoleInvestor, 7), tree, 2) == nil || CanManageInvestors(pol, who(org.RoleDirector, 5), tree, 2) == nil {
		t.Error("who adds investors")
	}
}

func TestCanManageInvestorStaff(t *testing.T) {
	pol, tree := auth.NewPolicy(), testTree()
	RegisterPolicy(pol)
	inv := Investor{ID: 70, AgencyID: 2, UnitID: 7}
	for _, c := range []struct {
		s    *auth.Subject
		want bool
	}{{who(org.RoleAdmin, 2), true}, {who(org.RoleAdmin, 5), false}, {who(org.RoleDirector, 2), false}, {who(org.RoleInvestor, 7), false}, {nil, false}} {
		if got := CanManageInvestorStaff(pol, c.s, tree, inv) == nil; got != c.want {
			t.Errorf("%v: %v", c.s, got)
		}
	}
}

// TestMayViewRegister: who finds the register in the menu.
func TestMayViewRegister(t *testing.T) {
	pol, tree := auth.NewPolicy(), testTree()
	RegisterPolicy(pol)
	for _, c := range []struct {
		name string
		s    *auth.Subject
		want bool
	}{
		{"director", who(org.RoleDirector, 2), true},
		{"official of the appraisal division", who(org.RoleOfficial, 3), true},
		{"inspector", who(org.RoleInspector, 2), true},
		{"investor staff in their investor's unit", who(org.RoleInvestor, 7), true},
		{"investor role held in a division", who(org.RoleInvestor, 3), false},
		{"clerk", who(org.RoleClerk, 2), false},
		{"operator", who(org.RoleOperator, 1), false},
		{"nobody", nil, false},
	} {
		if got := MayViewRegister(pol, c.s, tree); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
