package work

import (
	"testing"

	"congvu/internal/auth"
	"congvu/internal/org"
)

func unitPtr(i int64) *int64 { return &i }

// Department 2 (Sở Tài chính) with divisions 3 (KGVX, the lead unit), 4
// (Đấu thầu, coordinating), 7 (Văn phòng) and 8 (a team inside KGVX);
// department 5 (Sở Xây dựng) with division 6.
func permTree() *org.Tree {
	return org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Name: "UBND tỉnh"},
		{ID: 2, AgencyID: 2, ParentID: unitPtr(1), Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: unitPtr(2), Kind: org.KindDivision, Name: "Phòng Khoa giáo – Văn xã"},
		{ID: 4, AgencyID: 2, ParentID: unitPtr(2), Kind: org.KindDivision, Name: "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư"},
		{ID: 7, AgencyID: 2, ParentID: unitPtr(2), Kind: org.KindDivision, Name: "Văn phòng"},
		{ID: 8, AgencyID: 2, ParentID: unitPtr(3), Kind: org.KindDivision, Name: "Tổ văn hóa"},
		{ID: 5, AgencyID: 5, ParentID: unitPtr(1), Kind: org.KindAgency, Name: "Sở Xây dựng"},
		{ID: 6, AgencyID: 5, ParentID: unitPtr(5), Kind: org.KindDivision, Name: "Phòng Quản lý xây dựng"},
	})
}

func who(id int64, role org.Role, unit int64) *auth.Subject {
	return &auth.Subject{PersonID: id, AgencyID: 2, Grants: []auth.Grant{{Role: role, UnitID: unit}}}
}

func TestCanView(t *testing.T) {
	p := auth.NewPolicy()
	RegisterPolicy(p)
	tree := permTree()
	task := Task{ID: 1, AgencyID: 2, LeadUnitID: 3, LeadPersonID: lead, AssignerID: assigner,
		Coordinators: []Coordination{{UnitID: 4}, {UnitID: 6, PersonID: unitPtr(coord)}}}
	cases := []struct {
		name string
		s    *auth.Subject
		want string
	}{
		{"the lead", who(lead, org.RoleOfficial, 3), ""},
		{"the assigner", who(assigner, org.RoleHead, 3), ""},
		{"a named coordinator in another department", who(coord, org.RoleOfficial, 6), ""},
		{"a colleague in the lead unit", who(61, org.RoleOfficial, 3), ""},
		{"an official of a coordinating unit", who(62, org.RoleOfficial, 4), ""},
		{"an official of another unit", who(63, org.RoleOfficial, 7), "forbidden"},
		{"an official of a team inside the lead unit sees only their team", who(64, org.RoleOfficial, 8), "forbidden"},
		{"the head of the lead unit", who(65, org.RoleHead, 3), ""},
		{"a deputy head of the lead unit", who(66, org.RoleDeputyHead, 3), ""},
		{"the head of another unit", who(67, org.RoleHead, 7), "forbidden"},
		{"the head of a coordinating unit", who(68, org.RoleHead, 4), ""},
		{"the director", who(69, org.RoleDirector, 2), ""},
		{"a deputy director", who(70, org.RoleDeputyDirector, 2), ""},
		{"an inspector", who(71, org.RoleInspector, 2), ""},
		{"the administrator", who(72, org.RoleAdmin, 2), "forbidden"},
		{"a one-stop clerk elsewhere", who(73, org.RoleClerk, 7), "forbidden"},
		{"the director of a coordinating department", who(74, org.RoleDirector, 5), ""},
		{"an official of a coordinating department, not in the coordinating division", who(75, org.RoleOfficial, 5), "forbidden"},
		{"the provincial committee's director is another agency", who(76, org.RoleDirector, 1), "forbidden"},
		{"no one logged in", nil, "unauthorized"},
	}
	for _, c := range cases {
		err := CanView(c.s, tree, p, task)
		if string(code(err)) != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if c.want == "forbidden" && asErr(err).VI == "" {
			t.Errorf("%s: no reason given", c.name)
		}
	}
	// The inspector sees but takes no part: Apply refuses every action.
	h := TaskWithHistory{Task: task}
	h.Task.State = StateAssigned
	for _, a := range Actions() {
		if _, _, err := Apply(h, Event{Action: a}, Actor{PersonID: 71}, at("2026-03-02 09:00")); code(err) != "forbidden" {
			t.Errorf("inspector %s: %v", a, err)
		}
	}
}

func TestCanCreate(t *testing.T) {
	p := auth.NewPolicy()
	RegisterPolicy(p)
	tree := permTree()
	cases := []struct {
		name string
		s    *auth.Subject
		unit int64
		want string
	}{
		{"head for their unit", who(1, org.RoleHead, 3), 3, ""},
		{"head for a team inside", who(1, org.RoleHead, 3), 8, ""},
		{"deputy head for their unit", who(2, org.RoleDeputyHead, 3), 3, ""},
		{"head for another unit", who(1, org.RoleHead, 3), 7, "forbidden"},
		{"official", who(3, org.RoleOfficial, 3), 3, "forbidden"},
		{"inspector", who(4, org.RoleInspector, 2), 3, "forbidden"},
		{"director", who(5, org.RoleDirector, 2), 7, ""},
		{"deputy director", who(6, org.RoleDeputyDirector, 2), 4, ""},
		{"another department's director", who(7, org.RoleDirector, 5), 3, "forbidden"},
		{"no one", nil, 3, "unauthorized"},
	}
	for _, c := range cases {
		if err := CanCreate(c.s, tree, p, NewTask{LeadUnitID: c.unit}); string(code(err)) != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
