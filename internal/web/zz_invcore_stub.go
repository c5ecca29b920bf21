package web

// TEMPORARY until wt-invcore is merged: the project of the path and the
// register's visibility come from invcore's web files.

import (
	"net/http"

	"congvu/internal/auth"
	"congvu/internal/investment"
	"congvu/internal/org"
)

type projectCheck func(*auth.Policy, *auth.Subject, *org.Tree, investment.Project, investment.Investor) error

func (s *Server) webProject(r *http.Request, b *BasePage, check projectCheck) (investment.Project, error) {
	return investment.Project{}, notFound()
}

func (s *Server) webCan(r *http.Request, b *BasePage, p investment.Project, check projectCheck) bool { return false }

func (s *Server) webRegister(r *http.Request, b *BasePage) (investment.Visibility, error) {
	return investment.Visibility{}, nil
}

const (
	projectViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	projectReportGrants = "head deputy_head official: subtree"
	projectManageGrants = "director deputy_director: agency; head deputy_head official: subtree"
)
