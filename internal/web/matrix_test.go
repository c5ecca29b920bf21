package web

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/investment"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

var updateMatrix = flag.Bool("update-matrix", false, "rewrite the web section of docs/PERMISSIONS.md from the pages' declared access")

// matrixCase is how the matrix calls one page (the rule is the page's Access).
type matrixCase struct {
	target  accesstest.Target
	deny400 bool
	marker  string
	allowed func(*httptest.ResponseRecorder) bool
	last    bool
	build   func(t testing.TB, id *accesstest.Identity) accesstest.Request
}

// TestPermissionMatrix sends every page a request as every role in every
// place of the province and anonymously, with a browser session and its
// CSRF token, and checks each answer against the page's declared Access.
// A page without a declaration or without a case here fails.
func TestPermissionMatrix(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, true)
	policy := auth.NewPolicy()
	dossier.RegisterPolicy(policy)
	work.RegisterPolicy(policy)
	evaluation.RegisterPolicy(policy)
	review.RegisterPolicy(policy)
	investment.RegisterPolicy(policy)
	inspection.RegisterPolicy(policy)
	investment.RegisterMoneyPolicy(policy)
	news.RegisterPolicy(policy)
	s, err := New(httpx.Deps{Store: db, Policy: policy, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: httpx.NewMetrics(), Now: time.Now, Files: testFiles(t),
		Filings: httpx.NewRateLimiter(100000, 100000)}) // every identity files online (filingMatrixCases)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)

	byPage := matrixCases(t, f, s)
	for k, c := range fileMatrixCases(t, f, s) {
		byPage[k] = c
	}
	for k, c := range filingMatrixCases(t, f, s) {
		byPage[k] = c
	}
	for k, c := range selectionMatrixCases(t, f) {
		byPage[k] = c
	}
	for k, c := range disbMatrixCases(t, f, s) {
		byPage[k] = c
	}
	for k, c := range invMatrixCases(t, f) {
		byPage[k] = c
	}
	for k, c := range inspectionMatrixCases(t, f) {
		byPage[k] = c
	}
	for k, c := range moneyMatrixCases(t, f) {
		byPage[k] = c
	}
	for k, c := range reviewMatrixCases(t, f, s) {
		byPage[k] = c
	}
	for k, c := range bottleneckMatrixCases(f) {
		byPage[k] = c
	}
	for k, c := range lookupOnlineMatrixCases(t, f, s) {
		byPage[k] = c
	}
	for k, c := range newsMatrixCases(t, f) {
		byPage[k] = c
	}
	for k, c := range newsImageMatrixCases(t, f, s) {
		byPage[k] = c
	}
	for k, c := range portalMatrixCases(t, f) {
		byPage[k] = c
	}
	for k, c := range dashboardMatrixCases(f) {
		byPage[k] = c
	}
	var cases []accesstest.Case
	for _, p := range s.pageList() {
		key := p.Method + " " + p.Pattern
		mc, ok := byPage[key]
		if !p.Access.Declared() {
			t.Errorf("page %s declares no Access: say who may use it in routes.go", key)
		}
		if !ok {
			t.Errorf("page %s has no case in the permission matrix (matrixCases)", key)
			continue
		}
		delete(byPage, key)
		cases = append(cases, accesstest.Case{Method: p.Method, Pattern: p.Pattern, Rule: p.Access,
			Target: mc.target, Deny400: mc.deny400, Marker: mc.marker, Allowed: mc.allowed, Last: mc.last, Build: mc.build})
	}
	for key := range byPage {
		t.Errorf("the matrix has a case for %s, which is no page", key)
	}
	accesstest.Run(t, f, mux, true, cases)
	accesstest.CheckDoc(t, "../../docs/PERMISSIONS.md", "web", accesstest.Doc(cases), *updateMatrix)
}

// matrixPreCSRF is the pre-session CSRF token the login and rating forms
// carry, in their cookie and their field.
const matrixPreCSRF = "matrix-pre-session-csrf-token-0123456789"

