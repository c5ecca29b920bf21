package investment

import (
	"time"

	"congvu/internal/apperr"
)

// Investor is a chủ đầu tư (Luật 58/2024 Art 4): a project-management
// board, a commune, a department. It is an organisation of its own: UnitID
// is its unit in the organisation tree (org.KindInvestor, its own agency
// boundary), where its staff hold org.RoleInvestor. AgencyID is the
// department whose register it is in.
type Investor struct {
	ID        int64
	AgencyID  int64
	UnitID    int64
	Name      string
	Kind      InvestorKind
	CreatedAt time.Time
}

// NewInvestor is what it takes to add an investor to a department's
// register; the store creates its unit.
type NewInvestor struct {
	AgencyID int64
	Name     string
	Kind     InvestorKind
}

// Validate checks and normalises a new investor.
func (n *NewInvestor) Validate() error {
	var err error
	if n.Name, err = apperr.Text("name", n.Name, 2, 200); err != nil {
		return err
	}
	if n.Kind == "" {
		n.Kind = InvestorOther
	}
	if !n.Kind.Valid() {
		return apperr.Invalidf("kind", "loại chủ đầu tư không hợp lệ: %q (board, commune, department, other)",
			"unknown investor kind: %q (board, commune, department, other)", string(n.Kind))
	}
	if n.AgencyID <= 0 {
		return apperr.Invalidf("agency_id", "thiếu cơ quan quản lý danh mục", "the register's agency is missing")
	}
	return nil
}

// InvestorFilter selects investors. Zero fields do not filter.
type InvestorFilter struct {
	AgencyID int64
	UnitIDs  []int64 // investors whose unit is one of these
	Kind     InvestorKind
}
