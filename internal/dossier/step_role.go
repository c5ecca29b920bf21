package dossier

import (
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// roleLevel places the roles that handle steps on the ladder of a
// provincial department: the agency's leadership above the division's
// leadership above the officials. A deputy stands on the level of the one
// they deputise: under NĐ 30/2020/NĐ-CP (Art 13) a deputy signs on behalf
// of the head ("KT. Trưởng phòng", "KT. Giám đốc"), so a head's approval
// step is the head's or a deputy head's to take, and the agency's leaders'
// above them. A deputy who should not sign is given no such membership, or
// acts through a delegation. Roles off the ladder (clerk, inspector,
// admin) are 0: a step assigned to one of them is theirs alone.
func roleLevel(r org.Role) int {
	switch r {
	case org.RoleOfficial:
		return 1
	case org.RoleHead, org.RoleDeputyHead:
		return 2
	case org.RoleDirector, org.RoleDeputyDirector:
		return 3
	}
	return 0
}

// RoleMayTakeStep reports whether a member in role r may act on a step
// assigned to role need: the same role, or a role on the same level of the
// ladder or above it (roleLevel). An empty need is the unit's officials and
// their leaders.
func RoleMayTakeStep(r, need org.Role) bool {
	if need == "" || r == need {
		return true
	}
	n, have := roleLevel(need), roleLevel(r)
	return n > 0 && have >= n
}

// stepRole is the role the current step is assigned to, "" when none.
func stepRole(p Procedure, st State) (string, org.Role) {
	if st.CurrentStep >= 0 && st.CurrentStep < len(p.Steps) {
		s := p.Steps[st.CurrentStep]
		return s.Name, s.Role
	}
	return "", ""
}

// withStepRole keeps of the subject's grants those whose role may take a
// step assigned to need: a head's approval is not an official's, whatever
// the unit.
func withStepRole(s *auth.Subject, need org.Role) *auth.Subject {
	out := *s
	out.Grants = nil
	for _, g := range s.Grants {
		if RoleMayTakeStep(g.Role, need) {
			out.Grants = append(out.Grants, g)
		}
	}
	return &out
}

// stepRoleRefusal is the 403 of someone who may handle the step's unit but
// not in the role the step needs; it names the step and the role.
func stepRoleRefusal(step string, need org.Role, a Action) error {
	return &apperr.Error{Code: apperr.Forbidden,
		VI: fmt.Sprintf("Bước “%s” do %s (hoặc cấp trên) thực hiện: bạn không thể %s ở bước này", step, need.Label("vi"), a.Label("vi")),
		EN: fmt.Sprintf("The step “%s” is taken by a %s (or above): you may not %s at this step", step, need.Label("en"), a.Label("en"))}
}
