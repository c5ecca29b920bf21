package web

import "congvu/internal/access"

// The grants of the investment pages, as investment.RegisterPolicy states
// them: the department's staff read the register and its projects; the
// directors, and the heads and officials of the unit following a
// project, change it; that unit enters its figures. An investor's staff
// (role investor in their investor's unit, an agency of its own) reach
// only their own investor's projects, by investment.CanViewProject and
// CanReportProject rather than by these grants, which the matrix's
// identities (roles held in the department's units) check.
const (
	projectViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	projectReportGrants = "head deputy_head official: subtree"
	projectManageGrants = "director deputy_director: agency; head deputy_head official: subtree"

	investorStaffNote = "and an investor's staff (role investor in their investor's unit) for their own investor's projects only; another's is 404"
)

// invPages are the register of public-investment projects and a
// project's page with its adjustment form (investment_register.go,
// investment_project.go).
func (s *Server) invPages() []page {
	view := access.May("investment.view", projectViewGrants)
	manage := access.May("investment.manage", projectManageGrants)
	return []page{
		{"GET", "/projects", access.Login().Shows(view).Note("an investor's staff find only their own investor's projects in it; the others an empty list"), s.handleProjects},
		{"GET", "/projects/export.xlsx", access.Login().Note("rows as /projects: the projects of the register the caller may see, none for one who sees none"), s.handleProjectsXLSX},
		{"GET", "/projects/{code}", view.Note(investorStaffNote), s.handleProject},
		{"POST", "/projects/{code}/events", manage.Note("the target is the project's managing unit (investment.CanManageProject); checked with a decision recorded; an investor's staff never"), s.handleProjectEvent},
	}
}
