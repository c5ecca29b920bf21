package api

import (
	"fmt"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/calendar"
)

// dashboardMatrixCases are the permission matrix's requests of the
// dashboard (dashboard.go): this year's, on the Own unit.
func dashboardMatrixCases(f *accesstest.Fixture) map[string]matrixCase {
	today := calendar.DateOf(time.Now().In(calendar.VN))
	q := fmt.Sprintf("unit=%d&from=%d-01-01&to=%s", f.OwnUnit.ID, today.Year, today)
	return map[string]matrixCase{
		"GET /api/v1/dashboard": {build: func(testing.TB, *accesstest.Identity) accesstest.Request {
			return accesstest.Request{Path: "/api/v1/dashboard?" + q}
		}},
	}
}
