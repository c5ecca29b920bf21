package auth

import (
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/org"
)

func ptr(i int64) *int64 { return &i }

// The province committee (1) with two departments (2, 5); department 2 has
// divisions 3 and 4; department 5 has division 6.
func testTree() *org.Tree {
	return org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Name: "UBND tỉnh"},
		{ID: 2, AgencyID: 2, ParentID: ptr(1), Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: ptr(2), Kind: org.KindDivision, Name: "Phòng KGVX"},
		{ID: 4, AgencyID: 2, ParentID: ptr(2), Kind: org.KindDivision, Name: "Phòng Đấu thầu"},
		{ID: 5, AgencyID: 5, ParentID: ptr(1), Kind: org.KindAgency, Name: "Sở Xây dựng"},
		{ID: 6, AgencyID: 5, ParentID: ptr(5), Kind: org.KindDivision, Name: "Phòng Quản lý"},
	})
}

func subject(id int64, role org.Role, unit int64) *Subject {
	return &Subject{PersonID: id, Grants: []Grant{{Role: role, UnitID: unit}}}
}

func TestPolicyMatrix(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	admin := subject(1, org.RoleAdmin, 2)
	director := subject(2, org.RoleDirector, 2)
	head := subject(3, org.RoleHead, 3)
	official := subject(4, org.RoleOfficial, 4)
	inspector := subject(5, org.RoleInspector, 2)
	outsider := subject(6, org.RoleAdmin, 5)
	provinceHead := subject(7, org.RoleHead, 1)
	provinceDirector := subject(8, org.RoleDirector, 1)
	provinceAdmin := subject(9, org.RoleAdmin, 1)
	cases := []struct {
		who  *Subject
		act  Action
		unit int64
		want bool
	}{
		{admin, ManageOrg, 3, true},
		{admin, ManageOrg, 2, true},
		{admin, ManageOrg, 1, false}, // an agency's administrator does not manage the province
		{admin, ManageOrg, 6, false},
		{outsider, ManageOrg, 3, false},
		{outsider, ViewOrg, 3, false},
		{director, ManageOrg, 3, false},
		{director, ViewOrg, 4, true},
		{director, ViewAudit, 2, true},
		{director, DelegateRole, 4, true},
		{head, ViewOrg, 4, true}, // the staff directory is agency-wide
		{head, DelegateRole, 3, true},
		{head, DelegateRole, 4, false}, // only within the head's own division
		{head, ManageAccounts, 3, false},
		{official, ViewAudit, 2, false},
		{official, ManageCalendar, 2, false},
		{official, ViewCalendar, 4, true},
		{inspector, ViewAudit, 3, true},
		{inspector, ManageOrg, 3, false},
		{nil, ViewOrg, 3, false},
		{admin, Action("no.such.action"), 3, false}, // deny by default
		// The provincial committee (1) is the parent of the departments but
		// not their agency: its grants reach none of their units.
		{provinceHead, DelegateRole, 1, true},
		{provinceHead, DelegateRole, 2, false},
		{provinceHead, DelegateRole, 3, false},
		{provinceHead, DelegateRole, 6, false},
		{provinceDirector, DelegateRole, 3, false},
		{provinceDirector, ViewAudit, 2, false},
		{provinceAdmin, ManageOrg, 2, false},
		{provinceAdmin, ManageOrg, 1, true},
	}
	for _, c := range cases {
		got := p.Can(c.who, tree, c.act, Resource{UnitID: c.unit})
		if got != c.want {
			name := "anonymous"
			if c.who != nil {
				name = string(c.who.Grants[0].Role)
			}
			t.Errorf("%s %s on unit %d = %v, want %v", name, c.act, c.unit, got, c.want)
		}
	}
}

