package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
)

// Fuzz targets for what the API reads from outside: request bodies (every
// request type of the route list, through decodeJSON), the Content-Type,
// query parameters and the If-Match header. A refusal must be an Invalid
// error naming a field with both messages, never an internal error; what is
// accepted must hold its documented ranges. `go test` runs the seeds;
// scripts/fuzz runs them with -fuzz.

// requestTypes are the body types of the route list, by operation id, so
// that a new route's request type is fuzzed without being listed here.
func requestTypes(tb testing.TB) (ids []string, types []reflect.Type) {
	tb.Helper()
	for _, rt := range New(httpx.Deps{}).routes {
		if rt.Request == nil {
			continue
		}
		typ := reflect.TypeOf(rt.Request)
		if _, ok := reflect.New(typ).Interface().(validator); !ok {
			tb.Fatalf("route %s: request type %v has no Validate method", rt.ID, typ)
		}
		ids = append(ids, rt.ID)
		types = append(types, typ)
	}
	return ids, types
}

// requestSeeds are realistic bodies (and a few near misses) by operation id.
var requestSeeds = map[string][]string{
	"attachDossierFile": {`{"file_id":12,"slot":"doc:1"}`, `{"file_id":12,"slot":"result"}`, `{"file_id":0,"slot":"supplement"}`,
		`{"file_id":"12","slot":"doc:x"}`, `{"file_id":12,"slot":"report","extra":1}`},
	"attachTaskFile": {`{"file_id":12,"slot":"report"}`, `{"file_id":12,"slot":"product"}`, `{"file_id":0,"slot":"decision"}`, `{"file_id":"12","slot":"result"}`},
	"attachPlanFile": {`{"file_id":12,"slot":"evidence:3"}`, `{"file_id":12,"slot":"decision"}`, `{"file_id":-1,"slot":"evidence"}`, `{"slot":"evidence:x"}`},
	"createUnit": {`{"parent_id":1,"kind":"division","name":"Phòng Kinh tế ngành","short_name":"KTN","valid_from":"2024-01-01"}`,
		`{"parent_id":1,"kind":"agency","code":"000.00.06.H56","name":"Sở Tài chính","valid_from":"01/03/2025"}`,
		`{"parent_id":1.5,"kind":"division","name":"Phòng A","valid_from":"2024-01-01"}`,
		`{"parent_id":1,"kind":"division","name":"Phòng\u0007A","valid_from":"2024-02-30"}`},
	"createRestructuring": {`{"decision":"Quyết định số 123/QĐ-UBND ngày 28/02/2025","kind":"rename","effective_on":"2025-03-01","sources":[3],"new_units":[{"parent_id":1,"kind":"division","name":"Phòng mới"}]}`,
		`{"kind":"merge","effective_on":"2025-03-01","sources":[3,4],"into":[5]}`,
		`{"kind":"merge","effective_on":"2025-03-01","sources":[1,"2"]}`},
	"createPerson": {`{"full_name":"Vũ Thị Thu","email":"thu@bacninh.gov.vn","phone":"0912 345 678","agency_id":1}`,
		`{"full_name":"Vũ Thị Thu","phone":"gọi tôi"}`},
	"createMembership": {`{"unit_id":3,"role":"official","position":"Chuyên viên","valid_from":"2025-01-01"}`,
		`{"unit_id":3,"role":"giám đốc","valid_from":"31/12/2024"}`},
	"createDelegation": {`{"to_person_id":7,"starts_at":"2026-03-02T07:00:00+07:00","ends_at":"2026-03-06T17:00:00+07:00","reason":"Giám đốc đi công tác"}`,
		`{"from_person_id":2,"to_person_id":7,"starts_at":"2026-03-06T17:00:00+07:00","ends_at":"2026-03-02T07:00:00+07:00"}`},
	"setCalendarDay": {`{"kind":"working_saturday","name":"làm bù cho 12/2"}`, `{"kind":"holiday","name":"Tết Nguyên đán","name_en":"Lunar New Year"}`, `{"kind":"party"}`},
	"setCalendarSettings": {`{"culture_day_24_11":true}`,
		`{"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`,
		`{"office_hours":[{"from":"04-01","to":"09-30","periods":["07:00-11:30","13:30–17:00"]},{"from":"10-01","to":"03-31","periods":["07:30-11:30","13:00-17:00"]}]}`,
		`{"office_hours":[{"from":"01-01","to":"12-31","periods":["seven to noon"]}]}`},
	"setAgencyOfficeHours": {`{"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`,
		`{"office_hours":[]}`, `{"office_hours":[{"from":"13-01","to":"12-31","periods":["07:30-11:30"]}]}`},
	"setAgencyDayOff": {`{"name":"Ngày thành lập Sở","name_en":"Founding day"}`, `{}`, `{"name":""}`},
	"createDossier": {`{"procedure_code":"1.009645","applicant":{"name":"Nguyễn Văn An","id_number":"001203004567","phone":"0912 345 678","address":"Số 1 Lý Thái Tổ, Bắc Ninh","email":"dan@example.vn"},"channel":"direct","received_at":"2026-10-05T09:00:00+07:00","documents":[{"name":"Tờ trình đề nghị thẩm định","copy":"original","quantity":1}],"sets":1}`,
		`{"procedure_code":"1.009645","applicant":{"name":"Công ty TNHH Ánh Dương","id_number":"2300123456","organization":true},"channel":"online"}`,
		`{"procedure_code":"1.009645","channel":"direct"}`},
	"setNotificationSettings": {`{"email":{"dossier_due_soon":false,"digest":true}}`, `{"email":{}}`,
		`{"email":{"dossier_forwarded":true,"dossier_supplement":true,"dossier_overdue":true,"task_update":false}}`,
		`{"email":{"khác":true}}`, `{"email":{"digest":"có"}}`, `{"email":null}`},
	"createDossierEvent": {`{"action":"forward","to_unit_id":3,"to_person_id":7,"note":"chuyển phòng chuyên môn"}`,
		`{"action":"request_supplement","reason":"Thiếu bản sao có chứng thực","supplement_days":5,"version":3}`,
		`{"action":"apologize","reason":"Chậm do thiếu ý kiến","new_due":"2026-10-20T17:00:00+07:00"}`,
		`{"action":"forward","at":"hôm qua"}`,
		`{"action":"return_for_rework","reason":"Thiếu ý kiến của Phòng Tài chính","to_step":1,"version":4}`,
		`{"action":"return_for_rework","reason":"","to_step":-3}`},
	"createPlan": {`{"title":"Kế hoạch cải cách hành chính năm 2026","owner_unit_id":1,"period":{"kind":"year","year":2026},"source":{"number":"09/CT-UBND","date":"2026-01-15","issuer":"UBND tỉnh","title":"Chỉ thị về cải cách hành chính"},"targets":[{"name":"Hồ sơ đúng hạn","unit_of_measure":"%","target_value":98.5,"actuals":[{"label":"Tháng 3/2026","date":"2026-03-31","value":97.2,"evidence":"Báo cáo số 12"}]}]}`,
		`{"title":"Kế hoạch quý","owner_unit_id":1,"period":{"kind":"quarter","year":2026,"quarter":5}}`},
	"createTargetActual": {`{"label":"Tháng 3/2026","date":"2026-03-31","value":97.2,"evidence":"Báo cáo số 12"}`, `{"date":"31/3/2026","value":-1e308}`},
	"createProcedureVersion": {`{"code":"1.009645","name":"Thẩm định kế hoạch lựa chọn nhà thầu","field":"Đấu thầu","level":2,"time_limit":{"value":20,"unit":"working_days"},"after_15h":true,"fee":0,"documents":[{"name":"Tờ trình","copy":"original","quantity":1}],"steps":[{"name":"Tiếp nhận","role":"clerk","budget":0.5},{"name":"Thẩm định","unit_id":3,"budget":15}],"effective_from":"2025-01-01"}`,
		`{"code":"1.009645","name":"Cấp phép","level":3,"time_limit":{"value":0.5,"unit":"calendar_days"},"steps":[],"effective_from":"2025-02-30"}`},
	"rateDossier":        {`{"secret":"ABCDEFGH","rating":1,"comment":"Cán bộ tận tình"}`, `{"secret":"ABCDEFGH","rating":5}`},
	"listDossierResults": {`{"secret":"ABCD-EFGH-JKLM-N"}`, `{"secret":""}`, `{"secret":12}`},
	"createTask": {`{"title":"Báo cáo công tác tháng","lead_person_id":7,"deadline":"2026-03-13","priority":"high","key":true,"weight":1.5,"coordinators":[{"unit_id":4}],"checklist":["Thu thập số liệu","Viết báo cáo"]}`,
		`{"title":"Rà soát thủ tục","lead_person_id":7,"deadline_working_days":2.5}`,
		`{"title":"Rà soát","lead_person_id":7,"deadline":"2026-03-13T17:00:00+07:00","deadline_working_days":3}`},
	"createTaskEvent": {`{"action":"report_progress","percent":40,"note":"Đã thu thập số liệu","ticks":[0],"version":2}`,
		`{"action":"request_extension","reason":"Chờ số liệu của Sở","deadline":"2026-03-20"}`,
		`{"action":"decide_extension","ref":12,"approved":true}`, `{"action":"report_progress","percent":101}`},
	"createEvaluation": {`{"year":2026,"period":"3"}`, `{"year":2026,"period":"q2"}`, `{"year":2026,"period":"13"}`, `{"year":"2026","period":3}`},
	"createEvaluationEvent": {`{"action":"self_assess","common":{"politics":9,"capacity":8,"innovation":10}}`,
		`{"action":"assess","common":{"politics":9,"capacity":8,"innovation":10},"hand":{"organise":80,"solidarity":100},"version":3}`,
		`{"action":"return","reason":"Chấm lại"}`, `{"action":"approve","common":{"politics":1e400}}`},
}