// matrixCases are the requests of each page, keyed "METHOD pattern".
func matrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	form := func(path string, fields func(t testing.TB, id who) url.Values) func(testing.TB, who) req {
		return func(t testing.TB, id who) req { return req{Path: path, Form: fields(t, id)} }
	}
	preSession := func(path string, v url.Values) req {
		v.Set("csrf", matrixPreCSRF)
		return req{Path: path, Form: v, Header: map[string]string{"Cookie": loginCSRFCookie + "=" + matrixPreCSRF}}
	}
	n := func() string { return fmt.Sprint(f.Unique()) }
	id64 := func(v int64) string { return fmt.Sprint(v) }
	own := id64(f.OwnUnit.ID)
	official := f.Who(org.RoleOfficial, accesstest.Own)
	head := f.Who(org.RoleHead, accesstest.Own)
	lead := f.NewPerson(t, true) // the lead of the tasks the matrix assigns: none of the identities
	doss := f.NewDossier(t)
	task := f.NewTask(t)
	plan := f.NewPlan(t)
	note := f.NewNotification(t)
	today := calendar.DateOf(time.Now().In(calendar.VN))
	period := fmt.Sprintf("unit=%s&from=%d-01-01&to=%s", own, today.Year, today)
	self := accesstest.Target{Parties: map[string]string{"self": official.Key()}}
	parties := accesstest.Target{Parties: accesstest.TaskParties}
	delegation := accesstest.Target{Parties: accesstest.DelegationParties}
	delegator := accesstest.Target{Parties: map[string]string{"delegator": head.Key()}}
	agencyCal := "/calendar/agencies/" + id64(f.Agency.ID)
	ownEval := f.NewOwnEvaluation(t)
	evalSelf := accesstest.Target{Parties: accesstest.EvaluationParties}
	hours := func(testing.TB, who) url.Values {
		return url.Values{"from1": {"01-01"}, "to1": {"12-31"}, "periods1": {"07:30-11:30, 13:00-17:00"}}
	}
	// importCells is a one-row task sheet for the lead above, led by the own unit.
	importCells := func() [][]string {
		head := taskHeaders()
		row := make([]string, len(head))
		for i, c := range taskColumns {
			switch c.Key {
			case "title":
				row[i] = "Tổng hợp số liệu nhập từ tệp số " + n()
			case "lead_person":
				row[i] = lead.Login
			case "working_days":
				row[i] = "5"
			}
		}
		return [][]string{head, row}
	}

	return map[string]matrixCase{
		"GET /login": {build: get("/login")},
		"POST /login": {build: func(_ testing.TB, id who) req {
			login := id.Login
			if id.Anonymous() {
				login = official.Login
			}
			return preSession("/login", url.Values{"login": {login}, "password": {accesstest.Password}})
		}},
		"GET /lang": {build: get("/lang?to=en&next=/calendar")},
		// A second session, so that logging out ends no identity's own.
		"POST /logout": {allowed: sessionCleared, build: func(t testing.TB, id who) req {
			return req{Path: "/logout", Form: url.Values{}, As: f.FreshSession(t, id)}
		}},
		"GET /{$}": {build: get("/")},

		"GET /units":     {marker: "Phòng Quản lý ngân sách", build: get("/units")},
		"GET /units/new": {build: get("/units/new?parent=" + own)},
		"POST /units": {build: form("/units", func(testing.TB, who) url.Values {
			return url.Values{"parent_id": {own}, "kind": {"division"}, "name": {"Tổ công tác " + n()}, "valid_from": {"2024-01-01"}}
		})},
		"GET /units/restructure": {build: get("/units/restructure")},
		"POST /units/restructure": {build: form("/units/restructure", func(t testing.TB, _ who) url.Values {
			u := f.NewUnit(t)
			return url.Values{"kind": {"rename"}, "sources": {id64(u.ID)}, "name": {u.Name + " (mới)"}, "effective_on": {"2025-03-01"},
				"decision": {"Quyết định số " + n() + "/QĐ-STC"}}
		})},

		"GET /people": {marker: fmt.Sprintf(`href="/people/%d"`, official.Person.ID),
			build: get("/people?q=" + url.QueryEscape(official.Person.FullName))},
		"GET /people/new": {build: get("/people/new")},
		"POST /people": {build: form("/people", func(testing.TB, who) url.Values {
			k := n()
			return url.Values{"full_name": {"Cán bộ mới số " + k}, "unit_id": {own}, "role": {"official"}, "valid_from": {"2026-01-01"},
				"login": {"moi." + k}, "password": {accesstest.Password}}
		})},
		"GET /people/{id}": {build: get("/people/" + id64(official.Person.ID))},
		"POST /people/{id}/memberships": {build: func(t testing.TB, _ who) req {
			p := f.NewPerson(t, false)
			return req{Path: "/people/" + id64(p.ID) + "/memberships",
				Form: url.Values{"unit_id": {id64(f.OtherUnit.ID)}, "role": {"official"}, "valid_from": {"2026-01-01"}}}
		}},
		"POST /people/{id}/memberships/{mid}/end": {build: func(t testing.TB, _ who) req {
			p := f.NewPerson(t, false)
			return req{Path: fmt.Sprintf("/people/%d/memberships/%d/end", p.ID, p.Memberships[0].ID), Form: url.Values{"valid_to": {"2026-06-30"}, "confirm": {"yes"}}}
		}},
		// The lead of the matrix's tasks, whose password no identity needs.
		"POST /people/{id}/password": {build: func(t testing.TB, _ who) req {
			return req{Path: "/people/" + id64(lead.ID) + "/password", Form: url.Values{"password": {"Mật-khẩu-mới-2026"}}}
		}},

		"GET /delegations": {build: get("/delegations")},
		// head@own's role delegated to the caller, in the future so that no
		// delegation changes a right during the run.
		"POST /delegations": {target: delegator, build: form("/delegations", func(_ testing.TB, id who) url.Values {
			to := id
			if id == head || id.Anonymous() {
				to = official
			}
			start := f.FutureWeek()
			return url.Values{"from_person_id": {id64(head.Person.ID)}, "to_person_id": {id64(to.Person.ID)},
				"starts_on": {start.Format("2006-01-02")}, "ends_on": {start.AddDate(0, 0, 5).Format("2006-01-02")}, "reason": {"Trưởng phòng đi công tác"}}
		})},

		// A fresh delegation of head@own's roles to official@own per row.
		"POST /delegations/{id}/revoke": {target: delegation, build: func(t testing.TB, _ who) req {
			return req{Path: fmt.Sprintf("/delegations/%d/revoke", f.NewDelegation(t).ID), Form: url.Values{"confirm": {"yes"}}}
		}},

		"GET /calendar":     {build: get("/calendar?year=2026")},
		"GET /calendar/due": {build: get("/calendar/due?received_on=2026-03-02&received_at=08:00&days=3&unit=working")},
		"POST /calendar/days": {build: form("/calendar/days", func(testing.TB, who) url.Values {
			return url.Values{"date": {f.FreeDay().String()}, "kind": {"holiday"}, "name": {"Ngày nghỉ thử"}}
		})},
		"POST /calendar/days/{date}/delete": {build: func(t testing.TB, _ who) req {
			return req{Path: "/calendar/days/" + f.NewCalendarDay(t).String() + "/delete", Form: url.Values{"confirm": {"yes"}}}
		}},
		"POST /calendar/settings": {build: form("/calendar/settings", func(testing.TB, who) url.Values {
			return url.Values{"culture_24_11": {"1"}, "year": {"2026"}}
		})},
		"POST /calendar/hours":                   {build: form("/calendar/hours", hours)},
		"POST /calendar/national/hours":          {build: form("/calendar/national/hours", hours)},
		"POST /calendar/agencies/{agency}/hours": {build: form(agencyCal+"/hours", hours)},
		"POST /calendar/agencies/{agency}/days": {build: form(agencyCal+"/days", func(testing.TB, who) url.Values {
			return url.Values{"date": {f.FreeDay().String()}, "name": {"Ngày thành lập Sở"}}
		})},
		"POST /calendar/agencies/{agency}/days/{date}/delete": {build: func(t testing.TB, _ who) req {
			return req{Path: agencyCal + "/days/" + f.NewAgencyDayOff(t).String() + "/delete", Form: url.Values{"confirm": {"yes"}}}
		}},

		"GET /procedures":        {marker: accesstest.ProcedureCode, build: get("/procedures")},
		"GET /procedures/{code}": {build: get("/procedures/" + accesstest.ProcedureCode)},
		// The latest dossiers (a query would be echoed in the search box).
		"GET /dossiers": {marker: doss.Code, build: get("/dossiers")},
		// The procedure is looked up in the caller's agency: from another,
		// procedure_code names nothing (a 400 on the field).
		"POST /dossiers": {target: accesstest.Target{AtDesk: true}, deny400: true, build: form("/dossiers", func(testing.TB, who) url.Values {
			return url.Values{"procedure_code": {accesstest.ProcedureCode}, "name": {"Trần Thị Bình"}, "id_number": {"001203004567"},
				"phone": {"0912345678"}, "channel": {"direct"}, "sets": {"1"}}
		})},
		"GET /dossiers/new":           {build: get("/dossiers/new?procedure=" + accesstest.ProcedureCode)},
		"GET /dossiers/new/documents": {build: get("/dossiers/new/documents?procedure_code=" + accesstest.ProcedureCode)},
		"GET /dossiers/queue":         {build: get("/dossiers/queue")},
		"GET /consultations":          {build: get("/consultations")},
		"GET /dossiers/handled":       {build: get("/dossiers/handled")},
		"GET /dossiers/export.xlsx":   {build: get("/dossiers/export.xlsx?q=" + url.QueryEscape(doss.Code))},
		"GET /dossiers/unit":          {build: get("/dossiers/unit")},
		"GET /dossiers/{code}":        {build: get("/dossiers/" + doss.Code)},
		"POST /dossiers/{code}/events": {build: func(t testing.TB, _ who) req {
			d := f.NewDossier(t)
			return req{Path: "/dossiers/" + d.Code + "/events", Form: url.Values{"action": {"request_supplement"},
				"version": {fmt.Sprint(d.Version)}, "reason": {"Bổ sung bản sao quyết định giao dự toán"}}}
		}},
		"GET /dossiers/{code}/forms/{form}": {build: get("/dossiers/" + doss.Code + "/forms/slip.pdf")},
		"POST /dossiers/{code}/receipt": {build: func(testing.TB, who) req {
			return req{Path: "/dossiers/" + doss.Code + "/receipt", Form: url.Values{"secret": {doss.Secret}}}
		}},
		"POST /dossiers/{code}/lookup-secret": {target: accesstest.Target{AtDesk: true}, build: func(t testing.TB, _ who) req {
			d := f.NewDossier(t)
			return req{Path: "/dossiers/" + d.Code + "/lookup-secret", Form: url.Values{}}
		}},
		"GET /stats/dossiers/book.pdf": {build: get("/stats/dossiers/book.pdf?" + period)},
		"GET /stats/dossiers":          {build: get("/stats/dossiers?" + period)},
		"GET /stats/dossiers/{figure}": {build: get("/stats/dossiers/received_direct?" + period)},
		"GET /tra-cuu":                 {build: get("/tra-cuu")},
		"POST /tra-cuu": {build: func(testing.TB, who) req {
			return preSession("/tra-cuu", url.Values{"code": {doss.Code}, "secret": {doss.Secret}})
		}},
		"POST /tra-cuu/danh-gia": {build: func(t testing.TB, _ who) req {
			d := f.NewReturnedDossier(t)
			return preSession("/tra-cuu/danh-gia", url.Values{"code": {d.Code}, "secret": {d.Secret}, "score": {"1"}, "comment": {"Cán bộ nhiệt tình"}})
		}},

		"GET /plans":     {marker: plan.Title, build: get("/plans")},
		"GET /plans/new": {build: get("/plans/new")},
		"POST /plans": {build: form("/plans", func(testing.TB, who) url.Values {
			return url.Values{"title": {"Kế hoạch chuyên đề số " + n()}, "owner_unit_id": {own}, "period_kind": {"year"}, "year": {"2026"}}
		})},
		"GET /plans/{id}": {build: get("/plans/" + id64(plan.ID))},
		"POST /plans/{id}/actuals": {build: form("/plans/"+id64(plan.ID)+"/actuals", func(testing.TB, who) url.Values {
			return url.Values{"target_id": {id64(plan.TargetID)}, "label": {"Tháng 3/2026"}, "date": {"2026-03-31"}, "value": {"5"},
				"evidence": {"Báo cáo số 12/BC-QLNS"}}
		})},
		"GET /tasks":          {target: parties, marker: task.Title, build: get("/tasks?tab=due")},
		"GET /tasks/calendar": {target: parties, marker: task.Title, build: get("/tasks/calendar?month=" + task.Deadline.In(calendar.VN).Format("2006-01"))},
		"GET /tasks/new":      {build: get("/tasks/new")},
		"POST /tasks": {build: form("/tasks", func(testing.TB, who) url.Values {
			return url.Values{"title": {"Tổng hợp số liệu quý số " + n()}, "lead_person_id": {id64(lead.ID)},
				"deadline_kind": {"days"}, "deadline_days": {"5"}}
		})},
		"GET /tasks/template.xlsx": {build: get("/tasks/template.xlsx")},
		"GET /tasks/export.xlsx":   {build: get("/tasks/export.xlsx")},
		"GET /tasks/import":        {build: get("/tasks/import")},
		// The lead is named by login, looked up in the caller's agency.
		"POST /tasks/import": {deny400: true, build: func(t testing.TB, _ who) req {
			return multipartSheet(t, "/tasks/import", importCells())
		}},
		"POST /tasks/import/confirm": {deny400: true, build: func(_ testing.TB, id who) req {
			data, _ := json.Marshal(importCells())
			return req{Path: "/tasks/import/confirm", Form: url.Values{"rows": {string(data)}, "sig": {importSigFor(s, id, string(data))}}}
		}},
		"GET /tasks/{id}": {target: parties, build: get("/tasks/" + id64(task.ID))},
		"POST /tasks/{id}/events": {target: parties, build: func(t testing.TB, _ who) req {
			tk := f.NewTask(t)
			return req{Path: fmt.Sprintf("/tasks/%d/events", tk.ID), Form: url.Values{"action": {"start"}, "version": {fmt.Sprint(tk.Version)}}}
		}},
		"GET /inbox":           {target: accesstest.Target{Parties: accesstest.NotificationParties}, marker: "Nhiệm vụ đến hạn hôm nay", build: get("/inbox")},
		"POST /inbox/read-all": {build: func(testing.TB, who) req { return req{Path: "/inbox/read-all", Form: url.Values{}} }},
		"GET /inbox/latest": {target: accesstest.Target{Parties: accesstest.NotificationParties}, marker: "Nhiệm vụ đến hạn hôm nay",
			build: func(testing.TB, who) req {
				return req{Path: "/inbox/latest", Header: map[string]string{"HX-Request": "true"}}
			}},
		"GET /me/notifications": {build: get("/me/notifications")},
		"POST /me/notifications": {build: func(testing.TB, who) req {
			return req{Path: "/me/notifications", Form: url.Values{"email": {"dossier_forwarded", "digest"}}}
		}},
		"POST /inbox/{id}/read": {target: accesstest.Target{Parties: accesstest.NotificationParties},
			build: func(testing.TB, who) req { return req{Path: fmt.Sprintf("/inbox/%d/read", note), Form: url.Values{}} }},
		"GET /late":               {build: get("/late?unit=" + own)},
		"GET /evaluations":        {build: get("/evaluations?year=2026")},
		"POST /evaluations":       {build: form("/evaluations", func(testing.TB, who) url.Values { return url.Values{"year": {"2026"}, "period": {"q1"}} })},
		"GET /evaluations/unit":   {build: get("/evaluations/unit?year=2026&period=3")},
		"GET /evaluations/agency": {build: get("/evaluations/agency?year=2026&period=3")},
		"GET /evaluations/year":   {build: get("/evaluations/year?year=2026")},
		"GET /evaluations/rules":  {build: get("/evaluations/rules")},
		"POST /evaluations/rules": {build: form("/evaluations/rules", func(testing.TB, who) url.Values {
			return url.Values{"version": {"so-" + n()}, "effective_from": {"01/01/2027"}, "quota_percent": {"20"},
				"common_politics": {"10"}, "common_capacity": {"10"}, "common_innovation": {"10"},
				"staff_quantity": {"1"}, "staff_quality": {"1"}, "staff_progress": {"1"},
				"leader_quantity": {"1"}, "leader_quality": {"1"}, "leader_progress": {"1"}, "leader_unit": {"1"}}
		})},
		"POST /evaluations/discipline": {build: form("/evaluations/discipline", func(testing.TB, who) url.Values {
			return url.Values{"person_id": {id64(lead.ID)}, "level": {"khien_trach"}, "decided_on": {"20/03/2026"}, "decision": {"12/QĐ-STC"}}
		})},
		"GET /evaluations/{id}":          {target: evalSelf, build: get("/evaluations/" + id64(ownEval.ID))},
		"GET /evaluations/{id}/form.pdf": {target: evalSelf, build: get("/evaluations/" + id64(ownEval.ID) + "/form.pdf")},
		"POST /evaluations/{id}/events": {build: func(t testing.TB, _ who) req {
			e := f.NewSelfAssessedEvaluation(t)
			return req{Path: "/evaluations/" + id64(e.ID) + "/events", Form: url.Values{"action": {"assess"}, "version": {fmt.Sprint(e.Version)},
				"common_politics": {"9"}, "common_capacity": {"9,5"}, "common_innovation": {"8"}}}
		}},
		"GET /people/{id}/figures": {target: self, build: get("/people/" + id64(official.Person.ID) + "/figures?year=2026&month=3")},

		"GET /audit":         {build: get("/audit")},
		"POST /audit/verify": {build: func(testing.TB, who) req { return req{Path: "/audit/verify", Form: url.Values{}} }},
	}
}

