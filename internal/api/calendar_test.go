package api

import (
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestCalendarScenarios covers the calendar endpoints: reading for every
// member of staff, editing the national table for the system operator
// only and the agency's hours for its administrator, audited, with the
// calendar's own input errors as 400s naming the value.
func TestCalendarScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		addCalendarKeepers(t, db, f)
		_, mux := newTestServer(t, db, nil)
		runScenarios(t, f, mux, []scenario{
			{name: "day anonymous", method: "GET", path: "/api/v1/calendar/days/2026-02-17", status: 401},
			{name: "Tết 2026", method: "GET", path: "/api/v1/calendar/days/2026-02-17", who: "clerk", status: 200,
				want: `"working":false,"kind":"holiday","reason":"Tết Nguyên đán"`},
			{name: "swapped Saturday", method: "GET", path: "/api/v1/calendar/days/2026-01-10", who: "official", status: 200, want: `"working":true`},
			{name: "impossible date", method: "GET", path: "/api/v1/calendar/days/2026-02-30", who: "official", status: 400, want: "30/02/2026"},
			{name: "year 2026 official", method: "GET", path: "/api/v1/calendar/years/2026", who: "official", status: 200, want: `"official":true`},
			{name: "year 2031 projected", method: "GET", path: "/api/v1/calendar/years/2031", who: "official", status: 200, want: `"official":false`},
			{name: "year out of range", method: "GET", path: "/api/v1/calendar/years/2300", who: "official", status: 400, want: `"field":"year"`},
			{name: "official cannot edit", method: "PUT", path: "/api/v1/calendar/days/2027-02-20", who: "official",
				body: `{"kind":"working_saturday"}`, status: 403, want: "Lịch nghỉ chung toàn quốc do bộ phận vận hành hệ thống quản lý"},
			{name: "operator adds a swapped Saturday", method: "PUT", path: "/api/v1/calendar/days/2027-02-20", who: "operator",
				body: `{"kind":"working_saturday","name":"làm bù cho 12/2"}`, status: 200, want: `"working":true`},
			{name: "2027 now official with its Tết kept", method: "GET", path: "/api/v1/calendar/days/2027-02-08", who: "clerk", status: 200, want: `"working":false`},
			{name: "working Saturday on a Monday", method: "PUT", path: "/api/v1/calendar/days/2027-03-01", who: "operator",
				body: `{"kind":"working_saturday"}`, status: 400, want: `"field":"schedule"`},
			{name: "unknown kind", method: "PUT", path: "/api/v1/calendar/days/2027-03-01", who: "operator",
				body: `{"kind":"party"}`, status: 400, want: `"field":"kind"`},
			{name: "delete a day", method: "DELETE", path: "/api/v1/calendar/days/2026-01-02", who: "operator", status: 200, want: `"working":true`},
			{name: "delete an absent day", method: "DELETE", path: "/api/v1/calendar/days/2026-03-03", who: "operator", status: 404},
			{name: "settings", method: "GET", path: "/api/v1/calendar/settings", who: "official", status: 200, want: `"periods":["07:00-11:30","13:30-17:00"]`},
			{name: "turn on 24/11", method: "PUT", path: "/api/v1/calendar/settings", who: "operator", body: `{"culture_day_24_11":true}`, status: 200, want: `"culture_day_24_11":true`},
			{name: "24/11 now off", method: "GET", path: "/api/v1/calendar/days/2026-11-24", who: "official", status: 200, want: `"working":false`},
			{name: "office hours of 7 hours", method: "PUT", path: "/api/v1/calendar/settings", who: "admin",
				body: `{"office_hours":[{"from":"01-01","to":"12-31","periods":["07:00-11:00","13:00-16:00"]}]}`, status: 400, want: `"field":"office_hours"`},
			{name: "bad period", method: "PUT", path: "/api/v1/calendar/settings", who: "admin",
				body: `{"office_hours":[{"from":"01-01","to":"12-31","periods":["seven to noon"]}]}`, status: 400, want: `"field":"office_hours[0].periods[0]"`},
			{name: "summer hours", method: "PUT", path: "/api/v1/calendar/settings", who: "admin",
				body: `{"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`, status: 200, want: `"07:30-11:30"`},
			{name: "due with agency hours", method: "GET", path: "/api/v1/calendar/due?from=2026-03-02T07:00:00%2B07:00&working_days=0.5", who: "clerk",
				status: 200, want: `"due_at":"2026-03-02T11:30:00+07:00"`},
			{name: "due negative", method: "GET", path: "/api/v1/calendar/due?from=2026-03-02T07:00:00%2B07:00&working_days=-2", who: "clerk", status: 400, want: "-2"},
			{name: "due without a period", method: "GET", path: "/api/v1/calendar/due?from=2026-03-02T07:00:00%2B07:00", who: "clerk", status: 400, want: `"field":"working_days"`},
			{name: "between", method: "GET", path: "/api/v1/calendar/between?from=2026-03-02T07:30:00%2B07:00&to=2026-03-03T11:30:00%2B07:00", who: "clerk",
				status: 200, want: `"text":"12h0m"`},
			{name: "between in words", method: "GET", path: "/api/v1/calendar/between?from=2026-03-02T07:30:00%2B07:00&to=2026-03-09T07:30:00%2B07:00", who: "clerk",
				status: 200, want: `"hours":40,"words":"5 ngày làm việc","words_en":"5 working days","hours_words":"40 giờ làm việc"}`},
			{name: "changes are journalled", method: "GET", path: "/api/v1/audit?object_type=calendar", who: "admin", status: 200, want: "set_day"},
		})
	})
}
