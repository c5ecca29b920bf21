package investment

import (
	"slices"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// CanViewDisbursement decides whether s may read the disbursement rates of
// filter f in register agency (Luật 58/2024 Art 15 makes them public per
// project, but the register's working figures are the department's): the
// department's staff holding investment.view on the agency, for any
// filter; an investor's staff only for their own investor (f.InvestorID)
// or one of its projects (projectInvestor, the investor of f.ProjectID),
// own being the investors they are staff of. Errors:
// apperr.Unauthorized, apperr.Forbidden.
func CanViewDisbursement(pol *auth.Policy, s *auth.Subject, tree *org.Tree, agency int64, f StatsFilter, own []int64, projectInvestor int64) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if agency != 0 && pol.Can(s, tree, PermView, auth.Resource{UnitID: agency}) {
		return nil
	}
	switch {
	case f.ProjectID != 0 && slices.Contains(own, projectInvestor) && (f.InvestorID == 0 || f.InvestorID == projectInvestor):
		return nil
	case f.ProjectID == 0 && f.InvestorID != 0 && slices.Contains(own, f.InvestorID):
		return nil
	}
	return apperr.Forbiddenf("Chủ đầu tư chỉ xem được số liệu giải ngân của mình (chọn chủ đầu tư hoặc dự án của mình)",
		"An investor sees only its own disbursement figures (choose your investor or one of your projects)")
}

// PermCurve: set the target disbursement curve of a register (an
// administrator's data, UNVERIFIED: no law fixes it).
const PermCurve auth.Action = "investment.curve"

// RegisterMoneyPolicy adds the capital plans' and disbursement's own rule
// to the policy (the rest is RegisterPolicy's investment.view, .manage and
// .report):
//
//	action             roles    scope
//	investment.curve   admin    agency (the department keeping the register)
func RegisterMoneyPolicy(p *auth.Policy) {
	p.Allow(PermCurve, auth.Rule{Role: org.RoleAdmin, Scope: auth.ScopeAgency})
}
