// Package access declares, once per HTTP route and next to its
// registration, who may call it. The API's route list and the web's page
// table each carry a Rule; the permission matrix (internal/access/accesstest,
// run by internal/api and internal/web) sends every route a request as every
// role from every place in a province and checks that the server answers
// what the rule says, and docs/PERMISSIONS.md is generated from the same
// rules. A route registered without a rule fails that test.
//
// A Rule is one of:
//
//	Public()                     anyone, without a login
//	Login()                      any logged-in person (the route shows them only their own things)
//	May(action, grants)          the roles in grants, each within a scope of the target
//	Parties(action, relations)   only people in a relation to the target (the task's lead, ...)
//
// and May(...).Or("lead", ...) adds relations to grants. grants is written
// like the tables in the modules' permissions files:
//
//	"director deputy_director inspector: agency; head deputy_head: subtree"
//
// where "staff" stands for every role of Staff.
//
// The scopes are the correct rules of issue #11 finding 1: no grant reaches
// across an agency boundary, down nor across.
package access

import (
	"fmt"
	"strings"

	"congvu/internal/org"
)

// Scope says from where a role reaches the route's target.
type Scope string

// The scopes.
const (
	// Agency: a role held in any unit of the target's agency.
	Agency Scope = "agency"
	// Subtree: a role held in the target's unit or a unit above it, within
	// the target's agency (never from a parent agency).
	Subtree Scope = "subtree"
	// Home: a role held anywhere; the route works on the caller's own
	// agency (a list, their catalogue, their office hours), so every agency
	// reaches its own and none another's.
	Home Scope = "home"
	// System: a role held in a top unit of the tree (one without a parent,
	// the province's committee), over data no agency owns (the national
	// holiday table: auth.ScopeNational). The same role held inside an
	// agency gives nothing.
	System Scope = "system"
)

var scopes = map[Scope]bool{Agency: true, Subtree: true, Home: true, System: true}

// Grant gives a route to some roles within a scope.
type Grant struct {
	Roles []org.Role
	Scope Scope
}

// Rule is who may call a route. The zero Rule is "not declared", which the
// matrix refuses.
type Rule struct {
	public, login bool
	action        string
	grants        []Grant
	parties       []string
	note          string
	shows         *Rule
}

// Public is a route served to anyone, without a login.
func Public() Rule { return Rule{public: true} }

// Login is a route for any logged-in person, whatever their roles; what it
// shows is limited to what they may see.
func Login() Rule { return Rule{login: true} }

// May is a route for the roles of grants (see the package comment), under
// the policy action named for the reader. It panics on a malformed grants
// string: route lists are built at start-up, so a typo stops the server
// and every test.
func May(action, grants string) Rule {
	r := Rule{action: action}
	for _, part := range strings.Split(grants, ";") {
		roles, scope, ok := strings.Cut(part, ":")
		sc := Scope(strings.TrimSpace(scope))
		if !ok || !scopes[sc] {
			panic(fmt.Sprintf("access.May(%q): %q needs \"roles: scope\" with scope agency, subtree, home or system", action, part))
		}
		g := Grant{Scope: sc}
		for _, name := range strings.Fields(roles) {
			if name == "staff" {
				g.Roles = append(g.Roles, Staff...)
				continue
			}
			role := org.Role(name)
			if !role.Valid() && !Pending[role] {
				panic(fmt.Sprintf("access.May(%q): unknown role %q", action, name))
			}
			g.Roles = append(g.Roles, role)
		}
		if len(g.Roles) == 0 {
			panic(fmt.Sprintf("access.May(%q): %q names no role", action, part))
		}
		r.grants = append(r.grants, g)
	}
	return r
}

// Staff are the roles of an agency's people, which the word "staff" in a
// grants string stands for (auth's ViewOrg holders). The system operator
// (org.RoleOperator) is not staff: it keeps what every agency shares and
// sees no agency's people, units or catalogue; a rule names it explicitly.
var Staff = []org.Role{org.RoleDirector, org.RoleDeputyDirector, org.RoleHead, org.RoleDeputyHead,
	org.RoleOfficial, org.RoleClerk, org.RoleInspector, org.RoleAdmin}

// Pending are roles that rules may name before org defines them, so that a
// rule can state the intended answer while the role is being added. Remove
// an entry once org.Roles has the role (the system operator of issue #11
// finding 3 now has).
var Pending = map[org.Role]bool{}

// Parties is a route only for people in one of the named relations to the
// target, whatever their roles (the task's "lead", a notification's
// "recipient", the person "self").
func Parties(action string, relations ...string) Rule {
	return Rule{action: action, parties: relations}
}

// Or adds relations to the target that are allowed too.
func (r Rule) Or(relations ...string) Rule {
	r.parties = append(append([]string(nil), r.parties...), relations...)
	return r
}

// Shows says, for a list open to more people than may see each item,
// who finds the target in it: Login().Shows(May("task.view", ...)) is a
// list every logged-in person may ask for, holding a task only for those
// who may view it.
func (r Rule) Shows(items Rule) Rule { r.shows = &items; return r }

// Items is the rule of a list's items, when the rule has one.
func (r Rule) Items() (Rule, bool) {
	if r.shows == nil {
		return Rule{}, false
	}
	return *r.shows, true
}

// Note attaches a remark shown in docs/PERMISSIONS.md: which request the
// rule is checked with, or that the route is being reshaped.
func (r Rule) Note(n string) Rule { r.note = n; return r }

// Declared reports whether the rule says anything.
func (r Rule) Declared() bool {
	return r.public || r.login || len(r.grants) > 0 || len(r.parties) > 0
}

// IsPublic reports whether the route is served without a login.
func (r Rule) IsPublic() bool { return r.public }

// IsLogin reports whether any logged-in person may call the route.
func (r Rule) IsLogin() bool { return r.login }

// Action is the policy action the rule names, for the reader.
func (r Rule) Action() string { return r.action }

// Grants are the roles the rule allows, with their scopes.
func (r Rule) Grants() []Grant { return r.grants }

// Relations are the relations to the target the rule allows.
func (r Rule) Relations() []string { return r.parties }

// Remark is the rule's note.
func (r Rule) Remark() string { return r.note }

// String writes the rule as it is declared, e.g.
// "dossier.view: director admin: agency; head: subtree".
func (r Rule) String() string {
	items := ""
	if r.shows != nil {
		items = "; the list shows the target by " + r.shows.String()
	}
	switch {
	case r.public:
		return "public"
	case r.login:
		return "any logged-in person" + items
	}
	var parts []string
	for _, g := range r.grants {
		names := make([]string, len(g.Roles))
		for i, role := range g.Roles {
			names[i] = string(role)
		}
		parts = append(parts, strings.Join(names, " ")+": "+string(g.Scope))
	}
	if len(r.parties) > 0 {
		parts = append(parts, "the target's "+strings.Join(r.parties, ", "))
	}
	s := strings.Join(parts, "; ")
	if r.action != "" {
		s = r.action + " — " + s
	}
	return s + items
}
