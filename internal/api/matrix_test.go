package api

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/evaluation"
	"congvu/internal/inspection"
	"congvu/internal/investment"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

var updateMatrix = flag.Bool("update-matrix", false, "rewrite the API section of docs/PERMISSIONS.md from the routes' declared access")

// matrixCase is how the matrix calls one route: what the target is, and
// the request each identity sends (the rule itself is the route's Access).
type matrixCase struct {
	target  accesstest.Target
	deny400 bool
	marker  string // for a list: the text that shows the target is in it
	allowed func(*httptest.ResponseRecorder) bool
	build   func(t testing.TB, id *accesstest.Identity) accesstest.Request
}

// TestPermissionMatrix sends every API route a request as every role in
// every place of the province (the agency's own unit, another unit, its
// top, the parent agency, a sibling agency) and anonymously, and checks
// each answer against the route's declared Access. A route without a
// declaration or without a case here fails.
func TestPermissionMatrix(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	dossier.RegisterPolicy(s.deps.Policy)
	work.RegisterPolicy(s.deps.Policy)
	evaluation.RegisterPolicy(s.deps.Policy)
	review.RegisterPolicy(s.deps.Policy)
	investment.RegisterPolicy(s.deps.Policy)
	investment.RegisterMoneyPolicy(s.deps.Policy)
	inspection.RegisterPolicy(s.deps.Policy)
	news.RegisterPolicy(s.deps.Policy)

	byRoute := matrixCases(t, f, mux)
	for k, c := range fileMatrixCases(t, f, s) {
		byRoute[k] = c
	}
	for k, c := range filingMatrixCases(t, s) {
		byRoute[k] = c
	}
	for k, c := range investmentMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range selectionMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range moneyMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range disbMatrixCases(t) {
		byRoute[k] = c
	}
	for k, c := range inspectionMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range reviewMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range bottleneckMatrixCases(f) {
		byRoute[k] = c
	}
	for k, c := range publicOnlineMatrixCases(t, f, s) {
		byRoute[k] = c
	}
	for k, c := range newsMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range newsImageMatrixCases(t, f, s) {
		byRoute[k] = c
	}
	for k, c := range portalMatrixCases(t, f) {
		byRoute[k] = c
	}
	for k, c := range dashboardMatrixCases(f) {
		byRoute[k] = c
	}
	var cases []accesstest.Case
	for _, rt := range s.routes {
		key := rt.Method + " " + rt.Pattern
		mc, ok := byRoute[key]
		if !rt.Access.Declared() {
			t.Errorf("route %s declares no Access: say who may call it next to its registration", key)
		}
		if !ok {
			t.Errorf("route %s has no case in the permission matrix (matrixCases)", key)
			continue
		}
		delete(byRoute, key)
		cases = append(cases, accesstest.Case{Method: rt.Method, Pattern: rt.Pattern, Rule: rt.Access,
			Target: mc.target, Deny400: mc.deny400, Marker: mc.marker, Allowed: mc.allowed, Build: mc.build})
	}
	for key := range byRoute {
		t.Errorf("the matrix has a case for %s, which is no route", key)
	}
	accesstest.Run(t, f, mux, false, cases)
	accesstest.CheckDoc(t, "../../docs/PERMISSIONS.md", "api", accesstest.Doc(cases), *updateMatrix)
}

