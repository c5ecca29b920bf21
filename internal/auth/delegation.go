package auth

import (
	"congvu/internal/apperr"
	"congvu/internal/org"
)

// rank orders the leading roles of one line of command; the others rank 0.
var rank = map[org.Role]int{org.RoleDirector: 4, org.RoleDeputyDirector: 3, org.RoleHead: 2, org.RoleDeputyHead: 1}

// AuthorizeDelegation decides whether s may record a delegation of from's
// roles (from with the memberships they hold today), issue #11 finding 2:
//
//   - a person may delegate their own roles;
//   - on someone else's behalf, s needs, for every unit where from holds a
//     role (from's agency when none), one of s's OWN grants (never one held
//     through a delegation) giving DelegateRole on that unit — so in the
//     same agency — that is either the agency's administrator or a leading
//     role ranking above from's role there (a head for the division's
//     official, the director for a deputy director; not a deputy director
//     for the director).
//
// So an acting director, who holds the director's roles only through a
// delegation, cannot extend that delegation. Errors: apperr.Unauthorized
// without a subject, apperr.Forbidden naming the rule.
func (p *Policy) AuthorizeDelegation(s *Subject, t *org.Tree, from org.Person) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if from.ID == s.PersonID {
		return nil
	}
	ms := from.Memberships
	if len(ms) == 0 {
		ms = []org.Membership{{UnitID: from.AgencyID}}
	}
	for _, m := range ms {
		if !p.above(s, t, m) {
			return apperr.Forbiddenf("Chỉ quản trị viên của cơ quan hoặc lãnh đạo cấp trên của %s mới được ủy quyền thay cho người này; quyền có được do ủy quyền không được ủy quyền lại",
				"Only the agency's administrator or a superior of %s may delegate on their behalf; powers held through a delegation cannot be delegated again", from.FullName)
		}
	}
	return nil
}

// above reports whether one of s's own grants stands above membership m:
// DelegateRole on m's unit, as the administrator or outranking m's role.
func (p *Policy) above(s *Subject, t *org.Tree, m org.Membership) bool {
	for _, g := range s.Grants {
		if g.ViaPersonID != 0 {
			continue
		}
		one := &Subject{PersonID: s.PersonID, Grants: []Grant{g}}
		if m.UnitID == 0 || !p.Can(one, t, DelegateRole, Resource{UnitID: m.UnitID}) {
			continue
		}
		if g.Role == org.RoleAdmin || rank[g.Role] > rank[m.Role] {
			return true
		}
	}
	return false
}

// AuthorizeRevoke decides whether s may revoke delegation d of from's roles:
// the delegator, the delegate (giving the powers up), or whoever could have
// recorded it on the delegator's behalf.
func (p *Policy) AuthorizeRevoke(s *Subject, t *org.Tree, d org.Delegation, from org.Person) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if s.PersonID == d.FromPersonID || s.PersonID == d.ToPersonID {
		return nil
	}
	if err := p.AuthorizeDelegation(s, t, from); err != nil {
		return apperr.Forbiddenf("Chỉ người ủy quyền, người được ủy quyền, quản trị viên hoặc lãnh đạo cấp trên mới được thu hồi ủy quyền này",
			"Only the delegator, the delegate, the administrator or a superior may revoke this delegation")
	}
	return nil
}
