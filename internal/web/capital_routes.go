package web

import (
	"context"

	"congvu/internal/access"
	"congvu/internal/httpx"
)

// The grants of the capital plans' and disbursement's pages, as
// investment.RegisterPolicy and RegisterMoneyPolicy state them.
const (
	moneyViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	moneyPlanGrants   = "director deputy_director: agency; head deputy_head official: subtree"
	moneyReportGrants = "head deputy_head official: subtree"
	// The board and the curve are the caller's own agency's register.
	boardViewGrants  = "director deputy_director inspector admin head deputy_head official: home"
	boardCurveGrants = "admin: home"
	boardNote        = "the department's staff only, never an investor's: the register of the caller's own agency"
)

// moneyPages are the pages of capital plans and disbursement.
func (s *Server) moneyPages() []page {
	view := access.May("investment.view", moneyViewGrants)
	board := access.May("investment.view", boardViewGrants).Note(boardNote)
	return []page{
		{"GET", "/projects/{code}/capital", view.Note("and the project's own investor's staff (investment.CanViewProject)"), s.handleCapital},
		{"POST", "/projects/{code}/capital/disbursements", access.May("investment.report", moneyReportGrants).Note("and the staff of the project's own investor (role investor in its unit)"), s.handleCapitalReport},
		{"POST", "/projects/{code}/capital/plans", access.May("investment.manage", moneyPlanGrants), s.handleCapitalPlan},
		{"POST", "/projects/{code}/capital/extensions", access.May("investment.manage", moneyPlanGrants), s.handleCapitalExtension},
		{"GET", "/disbursement", board, s.handleDisbursementBoard},
		{"GET", "/disbursement/curve", board, s.handleCurve},
		{"POST", "/disbursement/curve", access.May("investment.curve", boardCurveGrants).Note("the curve of the caller's own agency's register"), s.handleCurveSet},
	}
}

// moneyNav is the menu's "Giải ngân" for whoever may see the disbursement
// board of their register (authorizeBoard): the department's staff. An
// investor's staff reach their figures from their projects.
func (s *Server) moneyNav(ctx context.Context, b *BasePage) []NavItem {
	reg, err := httpx.RegisterAgency(ctx, s.deps.Store, b.User)
	if err != nil || reg == 0 || s.authorizeBoard(b, reg) != nil {
		return nil
	}
	return []NavItem{{Href: "/disbursement", Label: b.T("nav.disbursement")}}
}