// matrixCases are the requests of each route, keyed "METHOD pattern". Reads
// share one target; writes that change it make a fresh one per identity.
func matrixCases(t *testing.T, f *accesstest.Fixture, mux http.Handler) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	jsonBody := func(path string, body func(t testing.TB, id who) string) func(testing.TB, who) req {
		return func(t testing.TB, id who) req {
			return req{Path: path, Body: body(t, id), ContentType: "application/json"}
		}
	}
	n := func() string { return fmt.Sprint(f.Unique()) }
	own := f.OwnUnit.ID
	official := f.Who(org.RoleOfficial, accesstest.Own)
	head := f.Who(org.RoleHead, accesstest.Own)
	lead := f.NewPerson(t, false) // the lead of the tasks the matrix assigns: none of the identities
	doss := f.NewDossier(t)
	task := f.NewTask(t)
	plan := f.NewPlan(t)
	note := f.NewNotification(t)
	today := calendar.DateOf(time.Now().In(calendar.VN))
	period := fmt.Sprintf("unit=%d&from=%d-01-01&to=%s", own, today.Year, today)
	self := accesstest.Target{Parties: map[string]string{"self": official.Key()}}
	deleg := f.NewDelegation(t)
	delegation := accesstest.Target{Parties: accesstest.DelegationParties}
	delegator := accesstest.Target{Parties: map[string]string{"delegator": head.Key()}}
	agencyCal := fmt.Sprintf("/api/v1/calendar/agencies/%d", f.Agency.ID)
	ownEval := f.NewOwnEvaluation(t)
	evalSelf := accesstest.Target{Parties: accesstest.EvaluationParties}

	return map[string]matrixCase{
		"GET /api/v1/openapi.json": {build: get("/api/v1/openapi.json")},
		"GET /api/v1/me":           {build: get("/api/v1/me")},
		"GET /api/v1/units":        {marker: `"name":"Phòng Quản lý ngân sách"`, build: get("/api/v1/units")},
		"GET /api/v1/units/{id}":   {build: get(fmt.Sprintf("/api/v1/units/%d", own))},
		"POST /api/v1/units": {build: jsonBody("/api/v1/units", func(testing.TB, who) string {
			return fmt.Sprintf(`{"parent_id":%d,"kind":"division","name":"Tổ công tác %s","valid_from":"2024-01-01"}`, own, n())
		})},
		"POST /api/v1/restructurings": {build: jsonBody("/api/v1/restructurings", func(t testing.TB, _ who) string {
			u := f.NewUnit(t)
			return fmt.Sprintf(`{"kind":"rename","effective_on":"2025-03-01","decision":"Quyết định số %s/QĐ-STC","sources":[%d],"new_units":[{"parent_id":%d,"kind":"division","name":"%s (mới)"}]}`,
				n(), u.ID, own, u.Name)
		})},
		"GET /api/v1/people": {marker: fmt.Sprintf(`"id":%d,`, official.Person.ID),
			build: get("/api/v1/people?limit=500&q=" + url.QueryEscape(official.Person.FullName))},
		"GET /api/v1/people/{id}": {build: get(fmt.Sprintf("/api/v1/people/%d", official.Person.ID))},
		"POST /api/v1/people": {build: jsonBody("/api/v1/people", func(testing.TB, who) string {
			return fmt.Sprintf(`{"full_name":"Cán bộ mới số %s","agency_id":%d}`, n(), f.Agency.ID)
		})},
		"POST /api/v1/people/{id}/memberships": {build: func(t testing.TB, _ who) req {
			p := f.NewPerson(t, false)
			return req{Path: fmt.Sprintf("/api/v1/people/%d/memberships", p.ID), ContentType: "application/json",
				Body: fmt.Sprintf(`{"unit_id":%d,"role":"official","valid_from":"2026-01-01"}`, own)}
		}},
		// head@own's role delegated to the caller (finding 1's attack), in
		// the future so that no delegation changes a right during the run.
		"POST /api/v1/delegations": {target: delegator, build: jsonBody("/api/v1/delegations", func(_ testing.TB, id who) string {
			to := id
			if id == head || id.Anonymous() {
				to = official
			}
			start := f.FutureWeek()
			return fmt.Sprintf(`{"from_person_id":%d,"to_person_id":%d,"starts_at":%q,"ends_at":%q,"reason":"Trưởng phòng đi công tác"}`,
				head.Person.ID, to.Person.ID, start.Format(time.RFC3339), start.AddDate(0, 0, 5).Format(time.RFC3339))
		})},
		"GET /api/v1/delegations": {marker: fmt.Sprintf(`"id":%d,`, deleg.ID), build: get("/api/v1/delegations?limit=500")},
		// A fresh delegation of head@own's roles to official@own per row.
		"POST /api/v1/delegations/{id}/revoke": {target: delegation, build: func(t testing.TB, _ who) req {
			return req{Path: fmt.Sprintf("/api/v1/delegations/%d/revoke", f.NewDelegation(t).ID)}
		}},
		"GET /api/v1/audit": {build: get("/api/v1/audit")},

		"GET /api/v1/calendar/years/{year}": {build: get("/api/v1/calendar/years/2026")},
		"GET /api/v1/calendar/days/{date}":  {build: get("/api/v1/calendar/days/2026-09-02")},
		"PUT /api/v1/calendar/days/{date}": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/calendar/days/" + f.FreeDay().String(), ContentType: "application/json",
				Body: `{"kind":"holiday","name":"Ngày nghỉ thử"}`}
		}},
		"DELETE /api/v1/calendar/days/{date}": {build: func(t testing.TB, _ who) req {
			return req{Path: "/api/v1/calendar/days/" + f.NewCalendarDay(t).String()}
		}},
		"GET /api/v1/calendar/settings": {build: get("/api/v1/calendar/settings")},
		"PUT /api/v1/calendar/settings": {build: jsonBody("/api/v1/calendar/settings", func(testing.TB, who) string {
			return `{"culture_day_24_11":true}`
		})},
		"GET /api/v1/calendar/agencies/{agency}": {build: get(agencyCal)},
		"PUT /api/v1/calendar/agencies/{agency}/office-hours": {build: jsonBody(agencyCal+"/office-hours", func(testing.TB, who) string {
			return `{"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`
		})},
		"PUT /api/v1/calendar/agencies/{agency}/days-off/{date}": {build: func(testing.TB, who) req {
			return req{Path: agencyCal + "/days-off/" + f.FreeDay().String(), ContentType: "application/json", Body: `{"name":"Ngày thành lập Sở"}`}
		}},
		"DELETE /api/v1/calendar/agencies/{agency}/days-off/{date}": {build: func(t testing.TB, _ who) req {
			return req{Path: agencyCal + "/days-off/" + f.NewAgencyDayOff(t).String()}
		}},
		"GET /api/v1/calendar/due":     {build: get("/api/v1/calendar/due?from=2026-03-02T08:00:00%2B07:00&working_days=3")},
		"GET /api/v1/calendar/between": {build: get("/api/v1/calendar/between?from=2026-03-02T08:00:00%2B07:00&to=2026-03-04T08:00:00%2B07:00")},

		"GET /api/v1/procedures.xlsx": {build: get("/api/v1/procedures.xlsx")},
		// A round trip of the caller's own catalogue, which every agency of
		// the fixture has.
		"POST /api/v1/procedures/import": {build: func(t testing.TB, id who) req {
			from := id
			switch {
			case id.Anonymous():
				from = official
			case id.Role == org.RoleOperator || id.Role == org.RoleInvestor: // who sees no catalogue: their agency's, as its admin exports it
				from = f.Who(org.RoleAdmin, id.Place)
			}
			rec := do(mux, call{method: "GET", path: "/api/v1/procedures.xlsx", token: from.Token})
			if rec.Code != http.StatusOK {
				t.Fatalf("export for the import: %d %s", rec.Code, rec.Body)
			}
			return req{Path: "/api/v1/procedures/import", Body: rec.Body.String(), ContentType: xlsxType}
		}},
		"GET /api/v1/procedures":        {marker: accesstest.ProcedureCode, build: get("/api/v1/procedures")},
		"GET /api/v1/procedures/{code}": {build: get("/api/v1/procedures/" + accesstest.ProcedureCode)},
		// A new procedure of the caller's own agency, in its own unit.
		"POST /api/v1/procedures": {build: jsonBody("/api/v1/procedures", func(_ testing.TB, id who) string {
			unit := f.UnitOf(id.Place).ID
			return fmt.Sprintf(`{"code":"3.%06d","name":"Thủ tục thử nghiệm","level":2,"time_limit":{"value":5,"unit":"working_days"},
				"documents":[{"name":"Đơn đề nghị"}],"steps":[{"name":"Tiếp nhận","unit_id":%d,"role":"clerk","budget":0.5},{"name":"Giải quyết","unit_id":%d,"budget":4.5}],
				"effective_from":"2026-01-01"}`, f.Unique(), unit, unit)
		})},

		// The procedure is looked up in the caller's agency: from another,
		// procedure_code names nothing (a 400).
		"POST /api/v1/dossiers": {target: accesstest.Target{AtDesk: true}, deny400: true,
			build: jsonBody("/api/v1/dossiers", func(testing.TB, who) string {
				return fmt.Sprintf(`{"procedure_code":%q,"applicant":{"name":"Trần Thị Bình","id_number":"001203004567","phone":"0912345678"},"channel":"direct","sets":1}`,
					accesstest.ProcedureCode)
			})},
		"GET /api/v1/dossiers":             {marker: doss.Code, build: get("/api/v1/dossiers?queue=all&limit=500")},
		"GET /api/v1/dossiers/export.xlsx": {build: get("/api/v1/dossiers/export.xlsx?queue=all")},
		"GET /api/v1/dossiers/{code}":      {build: get("/api/v1/dossiers/" + doss.Code)},
		"POST /api/v1/dossiers/{code}/events": {build: func(t testing.TB, _ who) req {
			d := f.NewDossier(t)
			return req{Path: "/api/v1/dossiers/" + d.Code + "/events", ContentType: "application/json",
				Body: fmt.Sprintf(`{"action":"request_supplement","reason":"Bổ sung bản sao quyết định giao dự toán","version":%d}`, d.Version)}
		}},
		"GET /api/v1/public/dossiers/{code}": {build: get("/api/v1/public/dossiers/" + doss.Code + "?secret=" + doss.Secret)},
		"POST /api/v1/public/dossiers/{code}/rating": {build: func(t testing.TB, _ who) req {
			d := f.NewReturnedDossier(t)
			return req{Path: "/api/v1/public/dossiers/" + d.Code + "/rating", ContentType: "application/json",
				Body: fmt.Sprintf(`{"secret":%q,"rating":1,"comment":"Cán bộ nhiệt tình"}`, d.Secret)}
		}},

		"GET /api/v1/stats/dossiers":                  {build: get("/api/v1/stats/dossiers?" + period)},
		"GET /api/v1/late":                            {build: get(fmt.Sprintf("/api/v1/late?unit=%d", own))},
		"GET /api/v1/consultations":                   {build: get(fmt.Sprintf("/api/v1/consultations?unit_id=%d", own))},
		"GET /api/v1/stats/consultations":             {build: get(fmt.Sprintf("/api/v1/stats/consultations?unit_id=%d", own))},
		"GET /api/v1/stats/dossiers/figures/{figure}": {build: get("/api/v1/stats/dossiers/figures/received_direct?" + period)},
		"GET /api/v1/stats/dossiers.xlsx":             {build: get("/api/v1/stats/dossiers.xlsx?" + period)},
		"GET /api/v1/dossiers/export.xes":             {build: get("/api/v1/dossiers/export.xes?" + period)},
		"GET /api/v1/dossiers/export.ocel.json":       {build: get("/api/v1/dossiers/export.ocel.json?" + period)},

		"POST /api/v1/plans": {build: jsonBody("/api/v1/plans", func(testing.TB, who) string {
			return fmt.Sprintf(`{"title":"Kế hoạch chuyên đề số %s","owner_unit_id":%d,"period":{"kind":"year","year":2026}}`, n(), own)
		})},
		"GET /api/v1/plans":      {marker: plan.Title, build: get("/api/v1/plans?limit=500")},
		"GET /api/v1/plans/{id}": {build: get(fmt.Sprintf("/api/v1/plans/%d", plan.ID))},
		"POST /api/v1/plans/{id}/targets/{tid}/actuals": {build: jsonBody(fmt.Sprintf("/api/v1/plans/%d/targets/%d/actuals", plan.ID, plan.TargetID),
			func(testing.TB, who) string {
				return `{"label":"Tháng 3/2026","date":"2026-03-31","value":5,"evidence":"Báo cáo số 12/BC-QLNS"}`
			})},
		"POST /api/v1/tasks": {build: jsonBody("/api/v1/tasks", func(testing.TB, who) string {
			return fmt.Sprintf(`{"title":"Tổng hợp số liệu quý số %s","lead_person_id":%d,"deadline_working_days":5}`, n(), lead.ID)
		})},
		"GET /api/v1/tasks": {target: accesstest.Target{Parties: accesstest.TaskParties}, marker: task.Title,
			build: get("/api/v1/tasks?limit=500")},
		"GET /api/v1/tasks/{id}": {target: accesstest.Target{Parties: accesstest.TaskParties}, build: get(fmt.Sprintf("/api/v1/tasks/%d", task.ID))},
		"POST /api/v1/tasks/{id}/events": {target: accesstest.Target{Parties: accesstest.TaskParties}, build: func(t testing.TB, _ who) req {
			tk := f.NewTask(t)
			return req{Path: fmt.Sprintf("/api/v1/tasks/%d/events", tk.ID), ContentType: "application/json",
				Body: fmt.Sprintf(`{"action":"start","version":%d}`, tk.Version)}
		}},
		"GET /api/v1/people/{id}/figures": {target: self, build: get(fmt.Sprintf("/api/v1/people/%d/figures?year=2026&month=3", official.Person.ID))},
		"GET /api/v1/notifications": {target: accesstest.Target{Parties: accesstest.NotificationParties},
			marker: fmt.Sprintf(`"id":%d,`, note), build: get("/api/v1/notifications")},
		"POST /api/v1/notifications/{id}/read": {target: accesstest.Target{Parties: accesstest.NotificationParties},
			build: func(testing.TB, who) req { return req{Path: fmt.Sprintf("/api/v1/notifications/%d/read", note)} }},
		"GET /api/v1/evaluations":      {target: evalSelf, marker: fmt.Sprintf(`"id":%d,`, ownEval.ID), build: get("/api/v1/evaluations?year=2026&period=3")},
		"GET /api/v1/evaluations/{id}": {target: evalSelf, build: get(fmt.Sprintf("/api/v1/evaluations/%d", ownEval.ID))},
		// Everyone opens their own evaluation of the first quarter, once.
		"POST /api/v1/evaluations": {build: jsonBody("/api/v1/evaluations", func(testing.TB, who) string { return `{"year":2026,"period":"q1"}` })},
		// A fresh self-assessed evaluation of an official of the own unit per row, assessed.
		"POST /api/v1/evaluations/{id}/events": {build: func(t testing.TB, _ who) req {
			e := f.NewSelfAssessedEvaluation(t)
			return req{Path: fmt.Sprintf("/api/v1/evaluations/%d/events", e.ID), ContentType: "application/json",
				Body: `{"action":"assess","common":{"politics":9,"capacity":9,"innovation":9}}`}
		}},
		"GET /api/v1/me/notification-settings": {build: get("/api/v1/me/notification-settings")},
		"PUT /api/v1/me/notification-settings": {build: jsonBody("/api/v1/me/notification-settings", func(testing.TB, who) string {
			return `{"email":{"dossier_due_soon":false,"digest":true}}`
		})},
	}
}
