package auth

import (
	"congvu/internal/apperr"
	"congvu/internal/org"
)

// ScopeNational is the scope of what belongs to no agency: the tables
// every agency shares, such as the national holiday table, asked for as a
// Resource with neither unit nor owner. The rule: such a grant counts only
// when held in a top unit of the tree (a unit without a parent, where the
// system operator sits: the province's committee in a provincial
// deployment), and it never reaches a unit's resources. So an operator
// membership made inside a department, which that department's
// administrator could create, gives nothing, and no agency-scoped grant,
// however high, edits the shared tables.
const ScopeNational Scope = ScopeOwn + 1

// ManageNationalCalendar edits what every agency's calendar shares: the
// statutory holidays, each year's official days off and swapped
// Saturdays, the shared settings and the default office hours. Each
// agency's own office hours and days off are ManageCalendar's.
const ManageNationalCalendar Action = "calendar.national.manage"

// AssignOperator gives someone the system operator role. Only an operator
// may: the role keeps what every agency shares, so the administrator of a
// top unit (who may manage its memberships) cannot make themself one.
// The command line (`congvu user add --role operator`), run by whoever runs
// the servers, is the first operator's way in.
const AssignOperator Action = "org.assign_operator"

// AuthorizeRoleGrant checks what giving role to someone needs beyond
// ManageOrg on the unit: the operator role needs AssignOperator.
func (p *Policy) AuthorizeRoleGrant(s *Subject, t *org.Tree, role org.Role) error {
	if role != org.RoleOperator {
		return nil
	}
	return p.Authorize(s, t, AssignOperator, Resource{})
}

// topUnit reports whether a unit exists and has no parent.
func topUnit(t *org.Tree, id int64) bool {
	u, ok := t.Unit(id)
	return ok && u.ParentID == nil
}

// refusals are the messages of refusals that say more than "you are not
// allowed": who keeps the thing refused.
var refusals = map[Action][2]string{
	ManageNationalCalendar: {"Lịch nghỉ chung toàn quốc do bộ phận vận hành hệ thống quản lý; cơ quan chỉ sửa giờ làm việc và ngày nghỉ riêng của mình",
		"The national holiday table is kept by the system operators; an agency edits only its own office hours and days off"},
	AssignOperator: {"Chỉ người vận hành hệ thống mới được giao vai trò Vận hành hệ thống",
		"Only a system operator may give the system operator role"},
	// The page says in words what was refused; the action's name is for
	// the code and the logs, not for the user (issue #12).
	ViewOrg: {"Bạn không có quyền xem danh sách đơn vị và cán bộ", "You are not allowed to see the units and the staff"},
	ManageOrg: {"Chỉ quản trị viên của cơ quan mới được thêm, sửa đơn vị và cán bộ",
		"Only the agency's administrator may add or change units and staff"},
	ManageAccounts: {"Chỉ quản trị viên của cơ quan mới được tạo tài khoản và đặt lại mật khẩu",
		"Only the agency's administrator may create logins and reset passwords"},
	ViewAudit: {"Chỉ quản trị viên, thanh tra và lãnh đạo cơ quan mới được xem nhật ký hệ thống",
		"Only the administrator, the inspectors and the agency's leaders may read the audit journal"},
	ViewCalendar: {"Bạn không có quyền xem lịch làm việc", "You are not allowed to see the working calendar"},
	ManageCalendar: {"Chỉ quản trị viên của cơ quan mới được sửa giờ làm việc và ngày nghỉ riêng của cơ quan",
		"Only the agency's administrator may change its office hours and its own days off"},
	DelegateRole: {"Bạn không có quyền ủy quyền thay cho người này", "You are not allowed to delegate on this person's behalf"},
}

// refusal is the Forbidden error for an action refused to a subject.
func refusal(a Action) error {
	if m, ok := refusals[a]; ok {
		return apperr.New(apperr.Forbidden, "", m[0], m[1])
	}
	return apperr.New(apperr.Forbidden, "", "Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this")
}
