package accesstest

import (
	"context"
	"fmt"
	"testing"

	"congvu/internal/investment"
)

// Project is a target project of the agency's register, followed by the
// Own unit, with its investor.
type Project struct {
	Code     string
	Investor investment.Investor
}

// NewInvestor adds an investor to the agency's register.
func (f *Fixture) NewInvestor(t testing.TB) investment.Investor {
	t.Helper()
	inv, err := f.DB.CreateInvestor(context.Background(), sys, investment.NewInvestor{AgencyID: f.Agency.ID,
		Name: fmt.Sprintf("Ban QLDA thử nghiệm số %d", f.Unique()), Kind: investment.InvestorBoard})
	if err != nil {
		t.Fatalf("create investor: %v", err)
	}
	return inv
}

// NewProject adds a project of a new investor, followed by the Own unit.
func (f *Fixture) NewProject(t testing.TB) Project {
	t.Helper()
	inv := f.NewInvestor(t)
	code := fmt.Sprintf("DA-MT-%04d", f.Unique())
	if _, err := f.DB.CreateProject(context.Background(), sys, investment.NewProject{AgencyID: f.Agency.ID, Code: code,
		Name: "Trường THCS thử nghiệm ma trận", InvestorID: inv.ID, ManagingUnitID: f.OwnUnit.ID, Band: investment.BandK5,
		StartYear: 2026, EndYear: 2027, Capital: map[investment.Source]int64{investment.SourceProvincial: 40 * investment.Billion}}); err != nil {
		t.Fatalf("create project: %v", err)
	}
	return Project{Code: code, Investor: inv}
}
