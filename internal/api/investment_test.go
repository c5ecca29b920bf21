package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// invAPIFixture: the department with its appraisal division and another
// division, the director, an appraisal official, an official of the other
// division, and the staff of two investors, each with an API token.
type invAPIFixture struct {
	agency, appraisal, other                     org.Unit
	director, official, outsider, staffA, staffB string // tokens
	invA, invB                                   investment.Investor
}

func newInvAPIFixture(t *testing.T, db *store.DB) invAPIFixture {
	t.Helper()
	ctx := context.Background()
	var f invAPIFixture
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	province, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.00.H27", Name: "UBND tỉnh Bắc Ninh", ValidFrom: "1997-01-01"})
	must(err)
	f.agency, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &province.ID, Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	must(err)
	f.appraisal, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư", ValidFrom: "2008-01-01"})
	must(err)
	f.other, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Quản lý ngân sách", ValidFrom: "2008-01-01"})
	must(err)
	f.invA, err = db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: f.agency.ID, Name: "Ban QLDA đầu tư xây dựng tỉnh", Kind: investment.InvestorBoard})
	must(err)
	f.invB, err = db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: f.agency.ID, Name: "UBND xã Yên Phong", Kind: investment.InvestorCommune})
	must(err)
	n := 0
	person := func(agency, unit int64, role org.Role) string {
		t.Helper()
		n++
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency, FullName: fmt.Sprintf("Cán bộ số %d", n)})
		must(err)
		_, err = db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: unit, Role: role, ValidFrom: "2025-01-01"})
		must(err)
		login := fmt.Sprintf("canbo%d", n)
		must(db.CreateAccount(ctx, sys, p.ID, login, "Mật-khẩu-thử-2026"))
		tok, err := db.CreateToken(ctx, sys, login, "test")
		must(err)
		return tok
	}
	f.director = person(f.agency.ID, f.agency.ID, org.RoleDirector)
	f.official = person(f.agency.ID, f.appraisal.ID, org.RoleOfficial)
	f.outsider = person(f.agency.ID, f.other.ID, org.RoleOfficial)
	f.staffA = person(f.invA.UnitID, f.invA.UnitID, org.RoleInvestor)
	f.staffB = person(f.invB.UnitID, f.invB.UnitID, org.RoleInvestor)
	return f
}

func errField(t *testing.T, body string) string {
	t.Helper()
	var e struct {
		Error struct {
			Field string `json:"field"`
		} `json:"error"`
	}
	_ = json.Unmarshal([]byte(body), &e)
	return e.Error.Field
}

