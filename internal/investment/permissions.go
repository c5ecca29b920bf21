package investment

import (
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The policy actions of the investment module.
const (
	// PermView: read the register and a project.
	PermView auth.Action = "investment.view"
	// PermManage: add and edit investors and projects, record adjustments
	// and decisions.
	PermManage auth.Action = "investment.manage"
	// PermReport: enter a project's figures (capital plans, disbursement,
	// supervision reports).
	PermReport auth.Action = "investment.report"
)

// RegisterPolicy adds the module's rules to the policy:
//
//	action              roles                                       scope
//	investment.view     director, deputy_director, inspector,       agency (the department keeping the register)
//	                    admin, head, deputy_head, official
//	                    investor                                    agency (their investor unit: its own agency,
//	                                                                so only that investor's projects)
//	investment.manage   director, deputy_director                   agency
//	                    head, deputy_head, official                 subtree (the project's managing unit)
//	investment.report   investor                                    agency (their investor unit)
//	                    head, deputy_head, official                 subtree (the project's managing unit: the
//	                                                                appraisal division that follows it)
//
// The one-stop clerk and the other divisions' staff see the register but
// change nothing of a project another unit manages; another agency sees
// nothing. Adding an investor needs investment.manage somewhere in the
// agency (CanManageInvestors).
func RegisterPolicy(p *auth.Policy) {
	p.Allow(PermView, rules(auth.ScopeAgency, org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector, org.RoleAdmin,
		org.RoleHead, org.RoleDeputyHead, org.RoleOfficial, org.RoleInvestor)...)
	p.Allow(PermManage, rules(auth.ScopeAgency, org.RoleDirector, org.RoleDeputyDirector)...)
	p.Allow(PermManage, rules(auth.ScopeSubtree, org.RoleHead, org.RoleDeputyHead, org.RoleOfficial)...)
	p.Allow(PermReport, rules(auth.ScopeAgency, org.RoleInvestor)...)
	p.Allow(PermReport, rules(auth.ScopeSubtree, org.RoleHead, org.RoleDeputyHead, org.RoleOfficial)...)
}

func rules(s auth.Scope, roles ...org.Role) []auth.Rule {
	out := make([]auth.Rule, len(roles))
	for i, r := range roles {
		out[i] = auth.Rule{Role: r, Scope: s}
	}
	return out
}

// can checks perm on the project's managing unit (the department's
// staff) or on its investor's unit (the investor's staff). A role held in
// a department never reaches an investor unit, nor the other way round:
// each is its own agency.
func can(pol *auth.Policy, s *auth.Subject, tree *org.Tree, perm auth.Action, p Project, inv Investor) bool {
	if p.AgencyID == 0 {
		return false
	}
	unit := p.ManagingUnitID
	if unit == 0 || !tree.SameAgency(unit, p.AgencyID) {
		unit = p.AgencyID
	}
	if pol.Can(staff(s), tree, perm, auth.Resource{UnitID: unit}) {
		return true
	}
	// The investor's own staff, on the investor the project names.
	return inv.ID != 0 && inv.ID == p.InvestorID && inv.AgencyID == p.AgencyID && investorUnit(tree, inv.UnitID) &&
		holdsIn(s, org.RoleInvestor, inv.UnitID) && pol.Can(investorStaff(s), tree, perm, auth.Resource{UnitID: inv.UnitID})
}

// staff is s without the investor role: what it holds as the
// department's staff. The investor role counts only in an investor's unit.
func staff(s *auth.Subject) *auth.Subject {
	c := *s
	c.Grants = nil
	for _, g := range s.Grants {
		if g.Role != org.RoleInvestor {
			c.Grants = append(c.Grants, g)
		}
	}
	return &c
}

// investorStaff is s with only its investor role.
func investorStaff(s *auth.Subject) *auth.Subject {
	c := *s
	c.Grants = nil
	for _, g := range s.Grants {
		if g.Role == org.RoleInvestor {
			c.Grants = append(c.Grants, g)
		}
	}
	return &c
}

// investorUnit reports whether the unit is an investor's (org.KindInvestor).
func investorUnit(tree *org.Tree, id int64) bool {
	u, ok := tree.Unit(id)
	return ok && u.Kind == org.KindInvestor
}

// holdsIn reports whether s holds role in the unit itself.
func holdsIn(s *auth.Subject, r org.Role, unit int64) bool {
	for _, g := range s.Grants {
		if g.Role == r && g.UnitID == unit {
			return true
		}
	}
	return false
}

func needLogin(s *auth.Subject) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	return nil
}

// CanViewProject decides whether s may read project p of investor inv:
// the department's staff (investment.view), or the investor's own staff.
// Errors: apperr.Unauthorized, apperr.Forbidden (callers show a 404 to
// hide that it exists).
func CanViewProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error {
	if err := needLogin(s); err != nil {
		return err
	}
	if can(pol, s, tree, PermView, p, inv) {
		return nil
	}
	return apperr.Forbiddenf("Bạn không có quyền xem dự án này", "You may not view this project")
}

