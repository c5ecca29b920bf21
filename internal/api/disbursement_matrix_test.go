package api

import (
	"context"
	"fmt"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/investment"
)

func init() {
	requestSeeds["createCapitalPlan"] = []string{
		`{"year":2026,"source":"provincial","assigned_by_pm":40000000000,"allocated_locally":45000000000}`,
		`{"year":2026,"source":"central","assigned_by_pm":1,"allocated_locally":1,"decision_number":"12/QĐ-UBND","decision_date":"2026-03-02","decision_signer":"Chủ tịch UBND tỉnh"}`,
		`{"kind":"medium_term","year":2026,"source":"oda","assigned_by_pm":0,"allocated_locally":0}`,
		`{"year":2026,"source":"bank","assigned_by_pm":-1,"allocated_locally":1.5}`,
	}
	requestSeeds["createDisbursement"] = []string{
		`{"year":2026,"month":3,"source":"provincial","cumulative_actual":12000000000,"estimate_next":15000000000}`,
		`{"year":2026,"month":3,"source":"provincial","cumulative_actual":11000000000,"estimate_next":15000000000,"correction":true,"reason":"Kho bạc đối chiếu lại"}`,
		`{"year":2026,"month":13,"source":"x","cumulative_actual":-1,"estimate_next":"1"}`,
		`{"year":2026,"month":3,"source":"provincial","cumulative_actual":1.5,"estimate_next":0}`,
	}
}

// moneyMatrixCases are the permission matrix's requests of the capital
// plans and disbursement: a project followed by the Own unit; each report
// goes to a fresh project with its plan, so that no identity's month is a
// duplicate of another's.
func moneyMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	p := f.NewProject(t)
	sys := investment.Reporter{AgencyID: f.Agency.ID, Actor: audit.System("matrix")}
	return map[string]matrixCase{
		"POST /api/v1/projects/{code}/plans": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/projects/" + p.Code + "/plans", ContentType: "application/json",
				Body: fmt.Sprintf(`{"year":2026,"source":"provincial","assigned_by_pm":%d,"allocated_locally":%d,"decision_number":"%d/QĐ-UBND","decision_date":"2026-03-02","decision_signer":"Chủ tịch UBND tỉnh"}`,
					f.Unique(), 40*investment.Billion, f.Unique())}
		}},
		"POST /api/v1/projects/{code}/disbursements": {build: func(t testing.TB, _ who) req {
			fresh := f.NewProject(t)
			if _, err := f.DB.RecordCapitalPlan(context.Background(), sys, fresh.Code, investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026,
				Source: investment.SourceProvincial, AssignedByPM: 40 * investment.Billion, AllocatedLocally: 40 * investment.Billion}); err != nil {
				t.Fatal(err)
			}
			return req{Path: "/api/v1/projects/" + fresh.Code + "/disbursements", ContentType: "application/json",
				Body: `{"year":2026,"month":1,"source":"provincial","cumulative_actual":1000000000,"estimate_next":2000000000}`}
		}},
		"GET /api/v1/stats/disbursement": {build: func(testing.TB, who) req { return req{Path: "/api/v1/stats/disbursement?year=2026&month=1"} }},
	}
}
