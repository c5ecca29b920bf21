package api

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The life of one-stop dossiers through the API, on every engine. October
// 2026 gets six dossiers whose period report is known:
//
//	A  direct, 01/10 08:00, forwarded, paused 02/10–05/10, completed 15/10, returned  → resolved early
//	B  online, filed 01/10 07:30, accepted 01/10 08:00, still at the desk (due 22/10) → in progress, overdue
//	C  direct, 20/10 08:00, with the division (due 10/11)                            → in progress, within
//	D  direct, 05/10 08:00, withdrawn 06/10                                           → withdrawn
//	E  direct, 28/09 08:00 (carried over), completed 21/10 (due 19/10)                → resolved late
//	G  direct, 02/10 08:00, at the desk (due 23/10)                                   → in progress, overdue

// intakeBody is a POST /api/v1/dossiers body.
func intakeBody(name, channel, receivedAt string) string {
	return fmt.Sprintf(`{"procedure_code":%q,"applicant":{"name":%q,"id_number":"001203004567","phone":"0912 345 678","address":"Số 1 Lý Thái Tổ, Bắc Ninh","email":"dan@example.vn"},"channel":%q,"received_at":%q,"documents":[{"name":"Tờ trình đề nghị thẩm định","copy":"original","quantity":1}],"sets":1}`,
		procCode, name, channel, receivedAt)
}

// event is a POST /api/v1/dossiers/{code}/events body.
func event(action, at string, extra string) string {
	b := fmt.Sprintf(`{"action":%q,"at":%q`, action, at)
	if extra != "" {
		b += "," + extra
	}
	return b + "}"
}

func oct(day, hour, minute int) string {
	return time.Date(2026, time.October, day, hour, minute, 0, 0, calendar.VN).Format(time.RFC3339)
}

