package web

import (
	"fmt"
	"net/url"
	"testing"

	"congvu/internal/access/accesstest"
)

// selectionMatrixCases are the permission matrix's requests of the
// "Gói thầu / KHLCNT" and "Báo cáo giám sát" pages and their forms: reads
// on one project with an approved plan, followed by the Own unit; each
// form that can be sent once on a fresh project per identity.
func selectionMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	shared, _ := f.NewPlanProject(t, true)
	base := "/projects/" + shared.Code
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	form := func(path string, v url.Values) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path, Form: v} }
	}
	fresh := func(approved bool, path func(code string, pkg, posting int64) string, v url.Values) func(testing.TB, who) req {
		return func(t testing.TB, _ who) req {
			p, k := f.NewPlanProject(t, approved)
			var posting int64
			if approved {
				posting = f.PostingOf(t, p.ID)
			}
			return req{Path: path(p.Code, k.ID, posting), Form: v}
		}
	}
	decision := url.Values{"decision.number": {"2/QĐ-UBND"}, "decision.date": {"03/03/2026"}, "decision.signer": {"Chủ tịch UBND tỉnh"}}
	return map[string]matrixCase{
		"GET /projects/{code}/packages": {build: get(base + "/packages")},
		"POST /projects/{code}/packages": {build: form(base+"/packages", url.Values{"name": {"Gói 02: Thiết bị"}, "price": {"1.000.000"},
			"source": {"provincial"}, "form": {"competitive_quotation"}, "method": {"1s1e"}, "start": {"2026-09"}, "contract_type": {"lump_sum"}, "duration_days": {"60"}})},
		"POST /projects/{code}/selection-plan/versions": {build: fresh(false, func(code string, _, _ int64) string { return "/projects/" + code + "/selection-plan/versions" }, decision)},
		"POST /projects/{code}/results": {build: func(t testing.TB, _ who) req {
			p, k := f.NewPlanProject(t, true)
			return req{Path: "/projects/" + p.Code + "/results", Form: url.Values{"package_id": {fmt.Sprint(k.ID)}, "winner": {"Công ty A"},
				"winning_price": {"900.000.000"}, "r.decision.number": {"3/QĐ-BQL"}, "r.decision.date": {"01/04/2026"}, "r.decision.signer": {"Giám đốc Ban"}}}
		}},
		"POST /projects/{code}/postings/{id}/posted": {build: fresh(true, func(code string, _, posting int64) string {
			return fmt.Sprintf("/projects/%s/postings/%d/posted", code, posting)
		}, url.Values{"posted_on": {"05/03/2026"}})},
		"GET /projects/{code}/supervision": {build: get(base + "/supervision")},
		"POST /projects/{code}/reports": {build: fresh(false, func(code string, _, _ int64) string { return "/projects/" + code + "/reports" },
			url.Values{"key": {"2026-Q1"}, "submitted_on": {"08/04/2026"}, "note": {"Báo cáo quý I"}})},
		"POST /projects/{code}/inspections": {build: form(base+"/inspections", url.Values{"date": {"05/05/2026"}, "inspectors": {"Đoàn kiểm tra của Sở"}, "findings": {"Chậm giải phóng mặt bằng"}})},
		"GET /procurement/late":             {marker: shared.Code, build: get("/procurement/late")},
		"GET /supervision/overdue":          {marker: shared.Code, build: get("/supervision/overdue")},
	}
}
