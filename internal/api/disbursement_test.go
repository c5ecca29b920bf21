package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDisbursementAPI: issue #13 items 4, 5 and 11 over HTTP on both
// engines — two projects' plans, a month's figures by the investor's own
// staff, the rates against both plans in the reply and in the statistics,
// and each refusal of item 11 with its status and field, nothing written.
func TestDisbursementAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newInvAPIFixture(t, db)
		mux := newFullServer(t, db)
		send := func(tok, method, path, body string) (int, string) {
			rec := do(mux, call{method: method, path: path, body: body, token: tok})
			return rec.Code, rec.Body.String()
		}
		project := func(code string, inv int64) {
			t.Helper()
			body := fmt.Sprintf(`{"code":%q,"name":"Đường giao thông liên xã %s","investor_id":%d,"sector_band":"k5",
				"total_investment":{"provincial":80000000000,"central":20000000000},"start_year":2025,"end_year":2028,"commune":"Xã Yên Phong"}`, code, code, inv)
			if c, b := send(f.official, "POST", "/api/v1/projects", body); c != 201 {
				t.Fatalf("project: %d %s", c, b)
			}
		}
		project("GT-01", f.invA.ID)
		project("GT-02", f.invB.ID)

		year := time.Now().In(time.FixedZone("ICT", 7*3600)).Year()
		plan := func(code, source string, pm, local int64) (int, string) {
			return send(f.official, "POST", "/api/v1/projects/"+code+"/plans",
				fmt.Sprintf(`{"year":%d,"source":%q,"assigned_by_pm":%d,"allocated_locally":%d}`, year, source, pm, local))
		}
		for _, p := range []struct {
			code, source string
			pm, local    int64
		}{{"GT-01", "provincial", 40_000_000_000, 50_000_000_000}, {"GT-01", "central", 10_000_000_000, 10_000_000_000}, {"GT-02", "provincial", 20_000_000_000, 20_000_000_000}} {
			if code, body := plan(p.code, p.source, p.pm, p.local); code != 201 || !strings.Contains(body, `"version":1`) {
				t.Fatalf("plan %s %s: %d %s", p.code, p.source, code, body)
			}
		}
		figure := func(month int, source string, actual, next int64) string {
			return fmt.Sprintf(`{"year":%d,"month":%d,"source":%q,"cumulative_actual":%d,"estimate_next":%d}`, year, month, source, actual, next)
		}

		// The investor's own staff report January; the reply has the rates
		// against both plans of the source.
		code, body := send(f.staffA, "POST", "/api/v1/projects/GT-01/disbursements", figure(1, "provincial", 10_000_000_000, 12_000_000_000))
		var got disbursementResponse
		if code != 201 || json.Unmarshal([]byte(body), &got) != nil {
			t.Fatalf("report January: %d %s", code, body)
		}
		if got.RateVsPM != 0.25 || got.RateVsLocal != 0.2 || got.AssignedByPM != 40_000_000_000 || got.AllocatedLocally != 50_000_000_000 || got.Version != 1 {
			t.Errorf("January's reply: %+v", got)
		}
		if code, body := send(f.staffB, "POST", "/api/v1/projects/GT-02/disbursements", figure(1, "provincial", 5_000_000_000, 6_000_000_000)); code != 201 {
			t.Fatalf("the other investor reports its own: %d %s", code, body)
		}

		stats := func(tok, query string) (int, disbursementStatsResponse) {
			t.Helper()
			code, body := send(tok, "GET", fmt.Sprintf("/api/v1/stats/disbursement?year=%d&month=1%s", year, query), "")
			var s disbursementStatsResponse
			if code == 200 && json.Unmarshal([]byte(body), &s) != nil {
				t.Fatalf("stats: %s", body)
			}
			return code, s
		}
		// The province: 15 bn of 70 bn assigned and 80 bn allocated.
		if code, s := stats(f.director, ""); code != 200 || s.CumulativeActual != 15_000_000_000 || s.AssignedByPM != 70_000_000_000 ||
			s.AllocatedLocally != 80_000_000_000 || s.RateVsPM != 15.0/70 || s.RateVsLocal != 15.0/80 {
			t.Errorf("the province's stats: %d %+v", code, s)
		}
		if code, s := stats(f.director, "&project=GT-01&source=provincial"); code != 200 || s.RateVsPM != 0.25 || s.RateVsLocal != 0.2 {
			t.Errorf("one project and source: %d %+v", code, s)
		}
		if code, s := stats(f.staffA, fmt.Sprintf("&investor=%d", f.invA.ID)); code != 200 || s.CumulativeActual != 10_000_000_000 {
			t.Errorf("an investor's staff, their own investor: %d %+v", code, s)
		}
		if code, _ := stats(f.staffA, fmt.Sprintf("&investor=%d", f.invB.ID)); code != http.StatusForbidden {
			t.Errorf("an investor's staff, another investor's figures: %d", code)
		}

		history := func() string {
			t.Helper()
			_, s1 := stats(f.director, "")
			return fmt.Sprintf("%+v", s1)
		}
		before := history()
		refused := []struct {
			name, tok, path, body string
			status                int
			field                 string
		}{
			{"negative amount", f.staffA, "GT-01", figure(2, "provincial", -1, 0), 400, "cumulative_actual"},
			{"a fraction of a đồng", f.staffA, "GT-01", strings.Replace(figure(2, "provincial", 1, 2), `"cumulative_actual":1`, `"cumulative_actual":1.5`, 1), 400, "cumulative_actual"},
			{"an amount as text", f.staffA, "GT-01", strings.Replace(figure(2, "provincial", 1, 2), `"cumulative_actual":1`, `"cumulative_actual":"1"`, 1), 400, "cumulative_actual"},
			{"unknown source", f.staffA, "GT-01", figure(2, "bank", 1, 2), 400, "source"},
			{"a source without a plan", f.staffA, "GT-01", figure(2, "oda", 1, 2), 400, "source"},
			{"unknown project", f.official, "KHONG-CO", figure(2, "provincial", 1, 2), 404, ""},
			{"a duplicate month", f.staffA, "GT-01", figure(1, "provincial", 11_000_000_000, 12_000_000_000), 409, "month"},
			{"above the plan allocated locally", f.staffA, "GT-01", figure(1, "central", 10_000_000_001, 10_000_000_001), 400, "cumulative_actual"},
			{"a month after this one", f.staffA, "GT-01", fmt.Sprintf(`{"year":%d,"month":1,"source":"provincial","cumulative_actual":1,"estimate_next":1}`, year+1), 400, ""},
			{"month 13", f.staffA, "GT-01", figure(13, "provincial", 1, 2), 400, "month"},
			{"a closed year", f.official, "GT-01", fmt.Sprintf(`{"year":%d,"month":12,"source":"provincial","cumulative_actual":1,"estimate_next":1}`, year-2), 409, "year"},
			{"another investor's project", f.staffA, "GT-02", figure(2, "provincial", 6_000_000_000, 7_000_000_000), 403, ""},
			{"a division that does not follow it", f.outsider, "GT-01", figure(2, "provincial", 11_000_000_000, 12_000_000_000), 403, ""},
		}
		for _, c := range refused {
			code, body := send(c.tok, "POST", "/api/v1/projects/"+c.path+"/disbursements", c.body)
			if code != c.status || (c.field != "" && errField(t, body) != c.field) || strings.Contains(body, "goroutine") {
				t.Errorf("%s: %d %s", c.name, code, body)
			}
		}
		plansRefused := []struct {
			name, tok, body string
			status          int
			field           string
		}{
			{"a plan for a closed year", f.official, fmt.Sprintf(`{"year":%d,"source":"provincial","assigned_by_pm":1,"allocated_locally":1}`, year-2), 409, "year"},
			{"a negative plan", f.official, fmt.Sprintf(`{"year":%d,"source":"oda","assigned_by_pm":-1,"allocated_locally":1}`, year), 400, "assigned_by_pm"},
			{"an adjustment without its decision", f.official, fmt.Sprintf(`{"year":%d,"source":"provincial","assigned_by_pm":45000000000,"allocated_locally":50000000000}`, year), 400, "decision_number"},
			{"an investor's staff setting a plan", f.staffA, fmt.Sprintf(`{"year":%d,"source":"oda","assigned_by_pm":1,"allocated_locally":1}`, year), 403, ""},
		}
		for _, c := range plansRefused {
			code, body := send(c.tok, "POST", "/api/v1/projects/GT-01/plans", c.body)
			if code != c.status || (c.field != "" && errField(t, body) != c.field) {
				t.Errorf("%s: %d %s", c.name, code, body)
			}
		}
		if after := history(); after != before {
			t.Errorf("the refusals changed the figures:\n before %s\n after  %s", before, after)
		}

		// A correction replaces January's figure, with its reason.
		corr := strings.Replace(figure(1, "provincial", 9_000_000_000, 12_000_000_000), `}`, `,"correction":true,"reason":"Kho bạc đối chiếu lại"}`, 1)
		if code, body := send(f.staffA, "POST", "/api/v1/projects/GT-01/disbursements", corr); code != 201 || !strings.Contains(body, `"version":2`) {
			t.Errorf("a correction: %d %s", code, body)
		}
		if _, s := stats(f.director, ""); s.CumulativeActual != 14_000_000_000 {
			t.Errorf("after the correction: %+v", s)
		}
	})
}
