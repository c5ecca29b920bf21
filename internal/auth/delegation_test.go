package auth

import (
	"testing"

	"congvu/internal/org"
)

// TestAuthorizeDelegation: who may delegate whose roles (issue #11,
// finding 2), on testTree: Sở Tài chính (2) with divisions 3 and 4 under
// the province committee (1); Sở Xây dựng (5) with division 6.
func TestAuthorizeDelegation(t *testing.T) {
	p, tree := NewPolicy(), testTree()
	person := func(id, agency int64, role org.Role, unit int64) org.Person {
		return org.Person{ID: id, AgencyID: agency, FullName: "cán bộ", Memberships: []org.Membership{{PersonID: id, Role: role, UnitID: unit}}}
	}
	director := person(1, 2, org.RoleDirector, 2)
	deputy := person(2, 2, org.RoleDeputyDirector, 2)
	head3 := person(3, 2, org.RoleHead, 3)
	official3 := person(4, 2, org.RoleOfficial, 3)
	official4 := person(5, 2, org.RoleOfficial, 4)
	admin := person(6, 2, org.RoleAdmin, 2)
	otherAdmin := person(7, 5, org.RoleAdmin, 5)
	provinceHead := person(8, 1, org.RoleHead, 1)
	noRole := org.Person{ID: 9, AgencyID: 2, FullName: "chưa có vai trò"}
	subj := func(p org.Person) *Subject { return NewSubject(p, p.Memberships, nil) }
	// The deputy acting as director through a delegation from the director.
	acting := NewSubject(deputy, deputy.Memberships, map[int64][]org.Membership{director.ID: director.Memberships})
	cases := []struct {
		name string
		who  *Subject
		from org.Person
		want bool
	}{
		{"own roles", subj(official3), official3, true},
		{"the acting director delegates their own", acting, deputy, true},
		{"the acting director extends the director's", acting, director, false},
		{"a deputy director for the director", subj(deputy), director, false},
		{"the director for a deputy", subj(director), deputy, true},
		{"the director for an official", subj(director), official4, true},
		{"the administrator for the director", subj(admin), director, true},
		{"the administrator for someone without a role", subj(admin), noRole, true},
		{"a head for the division's official", subj(head3), official3, true},
		{"a head for another division's official", subj(head3), official4, false},
		{"a head for the director", subj(head3), director, false},
		{"an official for a colleague", subj(official3), head3, false},
		{"another agency's administrator", subj(otherAdmin), official3, false},
		{"the province committee's head for a department's head", subj(provinceHead), head3, false},
		{"the province committee's head for the director", subj(provinceHead), director, false},
	}
	for _, c := range cases {
		if err := p.AuthorizeDelegation(c.who, tree, c.from); (err == nil) != c.want {
			t.Errorf("%s: %v, want allowed=%v", c.name, err, c.want)
		}
	}
	if err := p.AuthorizeDelegation(nil, tree, official3); err == nil {
		t.Error("anonymous delegates")
	}
	d := org.Delegation{FromPersonID: director.ID, ToPersonID: deputy.ID}
	for _, c := range []struct {
		name string
		who  *Subject
		want bool
	}{
		{"the delegator", subj(director), true},
		{"the delegate", acting, true},
		{"the administrator", subj(admin), true},
		{"a head", subj(head3), false},
		{"another agency's administrator", subj(otherAdmin), false},
	} {
		if err := p.AuthorizeRevoke(c.who, tree, d, director); (err == nil) != c.want {
			t.Errorf("revoke by %s: %v, want allowed=%v", c.name, err, c.want)
		}
	}
}