// TestSubtreeStopsAtAgency: a subtree grant held in a parent agency's unit
// (the provincial committee) reaches its own units only, never a
// department's, however deep.
func TestSubtreeStopsAtAgency(t *testing.T) {
	const act Action = "test.subtree"
	p, tree := NewPolicy(), testTree()
	p.Allow(act, Rule{org.RoleDirector, ScopeSubtree}, Rule{org.RoleHead, ScopeSubtree})
	for _, c := range []struct {
		who  *Subject
		unit int64
		want bool
	}{
		{subject(1, org.RoleDirector, 1), 1, true},
		{subject(1, org.RoleDirector, 1), 2, false},
		{subject(1, org.RoleDirector, 1), 3, false},
		{subject(1, org.RoleDirector, 1), 5, false},
		{subject(1, org.RoleDirector, 1), 6, false},
		{subject(2, org.RoleDirector, 2), 3, true},
		{subject(2, org.RoleDirector, 2), 4, true},
		{subject(2, org.RoleDirector, 2), 6, false},
		{subject(3, org.RoleHead, 3), 3, true},
		{subject(3, org.RoleHead, 3), 2, false},
		{subject(3, org.RoleHead, 1), 0, false}, // no unit: a subtree rule never matches
	} {
		if got := p.Can(c.who, tree, act, Resource{UnitID: c.unit}); got != c.want {
			t.Errorf("%s in %d on unit %d = %v, want %v", c.who.Grants[0].Role, c.who.Grants[0].UnitID, c.unit, got, c.want)
		}
	}
}

func TestAuthorizeErrors(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	if err := p.Authorize(nil, tree, ViewOrg, Resource{UnitID: 3}); err == nil || err.Error() != "unauthorized: Please log in" {
		t.Errorf("anonymous: %v", err)
	}
	err := p.Authorize(subject(4, org.RoleOfficial, 4), tree, ManageOrg, Resource{UnitID: 4})
	if err == nil || err.Error() != "forbidden: Only the agency's administrator may add or change units and staff" {
		t.Errorf("official managing: %v", err)
	}
}

func TestDelegatedGrant(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	deputy := NewSubject(org.Person{ID: 9, FullName: "Trần Thị Thu Hà"},
		[]org.Membership{{Role: org.RoleDeputyDirector, UnitID: 2}},
		map[int64][]org.Membership{2: {{Role: org.RoleDirector, UnitID: 2}}})
	if !deputy.Has(org.RoleDirector) || !p.Can(deputy, tree, ViewAudit, Resource{UnitID: 3}) {
		t.Errorf("acting director lacks the director's rights: %+v", deputy.Grants)
	}
	if deputy.PrimaryUnit() != 2 {
		t.Errorf("primary unit %d", deputy.PrimaryUnit())
	}
}

func TestPasswords(t *testing.T) {
	h, err := HashPassword("mật-khẩu-đủ-dài")
	if err != nil {
		t.Fatal(err)
	}
	if !VerifyPassword(h, "mật-khẩu-đủ-dài") || VerifyPassword(h, "mat-khau-du-dai") || VerifyPassword("garbage", "x") {
		t.Error("password verification wrong")
	}
	h2, _ := HashPassword("mật-khẩu-đủ-dài")
	if h == h2 {
		t.Error("same hash twice: the salt is not random")
	}
	for pw, ok := range map[string]bool{"short": false, "đủ mười ký tự": true, string([]byte{0xff, 0xfe, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}): false} {
		if err := CheckPasswordStrength(pw); (err == nil) != ok {
			t.Errorf("strength(%q) = %v", pw, err)
		}
	}
}

// TestDelegatedGrantCannotDelegate: a deputy acting as director through a
// delegation has the director's rights but cannot delegate them on, so the
// delegation cannot be extended by the delegate (issue #11, finding 2).
func TestDelegatedGrantCannotDelegate(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	acting := NewSubject(org.Person{ID: 9}, []org.Membership{{Role: org.RoleDeputyDirector, UnitID: 2}},
		map[int64][]org.Membership{2: {{Role: org.RoleDirector, UnitID: 2}, {Role: org.RoleHead, UnitID: 3}}})
	for _, u := range []int64{0, 2, 3, 4} {
		if p.Can(acting, tree, DelegateRole, Resource{UnitID: u}) {
			t.Errorf("a delegated grant delegates on unit %d", u)
		}
	}
	if !p.Can(acting, tree, ViewAudit, Resource{UnitID: 3}) {
		t.Error("the delegated director's other rights are lost")
	}
	own := NewSubject(org.Person{ID: 2}, []org.Membership{{Role: org.RoleDirector, UnitID: 2}}, nil)
	if !p.Can(own, tree, DelegateRole, Resource{UnitID: 3}) {
		t.Error("the director cannot delegate")
	}
}

