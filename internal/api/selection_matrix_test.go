package api

import (
	"fmt"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/investment"
)

// selectionMatrixCases are the permission matrix's requests of the
// selection-plan and supervision routes: reads on one project followed by
// the Own unit, with an approved plan; each write that can be done once
// (an approval, a result, a posting, a report) on a fresh project of its
// own per identity.
func selectionMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	project := func(t testing.TB) (investment.Project, investment.Package) { return f.NewPlanProject(t, false) }
	approved := func(t testing.TB) (investment.Project, investment.Package) { return f.NewPlanProject(t, true) }
	shared, sharedPkg := approved(t)
	base := "/api/v1/projects/" + shared.Code
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	body := func(path, b string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path, Body: b, ContentType: "application/json"} }
	}
	fresh := func(build func(t testing.TB) string, b string) func(testing.TB, who) req {
		return func(t testing.TB, _ who) req { return req{Path: build(t), Body: b, ContentType: "application/json"} }
	}
	pkg := `{"name":"Gói 02: Thiết bị","price":1000000,"source":"provincial","form":"competitive_quotation","method":"1s1e","online":true,"start":"2026-09","contract_type":"lump_sum","duration_days":60}`
	dec := `{"decision":{"number":"2/QĐ-UBND","date":"2026-03-03","signer":"Chủ tịch"}}`
	return map[string]matrixCase{
		"GET /api/v1/projects/{code}/packages":                {build: get(base + "/packages")},
		"POST /api/v1/projects/{code}/packages":               {build: body(base+"/packages", pkg)},
		"PUT /api/v1/projects/{code}/packages/{id}":           {build: body(fmt.Sprintf("%s/packages/%d", base, sharedPkg.ID), pkg)},
		"GET /api/v1/projects/{code}/selection-plan/versions": {build: get(base + "/selection-plan/versions")},
		"POST /api/v1/projects/{code}/selection-plan/versions": {build: fresh(func(t testing.TB) string {
			p, _ := project(t)
			return "/api/v1/projects/" + p.Code + "/selection-plan/versions"
		}, dec)},
		"POST /api/v1/projects/{code}/packages/{id}/result": {build: fresh(func(t testing.TB) string {
			p, k := approved(t)
			return fmt.Sprintf("/api/v1/projects/%s/packages/%d/result", p.Code, k.ID)
		}, `{"winner":"Công ty A","winning_price":900000000,"decision":{"number":"3/QĐ-BQL","date":"2026-04-01","signer":"Giám đốc Ban"}}`)},
		"GET /api/v1/projects/{code}/postings": {build: get(base + "/postings")},
		"POST /api/v1/projects/{code}/postings/{id}/posted": {build: fresh(func(t testing.TB) string {
			p, _ := approved(t)
			return fmt.Sprintf("/api/v1/projects/%s/postings/%d/posted", p.Code, f.PostingOf(t, p.ID))
		}, `{"posted_on":"2026-03-05"}`)},
		"GET /api/v1/procurement-postings":        {marker: shared.Code, build: get("/api/v1/procurement-postings?state=all")},
		"GET /api/v1/projects/{code}/obligations": {build: get(base + "/obligations")},
		"POST /api/v1/projects/{code}/obligations/{key}/submission": {build: fresh(func(t testing.TB) string {
			p, _ := project(t)
			return "/api/v1/projects/" + p.Code + "/obligations/2026-Q1/submission"
		}, `{"submitted_on":"2026-04-08","note":"Báo cáo quý I"}`)},
		"GET /api/v1/supervision-obligations":     {marker: shared.Code, build: get("/api/v1/supervision-obligations?state=all")},
		"GET /api/v1/supervision-rules":           {build: get("/api/v1/supervision-rules")},
		"GET /api/v1/projects/{code}/inspections": {build: get(base + "/inspections")},
		"POST /api/v1/projects/{code}/inspections": {build: body(base+"/inspections",
			`{"date":"2026-05-05","inspectors":"Đoàn kiểm tra của Sở","findings":"Chậm giải phóng mặt bằng"}`)},
	}
}
