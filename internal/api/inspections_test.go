package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestInspectionAPI: an inspector draws a sample of the own unit's tasks
// with a seed, twice, and gets the same sample; bad input is a 400 naming
// the field and writes nothing; a recommendation becomes a task led by its
// owner and assigned by the inspector; a lesson is found without
// diacritics.
func TestInspectionAPI(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	work.RegisterPolicy(s.deps.Policy)
	inspection.RegisterPolicy(s.deps.Policy)
	for range 5 {
		f.NewTask(t)
	}
	insp := f.Who(org.RoleInspector, accesstest.Own)
	today := calendar.DateOf(time.Now())
	post := func(path, body string, token string) (int, map[string]any) {
		rec := do(mux, call{method: "POST", path: path, body: body, token: token, header: map[string]string{"Content-Type": "application/json"}})
		var out map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		if e, ok := out["error"].(map[string]any); ok {
			out = e
		}
		return rec.Code, out
	}
	create := fmt.Sprintf(`{"title":"Kiểm tra thực hiện nhiệm vụ năm %d","subject":"task","unit_ids":[%d],"from":"%d-01-01","to":"%s","sample_size":3,"seed":"42"}`,
		today.Year, f.OwnUnit.ID, today.Year, today)
	refs := func(out map[string]any) string {
		var b strings.Builder
		for _, it := range out["items"].([]any) {
			fmt.Fprint(&b, it.(map[string]any)["ref_id"], " ")
		}
		return b.String()
	}
	code, a := post("/api/v1/inspections", create, insp.Token)
	if code != http.StatusCreated || a["seed"] != "42" || len(a["items"].([]any)) != 3 || a["population"].(float64) != 5 {
		t.Fatalf("create: %d %v", code, a)
	}
	_, b := post("/api/v1/inspections", create, insp.Token)
	if refs(a) != refs(b) {
		t.Fatalf("the same seed drew %s then %s", refs(a), refs(b))
	}
	if code, _ := post("/api/v1/inspections", create, f.Who(org.RoleDirector, accesstest.Top).Token); code != http.StatusForbidden {
		t.Errorf("the director opens an inspection: %d, want 403", code)
	}
	for _, c := range []struct{ body, field string }{
		{strings.Replace(create, `"task"`, `"unit"`, 1), "subject"},
		{strings.Replace(create, `"sample_size":3`, `"sample_size":0`, 1), "sample_size"},
		{strings.Replace(create, `"seed":"42"`, `"seed":"-4"`, 1), "seed"},
		{strings.Replace(create, fmt.Sprintf(`"from":"%d-01-01"`, today.Year), `"from":"2026-02-30"`, 1), "from"},
		{strings.Replace(create, fmt.Sprintf(`"from":"%d-01-01"`, today.Year), `"from":"2000-01-01","members":[999999]`, 1), "members"},
	} {
		code, out := post("/api/v1/inspections", c.body, insp.Token)
		if code != http.StatusBadRequest || out["field"] != c.field {
			t.Errorf("%s: %d %v, want 400 naming %s", c.field, code, out, c.field)
		}
	}
	rows, _ := db.ListInspections(t.Context(), f.Agency.ID, 0)
	if len(rows) != 2 {
		t.Fatalf("%d inspections stored, want the 2 accepted", len(rows))
	}
	id := int64(a["id"].(float64))
	owner := f.Who(org.RoleHead, accesstest.Own)
	code, out := post(fmt.Sprintf("/api/v1/inspections/%d/recommendations", id),
		fmt.Sprintf(`{"text":"Báo cáo tiến độ hằng tuần","owner_person_id":%d,"due":%q}`, owner.Person.ID, today.AddDays(20)), insp.Token)
	if code != http.StatusCreated {
		t.Fatalf("recommendation: %d %v", code, out)
	}
	r := out["recommendations"].([]any)[0].(map[string]any)
	task, err := db.FindTaskByID(t.Context(), int64(r["task_id"].(float64)))
	if err != nil || task.Task.LeadPersonID != owner.Person.ID || task.Task.AssignerID != insp.Person.ID || r["task_state"] != "assigned" || r["closed"] != false {
		t.Fatalf("the recommendation's task %+v %v; %v", task.Task, err, r)
	}
	if code, out := post(fmt.Sprintf("/api/v1/inspections/%d/findings", id), `{"ref_id":1,"text":"Không thuộc mẫu"}`, insp.Token); code != http.StatusBadRequest || out["field"] != "ref_id" {
		t.Errorf("a finding on an item out of the sample: %d %v", code, out)
	}

	d := f.NewDossier(t)
	if code, out := post("/api/v1/lessons", fmt.Sprintf(`{"kind":"dossier","ref":%q,"what":"Chờ ý kiến phối hợp quá lâu","lesson":"Hỏi ý kiến song song"}`, d.Code),
		f.Who(org.RoleOfficial, accesstest.Own).Token); code != http.StatusCreated || out["procedure_code"] != accesstest.ProcedureCode {
		t.Fatalf("lesson: %d %v", code, out)
	}
	rec := do(mux, call{method: "GET", path: "/api/v1/lessons?q=cho+y+kien", token: f.Who(org.RoleClerk, accesstest.Top).Token})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Chờ ý kiến phối hợp") {
		t.Fatalf("search without diacritics: %d %s", rec.Code, rec.Body)
	}
}