// TestNationalCalendar: the national holiday table and shared settings
// (a resource of no unit) belong to the system operator held in the top
// unit of the tree; an agency's administrator keeps its own agency's
// overrides and nothing else.
func TestNationalCalendar(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	operator := subject(7, org.RoleOperator, 1)
	lowOperator := subject(8, org.RoleOperator, 2) // an operator membership made inside a department
	admin := subject(1, org.RoleAdmin, 2)
	provinceAdmin := subject(9, org.RoleAdmin, 1)
	national := Resource{}
	cases := []struct {
		name string
		who  *Subject
		act  Action
		res  Resource
		want bool
	}{
		{"operator edits the national table", operator, ManageNationalCalendar, national, true},
		{"operator views the calendar", operator, ViewCalendar, national, true},
		{"operator is no agency's administrator", operator, ManageCalendar, Resource{UnitID: 2}, false},
		{"an operator grant below the top unit", lowOperator, ManageNationalCalendar, national, false},
		{"national action on a unit", operator, ManageNationalCalendar, Resource{UnitID: 2}, false},
		{"agency admin, national table", admin, ManageNationalCalendar, national, false},
		{"province admin, national table", provinceAdmin, ManageNationalCalendar, national, false},
		{"agency admin, own overrides", admin, ManageCalendar, Resource{UnitID: 2}, true},
		{"agency admin, another agency's overrides", admin, ManageCalendar, Resource{UnitID: 5}, false},
		{"anonymous", nil, ManageNationalCalendar, national, false},
	}
	for _, c := range cases {
		if got := p.Can(c.who, tree, c.act, c.res); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if org.RoleOperator.Label("vi") != "Vận hành hệ thống" || org.RoleOperator.Label("en") != "System operator" || !org.RoleOperator.Valid() {
		t.Errorf("operator role: %q %q", org.RoleOperator.Label("vi"), org.RoleOperator.Label("en"))
	}
}

func TestNationalCalendarRefusal(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	err := p.Authorize(subject(1, org.RoleAdmin, 2), tree, ManageNationalCalendar, Resource{})
	if e := apperr.As(err); e == nil || e.Code != apperr.Forbidden || !strings.HasPrefix(e.VI, "Lịch nghỉ chung toàn quốc do bộ phận vận hành hệ thống quản lý") {
		t.Errorf("agency admin on the national table: %v", err)
	}
}

// TestOnlyAnOperatorMakesAnOperator: the administrator of the top unit may
// manage its memberships but not make anyone (themself included) a system
// operator; an operator may, and other roles need nothing more.
func TestOnlyAnOperatorMakesAnOperator(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	cases := []struct {
		name string
		who  *Subject
		role org.Role
		ok   bool
	}{
		{"province admin, operator", subject(9, org.RoleAdmin, 1), org.RoleOperator, false},
		{"agency admin, operator", subject(1, org.RoleAdmin, 2), org.RoleOperator, false},
		{"operator, operator", subject(7, org.RoleOperator, 1), org.RoleOperator, true},
		{"operator held in a department, operator", subject(8, org.RoleOperator, 2), org.RoleOperator, false},
		{"agency admin, official", subject(1, org.RoleAdmin, 2), org.RoleOfficial, true},
	}
	for _, c := range cases {
		err := p.AuthorizeRoleGrant(c.who, tree, c.role)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want allowed %v", c.name, err, c.ok)
		}
		if e := apperr.As(err); err != nil && (e == nil || e.Code != apperr.Forbidden || !strings.Contains(e.VI, "Vận hành hệ thống")) {
			t.Errorf("%s: refusal %v", c.name, err)
		}
	}
}