func FuzzDecodeJSON(f *testing.F) {
	ids, types := requestTypes(f)
	for i, id := range ids {
		if len(requestSeeds[id]) == 0 {
			f.Errorf("route %s: add realistic request bodies to requestSeeds", id)
		}
		for _, body := range requestSeeds[id] {
			f.Add(uint8(i), []byte(body))
		}
		for _, body := range []string{``, `null`, `[]`, `{}`, `{"x":1}`, `{} {}`, `{"a":"\xff"}`, `{"a":` + strings.Repeat("[", 600)} {
			f.Add(uint8(i), []byte(body))
		}
	}
	for id := range requestSeeds {
		if !slices.Contains(ids, id) {
			f.Errorf("requestSeeds has bodies for %s, which is no route with a request body", id)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		typ := types[int(which)%len(types)]
		dst := reflect.New(typ).Interface().(validator)
		err := decodeBody(body, dst)
		if err != nil {
			wantInvalid(t, string(body), err, "")
			return
		}
		// Accepted: the normalised request, written out again, is accepted
		// again as the same request (Validate is idempotent).
		first, err := json.Marshal(dst)
		if err != nil {
			t.Fatalf("%v %q: accepted, but cannot be written back: %v", typ, body, err)
		}
		again := reflect.New(typ).Interface().(validator)
		if err := decodeBody(first, again); err != nil {
			t.Fatalf("%v %q: accepted as %s, which is then refused: %v", typ, body, first, err)
		}
		if second, _ := json.Marshal(again); !bytes.Equal(first, second) {
			t.Fatalf("%v %q: normalised to %s, then to %s", typ, body, first, second)
		}
	})
}

