package accesstest

import (
	"context"
	"testing"

	"congvu/internal/investment"
	"congvu/internal/store"
)

// NewPlanProject adds a project (as NewProject) whose selection plan has
// one package of 1 billion đồng; approved, the plan is approved by a
// decision of 02/03/2026, so that a result and a posting can be recorded.
func (f *Fixture) NewPlanProject(t testing.TB, approved bool) (investment.Project, investment.Package) {
	t.Helper()
	ctx := context.Background()
	pr, err := f.DB.FindProjectByCode(ctx, f.Agency.ID, f.NewProject(t).Code)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := f.DB.AddPackage(ctx, sys, pr.ID, investment.PackageInput{Name: "Gói 01: Xây lắp", Price: investment.Billion,
		Source: investment.SourceProvincial, Form: investment.FormOpenBidding, Method: investment.MethodOneStageOneEnvelope,
		Start: investment.StartPeriod{Year: 2026, Quarter: 3}, Contract: investment.ContractLumpSum, DurationDays: 200})
	if err != nil {
		t.Fatal(err)
	}
	if approved {
		if _, err := f.DB.ApprovePlanVersion(ctx, sys, pr.ID, investment.Decision{Number: "1/QĐ-UBND", Date: "2026-03-02", Signer: "Chủ tịch UBND tỉnh"}); err != nil {
			t.Fatal(err)
		}
	}
	return pr, pk
}

// PostingOf is the first document to post of a project.
func (f *Fixture) PostingOf(t testing.TB, projectID int64) int64 {
	t.Helper()
	rows, err := f.DB.FindPostings(context.Background(), store.PostingFilter{ProjectID: projectID})
	if err != nil || len(rows) == 0 {
		t.Fatalf("postings: %v %+v", err, rows)
	}
	return rows[0].ID
}