// sessionCleared reports whether an answer ends the browser's session,
// which only logging out does (an anonymous visitor is sent to the login
// page too, but keeps no cookie to clear).
func sessionCleared(rec *httptest.ResponseRecorder) bool {
	for _, c := range rec.Result().Cookies() {
		if c.Name == httpx.SessionCookie && c.MaxAge < 0 {
			return true
		}
	}
	return false
}

// multipartSheet is an upload of cells as the workbook of the task import.
func multipartSheet(t testing.TB, path string, cells [][]string) accesstest.Request {
	t.Helper()
	var sheet bytes.Buffer
	rows := make([][]any, 0, len(cells)-1)
	for _, r := range cells[1:] {
		row := make([]any, len(r))
		for i, c := range r {
			row[i] = c
		}
		rows = append(rows, row)
	}
	if err := report.WriteTable(&sheet, taskSheet, cells[0], rows); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "nhiem-vu.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(sheet.Bytes())
	mw.Close()
	return accesstest.Request{Path: path, Body: body.String(), ContentType: mw.FormDataContentType()}
}

// importSigFor signs rows as the preview would have for id's session.
func importSigFor(s *Server, id *accesstest.Identity, data string) string {
	r := httptest.NewRequest("POST", "/", nil)
	r = r.WithContext(httpx.WithSubject(context.Background(), nil, &auth.Session{CSRFToken: id.CSRF}))
	return s.importSig(r, data)
}