// CanManageProject decides whether s may create or change project p
// (investment.manage on its managing unit): the director and deputy
// directors, and the heads and officials of the unit that follows it.
// Investor staff never do: they report figures.
func CanManageProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error {
	if err := needLogin(s); err != nil {
		return err
	}
	if can(pol, s, tree, PermManage, p, Investor{}) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ lãnh đạo Sở và phòng theo dõi dự án được thêm, sửa dự án này",
		"Only the department's directors and the unit following the project may add or change it")
}

// CanReportProject decides whether s may enter figures for project p
// (investment.report): the staff of its investor, on their own investor
// only, and the heads and officials of the unit that follows it.
func CanReportProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error {
	if err := needLogin(s); err != nil {
		return err
	}
	if can(pol, s, tree, PermReport, p, inv) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ chủ đầu tư của dự án và phòng theo dõi dự án được nhập số liệu của dự án này",
		"Only the project's investor and the unit following it may enter its figures")
}

// CanManageInvestors decides whether s may add investors to the register
// of agency: investment.manage anywhere in that agency.
func CanManageInvestors(pol *auth.Policy, s *auth.Subject, tree *org.Tree, agency int64) error {
	if err := needLogin(s); err != nil {
		return err
	}
	for _, g := range s.Grants {
		if agency != 0 && tree.AgencyOf(g.UnitID) == agency && pol.Can(staff(s), tree, PermManage, auth.Resource{UnitID: g.UnitID}) {
			return nil
		}
	}
	return apperr.Forbiddenf("Bạn không có quyền thêm chủ đầu tư", "You may not add investors")
}

// MayViewRegister reports whether s may open a register at all, for a
// menu: investment.view held as the department's staff, or the role
// investor held in an investor's own unit (the role held in a department
// counts for nothing, as in CanViewProject).
func MayViewRegister(pol *auth.Policy, s *auth.Subject, tree *org.Tree) bool {
	if s == nil {
		return false
	}
	dept := staff(s)
	for _, g := range dept.Grants {
		if pol.Can(dept, tree, PermView, auth.Resource{UnitID: g.UnitID}) {
			return true
		}
	}
	inv := investorStaff(s)
	for _, g := range inv.Grants {
		if investorUnit(tree, g.UnitID) && pol.Can(inv, tree, PermView, auth.Resource{UnitID: g.UnitID}) {
			return true
		}
	}
	return false
}

// Visibility is what part of a register s may list: All of it, or only
// the projects of the investors in Investors (their own staff).
type Visibility struct {
	AgencyID  int64
	All       bool
	Investors []int64
}

// None reports whether s may list nothing.
func (v Visibility) None() bool { return !v.All && len(v.Investors) == 0 }

// VisibleRegister says which projects of agency's register s may list,
// given the register's investors: all of them for the department's staff
// holding investment.view, those of the investors whose unit s holds
// RoleInvestor in otherwise.
func VisibleRegister(pol *auth.Policy, s *auth.Subject, tree *org.Tree, agency int64, investors []Investor) Visibility {
	v := Visibility{AgencyID: agency}
	if s == nil || agency == 0 {
		return v
	}
	if pol.Can(staff(s), tree, PermView, auth.Resource{UnitID: agency}) {
		v.All = true
		return v
	}
	for _, inv := range investors {
		if inv.AgencyID == agency && investorUnit(tree, inv.UnitID) && holdsIn(s, org.RoleInvestor, inv.UnitID) &&
			pol.Can(investorStaff(s), tree, PermView, auth.Resource{UnitID: inv.UnitID}) {
			v.Investors = append(v.Investors, inv.ID)
		}
	}
	return v
}

// Filter restricts f to what v may see.
func (v Visibility) Filter(f ProjectFilter) ProjectFilter {
	f.AgencyID = v.AgencyID
	if !v.All {
		f.Investors = append([]int64{}, v.Investors...)
	}
	return f
}

// CanManageInvestorStaff decides whether s may give an investor's staff
// their accounts (role investor in the investor's unit): the
// administrator (account.manage) of the agency whose register lists it.
// The investor's unit is an agency of its own, so the foundation's
// org.manage never reaches it; this is the one door.
func CanManageInvestorStaff(pol *auth.Policy, s *auth.Subject, tree *org.Tree, inv Investor) error {
	if err := needLogin(s); err != nil {
		return err
	}
	if inv.AgencyID != 0 && pol.Can(staff(s), tree, auth.ManageAccounts, auth.Resource{UnitID: inv.AgencyID}) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ quản trị hệ thống của cơ quan được cấp tài khoản cho cán bộ chủ đầu tư",
		"Only the agency's administrator may give an investor's staff their accounts")
}
