package api

import (
	"fmt"
	"testing"

	"congvu/internal/access/accesstest"
)

// investmentMatrixCases are the permission matrix's requests of the
// investment routes: one project followed by the Own unit, read by all;
// the writes name it (or, for a new project, its investor) from the
// fixture's agency, which another agency's register does not have (400).
func investmentMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	p := f.NewProject(t)
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	body := func(path string, b func() string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path, Body: b(), ContentType: "application/json"} }
	}
	return map[string]matrixCase{
		"GET /api/v1/investors": {marker: fmt.Sprintf(`"id":%d,`, p.Investor.ID), build: get("/api/v1/investors")},
		"POST /api/v1/investors": {build: body("/api/v1/investors", func() string {
			return fmt.Sprintf(`{"name":"UBND xã thử nghiệm %d","kind":"commune"}`, f.Unique())
		})},
		"GET /api/v1/projects":        {marker: p.Code, build: get("/api/v1/projects?limit=500")},
		"GET /api/v1/projects/{code}": {build: get("/api/v1/projects/" + p.Code)},
		"POST /api/v1/projects": {deny400: true, build: body("/api/v1/projects", func() string {
			return fmt.Sprintf(`{"code":"DA-MX-%d","name":"Nhà văn hóa thôn thử nghiệm","investor_id":%d,"managing_unit_id":%d,"sector_band":"k5",
				"total_investment":{"central":0,"provincial":85000000000},"start_year":2026,"end_year":2027}`, f.Unique(), p.Investor.ID, f.OwnUnit.ID)
		})},
		"POST /api/v1/projects/{code}/events": {build: body("/api/v1/projects/"+p.Code+"/events", func() string {
			return fmt.Sprintf(`{"action":"decision","decision":{"number":"%d/QĐ-UBND","date":"2026-03-02","signer":"Chủ tịch UBND tỉnh"}}`, f.Unique())
		})},
	}
}