// TestProjectAPI: the shapes on both engines — investors, a project
// whose group is computed, its adjustment changing the group, the list
// with its filters and pages, what investor staff see and may not do, and
// every bad input refused naming its field with nothing written.
func TestProjectAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newInvAPIFixture(t, db)
		mux := newFullServer(t, db)
		post := func(tok, path, body string) (int, string) {
			rec := do(mux, call{method: "POST", path: path, body: body, token: tok})
			return rec.Code, rec.Body.String()
		}
		get := func(tok, path string) (int, string) {
			rec := do(mux, call{method: "GET", path: path, token: tok})
			return rec.Code, rec.Body.String()
		}
		code, body := post(f.director, "/api/v1/investors", `{"name":"Sở Giáo dục và Đào tạo","kind":"department"}`)
		if code != 201 || !strings.Contains(body, `"id":`) || !strings.Contains(body, `"kind":"department"`) {
			t.Fatalf("create investor: %d %s", code, body)
		}
		if code, body := post(f.staffA, "/api/v1/investors", `{"name":"Ban QLDA khác","kind":"board"}`); code != 403 {
			t.Errorf("investor staff add an investor: %d %s", code, body)
		}
		project := func(code string, inv int64, provincial int64) string {
			return fmt.Sprintf(`{"code":%q,"name":"Trường THPT Yên Phong số 3","investor_id":%d,"sector_band":"k5",
				"total_investment":{"central":0,"provincial":%d,"oda":10000000000},"start_year":2026,"end_year":2028,"commune":"Xã Yên Phong"}`, code, inv, provincial)
		}
		code, body = post(f.official, "/api/v1/projects", project("DA-2026-001", f.invA.ID, 85000000000))
		if code != 201 || !strings.Contains(body, `"group":"B"`) || !strings.Contains(body, `"group_law":"58/2024/QH15"`) ||
			!strings.Contains(body, `"total":95000000000`) || !strings.Contains(body, fmt.Sprintf(`"managing_unit_id":%d`, f.appraisal.ID)) {
			t.Fatalf("create project: %d %s", code, body)
		}
		if code, body := post(f.director, "/api/v1/projects", project("DA-2026-002", f.invB.ID, 40000000000)); code != 201 || !strings.Contains(body, `"group":"C"`) {
			t.Fatalf("create project 2: %d %s", code, body)
		}
		bad := []struct {
			name, tok, body string
			status          int
			field           string
		}{
			{"duplicate code", f.official, project("DA-2026-001", f.invA.ID, 1), 409, "code"},
			{"negative amount", f.official, strings.Replace(project("X-1", f.invA.ID, 1), `"central":0`, `"central":-5`, 1), 400, "total_investment.central"},
			{"fractional amount", f.official, strings.Replace(project("X-2", f.invA.ID, 1), `"central":0`, `"central":1.5`, 1), 400, "total_investment.central"},
			{"amount as text", f.official, strings.Replace(project("X-3", f.invA.ID, 1), `"central":0`, `"central":"5"`, 1), 400, "total_investment.central"},
			{"unknown source", f.official, strings.Replace(project("X-4", f.invA.ID, 1), `"central":0`, `"bank":5`, 1), 400, "total_investment.bank"},
			{"unknown investor", f.official, project("X-5", 99999, 1), 400, "investor_id"},
			{"end before start", f.official, strings.Replace(project("X-6", f.invA.ID, 1), `"end_year":2028`, `"end_year":2025`, 1), 400, "end_year"},
			{"unknown band", f.official, strings.Replace(project("X-7", f.invA.ID, 1), `"k5"`, `"k9"`, 1), 400, "sector_band"},
			{"unknown field", f.official, strings.Replace(project("X-8", f.invA.ID, 1), `"commune"`, `"group":"A","commune"`, 1), 400, "group"},
			{"investor staff", f.staffA, project("X-9", f.invA.ID, 1), 403, ""},
			{"another division, for the appraisal division", f.outsider, strings.Replace(project("X-10", f.invA.ID, 1), `"commune"`, fmt.Sprintf(`"managing_unit_id":%d,"commune"`, f.appraisal.ID), 1), 403, ""},
		}
		for _, c := range bad {
			code, body := post(c.tok, "/api/v1/projects", c.body)
			if code != c.status || (c.field != "" && errField(t, body) != c.field) {
				t.Errorf("%s: %d %s", c.name, code, body)
			}
		}
		if n, _ := db.CountProjects(context.Background(), investment.ProjectFilter{AgencyID: f.agency.ID}); n != 2 {
			t.Errorf("refusals wrote projects: %d", n)
		}

		// An adjustment over 1,600 bn moves it to group A, and says so.
		adj := `{"action":"adjust","total_investment":{"central":1000000000000,"provincial":700000000000},
			"decision":{"number":"345/QĐ-UBND","date":"2026-05-04","signer":"Chủ tịch UBND tỉnh"},"reason":"Bổ sung hạng mục"}`
		code, body = post(f.official, "/api/v1/projects/DA-2026-001/events", adj)
		if code != 201 || !strings.Contains(body, `"group_before":"B"`) || !strings.Contains(body, `"group_after":"A"`) || !strings.Contains(body, `"group_changed":true`) {
			t.Fatalf("adjust: %d %s", code, body)
		}
		for _, c := range []struct {
			name, tok, body string
			status          int
			field           string
		}{
			{"an adjustment without its decision", f.official, `{"action":"adjust","total_investment":{"central":5}}`, 400, "decision.number"},
			{"an unknown action", f.official, `{"action":"delete"}`, 400, "action"},
			{"a phase without the phase", f.official, `{"action":"phase","reason":"x"}`, 400, "phase"},
			{"investor staff adjust", f.staffA, adj, 403, ""},
			{"another division adjusts", f.outsider, adj, 403, ""},
			{"another investor's project", f.staffB, adj, 404, ""},
		} {
			code, body := post(c.tok, "/api/v1/projects/DA-2026-001/events", c.body)
			if code != c.status || (c.field != "" && errField(t, body) != c.field) {
				t.Errorf("%s: %d %s", c.name, code, body)
			}
		}
		if code, body := post(f.official, "/api/v1/projects/DA-2026-001/events", `{"action":"phase","phase":"implementation","reason":"Khởi công"}`); code != 201 {
			t.Errorf("phase: %d %s", code, body)
		}
		code, body = get(f.staffA, "/api/v1/projects/DA-2026-001")
		if code != 200 || !strings.Contains(body, `"group":"A"`) || strings.Count(body, `"action":`) != 3 || !strings.Contains(body, `"345/QĐ-UBND"`) {
			t.Fatalf("investor staff read their project: %d %s", code, body)
		}
		if code, _ := get(f.staffA, "/api/v1/projects/DA-2026-002"); code != 404 {
			t.Errorf("investor staff read another investor's project: %d", code)
		}
		// Lists: the director sees both, investor staff their own only.
		rec := do(mux, call{method: "GET", path: "/api/v1/projects?limit=1", token: f.director})
		if rec.Code != 200 || rec.Header().Get("X-Total-Count") != "2" || rec.Header().Get("X-Next-Cursor") != "DA-2026-001" {
			t.Fatalf("director's first page: %d %v %s", rec.Code, rec.Header(), rec.Body)
		}
		if _, body := get(f.director, "/api/v1/projects?limit=1&after=DA-2026-001"); !strings.Contains(body, "DA-2026-002") || strings.Contains(body, "DA-2026-001") {
			t.Errorf("second page: %s", body)
		}
		for _, c := range []struct{ tok, query, want, not string }{
			{f.director, "group=A", "DA-2026-001", "DA-2026-002"},
			{f.director, "group=C&sector_band=k5", "DA-2026-002", "DA-2026-001"},
			{f.director, fmt.Sprintf("investor=%d", f.invB.ID), "DA-2026-002", "DA-2026-001"},
			{f.director, "q=truong+yen+PHONG&phase=implementation", "DA-2026-001", "DA-2026-002"},
			{f.staffA, "", "DA-2026-001", "DA-2026-002"},
			{f.staffB, "", "DA-2026-002", "DA-2026-001"},
		} {
			code, body := get(c.tok, "/api/v1/projects?"+c.query)
			if code != 200 || !strings.Contains(body, c.want) || strings.Contains(body, c.not) {
				t.Errorf("list %s: %d %s", c.query, code, body)
			}
		}
		if code, body := get(f.director, "/api/v1/projects?group=Z"); code != 400 || errField(t, body) != "group" {
			t.Errorf("bad group filter: %d %s", code, body)
		}
		if _, body := get(f.staffA, "/api/v1/investors"); !strings.Contains(body, f.invA.Name) || strings.Contains(body, f.invB.Name) {
			t.Errorf("investor staff's investors: %s", body)
		}
		if code, body := get(f.director, "/api/v1/investors"); code != http.StatusOK || strings.Count(body, `"unit_id"`) != 3 {
			t.Errorf("director's investors: %d %s", code, body)
		}
	})
}
