package httpx

import (
	"context"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/investment"
	"congvu/internal/org"
)

// InvestmentStore keeps the public-investment register (store/investment*.go).
type InvestmentStore interface {
	CreateInvestor(ctx context.Context, actor audit.Actor, n investment.NewInvestor) (investment.Investor, error)
	FindInvestors(ctx context.Context, f investment.InvestorFilter) ([]investment.Investor, error)
	FindInvestorByID(ctx context.Context, id int64) (investment.Investor, error)
	CreateProject(ctx context.Context, actor audit.Actor, n investment.NewProject) (investment.Project, error)
	FindProjectByCode(ctx context.Context, agencyID int64, code string) (investment.Project, error)
	FindProjectByID(ctx context.Context, id int64) (investment.Project, error)
	FindProjects(ctx context.Context, f investment.ProjectFilter) ([]investment.Project, string, error)
	CountProjects(ctx context.Context, f investment.ProjectFilter) (int, error)
	ProjectCommunes(ctx context.Context, agencyID int64) ([]string, error)
	AdjustProject(ctx context.Context, actor audit.Actor, projectID int64, a investment.Adjustment) (investment.Project, investment.Event, error)
	FindProjectEvents(ctx context.Context, projectID int64) ([]investment.Event, error)
	GroupRules(ctx context.Context) ([]investment.RuleSet, error)
	AddGroupRules(ctx context.Context, actor audit.Actor, r investment.RuleSet) error
}

// RegisterAgency is the agency whose investment register s works in: its
// own for the department's staff; for an investor's staff, the agency
// whose register lists their investor (0 when none does).
func RegisterAgency(ctx context.Context, st InvestmentStore, s *auth.Subject) (int64, error) {
	if s == nil {
		return 0, nil
	}
	var units []int64
	for _, g := range s.Grants {
		if g.Role == org.RoleInvestor {
			units = append(units, g.UnitID)
		}
	}
	if len(units) > 0 {
		invs, err := st.FindInvestors(ctx, investment.InvestorFilter{UnitIDs: units})
		if err != nil {
			return 0, err
		}
		for _, inv := range invs {
			if inv.UnitID == s.AgencyID || len(s.Grants) == len(units) {
				return inv.AgencyID, nil
			}
		}
	}
	return s.AgencyID, nil
}

// Register is what s may list of its register (investment.VisibleRegister)
// with the register's investors.
func Register(ctx context.Context, st InvestmentStore, pol *auth.Policy, s *auth.Subject, tree *org.Tree) (investment.Visibility, []investment.Investor, error) {
	agency, err := RegisterAgency(ctx, st, s)
	if err != nil || agency == 0 {
		return investment.Visibility{}, nil, err
	}
	invs, err := st.FindInvestors(ctx, investment.InvestorFilter{AgencyID: agency})
	if err != nil {
		return investment.Visibility{}, nil, err
	}
	return investment.VisibleRegister(pol, s, tree, agency, invs), invs, nil
}

// VisibleProject loads the project of s's register with the code and its
// investor, if s may see it (investment.CanViewProject); a project s may
// not see is a NotFound, as one that does not exist (its existence is not
// disclosed).
func VisibleProject(ctx context.Context, st InvestmentStore, pol *auth.Policy, s *auth.Subject, tree *org.Tree, code string) (investment.Project, investment.Investor, error) {
	if s == nil {
		return investment.Project{}, investment.Investor{}, apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	agency, err := RegisterAgency(ctx, st, s)
	if err != nil {
		return investment.Project{}, investment.Investor{}, err
	}
	p, err := st.FindProjectByCode(ctx, agency, code)
	if err != nil {
		return p, investment.Investor{}, err
	}
	inv, err := st.FindInvestorByID(ctx, p.InvestorID)
	if err != nil {
		return p, inv, err
	}
	if investment.CanViewProject(pol, s, tree, p, inv) != nil {
		return investment.Project{}, investment.Investor{}, apperr.NotFoundf("Không tìm thấy dự án %s", "project %s not found", code)
	}
	return p, inv, nil
}
