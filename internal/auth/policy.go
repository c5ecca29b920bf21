package auth

import (
	"congvu/internal/apperr"
	"congvu/internal/org"
)

// Action is something a subject may try to do.
type Action string

// The actions of the foundation. Later modules add theirs to Rules in
// their own permissions file.
const (
	ViewOrg        Action = "org.view"        // see units and the staff directory
	ManageOrg      Action = "org.manage"      // create units, restructure, add people and memberships
	ManageAccounts Action = "account.manage"  // create logins, reset passwords
	ViewAudit      Action = "audit.view"      // read the journal
	ViewCalendar   Action = "calendar.view"   // read holiday tables and office hours
	ManageCalendar Action = "calendar.manage" // edit an agency's own office hours and days off
	DelegateRole   Action = "org.delegate"    // let someone act for another
)

// Scope says how far a grant reaches from the unit it is held in.
type Scope int

// The scopes.
const (
	// ScopeAgency: anything in the same agency as the grant's unit.
	ScopeAgency Scope = iota + 1
	// ScopeSubtree: the grant's unit and the units below it in the same
	// agency: the subtree stops at an agency boundary, so a grant in the
	// provincial committee reaches none of the departments below it.
	ScopeSubtree
	// ScopeOwn: only resources the subject owns (Resource.OwnerID).
	ScopeOwn
)

// Rule gives an action to a role within a scope.
type Rule struct {
	Role  org.Role
	Scope Scope
}

// Resource is what an action is applied to: the unit it belongs to and,
// where it matters, the person who owns it.
type Resource struct {
	UnitID  int64
	OwnerID int64
}

// Policy is the one place where permissions are decided. An action with no
// rule is denied to everyone (deny by default). What no agency owns (the
// national holiday table and the shared settings) is given by
// ScopeNational rules only: to the system operator (org.RoleOperator) held
// in the top unit of the tree, never to an agency's administrator.
type Policy struct {
	rules map[Action][]Rule
	// ownOnly are the actions that grants held through a delegation do not
	// give: a delegate acts for the delegator but cannot pass the power on.
	ownOnly map[Action]bool
}

var anyStaff = []org.Role{org.RoleDirector, org.RoleDeputyDirector, org.RoleHead, org.RoleDeputyHead,
	org.RoleOfficial, org.RoleClerk, org.RoleInspector, org.RoleAdmin}

func each(roles []org.Role, s Scope) []Rule {
	out := make([]Rule, len(roles))
	for i, r := range roles {
		out[i] = Rule{Role: r, Scope: s}
	}
	return out
}

// NewPolicy returns the foundation's rules; modules add theirs with Allow.
func NewPolicy() *Policy {
	p := &Policy{rules: map[Action][]Rule{}, ownOnly: map[Action]bool{}}
	p.Allow(ViewOrg, each(anyStaff, ScopeAgency)...)
	p.Allow(ViewCalendar, each(anyStaff, ScopeAgency)...)
	p.Allow(ManageOrg, Rule{org.RoleAdmin, ScopeAgency})
	p.Allow(ManageAccounts, Rule{org.RoleAdmin, ScopeAgency})
	// An agency's administrator keeps its own overrides of the calendar;
	// the national table belongs to the system operator (issue #11,
	// finding 3), who sees the calendar of the unit they sit in.
	p.Allow(ManageCalendar, Rule{org.RoleAdmin, ScopeAgency})
	p.Allow(ManageNationalCalendar, Rule{org.RoleOperator, ScopeNational})
	p.Allow(AssignOperator, Rule{org.RoleOperator, ScopeNational})
	p.Allow(ViewCalendar, Rule{org.RoleOperator, ScopeAgency})
	// An investor's staff (internal/investment) count their reporting
	// deadlines on the working-time calendar too; they see nothing else
	// of the foundation.
	p.Allow(ViewCalendar, Rule{org.RoleInvestor, ScopeAgency})
	p.Allow(ViewAudit, Rule{org.RoleAdmin, ScopeAgency}, Rule{org.RoleInspector, ScopeAgency}, Rule{org.RoleDirector, ScopeAgency})
	p.Allow(DelegateRole, Rule{org.RoleAdmin, ScopeAgency}, Rule{org.RoleDirector, ScopeAgency}, Rule{org.RoleHead, ScopeSubtree})
	// A delegate holding the director's roles for a week must not extend
	// them by delegating the director's roles again (issue #11, finding 2).
	p.OwnGrantsOnly(DelegateRole)
	return p
}

// OwnGrantsOnly makes an action one that only the subject's own grants give,
// never those held through a delegation (Grant.ViaPersonID != 0).
func (p *Policy) OwnGrantsOnly(a Action) { p.ownOnly[a] = true }

// Allow adds rules for an action.
func (p *Policy) Allow(a Action, rules ...Rule) { p.rules[a] = append(p.rules[a], rules...) }

// Can reports whether the subject may perform the action on the resource.
// A resource with UnitID 0 asks "somewhere": an agency-scoped grant answers
// yes (in its own agency), a subtree grant no. Handlers use it only to
// decide what to show (a menu entry, a button), never to allow an action
// on a real record, which always names its unit.
func (p *Policy) Can(s *Subject, t *org.Tree, a Action, res Resource) bool {
	if s == nil {
		return false
	}
	ownOnly := p.ownOnly[a]
	for _, rule := range p.rules[a] {
		for _, g := range s.Grants {
			if g.Role != rule.Role || (ownOnly && g.ViaPersonID != 0) {
				continue
			}
			switch rule.Scope {
			case ScopeAgency:
				if res.UnitID == 0 || t.SameAgency(g.UnitID, res.UnitID) {
					return true
				}
			case ScopeSubtree:
				if res.UnitID != 0 && t.WithinAgency(res.UnitID, g.UnitID) {
					return true
				}
			case ScopeOwn:
				if res.OwnerID != 0 && res.OwnerID == s.PersonID {
					return true
				}
			case ScopeNational:
				if res.UnitID == 0 && res.OwnerID == 0 && topUnit(t, g.UnitID) {
					return true
				}
			}
		}
	}
	return false
}

// Authorize is Can returning a Forbidden (or, without a subject,
// Unauthorized) error that says what was refused.
func (p *Policy) Authorize(s *Subject, t *org.Tree, a Action, res Resource) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if !p.Can(s, t, a, res) {
		return refusal(a)
	}
	return nil
}
