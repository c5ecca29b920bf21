package auth

import "congvu/internal/org"

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