// decodeBody runs decodeJSON on a POST of body.
func decodeBody(body []byte, dst validator) error {
	r := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return decodeJSON(httptest.NewRecorder(), r, dst)
}

// wantInvalid fails unless err is an Invalid error naming a field (field,
// when given) with both messages.
func wantInvalid(t *testing.T, in string, err error, field string) {
	t.Helper()
	e := apperr.As(err)
	if e == nil || e.Code != apperr.Invalid || e.Field == "" || e.VI == "" || e.EN == "" {
		t.Fatalf("%q: %T %v is not an Invalid error with a field and messages", in, err, err)
	}
	if field != "" && e.Field != field {
		t.Fatalf("%q: the error names %q, not %q", in, e.Field, field)
	}
}

func FuzzContentType(f *testing.F) {
	for _, s := range []string{"application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8",
		"application/json; charset=latin1", "text/plain", "", "application/json;", "application/json; charset=\"utf-8\"", "multipart/form-data; boundary=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ct string) {
		if err := checkContentType(ct); err != nil {
			wantInvalid(t, ct, err, "Content-Type")
		}
	})
}

func FuzzQuery(f *testing.F) {
	for _, s := range []string{"", "limit=50&offset=100", "limit=0", "limit=501", "offset=-1", "limit=1e3", "limit=%20%2050",
		"unit_id=12&include_old=true&valid_on=2026-04-26", "valid_on=26/04/2026&from=2026-10-01&to=31/10/2026", "from=2300-01-01",
		"from=0000-01-01", "q=%C4%91%E1%BA%A7u+t%C6%B0", "q=%ff%fe", "q=a%00b", "include_old=1&include_old=0", "unit_id=-3", "unit_id=9223372036854775808", "%zz=1&limit=%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := &http.Request{Method: "GET", URL: &url.URL{RawQuery: raw}}
		if p, err := parsePage(r); err != nil {
			wantInvalid(t, raw, err, "")
		} else if p.limit < 1 || p.limit > maxLimit || p.offset < 0 || p.offset > maxOffset {
			t.Fatalf("%q: page %+v out of range", raw, p)
		}
		if id, err := queryID(r, "unit_id"); err != nil {
			wantInvalid(t, raw, err, "unit_id")
		} else if id < 0 {
			t.Fatalf("%q: unit_id %d", raw, id)
		}
		if _, err := queryBool(r, "include_old"); err != nil {
			wantInvalid(t, raw, err, "include_old")
		}
		if d, err := queryDate(r, "valid_on"); err != nil {
			wantInvalid(t, raw, err, "valid_on")
		} else if d != "" && len(d) != len("2006-01-02") {
			t.Fatalf("%q: valid_on %q is not YYYY-MM-DD", raw, d)
		}
		if d, ok, err := queryDay(r, "from"); err != nil {
			wantInvalid(t, raw, err, "from")
		} else if ok && !d.Valid() {
			t.Fatalf("%q: from %v is not a valid day", raw, d)
		}
		if q, err := queryText(r, "q", 200); err != nil {
			wantInvalid(t, raw, err, "q")
		} else if len([]rune(q)) > 200 || strings.TrimSpace(q) != q {
			t.Fatalf("%q: q %q is over-long or untrimmed", raw, q)
		}
	})
}

func FuzzIfMatch(f *testing.F) {
	for _, s := range []string{"", "3", `"3"`, `W/"3"`, `W/"0"`, `"-1"`, "*", `"3", "4"`, "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		n, err := parseIfMatch(h)
		if err != nil {
			wantInvalid(t, h, err, "If-Match")
		} else if n < 0 || (n == 0 && strings.TrimSpace(h) != "") {
			t.Fatalf("If-Match %q read as version %d", h, n)
		}
	})
}

func FuzzDeadline(f *testing.F) {
	for _, s := range []string{"2026-03-13", "2026-03-13T17:00:00+07:00", "2026-03-13T10:00:00Z", "2026-02-30", "13/03/2026",
		"2300-01-01", "2300-01-01T00:00:00Z", "1800-01-01T00:00:00+07:00", "tuần sau", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, at, err := parseDeadline("deadline", s)
		if err != nil {
			wantInvalid(t, s, err, "deadline")
			return
		}
		if d == nil || !d.Valid() {
			t.Fatalf("deadline %q read as the day %v", s, d)
		}
		if at != nil && calendar.DateOf(*at) != *d {
			t.Fatalf("deadline %q: the instant %v is not on the day %v", s, at, d)
		}
	})
}
