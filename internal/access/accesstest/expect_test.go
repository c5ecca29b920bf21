package accesstest

import (
	"testing"

	"congvu/internal/access"
	"congvu/internal/org"
)

// The scopes as the correct rules of issue #11 read them, place by place.
func TestExpect(t *testing.T) {
	who := func(r org.Role, p Place) *Identity { return &Identity{Role: r, Place: p} }
	anon := &Identity{}
	desk := Target{AtDesk: true}
	lead := Target{Parties: map[string]string{"lead": "official@own"}}
	cases := []struct {
		name string
		rule access.Rule
		id   *Identity
		tg   Target
		want Class
	}{
		{"public to the anonymous", access.Public(), anon, Target{}, Allow},
		{"login wants a login", access.Login(), anon, Target{}, Login},
		{"login from a sibling", access.Login(), who(org.RoleClerk, Sibling), Target{}, Allow},
		{"agency from another unit", access.May("a", "admin: agency"), who(org.RoleAdmin, Other), Target{}, Allow},
		{"agency from the parent", access.May("a", "admin: agency"), who(org.RoleAdmin, Parent), Target{}, Deny},
		{"agency, wrong role", access.May("a", "admin: agency"), who(org.RoleHead, Own), Target{}, Deny},
		{"subtree from the own unit", access.May("a", "head: subtree"), who(org.RoleHead, Own), Target{}, Allow},
		{"subtree from the top", access.May("a", "head: subtree"), who(org.RoleHead, Top), Target{}, Allow},
		{"subtree from another unit", access.May("a", "head: subtree"), who(org.RoleHead, Other), Target{}, Deny},
		{"subtree never from the parent agency", access.May("a", "head: subtree"), who(org.RoleHead, Parent), Target{}, Deny},
		{"subtree of the desk from the own unit", access.May("a", "clerk: subtree"), who(org.RoleClerk, Own), desk, Deny},
		{"subtree of the desk from the top", access.May("a", "clerk: subtree"), who(org.RoleClerk, Top), desk, Allow},
		{"home from the sibling", access.May("a", "admin: home"), who(org.RoleAdmin, Sibling), Target{}, Allow},
		{"system needs the role", access.May("a", "operator: system"), who(org.RoleAdmin, Parent), Target{}, Deny},
		{"system from the top unit of the tree", access.May("a", "operator: system"), who(org.RoleOperator, Parent), Target{}, Allow},
		{"system never from inside an agency", access.May("a", "operator: system"), who(org.RoleOperator, Top), Target{}, Deny},
		{"system never from a sibling agency", access.May("a", "operator: system"), who(org.RoleOperator, Sibling), Target{}, Deny},
		{"the operator is not staff", access.May("a", "staff: agency"), who(org.RoleOperator, Own), Target{}, Deny},
		{"the operator is logged in", access.Login(), who(org.RoleOperator, Own), Target{}, Allow},
		{"the lead", access.Parties("a", "lead"), who(org.RoleOfficial, Own), lead, Allow},
		{"not the lead", access.Parties("a", "lead"), who(org.RoleHead, Own), lead, Deny},
		{"a list hides from the parent", access.Login().Shows(access.May("a", "head: subtree")), who(org.RoleHead, Parent), Target{}, Hidden},
		{"a list shows to the own unit", access.Login().Shows(access.May("a", "head: subtree")), who(org.RoleHead, Own), Target{}, Allow},
	}
	for _, c := range cases {
		if got := Expect(c.rule, c.id, c.tg); got != c.want {
			t.Errorf("%s: %s as %s = %s, want %s", c.name, c.rule, c.id.Key(), got, c.want)
		}
	}
}
