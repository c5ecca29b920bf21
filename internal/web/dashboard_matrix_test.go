package web

import (
	"strconv"
	"testing"

	"congvu/internal/access/accesstest"
)

// dashboardMatrixCases are the permission matrix's requests of the
// dashboard's pages (dashboard.go), on the Own unit this year.
func dashboardMatrixCases(f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	q := "period=year&unit=" + strconv.FormatInt(f.OwnUnit.ID, 10)
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	return map[string]matrixCase{
		"GET /dashboard":                {build: get("/dashboard?" + q)},
		"GET /dashboard/tasks/{figure}": {build: get("/dashboard/tasks/done_late?" + q)},
	}
}
