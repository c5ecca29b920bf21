package web

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/investment"
)

// moneyMatrixCases are the permission matrix's requests of the capital
// section and the disbursement board (capital_routes.go): reads on one
// project with this year's plan; each form on a fresh project per
// identity, so that a month reported or a plan set by one identity is
// never a duplicate for the next.
func moneyMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	year := strconv.Itoa(time.Now().In(calendar.VN).Year())
	planned := func(t testing.TB) string {
		code := f.NewProject(t).Code
		if _, err := f.DB.RecordCapitalPlan(context.Background(), investment.Reporter{AgencyID: f.Agency.ID, Actor: audit.System("matrix")}, code,
			investment.PlanInput{Kind: investment.PlanAnnual, Year: time.Now().In(calendar.VN).Year(), Source: investment.SourceProvincial,
				AssignedByPM: 12 * investment.Billion, AllocatedLocally: 10 * investment.Billion}); err != nil {
			t.Fatal(err)
		}
		return code
	}
	shared := planned(t)
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	fresh := func(withPlan bool, tail string, v url.Values) func(testing.TB, who) req {
		return func(t testing.TB, _ who) req {
			code := ""
			if withPlan {
				code = planned(t)
			} else {
				code = f.NewProject(t).Code
			}
			return req{Path: "/projects/" + code + tail, Form: v}
		}
	}
	next := strconv.Itoa(time.Now().In(calendar.VN).Year() + 1)
	curve := url.Values{"effective_year": {year}, "against": {"pm"}}
	for m, v := range []string{"3", "7", "12", "17", "23", "30", "38", "46", "55", "65", "80", "95"} {
		curve.Set("target_"+strconv.Itoa(m+1), v)
	}
	return map[string]matrixCase{
		"GET /projects/{code}/capital": {build: get("/projects/" + shared + "/capital")},
		"POST /projects/{code}/capital/disbursements": {build: fresh(true, "/capital/disbursements", url.Values{"year": {year}, "month": {"1"},
			"source": {"provincial"}, "cumulative_actual": {"1.500.000.000"}, "estimate_next": {"2.000.000.000 đ"}})},
		"POST /projects/{code}/capital/plans": {build: fresh(false, "/capital/plans", url.Values{"kind": {"annual"}, "year": {year},
			"source": {"provincial"}, "assigned_by_pm": {"12.000.000.000"}, "allocated_locally": {"10.000.000.000"},
			"decision_number": {"15/QĐ-UBND"}, "decision_date": {"10/01/" + year}, "decision_signer": {"Chủ tịch UBND tỉnh"}})},
		"POST /projects/{code}/capital/extensions": {build: fresh(true, "/capital/extensions", url.Values{"year": {year}, "until": {"30/06/" + next},
			"decision_number": {"20/QĐ-UBND"}, "decision_date": {"20/01/" + next}, "decision_signer": {"Chủ tịch UBND tỉnh"}})},
		"GET /disbursement":       {build: get("/disbursement?year=" + year + "&month=1")},
		"GET /disbursement/curve": {build: get("/disbursement/curve")},
		"POST /disbursement/curve": {build: func(testing.TB, who) req {
			return req{Path: "/disbursement/curve", Form: curve}
		}},
	}
}
