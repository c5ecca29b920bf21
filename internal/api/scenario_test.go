package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// scenario is one request by one kind of caller and what it must get.
type scenario struct {
	name         string
	method, path string
	body         string
	who          string // "" anonymous, or a key of fixture.tokens; "bogus" sends a made-up token
	status       int
	want         string // a substring the body must contain
	absent       string // a substring it must not contain
}

// scenarios covers every endpoint's success and refusal paths. They run
// in order on one database, so later ones may see what earlier ones wrote.
func scenarios(f *fixture) []scenario {
	id := func(n int64) string { return fmt.Sprint(n) }
	return []scenario{
		{name: "openapi is public", method: "GET", path: "/api/v1/openapi.json", status: 200, want: `"openapi": "3.1.0"`},

		{name: "me anonymous", method: "GET", path: "/api/v1/me", status: 401, want: `"code":"unauthorized"`},
		{name: "me with a made-up token", method: "GET", path: "/api/v1/me", who: "bogus", status: 401, want: "Mã truy cập API không hợp lệ"},
		{name: "me admin", method: "GET", path: "/api/v1/me", who: "admin", status: 200, want: `"roles":["admin"]`, absent: "csrf_token"},
		{name: "me official", method: "GET", path: "/api/v1/me", who: "official", status: 200, want: `"unit_name":"Phòng Đấu thầu"`},

		{name: "units anonymous", method: "GET", path: "/api/v1/units", status: 401, want: "Vui lòng đăng nhập"},
		{name: "units official sees own agency", method: "GET", path: "/api/v1/units", who: "official", status: 200, want: "Phòng Đấu thầu", absent: "Bắc Giang"},
		{name: "units other agency sees its own", method: "GET", path: "/api/v1/units", who: "other", status: 200, want: "Phòng Quản lý ngân sách", absent: "Đấu thầu"},
		{name: "units by parent", method: "GET", path: "/api/v1/units?parent_id=" + id(f.agency.ID) + "&limit=1&offset=1", who: "clerk", status: 200, want: `"name":"Phòng Đấu thầu"`, absent: "Văn phòng Sở"},
		{name: "units of another agency's parent", method: "GET", path: "/api/v1/units?parent_id=" + id(f.otherAgency.ID), who: "official", status: 403, want: "forbidden"},
		{name: "units of a missing parent", method: "GET", path: "/api/v1/units?parent_id=999999", who: "official", status: 400, want: `"field":"parent_id"`},
		{name: "units bad limit", method: "GET", path: "/api/v1/units?limit=abc", who: "official", status: 400, want: `"field":"limit"`},
		{name: "units limit too big", method: "GET", path: "/api/v1/units?limit=100000", who: "official", status: 400, want: `"field":"limit"`},
		{name: "units bad date", method: "GET", path: "/api/v1/units?valid_on=2025-13-45", who: "official", status: 400, want: `"field":"valid_on"`},
		{name: "units valid long ago", method: "GET", path: "/api/v1/units?valid_on=2000-01-01", who: "official", status: 200, want: "[]"},
		{name: "units bad boolean", method: "GET", path: "/api/v1/units?include_old=maybe", who: "official", status: 400, want: `"field":"include_old"`},

		{name: "unit view", method: "GET", path: "/api/v1/units/" + id(f.bidding.ID), who: "clerk", status: 200, want: `"successor_units":[]`},
		{name: "unit view other agency", method: "GET", path: "/api/v1/units/" + id(f.otherDivision.ID), who: "official", status: 403, want: "forbidden"},
		{name: "unit view missing", method: "GET", path: "/api/v1/units/999999", who: "official", status: 404, want: "not_found"},
		{name: "unit view bad id", method: "GET", path: "/api/v1/units/abc", who: "official", status: 400, want: `"field":"id"`},
		{name: "unit view anonymous", method: "GET", path: "/api/v1/units/" + id(f.bidding.ID), status: 401},

		{name: "unit create admin", method: "POST", path: "/api/v1/units", who: "admin", status: 201,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"division","name":"Phòng Kinh tế ngành","short_name":"KTN","valid_from":"2024-01-01"}`,
			want: `"name":"Phòng Kinh tế ngành"`},
		{name: "unit create dd/mm/yyyy date", method: "POST", path: "/api/v1/units", who: "admin", status: 201,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"division","name":"Thanh tra Sở","valid_from":"01/03/2025"}`,
			want: `"valid_from":"2025-03-01"`},
		{name: "unit create official", method: "POST", path: "/api/v1/units", who: "official", status: 403,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"division","name":"Phòng lạ","valid_from":"2024-01-01"}`, want: "Chỉ quản trị viên của cơ quan mới được thêm, sửa đơn vị và cán bộ"},
		{name: "unit create clerk", method: "POST", path: "/api/v1/units", who: "clerk", status: 403,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"division","name":"Phòng lạ","valid_from":"2024-01-01"}`},
		{name: "unit create other agency", method: "POST", path: "/api/v1/units", who: "other", status: 403,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"division","name":"Phòng lạ","valid_from":"2024-01-01"}`},
		{name: "unit create under another agency", method: "POST", path: "/api/v1/units", who: "admin", status: 403,
			body: `{"parent_id":` + id(f.otherAgency.ID) + `,"kind":"division","name":"Phòng lạ","valid_from":"2024-01-01"}`},
		{name: "unit create anonymous", method: "POST", path: "/api/v1/units", status: 401,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"division","name":"Phòng lạ","valid_from":"2024-01-01"}`},
		{name: "unit create duplicate code", method: "POST", path: "/api/v1/units", who: "admin", status: 409,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"center","code":"000.00.15.H27","name":"Trung tâm trùng mã","valid_from":"2024-01-01"}`,
			want: `"field":"code"`},
		{name: "unit create bad code", method: "POST", path: "/api/v1/units", who: "admin", status: 400,
			body: `{"parent_id":` + id(f.agency.ID) + `,"kind":"center","code":"H27","name":"Trung tâm","valid_from":"2024-01-01"}`,
			want: "CCC.BB.AA.Hnn"},

		{name: "restructuring official", method: "POST", path: "/api/v1/restructurings", who: "official", status: 403,
			body: `{"kind":"rename","effective_on":"2025-03-01","sources":[` + id(f.desk.ID) + `],"new_units":[{"parent_id":` + id(f.agency.ID) + `,"kind":"desk","name":"Bộ phận Tiếp nhận và Trả kết quả"}]}`},
		{name: "restructuring other agency's units", method: "POST", path: "/api/v1/restructurings", who: "admin", status: 403,
			body: `{"kind":"rename","effective_on":"2025-03-01","sources":[` + id(f.otherDivision.ID) + `],"new_units":[{"parent_id":` + id(f.otherAgency.ID) + `,"kind":"division","name":"Phòng Ngân sách"}]}`},
		{name: "restructuring unknown unit", method: "POST", path: "/api/v1/restructurings", who: "admin", status: 400,
			body: `{"kind":"merge","effective_on":"2025-03-01","sources":[` + id(f.desk.ID) + `,999999],"into":[` + id(f.office.ID) + `]}`, want: `"field":"sources[1]"`},
		{name: "restructuring split with one successor", method: "POST", path: "/api/v1/restructurings", who: "admin", status: 400,
			body: `{"kind":"split","effective_on":"2025-03-01","sources":[` + id(f.desk.ID) + `],"into":[` + id(f.office.ID) + `]}`, want: `"field":"sources"`},
		{name: "restructuring anonymous", method: "POST", path: "/api/v1/restructurings", status: 401,
			body: `{"kind":"rename","effective_on":"2025-03-01","sources":[` + id(f.desk.ID) + `],"new_units":[]}`},
		{name: "restructuring rename", method: "POST", path: "/api/v1/restructurings", who: "admin", status: 201,
			body: `{"kind":"rename","effective_on":"2025-03-01","decision":"Quyết định số 45/QĐ-SKHĐT ngày 20/02/2025","sources":[` + id(f.desk.ID) +
				`],"new_units":[{"parent_id":` + id(f.agency.ID) + `,"kind":"desk","name":"Bộ phận Tiếp nhận và Trả kết quả"}]}`,
			want: `"id":`},
		{name: "renamed unit names its successor", method: "GET", path: "/api/v1/units/" + id(f.desk.ID), who: "official", status: 200,
			want: `"current_successors":[{"id":`, absent: `"valid_to":null,"current":true`},
		{name: "units include old", method: "GET", path: "/api/v1/units?include_old=true&limit=500", who: "official", status: 200, want: "Bộ phận Một cửa"},
		{name: "units current only", method: "GET", path: "/api/v1/units?limit=500", who: "official", status: 200, want: "Bộ phận Tiếp nhận và Trả kết quả", absent: "Bộ phận Một cửa"},

		{name: "people anonymous", method: "GET", path: "/api/v1/people", status: 401},
		{name: "people official", method: "GET", path: "/api/v1/people", who: "official", status: 200, want: "Nguyễn Văn Chuyên", absent: "Hoàng Văn Bắc"},
		{name: "people other agency", method: "GET", path: "/api/v1/people", who: "other", status: 200, want: "Hoàng Văn Bắc", absent: "Nguyễn Văn Chuyên"},
		{name: "people search without diacritics", method: "GET", path: "/api/v1/people?q=nguyen+van+chuyen", who: "clerk", status: 200, want: "Nguyễn Văn Chuyên", absent: "Trần Văn Quản"},
		{name: "people search does not cross agencies", method: "GET", path: "/api/v1/people?q=hoang+van+bac", who: "official", status: 200, want: "[]"},
		{name: "people by unit", method: "GET", path: "/api/v1/people?unit_id=" + id(f.office.ID), who: "official", status: 200, want: "Phạm Thị Giám", absent: "Nguyễn Văn Chuyên"},
		{name: "people by subtree", method: "GET", path: "/api/v1/people?subtree=true&unit_id=" + id(f.agency.ID), who: "official", status: 200, want: "Nguyễn Văn Chuyên"},
		{name: "people paged", method: "GET", path: "/api/v1/people?limit=1&offset=1", who: "official", status: 200, want: "Phạm Thị Giám", absent: "Trần Văn Quản"},
		{name: "people of another agency's unit", method: "GET", path: "/api/v1/people?unit_id=" + id(f.otherDivision.ID), who: "official", status: 403},
		{name: "people bad offset", method: "GET", path: "/api/v1/people?offset=-1", who: "official", status: 400, want: `"field":"offset"`},
		{name: "people bad unit id", method: "GET", path: "/api/v1/people?unit_id=x", who: "official", status: 400, want: `"field":"unit_id"`},

		{name: "person view", method: "GET", path: "/api/v1/people/" + id(f.official.ID), who: "clerk", status: 200, want: `"role":"official"`, absent: `"login"`},
		{name: "person view other agency", method: "GET", path: "/api/v1/people/" + id(f.otherOfficial.ID), who: "official", status: 403},
		{name: "person view missing", method: "GET", path: "/api/v1/people/999999", who: "official", status: 404, want: "Không tìm thấy cán bộ"},
		{name: "person view anonymous", method: "GET", path: "/api/v1/people/" + id(f.official.ID), status: 401},

		{name: "person create admin", method: "POST", path: "/api/v1/people", who: "admin", status: 201,
			body: `{"full_name":"Đặng Thị Hồng","email":"hong@bacninh.gov.vn","phone":"0222 3822 123"}`, want: `"agency_id":` + id(f.agency.ID)},
		{name: "person create official", method: "POST", path: "/api/v1/people", who: "official", status: 403, body: `{"full_name":"Vũ Văn Lạ"}`},
		{name: "person create clerk", method: "POST", path: "/api/v1/people", who: "clerk", status: 403, body: `{"full_name":"Vũ Văn Lạ"}`},
		{name: "person create other agency", method: "POST", path: "/api/v1/people", who: "other", status: 403, body: `{"full_name":"Vũ Văn Lạ","agency_id":` + id(f.agency.ID) + `}`},
		{name: "person create into another agency", method: "POST", path: "/api/v1/people", who: "admin", status: 403, body: `{"full_name":"Vũ Văn Lạ","agency_id":` + id(f.otherAgency.ID) + `}`},
		{name: "person create anonymous", method: "POST", path: "/api/v1/people", status: 401, body: `{"full_name":"Vũ Văn Lạ"}`},
		{name: "person create bad email", method: "POST", path: "/api/v1/people", who: "admin", status: 400, body: `{"full_name":"Vũ Văn Lạ","email":"không phải thư"}`, want: `"field":"email"`},
		{name: "person create agency is a division", method: "POST", path: "/api/v1/people", who: "admin", status: 400, body: `{"full_name":"Vũ Văn Lạ","agency_id":` + id(f.office.ID) + `}`, want: `"field":"agency_id"`},

		{name: "membership admin", method: "POST", path: "/api/v1/people/" + id(f.clerk.ID) + "/memberships", who: "admin", status: 201,
			body: `{"unit_id":` + id(f.bidding.ID) + `,"role":"official","position":"Chuyên viên","valid_from":"2025-01-01"}`, want: `"role":"official"`},
		{name: "membership official", method: "POST", path: "/api/v1/people/" + id(f.clerk.ID) + "/memberships", who: "official", status: 403,
			body: `{"unit_id":` + id(f.bidding.ID) + `,"role":"admin","valid_from":"2025-01-01"}`},
		{name: "membership person of another agency", method: "POST", path: "/api/v1/people/" + id(f.otherOfficial.ID) + "/memberships", who: "admin", status: 403,
			body: `{"unit_id":` + id(f.bidding.ID) + `,"role":"official","valid_from":"2025-01-01"}`},
		{name: "membership in another agency's unit", method: "POST", path: "/api/v1/people/" + id(f.clerk.ID) + "/memberships", who: "admin", status: 403,
			body: `{"unit_id":` + id(f.otherDivision.ID) + `,"role":"official","valid_from":"2025-01-01"}`},
		{name: "membership missing person", method: "POST", path: "/api/v1/people/999999/memberships", who: "admin", status: 404,
			body: `{"unit_id":` + id(f.bidding.ID) + `,"role":"official","valid_from":"2025-01-01"}`},
		{name: "membership bad role", method: "POST", path: "/api/v1/people/" + id(f.clerk.ID) + "/memberships", who: "admin", status: 400,
			body: `{"unit_id":` + id(f.bidding.ID) + `,"role":"king","valid_from":"2025-01-01"}`, want: `"field":"role"`},
		{name: "membership anonymous", method: "POST", path: "/api/v1/people/" + id(f.clerk.ID) + "/memberships", status: 401,
			body: `{"unit_id":` + id(f.bidding.ID) + `,"role":"official","valid_from":"2025-01-01"}`},

		{name: "delegation by the director", method: "POST", path: "/api/v1/delegations", who: "director", status: 201,
			body: `{"to_person_id":` + id(f.official.ID) + `,"starts_at":"2025-03-03T07:30:00+07:00","ends_at":"2025-03-07T17:00:00+07:00","reason":"Giám đốc đi công tác"}`,
			want: `"starts_at":"2025-03-03T07:30:00+07:00"`},
		{name: "delegation instants come back at +07:00", method: "POST", path: "/api/v1/delegations", who: "director", status: 201,
			body: `{"to_person_id":` + id(f.official.ID) + `,"starts_at":"2025-04-01T00:00:00Z","ends_at":"2025-04-02T00:00:00Z"}`,
			want: `"starts_at":"2025-04-01T07:00:00+07:00"`},
		{name: "delegation of an official's own roles", method: "POST", path: "/api/v1/delegations", who: "official", status: 201,
			body: `{"to_person_id":` + id(f.clerk.ID) + `,"starts_at":"2025-03-03T07:30:00+07:00","ends_at":"2025-03-07T17:00:00+07:00"}`},
		{name: "delegation by an official for a colleague", method: "POST", path: "/api/v1/delegations", who: "official", status: 403,
			body: `{"from_person_id":` + id(f.clerk.ID) + `,"to_person_id":` + id(f.official.ID) + `,"starts_at":"2025-03-03T07:30:00+07:00","ends_at":"2025-03-07T17:00:00+07:00"}`},
		{name: "delegation to another agency", method: "POST", path: "/api/v1/delegations", who: "director", status: 403,
			body: `{"to_person_id":` + id(f.otherOfficial.ID) + `,"starts_at":"2025-03-03T07:30:00+07:00","ends_at":"2025-03-07T17:00:00+07:00"}`},
		{name: "delegation ending before it starts", method: "POST", path: "/api/v1/delegations", who: "director", status: 400,
			body: `{"to_person_id":` + id(f.official.ID) + `,"starts_at":"2025-03-07T07:30:00+07:00","ends_at":"2025-03-03T17:00:00+07:00"}`, want: `"field":"ends_at"`},
		{name: "delegation bad instant", method: "POST", path: "/api/v1/delegations", who: "director", status: 400,
			body: `{"to_person_id":` + id(f.official.ID) + `,"starts_at":"03/03/2025","ends_at":"2025-03-03T17:00:00+07:00"}`, want: `"field":"starts_at"`},
		{name: "delegation to nobody", method: "POST", path: "/api/v1/delegations", who: "director", status: 400,
			body: `{"to_person_id":999999,"starts_at":"2025-03-03T07:30:00+07:00","ends_at":"2025-03-07T17:00:00+07:00"}`, want: `"field":"to_person_id"`},
		{name: "delegation anonymous", method: "POST", path: "/api/v1/delegations", status: 401,
			body: `{"to_person_id":` + id(f.official.ID) + `,"starts_at":"2025-03-03T07:30:00+07:00","ends_at":"2025-03-07T17:00:00+07:00"}`},

		{name: "audit admin", method: "GET", path: "/api/v1/audit?object_type=restructuring", who: "admin", status: 200, want: `"action":"rename"`},
		{name: "audit director", method: "GET", path: "/api/v1/audit?limit=2", who: "director", status: 200, want: `"actor":"Phạm Thị Giám (#`},
		{name: "audit paged backwards", method: "GET", path: "/api/v1/audit?before=3&limit=10", who: "admin", status: 200, want: `"seq":2,`, absent: `"seq":3,`},
		// Issue #11 finding 7: the command line's token creations are the
		// agency's of the token's owner, not every agency's to read.
		{name: "audit keeps to the agency", method: "GET", path: "/api/v1/audit?object_type=account&limit=100", who: "admin", status: 200,
			want: `"object_id":"admin"`, absent: `"object_id":"other"`},
		{name: "audit official", method: "GET", path: "/api/v1/audit", who: "official", status: 403, want: "Chỉ quản trị viên, thanh tra và lãnh đạo cơ quan mới được xem nhật ký hệ thống"},
		{name: "audit clerk", method: "GET", path: "/api/v1/audit", who: "clerk", status: 403},
		{name: "audit anonymous", method: "GET", path: "/api/v1/audit", status: 401},
		{name: "audit bad before", method: "GET", path: "/api/v1/audit?before=abc", who: "admin", status: 400, want: `"field":"before"`},
	}
}

