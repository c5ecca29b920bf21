package api

import (
	"fmt"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDashboardAPI reads the dashboard of October 2026 over the dossier
// scenario's six dossiers (dossier_test.go, worked by hand there: one
// resolved early, one late, two open overdue, one within, one withdrawn)
// and refuses bad input naming the field.
func TestDashboardAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		vars := map[string]string{}
		runDossierSteps(t, f, mux, vars, dossierLife(f))
		oct := "from=2026-10-01&to=2026-10-31"
		runDossierSteps(t, f, mux, vars, []dossierStep{
			{name: "director", method: "GET", path: "/api/v1/dashboard?" + oct, who: "director", status: 200, want: []string{
				fmt.Sprintf(`"unit_id":%d`, f.agency.ID),
				`"dossiers":{"received":{"total":6,"online":1,"direct":4,"carried_over":1},"resolved":{"total":2,"early":1,"on_time":0,"late":1},` +
					`"in_progress":{"total":3,"within_deadline":1,"overdue":2,"paused":0},"withdrawn":1,"on_time_share":0.5,"progress_score":10}`,
				`"tasks":{"done_on_time":0,"done_late":0,"obstacles":0,"on_time_share":1,"late_now":0,"blocked_now":0}`,
				`"months":[{"month":"2026-10","tasks_on_time":0,"tasks_late":0,"obstacles":0,"dossiers_early":1,"dossiers_on_time":0,"dossiers_late":1,`,
				`"disbursement":{"year":2026,"month":10,"plan":0,"actual":0,"rate":0}`,
			}},
			{name: "head on the division", method: "GET", path: fmt.Sprintf("/api/v1/dashboard?%s&unit=%d", oct, f.bidding.ID), who: "head", status: 200,
				want: []string{fmt.Sprintf(`"unit_id":%d`, f.bidding.ID), `"disbursement":null`}},
			{name: "head on the agency", method: "GET", path: fmt.Sprintf("/api/v1/dashboard?%s&unit=%d", oct, f.agency.ID), who: "head", status: 403,
				want: []string{`"field":"unit"`}},
			{name: "an official", method: "GET", path: "/api/v1/dashboard?" + oct, who: "official", status: 403},
			{name: "anonymous", method: "GET", path: "/api/v1/dashboard?" + oct, status: 401},
			{name: "to before from", method: "GET", path: "/api/v1/dashboard?from=2026-10-31&to=2026-10-01", who: "director", status: 400, want: []string{`"field":"to"`}},
			{name: "bad date", method: "GET", path: "/api/v1/dashboard?from=2026-10-32&to=2026-10-31", who: "director", status: 400, want: []string{`"field":"from"`}},
			{name: "no from", method: "GET", path: "/api/v1/dashboard?to=2026-10-31", who: "director", status: 400, want: []string{`"field":"from"`}},
			{name: "unknown unit", method: "GET", path: "/api/v1/dashboard?" + oct + "&unit=999999", who: "director", status: 400, want: []string{`"field":"unit"`}},
		})
	})
}
