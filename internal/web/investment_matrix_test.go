package web

import (
	"fmt"
	"net/url"
	"testing"

	"congvu/internal/access/accesstest"
)

// invMatrixCases are the permission matrix's requests of the project
// register and a project's page (investment_routes.go): one project
// followed by the Own unit. The register is asked for that project's
// investor, whose id no answer echoes, so that only a list holding the
// project carries its code; the form records a decision, which can be
// sent again and again.
func invMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	p := f.NewProject(t)
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	return map[string]matrixCase{
		"GET /projects":             {marker: `href="/projects/` + p.Code + `"`, build: get(fmt.Sprintf("/projects?investor=%d", p.Investor.ID))},
		"GET /projects/export.xlsx": {build: get("/projects/export.xlsx")},
		"GET /projects/{code}":      {build: get("/projects/" + p.Code)},
		"POST /projects/{code}/events": {build: func(testing.TB, who) req {
			return req{Path: "/projects/" + p.Code + "/events", Form: url.Values{"action": {"decision"},
				"decision_number": {fmt.Sprintf("%d/QĐ-UBND", f.Unique())}, "decision_date": {"02/03/2026"}, "decision_signer": {"Chủ tịch UBND tỉnh"}}}
		}},
	}
}
