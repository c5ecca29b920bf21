package web

import "congvu/internal/access"

// The grants of the capital plans' and disbursement's pages, as
// investment.RegisterPolicy and RegisterMoneyPolicy state them.
const (
	moneyViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	moneyPlanGrants   = "director deputy_director: agency; head deputy_head official: subtree"
	moneyReportGrants = "investor: agency; head deputy_head official: subtree"
)

// moneyPages are the pages of capital plans and disbursement.
func (s *Server) moneyPages() []page {
	view := access.May("investment.view", moneyViewGrants)
	return []page{
		{"GET", "/projects/{code}/capital", view.Note("and the project's own investor's staff (investment.CanViewProject)"), s.handleCapital},
		{"POST", "/projects/{code}/capital/disbursements", access.May("investment.report", moneyReportGrants).Note("an investor's staff on their own investor's projects only"), s.handleCapitalReport},
		{"POST", "/projects/{code}/capital/plans", access.May("investment.manage", moneyPlanGrants), s.handleCapitalPlan},
		{"POST", "/projects/{code}/capital/extensions", access.May("investment.manage", moneyPlanGrants), s.handleCapitalExtension},
		{"GET", "/disbursement", view, s.handleDisbursementBoard},
		{"GET", "/disbursement/curve", view, s.handleCurve},
		{"POST", "/disbursement/curve", access.May("investment.curve", "admin: agency"), s.handleCurveSet},
	}
}
