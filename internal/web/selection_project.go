package web

import (
	"net/http"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/org"
)

// projectCheck is one of investment's project rules (CanViewProject, ...).
type projectCheck func(*auth.Policy, *auth.Subject, *org.Tree, investment.Project, investment.Investor) error

// webProject is the project of the path's {code} if the user may see it
// (not found otherwise, as one that does not exist) and check allows them.
func (s *Server) webProject(r *http.Request, b *BasePage, check projectCheck) (investment.Project, error) {
	p, inv, err := httpx.VisibleProject(r.Context(), s.deps.Store, s.deps.Policy, b.User, b.tree, r.PathValue("code"))
	if err != nil {
		return p, err
	}
	return p, check(s.deps.Policy, b.User, b.tree, p, inv)
}

// webCan reports whether check allows the user on p.
func (s *Server) webCan(r *http.Request, b *BasePage, p investment.Project, check projectCheck) bool {
	inv, err := s.deps.Store.FindInvestorByID(r.Context(), p.InvestorID)
	return err == nil && check(s.deps.Policy, b.User, b.tree, p, inv) == nil
}

// webRegister is what part of their register the user may list.
func (s *Server) webRegister(r *http.Request, b *BasePage) (investment.Visibility, error) {
	v, _, err := httpx.Register(r.Context(), s.deps.Store, s.deps.Policy, b.User, b.tree)
	return v, err
}