// TestScenarios runs the scenario table on every engine available.
func TestScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, mux := newTestServer(t, db, nil)
		runScenarios(t, f, mux, scenarios(f))
	})
}

// runScenarios runs scenarios in order against mux.
func runScenarios(t *testing.T, f *fixture, mux http.Handler, list []scenario) {
	t.Helper()
	for _, sc := range list {
		c := call{method: sc.method, path: sc.path, body: sc.body, token: f.tokens[sc.who]}
		if sc.who == "bogus" {
			c.token = "cvu_made-up"
		}
		rec := do(mux, c)
		body := rec.Body.String()
		if rec.Code != sc.status {
			t.Errorf("%s: %s %s as %q: status %d, want %d\n%s", sc.name, sc.method, sc.path, sc.who, rec.Code, sc.status, body)
			continue
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: Content-Type %q", sc.name, rec.Header().Get("Content-Type"))
		}
		if sc.want != "" && !strings.Contains(compactJSON(rec.Body.Bytes()), sc.want) && !strings.Contains(body, sc.want) {
			t.Errorf("%s: body lacks %q\n%s", sc.name, sc.want, body)
		}
		if sc.absent != "" && strings.Contains(compactJSON(rec.Body.Bytes()), sc.absent) {
			t.Errorf("%s: body has %q\n%s", sc.name, sc.absent, body)
		}
		if rec.Code == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", sc.name)
		}
	}
}
