package investment

import (
	"congvu/internal/auth"
	"congvu/internal/org"
)

// Who may use the disbursement import and reports as a whole (each row of
// an import is still checked on its project, CanReportProject).

// MayReportSomewhere reports whether s may send disbursement figures to
// the register of agency at all: the department's staff holding
// investment.report on some unit of that agency (the role investor held in
// a department counts for nothing, as in CanReportProject), or the staff
// of one of its investors (investors: the register's, or just the
// caller's own).
func MayReportSomewhere(pol *auth.Policy, s *auth.Subject, tree *org.Tree, agency int64, investors []Investor) bool {
	if s == nil || agency == 0 {
		return false
	}
	dept := staff(s)
	for _, g := range dept.Grants {
		if tree.AgencyOf(g.UnitID) == agency && pol.Can(dept, tree, PermReport, auth.Resource{UnitID: g.UnitID}) {
			return true
		}
	}
	for _, inv := range investors {
		if inv.AgencyID == agency && investorUnit(tree, inv.UnitID) && holdsIn(s, org.RoleInvestor, inv.UnitID) &&
			pol.Can(investorStaff(s), tree, PermReport, auth.Resource{UnitID: inv.UnitID}) {
			return true
		}
	}
	return false
}
