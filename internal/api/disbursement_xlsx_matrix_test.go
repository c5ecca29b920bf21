package api

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/report"
)

// disbMatrixCases are the matrix's requests of the disbursement endpoints
// (disbursement_xlsx.go). An allowed import of the empty template is a
// 400 (no data row): the caller got past the permission check.
func disbMatrixCases(t *testing.T) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	var buf bytes.Buffer
	if err := report.WriteDisbursementTemplate(&buf, nil); err != nil {
		t.Fatal(err)
	}
	empty := buf.String()
	q := "?year=2026&month=1"
	return map[string]matrixCase{
		"GET /api/v1/disbursements/template.xlsx": {build: get("/api/v1/disbursements/template.xlsx" + q)},
		"POST /api/v1/disbursements/import": {allowed: func(rec *httptest.ResponseRecorder) bool { return rec.Code == 400 },
			build: func(testing.TB, who) req {
				return req{Path: "/api/v1/disbursements/import?dry_run=1", Body: empty, ContentType: xlsxType}
			}},
		"GET /api/v1/disbursements/export.xlsx":     {build: get("/api/v1/disbursements/export.xlsx" + q)},
		"GET /api/v1/reports/disbursement/01a.xlsx": {build: get("/api/v1/reports/disbursement/01a.xlsx" + q)},
		"GET /api/v1/reports/disbursement/01a.pdf":  {build: get("/api/v1/reports/disbursement/01a.pdf" + q)},
		"GET /api/v1/stats/disbursement/ranking":    {build: get("/api/v1/stats/disbursement/ranking" + q)},
		"GET /api/v1/stats/disbursement/late":       {build: get("/api/v1/stats/disbursement/late" + q)},
	}
}
