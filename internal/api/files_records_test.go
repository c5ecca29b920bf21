package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/file/filetest"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestRecordFilesAPI: a task's and a plan's files through the API, under
// the record's own rule (a task's lead or assigner, a plan's reporters),
// each attachment and removal in the record's journal; and the bodies that
// create records with documents refer to uploaded files by id — an
// intake's scans, a dossier event's decision, a progress report's report —
// written in the record's own transaction, nothing written when one file
// is refused.
func TestRecordFilesAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		fx := accesstest.New(t, db, false)
		s, mux := newTestServer(t, db, nil)
		dossier.RegisterPolicy(s.deps.Policy)
		work.RegisterPolicy(s.deps.Policy)
		lead, head := fx.Who(org.RoleOfficial, accesstest.Own), fx.Who(org.RoleHead, accesstest.Own)
		director, other := fx.Who(org.RoleDirector, accesstest.Top), fx.Who(org.RoleOfficial, accesstest.Other)
		clerk := fx.Who(org.RoleClerk, accesstest.Top)
		png := filetest.PNG(t)
		upload := func(who *accesstest.Identity, name string) int64 {
			return s.uploadAs(t, who.Person.ID, fx.Agency.ID, name, png).ID
		}
		call := func(who *accesstest.Identity, method, path, body string) *httptest.ResponseRecorder {
			return do(mux, call{method: method, path: path, token: who.Token, body: body})
		}
		journal := func(kind, id string) string {
			evs, err := db.FindAuditEvents(t.Context(), audit.Filter{ObjectType: kind, ObjectID: id})
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, e := range evs {
				actions = append(actions, e.Action)
			}
			return strings.Join(actions, " ")
		}

		// A task: its lead attaches a report, the assigner removes it; a
		// director who may see it may not change it; another unit's
		// official does not see it.
		task := fx.NewTask(t)
		tpath := fmt.Sprintf("/api/v1/tasks/%d/files", task.ID)
		rec := call(lead, "POST", tpath, fmt.Sprintf(`{"file_id":%d,"slot":"report"}`, upload(lead, "Báo cáo tuần.png")))
		if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"slot":"report"`) {
			t.Fatalf("the lead attaches a report: %d %s", rec.Code, rec.Body)
		}
		var att attachmentResponse
		json.Unmarshal(rec.Body.Bytes(), &att)
		for _, c := range []struct {
			name       string
			who        *accesstest.Identity
			body, want string
			status     int
		}{
			{"a director who is no party", director, fmt.Sprintf(`{"file_id":%d,"slot":"decision"}`, upload(director, "QĐ.png")), "Chỉ người chủ trì hoặc người giao", 403},
			{"another unit's official", other, fmt.Sprintf(`{"file_id":%d,"slot":"report"}`, upload(other, "x.png")), "", 404},
			{"a dossier's slot", lead, fmt.Sprintf(`{"file_id":%d,"slot":"result"}`, upload(lead, "y.png")), `"field":"slot"`, 400},
			{"another's upload", lead, fmt.Sprintf(`{"file_id":%d,"slot":"report"}`, upload(head, "z.png")), `"field":"file_id"`, 404},
		} {
			if rec := call(c.who, "POST", tpath, c.body); rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("%s attaches to the task: %d %s, want %d with %q", c.name, rec.Code, rec.Body, c.status, c.want)
			}
		}
		if rec := call(director, "GET", tpath, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Báo cáo tuần.png") {
			t.Errorf("the director lists the task's files: %d %s", rec.Code, rec.Body)
		}
		if rec := call(other, "GET", tpath, ""); rec.Code != 404 {
			t.Errorf("another unit's official lists the task's files: %d", rec.Code)
		}
		if rec := call(head, "DELETE", fmt.Sprintf("%s/%d", tpath, att.ID), ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"removed_at"`) {
			t.Errorf("the assigner removes the report: %d %s", rec.Code, rec.Body)
		}
		if rec := call(head, "DELETE", fmt.Sprintf("%s/%d", tpath, att.ID), ""); rec.Code != 409 {
			t.Errorf("removing twice: %d", rec.Code)
		}
		if got := journal("task", fmt.Sprint(task.ID)); !strings.HasPrefix(got, "remove_file attach_file") {
			t.Errorf("the task's journal: %s", got)
		}

		// A plan: its reporters attach a target's evidence; an official may not.
		plan := fx.NewPlan(t)
		ppath := fmt.Sprintf("/api/v1/plans/%d/files", plan.ID)
		rec = call(head, "POST", ppath, fmt.Sprintf(`{"file_id":%d,"slot":"evidence:%d"}`, upload(head, "Minh chứng quý 1.png"), plan.TargetID))
		if rec.Code != 201 {
			t.Fatalf("the head attaches evidence: %d %s", rec.Code, rec.Body)
		}
		json.Unmarshal(rec.Body.Bytes(), &att)
		if rec := call(head, "POST", ppath, fmt.Sprintf(`{"file_id":%d,"slot":"evidence:%d"}`, upload(head, "a.png"), plan.TargetID+1000)); rec.Code != 400 ||
			!strings.Contains(rec.Body.String(), "Kế hoạch không có chỉ tiêu") {
			t.Errorf("evidence of a target the plan lacks: %d %s", rec.Code, rec.Body)
		}
		if rec := call(lead, "POST", ppath, fmt.Sprintf(`{"file_id":%d,"slot":"decision"}`, upload(lead, "b.png"))); rec.Code != 403 {
			t.Errorf("an official attaches to the plan: %d %s", rec.Code, rec.Body)
		}
		if rec := call(director, "GET", ppath, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), fmt.Sprintf(`"slot":"evidence:%d"`, plan.TargetID)) {
			t.Errorf("the plan's files: %d %s", rec.Code, rec.Body)
		}
		if rec := call(director, "DELETE", fmt.Sprintf("%s/%d", ppath, att.ID), ""); rec.Code != 200 {
			t.Errorf("the director removes the evidence: %d %s", rec.Code, rec.Body)
		}
		if got := journal("plan", fmt.Sprint(plan.ID)); !strings.HasPrefix(got, "remove_file attach_file") {
			t.Errorf("the plan's journal: %s", got)
		}

		// A progress report that refers to its report by id: the event and
		// the file together; with a file the lead may not attach, neither.
		task2 := fx.NewTask(t)
		events := fmt.Sprintf("/api/v1/tasks/%d/events", task2.ID)
		if rec := call(lead, "POST", events, `{"action":"start"}`); rec.Code != 200 {
			t.Fatalf("start: %d %s", rec.Code, rec.Body)
		}
		task2.Version++
		if rec := call(lead, "POST", events, fmt.Sprintf(`{"action":"report_progress","files":[{"file_id":%d}],"version":%d}`, upload(head, "c.png"), task2.Version)); rec.Code != 404 ||
			!strings.Contains(rec.Body.String(), `"field":"files[0].file_id"`) {
			t.Errorf("a report with another's upload: %d %s", rec.Code, rec.Body)
		}
		rec = call(lead, "POST", events, fmt.Sprintf(`{"action":"report_progress","files":[{"file_id":%d}],"version":%d}`, upload(lead, "Báo cáo tiến độ.png"), task2.Version))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"slot":"report"`) || !strings.Contains(rec.Body.String(), `"attachments":["Báo cáo tiến độ.png"]`) {
			t.Fatalf("a report with its file: %d %s", rec.Code, rec.Body)
		}
		if rec := call(director, "GET", fmt.Sprintf("/api/v1/tasks/%d/files", task2.ID), ""); !strings.Contains(rec.Body.String(), "Báo cáo tiến độ.png") {
			t.Errorf("the report's file is not on the task: %s", rec.Body)
		}
		if got := journal("task", fmt.Sprint(task2.ID)); !strings.HasPrefix(got, "attach_file report_progress") {
			t.Errorf("the task's journal after the report: %s", got)
		}

		// A dossier event that attaches its decision by id.
		d := fx.NewDossier(t)
		rec = call(lead, "POST", "/api/v1/dossiers/"+d.Code+"/events", fmt.Sprintf(`{"action":"request_supplement","reason":"Bổ sung bản sao quyết định","version":%d,"files":[{"file_id":%d}]}`,
			d.Version, upload(lead, "Thông báo bổ sung.png")))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"slot":"decision"`) {
			t.Fatalf("a supplement request with its notice: %d %s", rec.Code, rec.Body)
		}
		if rec := call(lead, "POST", "/api/v1/dossiers/"+d.Code+"/events", fmt.Sprintf(`{"action":"request_supplement","reason":"x","version":%d,"files":[{"file_id":0}]}`,
			d.Version+1)); rec.Code != 400 || !strings.Contains(rec.Body.String(), `"field":"files[0].file_id"`) {
			t.Errorf("a file id of 0: %d %s", rec.Code, rec.Body)
		}
		if got := journal("dossier", d.Code); !strings.HasPrefix(got, "attach_file request_supplement") {
			t.Errorf("the dossier's journal: %s", got)
		}

		// An intake whose checklist lines carry their scans by id.
		body := func(scan int64) string {
			return fmt.Sprintf(`{"procedure_code":%q,"applicant":{"name":"Trần Thị Bình","id_number":"001203004567","phone":"0912345678"},`+
				`"documents":[{"name":"Tờ khai"},{"name":"Bản sao quyết định","copy":"certified_copy","file_id":%d}]}`, accesstest.ProcedureCode, scan)
		}
		theirs := upload(head, "d.png")
		before := countAll(t, db)
		if rec := call(clerk, "POST", "/api/v1/dossiers", body(theirs)); rec.Code != 404 || !strings.Contains(rec.Body.String(), `"field":"documents[1].file_id"`) {
			t.Errorf("an intake with another's upload: %d %s", rec.Code, rec.Body)
		}
		if after := countAll(t, db); after != before {
			t.Errorf("a refused intake wrote: %+v, then %+v", before, after)
		}
		rec = call(clerk, "POST", "/api/v1/dossiers", body(upload(clerk, "Bản quét quyết định.png")))
		if rec.Code != 201 {
			t.Fatalf("an intake with a scan: %d %s", rec.Code, rec.Body)
		}
		var created struct{ Code string }
		json.Unmarshal(rec.Body.Bytes(), &created)
		if rec := call(clerk, "GET", "/api/v1/dossiers/"+created.Code+"/files", ""); !strings.Contains(rec.Body.String(), `"slot":"doc:2"`) ||
			!strings.Contains(rec.Body.String(), "Bản quét quyết định.png") {
			t.Errorf("the intake's scan: %s", rec.Body)
		}
		if got := journal("dossier", created.Code); !strings.Contains(got, "attach_file") || !strings.Contains(got, "receive") {
			t.Errorf("the intake's journal: %s", got)
		}
	})
}
