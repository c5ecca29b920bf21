package inspection

import (
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

func ptr(i int64) *int64 { return &i }

// TestPermissions: role × action on an inspection of agency 2 led by
// person 1 with member 2.
func TestPermissions(t *testing.T) {
	tree := org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Name: "UBND tỉnh"},
		{ID: 2, AgencyID: 2, ParentID: ptr(1), Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: ptr(2), Kind: org.KindDivision, Name: "Thanh tra"},
		{ID: 4, AgencyID: 2, ParentID: ptr(2), Kind: org.KindDivision, Name: "Phòng Quản lý ngân sách"},
		{ID: 5, AgencyID: 5, ParentID: ptr(1), Kind: org.KindAgency, Name: "Sở Xây dựng"},
	})
	pol := auth.NewPolicy()
	RegisterPolicy(pol)
	who := func(id int64, role org.Role, unit, agency int64) *auth.Subject {
		return &auth.Subject{PersonID: id, AgencyID: agency, Grants: []auth.Grant{{Role: role, UnitID: unit}}}
	}
	in := Inspection{ID: 9, AgencyID: 2, LeadID: 1, Members: []int64{2}}
	cases := []struct {
		name        string
		s           *auth.Subject
		view, write apperr.Code
	}{
		{"the lead", who(1, org.RoleInspector, 3, 2), "", ""},
		{"a member", who(2, org.RoleInspector, 3, 2), "", ""},
		{"another inspector of the agency", who(3, org.RoleInspector, 3, 2), "", apperr.Forbidden},
		{"the director", who(4, org.RoleDirector, 2, 2), "", apperr.Forbidden},
		{"a head of an inspected unit", who(5, org.RoleHead, 4, 2), apperr.Forbidden, apperr.Forbidden},
		{"the lead's person as a head only", who(1, org.RoleHead, 4, 2), apperr.Forbidden, apperr.Forbidden},
		{"an inspector of another agency", who(6, org.RoleInspector, 5, 5), apperr.NotFound, apperr.NotFound},
		{"an inspector of the province", who(7, org.RoleInspector, 1, 1), apperr.NotFound, apperr.NotFound},
	}
	code := func(err error) apperr.Code {
		if err == nil {
			return ""
		}
		return apperr.As(err).Code
	}
	for _, c := range cases {
		if got := code(CanView(c.s, tree, pol, in)); got != c.view {
			t.Errorf("%s: view = %q, want %q", c.name, got, c.view)
		}
		if got := code(CanWrite(c.s, tree, pol, in)); got != c.write {
			t.Errorf("%s: write = %q, want %q", c.name, got, c.write)
		}
	}
}
