package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// newFullServer is the API with every module's policy, as cli.NewHandler
// builds it.
func newFullServer(t *testing.T, st httpx.Store) *http.ServeMux {
	t.Helper()
	p := auth.NewPolicy()
	dossier.RegisterPolicy(p)
	work.RegisterPolicy(p)
	investment.RegisterPolicy(p)
	s := New(httpx.Deps{Store: st, Policy: p, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: httpx.NewMetrics(), Now: time.Now})
	mux := http.NewServeMux()
	s.Register(mux)
	return mux
}

// TestParentAgencyReachesNoDepartment: the provincial committee is the
// parent of the department in the tree but another agency; its director and
// head (roles held in the committee's own unit), and the head of a sibling
// department, reach none of the department's tasks, dossiers, statistics,
// plans or people (issue #11, finding 1). The department's own director
// does each of these, so every refusal below is a real one.
func TestParentAgencyReachesNoDepartment(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDossierFixture(t, db)
		mux := newFullServer(t, db)
		ctx := context.Background()
		days := 10.0
		const taskTitle = "Thẩm định kế hoạch lựa chọn nhà thầu gói thầu số 7"
		h, err := db.CreateTask(ctx, audit.Actor{PersonID: f.head.ID, Name: f.head.FullName}, work.NewTask{
			AgencyID: f.agency.ID, Title: taskTitle, Product: "Báo cáo thẩm định", LeadUnitID: f.bidding.ID,
			LeadPersonID: f.official.ID, AssignerID: f.head.ID, Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		task := fmt.Sprint(h.Task.ID)
		vars := map[string]string{}
		fwd := fmt.Sprintf(`"to_unit_id":%d,"to_person_id":%d`, f.bidding.ID, f.official.ID)
		runDossierSteps(t, f, mux, vars, []dossierStep{
			{name: "intake", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Nguyễn Văn An", "direct", oct(1, 8, 0)), status: 201, save: "A"},
			{name: "forward", method: "POST", path: "/api/v1/dossiers/{A}/events", who: "clerk", body: event("forward", oct(1, 10, 0), fwd), status: 200},
		})
		code := vars["A"]
		const period = "from=2026-10-01&to=2026-10-31"
		id := func(n int64) string { return fmt.Sprint(n) }
		supplement := event("request_supplement", oct(2, 9, 0), `"reason":"Bổ sung báo cáo"`)
		plan := `{"title":"Kế hoạch của tỉnh cho phòng","owner_unit_id":` + id(f.bidding.ID) + `,"period":{"kind":"year","year":2026}}`
		delegation := func(from int64) string {
			return fmt.Sprintf(`{"from_person_id":%d,"to_person_id":%%d,"starts_at":"2026-12-01T00:00:00+07:00","ends_at":"2026-12-05T00:00:00+07:00"}`, from)
		}
		type attempt struct {
			name, method, path, body string
			absent                   string // must not be in the answer, whoever asks
		}
		attempts := []attempt{
			{"read the task", "GET", "/api/v1/tasks/" + task, "", taskTitle},
			{"list the unit's tasks", "GET", "/api/v1/tasks?unit_id=" + id(f.bidding.ID), "", taskTitle},
			{"list tasks", "GET", "/api/v1/tasks", "", taskTitle},
			{"read the dossier", "GET", "/api/v1/dossiers/" + code, "", "001203004567"},
			{"list dossiers", "GET", "/api/v1/dossiers?queue=all", "", code},
			{"request a supplement", "POST", "/api/v1/dossiers/" + code + "/events", supplement, ""},
			{"read the department's statistics", "GET", "/api/v1/stats/dossiers?unit=" + id(f.agency.ID) + "&" + period, "", ""},
			{"read the division's statistics", "GET", "/api/v1/stats/dossiers?unit=" + id(f.bidding.ID) + "&" + period, "", ""},
			{"export the department's XES", "GET", "/api/v1/dossiers/export.xes?unit=" + id(f.agency.ID) + "&" + period, "", code},
			{"create a plan in the division", "POST", "/api/v1/plans", plan, ""},
			{"take the head's roles", "POST", "/api/v1/delegations", delegation(f.head.ID), ""},
			{"take the director's roles", "POST", "/api/v1/delegations", delegation(f.director.ID), ""},
			{"people of the department", "GET", "/api/v1/people?subtree=true&unit_id=" + id(f.agency.ID), "", f.official.FullName},
		}
		outsiders := map[string]int64{"provdirector": f.provDirector.ID, "provhead": f.provHead.ID, "sibhead": f.siblingHead.ID}
		for who, me := range outsiders {
			for _, a := range attempts {
				body := strings.ReplaceAll(a.body, "%d", id(me))
				rec := do(mux, call{method: a.method, path: a.path, body: body, token: f.tokens[who]})
				refused := rec.Code == http.StatusForbidden || rec.Code == http.StatusNotFound
				listing := a.method == "GET" && a.absent != "" && rec.Code == http.StatusOK
				if !refused && !listing {
					t.Errorf("%s: %s %s = %d, want a refusal\n%.300s", who, a.name, a.path, rec.Code, rec.Body)
				}
				if a.absent != "" && strings.Contains(rec.Body.String(), a.absent) {
					t.Errorf("%s: %s shows %q\n%.300s", who, a.name, a.absent, rec.Body)
				}
			}
		}
		// Reports on the committee's own unit count none of the department's
		// dossiers.
		for _, path := range []string{"/api/v1/stats/dossiers?unit=" + id(f.province.ID) + "&" + period,
			"/api/v1/dossiers/export.xes?unit=" + id(f.province.ID) + "&" + period} {
			rec := do(mux, call{method: "GET", path: path, token: f.tokens["provdirector"]})
			if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), code) || strings.Contains(rec.Body.String(), `"received":{"total":1`) {
				t.Errorf("provdirector on the committee: %s = %d\n%.300s", path, rec.Code, rec.Body)
			}
		}
		// The dossier's clock was not paused.
		rec := do(mux, call{method: "GET", path: "/api/v1/dossiers/" + code, token: f.tokens["director"]})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status_code":4`) || !strings.Contains(rec.Body.String(), "001203004567") {
			t.Errorf("the department's director reads its dossier: %d\n%.300s", rec.Code, rec.Body)
		}
		// The department's director does what the outsiders could not.
		for _, a := range attempts {
			if a.method != "GET" {
				continue
			}
			rec := do(mux, call{method: a.method, path: a.path, token: f.tokens["director"]})
			if rec.Code != http.StatusOK || (a.absent != "" && !strings.Contains(rec.Body.String(), a.absent)) {
				t.Errorf("director: %s = %d, want 200 with %q\n%.300s", a.name, rec.Code, a.absent, rec.Body)
			}
		}
		for _, a := range []call{
			{method: "POST", path: "/api/v1/plans", body: plan, token: f.tokens["director"]},
			{method: "POST", path: "/api/v1/delegations", body: strings.ReplaceAll(delegation(f.head.ID), "%d", id(f.official.ID)), token: f.tokens["director"]},
		} {
			if rec := do(mux, a); rec.Code != http.StatusCreated {
				t.Errorf("director: %s %s = %d\n%.300s", a.method, a.path, rec.Code, rec.Body)
			}
		}
	})
}
