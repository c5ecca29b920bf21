package api

// TEMPORARY until wt-invcore is merged: the project lookup and the
// register's visibility come from invcore's API files.

import (
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/investment"
	"congvu/internal/org"
)

const (
	projectViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	projectReportGrants = "head deputy_head official: subtree"
	projectManageGrants = "director deputy_director: agency; head deputy_head official: subtree"
)

type projectCheck func(*auth.Policy, *auth.Subject, *org.Tree, investment.Project, investment.Investor) error

func (s *Server) projectFor(r *http.Request, check projectCheck) (investment.Project, error) {
	return investment.Project{}, apperr.NotFoundf("chưa có", "not yet")
}

func (s *Server) registerVisibility(r *http.Request) (investment.Visibility, error) {
	return investment.Visibility{}, nil
}
