package web

import (
	"fmt"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/calendar"
)

// bottleneckMatrixCases are the permission matrix's requests of "where time
// is lost": the target's procedure over this year, on the Own unit
// (dossier.stats on it, as the period report).
func bottleneckMatrixCases(f *accesstest.Fixture) map[string]matrixCase {
	today := calendar.DateOf(time.Now().In(calendar.VN))
	q := fmt.Sprintf("procedure=%s&unit=%d&from=%d-01-01&to=%s", accesstest.ProcedureCode, f.OwnUnit.ID, today.Year, today)
	get := func(path string) func(testing.TB, *accesstest.Identity) accesstest.Request {
		return func(testing.TB, *accesstest.Identity) accesstest.Request { return accesstest.Request{Path: path} }
	}
	return map[string]matrixCase{
		"GET /bottlenecks":          {build: get("/bottlenecks?period=custom&compare=previous&" + q)},
		"GET /bottlenecks/dossiers": {build: get("/bottlenecks/dossiers?step=1&figure=passes&" + q)},
	}
}
