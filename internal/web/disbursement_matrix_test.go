package web

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"congvu/internal/access/accesstest"
)

// disbMatrixCases are the matrix's requests of the disbursement pages
// (disbursement_pages.go). An allowed import without a file, or a
// confirmation without a signed preview, is a 400 page: the caller got
// past the permission check.
func disbMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	past := func(rec *httptest.ResponseRecorder) bool { return rec.Code == 400 }
	return map[string]matrixCase{
		"GET /investment/disbursements/import": {build: get("/investment/disbursements/import")},
		"POST /investment/disbursements/import": {allowed: past, build: func(testing.TB, who) req {
			return req{Path: "/investment/disbursements/import", Form: url.Values{}}
		}},
		"POST /investment/disbursements/import/confirm": {allowed: past, build: func(testing.TB, who) req {
			return req{Path: "/investment/disbursements/import/confirm", Form: url.Values{"rows": {"[]"}, "sig": {"x"}}}
		}},
		"GET /investment/disbursements/template.xlsx": {build: get("/investment/disbursements/template.xlsx")},
		"GET /investment/disbursements.xlsx":          {build: get("/investment/disbursements.xlsx?year=2026&month=1")},
		"GET /investment/reports/01a":                 {build: get("/investment/reports/01a?year=2026&month=1")},
		"GET /investment/reports/01a.xlsx":            {build: get("/investment/reports/01a.xlsx?year=2026&month=1")},
		"GET /investment/reports/01a.pdf":             {build: get("/investment/reports/01a.pdf?year=2026&month=1")},
		"GET /investment/ranking":                     {build: get("/investment/ranking?year=2026&month=1")},
	}
}