func dossierLife(f *dossierFixture) []dossierStep {
	id := func(n int64) string { return fmt.Sprint(n) }
	fwdToOfficial := fmt.Sprintf(`"to_unit_id":%d,"to_person_id":%d,"note":"Chuyển Phòng Đấu thầu thẩm định"`, f.bidding.ID, f.official.ID)
	fwdToClerk := fmt.Sprintf(`"to_person_id":%d,"note":"Đã có kết quả thẩm định"`, f.clerk.ID)
	future := time.Now().Add(time.Hour).Format(time.RFC3339)
	ev := func(code string) string { return "/api/v1/dossiers/{" + code + "}/events" }
	return []dossierStep{
		// Intake.
		{name: "intake anonymous", method: "POST", path: "/api/v1/dossiers", body: intakeBody("Nguyễn Văn An", "direct", oct(1, 8, 0)), status: 401},
		{name: "intake by an official", method: "POST", path: "/api/v1/dossiers", who: "official", body: intakeBody("Nguyễn Văn An", "direct", oct(1, 8, 0)), status: 403, want: []string{`"code":"forbidden"`}},
		{name: "intake by another agency's clerk", method: "POST", path: "/api/v1/dossiers", who: "otherclerk", body: intakeBody("Nguyễn Văn An", "direct", oct(1, 8, 0)), status: 400, want: []string{`"field":"procedure_code"`}},
		{name: "intake in the future", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Nguyễn Văn An", "direct", future), status: 400, want: []string{`"field":"received_at"`}},
		{name: "intake A", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Nguyễn Văn An", "direct", oct(1, 8, 0)), status: 201, save: "A",
			want: []string{`"status_code":2`, `"due_at":"2026-10-22T08:00:00+07:00"`, `"version":1`, `"lookup_url":"/api/v1/public/dossiers/000.00.15.H27-261001-0001?secret=`, `"form_set":"TT03/2025"`}},
		{name: "intake B online", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Trần Thị Bình", "online", oct(1, 7, 30)), status: 201, save: "B",
			want: []string{`"status_code":1`, `"due_at":null`}},
		{name: "accept B", method: "POST", path: ev("B"), who: "clerk", header: matchHeader("1"), body: event("accept", oct(1, 8, 0), ""), status: 200,
			want: []string{`"status_code":2`, `"due_at":"2026-10-22T08:00:00+07:00"`, `"version":2`}},
		{name: "intake C", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Lê Văn Cường", "direct", oct(20, 8, 0)), status: 201, save: "C",
			want: []string{`"due_at":"2026-11-10T08:00:00+07:00"`}},
		{name: "forward C", method: "POST", path: ev("C"), who: "clerk", body: event("forward", oct(20, 10, 0), fwdToOfficial), status: 200, want: []string{`"status_code":4`}},
		{name: "intake D", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Phạm Thị Dung", "postal", oct(5, 8, 0)), status: 201, save: "D"},
		{name: "withdraw D", method: "POST", path: ev("D"), who: "clerk", body: event("withdraw", oct(6, 9, 0), `"note":"Công dân rút hồ sơ"`), status: 200, want: []string{`"status_code":7`}},
		{name: "intake E", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Hoàng Văn Em", "direct", "2026-09-28T08:00:00+07:00"), status: 201, save: "E",
			want: []string{`"due_at":"2026-10-19T08:00:00+07:00"`}},
		{name: "forward E", method: "POST", path: ev("E"), who: "clerk", body: event("forward", "2026-09-28T10:00:00+07:00", fwdToOfficial), status: 200},
		{name: "E back to the desk", method: "POST", path: ev("E"), who: "official", body: event("forward", oct(20, 9, 0), fwdToClerk), status: 200},
		{name: "complete E late", method: "POST", path: ev("E"), who: "clerk", body: event("complete", oct(21, 9, 0), ""), status: 200,
			want: []string{`"status_code":9`, `"classification":{"code":"late"`}},
		{name: "intake G", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intakeBody("Vũ Thị Giang", "direct", oct(2, 8, 0)), status: 201, save: "G"},

		// Reading.
		{name: "get A", method: "GET", path: "/api/v1/dossiers/{A}", who: "clerk", status: 200,
			want: []string{`"code":"{A}"`, `"status_code":2`, `"status_label":{"vi":"Được tiếp nhận","en":"Received"}`, `"events":[{"seq":1,"action":"receive"`,
				`"steps":[{"index":0,"name":"Tiếp nhận hồ sơ"`, `"current_step":{"index":0`, `"version":1`, `"applicant":{"name":"Nguyễn Văn An","id_number":"001203004567","phone":"0912345678"`}},
		{name: "get A anonymous", method: "GET", path: "/api/v1/dossiers/{A}", status: 401},
		{name: "get A by another agency's official", method: "GET", path: "/api/v1/dossiers/{A}", who: "other", status: 404, want: []string{`"code":"not_found"`}},
		{name: "get A by another agency's clerk", method: "GET", path: "/api/v1/dossiers/{A}", who: "otherclerk", status: 404},
		{name: "get A by the division before it arrives", method: "GET", path: "/api/v1/dossiers/{A}", who: "official", status: 404},
		{name: "get a dossier that does not exist", method: "GET", path: "/api/v1/dossiers/000.00.15.H27-261001-9999", who: "clerk", status: 404},
		{name: "act on A from another agency", method: "POST", path: ev("A"), who: "other", body: event("forward", oct(1, 10, 0), fwdToOfficial), status: 404},

		// The life of A.
		{name: "forward A with If-Match", method: "POST", path: ev("A"), who: "clerk", header: matchHeader(`"1"`), body: event("forward", oct(1, 10, 0), fwdToOfficial), status: 200,
			want: []string{`"status_code":4`, `"version":2`, `"current_step":1`, `"event":{"seq":2,"action":"forward"`, `"to_person_name":"Nguyễn Văn Chuyên"`}},
		{name: "stale If-Match", method: "POST", path: ev("A"), who: "official", header: matchHeader(`"1"`), body: event("forward", oct(2, 8, 0), fwdToClerk), status: 409,
			want: []string{`"code":"conflict"`}},
		{name: "bad If-Match", method: "POST", path: ev("A"), who: "official", header: matchHeader(`soon`), body: event("forward", oct(2, 8, 0), fwdToClerk), status: 400,
			want: []string{`"field":"If-Match"`}},
		{name: "illegal action names the allowed ones", method: "POST", path: ev("A"), who: "clerk", body: event("return_result", oct(2, 8, 0), ""), status: 409,
			want: []string{`"code":"conflict"`, `"allowed":["forward","request_supplement","request_payment","stop","apologize","withdraw"]`}},
		{name: "resume while not stopped", method: "POST", path: ev("A"), who: "official", body: event("resume", oct(2, 8, 0), ""), status: 409, want: []string{`"allowed":[`}},
		{name: "clerk cannot complete the division's step", method: "POST", path: ev("A"), who: "clerk", body: event("complete", oct(2, 8, 0), ""), status: 403,
			want: []string{`"code":"forbidden"`, `hoàn thành xử lý`}},
		{name: "clerk cannot complete, in English", method: "POST", path: ev("A") + "?lang=en", who: "clerk", body: event("complete", oct(2, 8, 0), ""), status: 403,
			want: []string{`You may not`}},
		{name: "complete before the last step", method: "POST", path: ev("A"), who: "official", body: event("complete", oct(2, 8, 0), ""), status: 409, want: []string{`"allowed":[`}},
		{name: "supplement without a reason", method: "POST", path: ev("A"), who: "official", body: event("request_supplement", oct(2, 9, 0), ""), status: 400,
			want: []string{`"field":"reason"`}},
		{name: "at in the future", method: "POST", path: ev("A"), who: "official", body: event("request_supplement", future, `"reason":"Bổ sung báo cáo"`), status: 400,
			want: []string{`"field":"at"`}},
		{name: "at before the previous event", method: "POST", path: ev("A"), who: "official", body: event("request_supplement", oct(1, 9, 0), `"reason":"Bổ sung báo cáo"`), status: 400,
			want: []string{`"field":"at"`}},
		{name: "unknown action", method: "POST", path: ev("A"), who: "official", body: event("approve", oct(2, 9, 0), ""), status: 400, want: []string{`"field":"action"`}},
		{name: "forward to another agency's person", method: "POST", path: ev("A"), who: "official", body: event("forward", oct(2, 9, 0), fmt.Sprintf(`"to_person_id":%d`, f.otherOfficial.ID)), status: 400,
			want: []string{`"field":"to_person_id"`}},
		{name: "request a supplement, version in the body", method: "POST", path: ev("A"), who: "official", body: event("request_supplement", oct(2, 9, 0), `"reason":"Bổ sung báo cáo thẩm định giá","supplement_days":5,"version":2`), status: 200,
			want: []string{`"status_code":5`, `"paused_at":"2026-10-02T09:00:00+07:00"`, `"version":3`}},
		{name: "If-Match and version disagree", method: "POST", path: ev("A"), who: "official", header: matchHeader("3"), body: event("receive_supplement", oct(5, 9, 0), `"version":2`), status: 400,
			want: []string{`"field":"version"`}},
		{name: "receive the supplement, weak If-Match", method: "POST", path: ev("A"), who: "official", header: matchHeader(`W/"3"`), body: event("receive_supplement", oct(5, 9, 0), ""), status: 200,
			want: []string{`"status_code":4`, `"due_at":"2026-10-23T08:00:00+07:00"`, `"paused_at":null`, `"version":4`}},
		{name: "division hands A back to the desk", method: "POST", path: ev("A"), who: "official", body: event("forward", oct(14, 15, 0), fwdToClerk), status: 200,
			want: []string{`"current_step":2`}},
		{name: "rating before the result", method: "POST", path: "/api/v1/public/dossiers/{A}/rating", body: `{"secret":"{A.secret}","rating":1}`, status: 409},
		{name: "complete A", method: "POST", path: ev("A"), who: "clerk", body: event("complete", oct(15, 9, 0), ""), status: 200,
			want: []string{`"status_code":9`, `"classification":{"code":"early","label":"Trước hạn"}`, `"allowed_actions":["return_result"]`}},
		{name: "return the result", method: "POST", path: ev("A"), who: "clerk", body: event("return_result", oct(15, 10, 0), ""), status: 200,
			want: []string{`"status_code":10`, `"version":7`, `"allowed_actions":[]`}},
		{name: "get A by the division", method: "GET", path: "/api/v1/dossiers/{A}", who: "official", status: 200,
			want: []string{`"status_code":10`, `"slip":[{"body":"Tiếp nhận hồ sơ"`, `"giver":"Lê Thị Mai","receiver":"Nguyễn Văn Chuyên"`,
				`"reason":"Bổ sung báo cáo thẩm định giá"`, `"supplement_due_at":`, `"current_step":null`, `"version":7`}},
		{name: "get A by the head", method: "GET", path: "/api/v1/dossiers/{A}", who: "head", status: 200},

		// The public lookup and the rating.
		{name: "public lookup", method: "GET", path: "/api/v1/public/dossiers/{A}?secret={A.secret}", status: 200,
			want:   []string{`"status_code":10`, `"status_label":{"vi":"Đã trả kết quả"`, `"applicant":"N.V.A."`, `"result":{"code":"early"`, `"can_rate":true`, `"steps":[{"name":"Tiếp nhận hồ sơ"`},
			absent: []string{"Lê Thị Mai", "Nguyễn Văn Chuyên", "Nguyễn Văn An", "0912345678", "001203004567"}},
		{name: "public lookup, wrong secret", method: "GET", path: "/api/v1/public/dossiers/{A}?secret=AAAAAAAA", status: 404, saveBody: "wrong"},
		{name: "public lookup, unknown code", method: "GET", path: "/api/v1/public/dossiers/000.00.15.H27-261001-9999?secret=AAAAAAAA", status: 404, sameAs: "wrong"},
		{name: "public lookup, no secret", method: "GET", path: "/api/v1/public/dossiers/{A}", status: 404, sameAs: "wrong"},
		{name: "rating", method: "POST", path: "/api/v1/public/dossiers/{A}/rating", body: `{"secret":"{A.secret}","rating":1,"comment":"Cán bộ tận tình"}`, status: 200,
			want: []string{`"rating":1`, `"label":"Hài lòng"`}},
		{name: "rating twice", method: "POST", path: "/api/v1/public/dossiers/{A}/rating", body: `{"secret":"{A.secret}","rating":3}`, status: 409},
		{name: "rating out of range", method: "POST", path: "/api/v1/public/dossiers/{A}/rating", body: `{"secret":"{A.secret}","rating":5}`, status: 400, want: []string{`"field":"rating"`}},
		{name: "rating with a wrong secret", method: "POST", path: "/api/v1/public/dossiers/{A}/rating", body: `{"secret":"AAAAAAAA","rating":1}`, status: 404, sameAs: "wrong"},
		{name: "the rating shows to staff", method: "GET", path: "/api/v1/dossiers/{A}", who: "clerk", status: 200, want: []string{`"rating":{"rating":1,"label":"Hài lòng","comment":"Cán bộ tận tình"`}},

		// The catalogue.
		{name: "procedures", method: "GET", path: "/api/v1/procedures", who: "clerk", status: 200,
			want: []string{`[{"code":"1.009645"`, `"time_limit":{"value":15,"unit":"working_days"},"after_15h":false`, `"steps":[{"name":"Tiếp nhận hồ sơ","unit_id":` + id(f.desk.ID) + `,"role":"clerk","budget":0.5}`, `"version":1,"effective_from":"2025-01-01"`}},
		{name: "procedures without diacritics", method: "GET", path: "/api/v1/procedures?q=lua+chon+nha+thau", who: "official", status: 200, want: []string{`"code":"1.009645"`}},
		{name: "procedures no match", method: "GET", path: "/api/v1/procedures?q=dat+dai", who: "official", status: 200, want: []string{`[]`}},
		{name: "procedures before they were in force", method: "GET", path: "/api/v1/procedures?on=2024-12-31", who: "official", status: 200, want: []string{`[]`}},
		{name: "procedures of another agency", method: "GET", path: "/api/v1/procedures", who: "other", status: 200, want: []string{`[]`}},
		{name: "procedures anonymous", method: "GET", path: "/api/v1/procedures", status: 401},
		{name: "procedures bad date", method: "GET", path: "/api/v1/procedures?on=2026-02-30", who: "official", status: 400, want: []string{`"field":"on"`}},
		{name: "new version by a clerk", method: "POST", path: "/api/v1/procedures", who: "clerk", body: procedureBody(f, 15, "2027-01-01"), status: 403},
		{name: "new version, steps do not add up", method: "POST", path: "/api/v1/procedures", who: "admin", body: procedureBody(f, 16, "2027-01-01"), status: 400, want: []string{`"field":"steps"`}},
		{name: "new version, bad unit", method: "POST", path: "/api/v1/procedures", who: "admin", body: strings3(procedureBody(f, 15, "2027-01-01"), `"unit":"working_days"`, `"unit":"weeks"`), status: 400, want: []string{`"field":"time_limit.unit"`}},
		{name: "new version, another agency's unit", method: "POST", path: "/api/v1/procedures", who: "admin", body: strings3(procedureBody(f, 15, "2027-01-01"), fmt.Sprintf(`"unit_id":%d`, f.bidding.ID), fmt.Sprintf(`"unit_id":%d`, f.otherDivision.ID)), status: 400, want: []string{`"field":"steps[1].unit_id"`}},
		{name: "new version", method: "POST", path: "/api/v1/procedures", who: "admin", body: procedureBody(f, 15, "2027-01-01"), status: 201,
			want: []string{`"version":2`, `"effective_from":"2027-01-01"`, `"after_15h":true`}},
		{name: "all versions", method: "GET", path: "/api/v1/procedures/1.009645", who: "clerk", status: 200, want: []string{`"version":1`, `"version":2`}},
		{name: "the version in force today is still 1", method: "GET", path: "/api/v1/procedures", who: "clerk", status: 200, want: []string{`"version":1`}, absent: []string{`"version":2`}},
		{name: "the version in force in 2027", method: "GET", path: "/api/v1/procedures?on=2027-01-01", who: "clerk", status: 200, want: []string{`"version":2`}},
		{name: "versions of an unknown procedure", method: "GET", path: "/api/v1/procedures/2.000815", who: "clerk", status: 404},
		{name: "versions, bad code", method: "GET", path: "/api/v1/procedures/abc", who: "clerk", status: 400, want: []string{`"field":"code"`}},
	}
}

// procedureBody is a new version of the fixture's procedure whose division
// step takes divisionDays.
func procedureBody(f *dossierFixture, total float64, from string) string {
	return fmt.Sprintf(`{"code":"1.009645","name":"Thẩm định kế hoạch lựa chọn nhà thầu","field":"Đấu thầu","level":2,
		"time_limit":{"value":%v,"unit":"working_days"},"after_15h":true,"fee":0,
		"documents":[{"name":"Tờ trình đề nghị thẩm định"}],
		"steps":[{"name":"Tiếp nhận hồ sơ","unit_id":%d,"role":"clerk","budget":0.5},{"name":"Thẩm định","unit_id":%d,"budget":14},{"name":"Trả kết quả","unit_id":%d,"role":"clerk","budget":0.5}],
		"effective_from":%q}`, total, f.desk.ID, f.bidding.ID, f.desk.ID, from)
}

// strings3 replaces the first old in s by new.
func strings3(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// octoberStats is the period report of October 2026 over the six dossiers.
const octoberStats = `{"from":"2026-10-01","to":"2026-10-31","unit_id":%d,"unit_name":%q,` +
	`"received":{"total":6,"online":1,"direct":4,"carried_over":1},` +
	`"resolved":{"total":2,"early":1,"on_time":0,"late":1},` +
	`"in_progress":{"total":3,"within_deadline":1,"overdue":2,"paused":0},` +
	`"withdrawn":1,"progress_score":10}`

// figures is what each drill-down of October must list.
var octoberFigures = map[string][]string{
	"received_online": {"B"}, "received_direct": {"A", "G", "D", "C"}, "carried_over": {"E"},
	"resolved_early": {"A"}, "resolved_on_time": {}, "resolved_late": {"E"},
	"in_progress_within": {"C"}, "in_progress_overdue": {"B", "G"}, "withdrawn": {"D"},
}

func dossierStats(f *dossierFixture) []dossierStep {
	oct := "from=2026-10-01&to=2026-10-31"
	same := func(unit int64, name string) func(t *testing.T, b []byte) {
		return func(t *testing.T, b []byte) {
			t.Helper()
			if got, want := compactJSON(b), fmt.Sprintf(octoberStats, unit, name); got != want {
				t.Errorf("October report:\n got %s\nwant %s", got, want)
			}
		}
	}
	steps := []dossierStep{
		{name: "stats by the director", method: "GET", path: "/api/v1/stats/dossiers?" + oct, who: "director", status: 200, check: same(f.agency.ID, f.agency.Name)},
		{name: "stats by the head on the division", method: "GET", path: fmt.Sprintf("/api/v1/stats/dossiers?%s&unit=%d", oct, f.bidding.ID), who: "head", status: 200, check: same(f.bidding.ID, f.bidding.Name)},
		{name: "stats by the head on the agency", method: "GET", path: "/api/v1/stats/dossiers?" + oct, who: "head", status: 403},
		{name: "stats by an official", method: "GET", path: "/api/v1/stats/dossiers?" + oct, who: "official", status: 403, want: []string{`"code":"forbidden"`}},
		{name: "stats by another agency on this one", method: "GET", path: fmt.Sprintf("/api/v1/stats/dossiers?%s&unit=%d", oct, f.agency.ID), who: "other", status: 403},
		{name: "stats anonymous", method: "GET", path: "/api/v1/stats/dossiers?" + oct, status: 401},
		{name: "stats bad from", method: "GET", path: "/api/v1/stats/dossiers?from=2026-10-32", who: "director", status: 400, want: []string{`"field":"from"`}},
		{name: "stats to before from", method: "GET", path: "/api/v1/stats/dossiers?from=2026-10-31&to=2026-10-01", who: "director", status: 400, want: []string{`"field":"to"`}},
		{name: "stats unknown unit", method: "GET", path: "/api/v1/stats/dossiers?unit=999999", who: "director", status: 400, want: []string{`"field":"unit"`}},
		{name: "September: E received, nothing resolved", method: "GET", path: "/api/v1/stats/dossiers?from=2026-09-01&to=2026-09-30", who: "director", status: 200,
			want: []string{`"received":{"total":1,"online":0,"direct":1,"carried_over":0}`, `"in_progress":{"total":1,"within_deadline":1,"overdue":0,"paused":0}`}},
		{name: "unknown figure", method: "GET", path: "/api/v1/stats/dossiers/figures/late_ones?" + oct, who: "director", status: 400, want: []string{`"field":"figure"`}},
		{name: "figure by an official", method: "GET", path: "/api/v1/stats/dossiers/figures/withdrawn?" + oct, who: "official", status: 403},
	}
	for fig, names := range octoberFigures {
		steps = append(steps, dossierStep{name: "figure " + fig, method: "GET", path: "/api/v1/stats/dossiers/figures/" + fig + "?" + oct,
			who: "director", status: 200, check: countIs(len(names))})
	}
	steps = append(steps, dossierStep{name: "figure overdue, in due order", method: "GET", path: "/api/v1/stats/dossiers/figures/in_progress_overdue?" + oct,
		who: "director", status: 200, codes: []string{"B", "G"}})
	return steps
}

// countIs checks the length of a JSON array.
func countIs(n int) func(t *testing.T, b []byte) {
	return func(t *testing.T, b []byte) {
		t.Helper()
		var list []json.RawMessage
		if err := json.Unmarshal(b, &list); err != nil || len(list) != n {
			t.Errorf("%d items (%v), want %d: %s", len(list), err, n, b)
		}
	}
}

// dossierQueues is what staff see in their queues at 09:00 on 22/10/2026.
func dossierQueueSteps(f *dossierFixture) []dossierStep {
	q := func(name, who, query string, codes ...string) dossierStep {
		if codes == nil {
			codes = []string{}
		}
		return dossierStep{name: name, method: "GET", path: "/api/v1/dossiers?" + query, who: who, status: 200, codes: codes}
	}
	return []dossierStep{
		q("clerk's own", "clerk", "queue=mine", "B", "G"),
		q("clerk's default queue is their own", "clerk", "", "B", "G"),
		q("official's own", "official", "queue=mine", "C"),
		q("desk's queue", "clerk", "queue=unit", "B", "G"),
		q("division's queue", "official", "queue=unit", "C"),
		q("division's queue by unit id", "head", fmt.Sprintf("queue=unit&unit_id=%d", f.bidding.ID), "C"),
		q("late", "director", "queue=late", "B"),
		q("late for the division", "official", "queue=late"),
		q("due soon", "director", "queue=due_soon", "G"),
		q("search without diacritics", "director", "queue=all&q=tran+thi+binh", "B"),
		q("all, newest first", "director", "queue=all", "G", "E", "D", "C", "B", "A"),
		q("all, a page", "director", "queue=all&limit=2", "G", "E"),
		{name: "offset is refused: pages go by cursor", method: "GET", path: "/api/v1/dossiers?queue=all&limit=2&offset=1", who: "director", status: 400, want: []string{`"field":"offset"`}},
		{name: "a cursor from another list", method: "GET", path: "/api/v1/dossiers?queue=late&after=n1.1", who: "director", status: 400, want: []string{`"field":"after"`}},
		q("another agency sees none", "other", "queue=all"),
		q("by status", "director", "queue=all&status=7,9", "E", "D"),
		q("by status within a queue", "clerk", "queue=mine&status=4"),
		q("received within days, both included", "director", "queue=all&received_from=2026-10-05&received_to=20/10/2026", "C", "D"),
		q("received up to a day", "director", "queue=all&received_to=2026-09-30", "E"),
		q("received from a day", "director", "queue=all&received_from=2026-10-20", "C"),
		q("handled by the clerk, newest first", "clerk", "queue=handled", "G", "E", "D", "C", "B", "A"),
		// The official sent E back to the desk: handled, but no longer theirs to view.
		q("handled by the official, as far as they may view", "official", "queue=handled"),
		q("handled, searched", "clerk", "queue=handled&q=binh+thi", "B"),
		q("by procedure", "director", "queue=all&procedure="+procCode, "G", "E", "D", "C", "B", "A"),
		q("by another procedure", "director", "queue=all&procedure=1.000001"),
		q("overdue among all", "director", "queue=all&overdue=true", "B"),
		q("due soon among all", "director", "queue=all&due_soon=true", "G"),
		q("due from a day, by due", "director", "queue=all&due_from=2026-10-22", "B", "A", "G", "D", "C"),
		q("by handler", "head", fmt.Sprintf("queue=all&handler_id=%d", f.official.ID), "C"),
		{name: "bad overdue", method: "GET", path: "/api/v1/dossiers?queue=all&overdue=maybe", who: "director", status: 400, want: []string{`"field":"overdue"`}},
		{name: "bad due day", method: "GET", path: "/api/v1/dossiers?queue=all&due_to=31/02/2026", who: "director", status: 400, want: []string{`"field":"due_to"`}},
		{name: "bad status", method: "GET", path: "/api/v1/dossiers?queue=all&status=2,11", who: "director", status: 400, want: []string{`"field":"status"`}},
		{name: "status not a number", method: "GET", path: "/api/v1/dossiers?queue=all&status=open", who: "director", status: 400, want: []string{`"field":"status"`}},
		{name: "bad day", method: "GET", path: "/api/v1/dossiers?queue=all&received_from=2026-13-01", who: "director", status: 400, want: []string{`"field":"received_from"`}},
		{name: "days the wrong way round", method: "GET", path: "/api/v1/dossiers?queue=all&received_from=2026-10-20&received_to=2026-10-05", who: "director", status: 400, want: []string{`"field":"received_to"`}},
		{name: "late flag", method: "GET", path: "/api/v1/dossiers?queue=late", who: "director", status: 200, want: []string{`"overdue":true`}},
		{name: "due soon flag", method: "GET", path: "/api/v1/dossiers?queue=due_soon", who: "director", status: 200, want: []string{`"due_soon":true`}},
		{name: "bad queue", method: "GET", path: "/api/v1/dossiers?queue=urgent", who: "clerk", status: 400, want: []string{`"field":"queue"`}},
		{name: "another agency's unit", method: "GET", path: fmt.Sprintf("/api/v1/dossiers?queue=unit&unit_id=%d", f.bidding.ID), who: "other", status: 403},
		{name: "queue anonymous", method: "GET", path: "/api/v1/dossiers", status: 401},
	}
}

// TestDossierScenarios runs the life, the report and the queues on every
// engine.
func TestDossierScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		vars := map[string]string{}
		runDossierSteps(t, f, mux, vars, dossierLife(f))
		runDossierSteps(t, f, mux, vars, dossierStats(f))
		checkExports(t, f, mux, vars)
		// The queues as they stood at 09:00 on 22/10/2026.
		at := time.Date(2026, time.October, 22, 9, 0, 0, 0, calendar.VN)
		_, then := newDossierServer(t, db, func() time.Time { return at })
		runDossierSteps(t, f, then, vars, dossierQueueSteps(f))
	})
}
