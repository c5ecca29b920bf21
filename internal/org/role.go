package org

import "congvu/internal/apperr"

// Role is what a person does in a unit. Permissions are granted to roles,
// scoped by the unit the membership is in (see auth.Policy).
type Role string

// The roles of a provincial department.
const (
	RoleDirector       Role = "director"        // Giám đốc
	RoleDeputyDirector Role = "deputy_director" // Phó Giám đốc
	RoleHead           Role = "head"            // Trưởng phòng (head of division)
	RoleDeputyHead     Role = "deputy_head"     // Phó Trưởng phòng
	RoleOfficial       Role = "official"        // Chuyên viên
	RoleClerk          Role = "clerk"           // Cán bộ một cửa (one-stop desk clerk)
	RoleInspector      Role = "inspector"       // Thanh tra viên
	RoleAdmin          Role = "admin"           // Quản trị hệ thống
	// RoleOperator keeps what every agency shares, such as the national
	// holiday table; it is no agency's role and counts only in the top unit
	// of the tree (see auth.ScopeNational).
	RoleOperator Role = "operator" // Vận hành hệ thống
	// RoleInvestor is held by the staff of an investor (chủ đầu tư) in its
	// unit (org.KindInvestor): they see and report on their own investor's
	// projects only (internal/investment).
	RoleInvestor Role = "investor" // Cán bộ chủ đầu tư
)

// Roles lists every role in display order.
var Roles = []Role{RoleDirector, RoleDeputyDirector, RoleHead, RoleDeputyHead, RoleOfficial, RoleClerk, RoleInspector, RoleAdmin, RoleOperator, RoleInvestor}

var roleLabels = map[Role][2]string{
	RoleDirector:       {"Giám đốc", "Director"},
	RoleDeputyDirector: {"Phó Giám đốc", "Deputy director"},
	RoleHead:           {"Trưởng phòng", "Head of division"},
	RoleDeputyHead:     {"Phó Trưởng phòng", "Deputy head of division"},
	RoleOfficial:       {"Chuyên viên", "Official"},
	RoleClerk:          {"Cán bộ một cửa", "One-stop desk clerk"},
	RoleInspector:      {"Thanh tra viên", "Inspector"},
	RoleAdmin:          {"Quản trị hệ thống", "Administrator"},
	RoleOperator:       {"Vận hành hệ thống", "System operator"},
	RoleInvestor:       {"Cán bộ chủ đầu tư", "Investor staff"},
}

// Label returns the role's name in "vi" or "en".
func (r Role) Label(lang string) string {
	l, ok := roleLabels[r]
	if !ok {
		return string(r)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// ParseRole checks a role name.
func ParseRole(field, s string) (Role, error) {
	r := Role(s)
	if !r.Valid() {
		return "", apperr.Invalidf(field, "vai trò không hợp lệ: %q", "unknown role: %q", s)
	}
	return r, nil
}

// Manages reports whether the role leads its unit (and so sees its subtree).
func (r Role) Manages() bool {
	switch r {
	case RoleDirector, RoleDeputyDirector, RoleHead, RoleDeputyHead:
		return true
	}
	return false
}
