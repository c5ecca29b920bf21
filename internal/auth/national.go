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
}

// refusal is the Forbidden error for an action refused to a subject.
func refusal(a Action) error {
	if m, ok := refusals[a]; ok {
		return apperr.New(apperr.Forbidden, "", m[0], m[1])
	}
	return apperr.Forbiddenf("Bạn không có quyền thực hiện thao tác này (%s)", "You are not allowed to do this (%s)", string(a))
}
