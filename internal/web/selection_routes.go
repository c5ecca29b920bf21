package web

import "congvu/internal/access"

// selectionPages are the pages of the contractor-selection plans and the
// supervision reports, with who may use them (as the JSON API's routes).
func (s *Server) selectionPages() []page {
	view := access.May("investment.view", projectViewGrants)
	report := access.May("investment.report", projectReportGrants)
	manage := access.May("investment.manage", projectManageGrants)
	across := access.Login().Shows(view)
	return []page{
		{"GET", "/projects/{code}/packages", view, s.handleSelectionPage},
		{"POST", "/projects/{code}/packages", report, s.handlePackageCreate},
		{"POST", "/projects/{code}/selection-plan/versions", report, s.handlePlanVersionCreate},
		{"POST", "/projects/{code}/results", report, s.handleSelectionResultCreate},
		{"POST", "/projects/{code}/postings/{id}/posted", report, s.handlePostingRecord},
		{"GET", "/projects/{code}/supervision", view, s.handleSupervisionPage},
		{"POST", "/projects/{code}/reports", report, s.handleObligationSubmit},
		{"POST", "/projects/{code}/inspections", manage, s.handleInspectionCreate},
		{"GET", "/procurement/late", across, s.handlePostingsLate},
		{"GET", "/supervision/overdue", across, s.handleSupervisionOverdue},
	}
}
