package auth

import (
	"congvu/internal/org"
)

// Grant is one role held in one unit, directly or through a delegation.
type Grant struct {
	Role   org.Role
	UnitID int64
	// ViaPersonID is the person acting-for whom this grant is held (0 when
	// it is the subject's own).
	ViaPersonID int64
}

// Subject is the person making a request, with the roles they hold now.
type Subject struct {
	PersonID int64
	Name     string
	Login    string
	AgencyID int64
	Grants   []Grant
	// Token is true when the request came with an API token rather than a
	// browser session (CSRF does not apply).
	Token bool
}

// NewSubject gathers a person's own memberships and those held through
// delegations into grants.
func NewSubject(p org.Person, own []org.Membership, delegated map[int64][]org.Membership) *Subject {
	s := &Subject{PersonID: p.ID, Name: p.FullName, Login: p.Login, AgencyID: p.AgencyID}
	for _, m := range own {
		s.Grants = append(s.Grants, Grant{Role: m.Role, UnitID: m.UnitID})
	}
	for from, ms := range delegated {
		for _, m := range ms {
			s.Grants = append(s.Grants, Grant{Role: m.Role, UnitID: m.UnitID, ViaPersonID: from})
		}
	}
	return s
}

// Has reports whether the subject holds a role anywhere.
func (s *Subject) Has(r org.Role) bool {
	if s == nil {
		return false
	}
	for _, g := range s.Grants {
		if g.Role == r {
			return true
		}
	}
	return false
}

// Roles returns the distinct roles the subject holds, in org.Roles order.
func (s *Subject) Roles() []org.Role {
	var out []org.Role
	for _, r := range org.Roles {
		if s.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// PrimaryUnit returns the unit of the subject's first own grant (their home
// division), or 0.
func (s *Subject) PrimaryUnit() int64 {
	for _, g := range s.Grants {
		if g.ViaPersonID == 0 {
			return g.UnitID
		}
	}
	return 0
}
