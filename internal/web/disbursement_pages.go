package web

import "congvu/internal/access"

// The investor's staff, whom the matrix's places do not hold (an investor
// is its own agency): their import is tested in disbursement_browser_test.go.
const (
	disbInvestorReport = "also an investor's staff (role investor in their investor's own unit), for their own projects only; each row is checked on its project (CanReportProject)"
	disbInvestorView   = "also an investor's staff, for their own investor only (CanViewDisbursement)"
)

// disbPages are the disbursement import and report pages (routes.go
// appends them to pageList).
func (s *Server) disbPages() []page {
	report := access.May("investment.report", "head deputy_head official: home").Note(disbInvestorReport)
	view := access.May("investment.view", "director deputy_director inspector admin head deputy_head official: home").Note(disbInvestorView)
	dept := access.May("investment.view", "director deputy_director inspector admin head deputy_head official: home").Note("the department's staff only, never an investor's")
	return []page{
		{"GET", "/investment/disbursements/import", report, s.handleDisbImportForm},
		{"POST", "/investment/disbursements/import", report, s.handleDisbImportPreview},
		{"POST", "/investment/disbursements/import/confirm", report, s.handleDisbImportConfirm},
		{"GET", "/investment/disbursements/template.xlsx", report, s.handleDisbTemplate},
		{"GET", "/investment/disbursements.xlsx", view, s.handleDisbExport},
		{"GET", "/investment/reports/01a", view, s.handleForm01a},
		{"GET", "/investment/reports/01a.xlsx", view, s.handleForm01aFile("xlsx")},
		{"GET", "/investment/reports/01a.pdf", view, s.handleForm01aFile("pdf")},
		{"GET", "/investment/ranking", dept, s.handleRanking},
	}
}
