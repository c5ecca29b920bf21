package api

import (
	"context"
	"fmt"
	"testing"

	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// addCalendarKeepers adds to the fixture the system operator, held in the
// top unit (the province's committee), and an administrator of
// the other agency, with tokens "operator" and "otheradmin".
func addCalendarKeepers(t *testing.T, db *store.DB, f *fixture) {
	t.Helper()
	ctx := context.Background()
	top := f.province // the top unit of the fixture's tree
	for _, p := range []struct {
		who  string
		unit org.Unit
		role org.Role
		name string
	}{
		{"operator", top, org.RoleOperator, "Lý Văn Hành"},
		{"otheradmin", f.otherDivision, org.RoleAdmin, "Tô Thị Quản"},
	} {
		person, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: p.unit.AgencyID, FullName: p.name})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: person.ID, UnitID: p.unit.ID, Role: p.role, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAccount(ctx, sys, person.ID, p.who, testPassword); err != nil {
			t.Fatal(err)
		}
		if f.tokens[p.who], err = db.CreateToken(ctx, sys, p.who, "thử nghiệm"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCalendarLayers: the national table is the system operator's, and an
// agency's administrator (of either agency) is refused it with nothing
// written; each agency edits its own overrides only, and they move its
// own due instants and no one else's.
func TestCalendarLayers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		addCalendarKeepers(t, db, f)
		_, mux := newTestServer(t, db, nil)
		before := countAll(t, db).journal
		a := fmt.Sprintf("/api/v1/calendar/agencies/%d", f.agency.ID)
		b := fmt.Sprintf("/api/v1/calendar/agencies/%d", f.otherAgency.ID)
		const refused = "Lịch nghỉ chung toàn quốc do bộ phận vận hành hệ thống quản lý"
		hours := `{"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`
		// Tuesday 03/03/2026 08:00 plus two working days.
		due := "/api/v1/calendar/due?from=2026-03-03T08:00:00%2B07:00&working_days=2"
		runScenarios(t, f, mux, []scenario{
			{name: "admin adds to the national table", method: "PUT", path: "/api/v1/calendar/days/2027-02-20", who: "admin",
				body: `{"kind":"working_saturday"}`, status: 403, want: refused},
			{name: "other admin adds to the national table", method: "PUT", path: "/api/v1/calendar/days/2027-02-20", who: "otheradmin",
				body: `{"kind":"working_saturday"}`, status: 403, want: refused},
			{name: "admin deletes from the national table", method: "DELETE", path: "/api/v1/calendar/days/2026-01-02", who: "admin", status: 403, want: refused},
			{name: "admin turns on 24/11", method: "PUT", path: "/api/v1/calendar/settings", who: "admin", body: `{"culture_day_24_11":true}`, status: 403, want: refused},
			{name: "admin: 24/11 and hours together", method: "PUT", path: "/api/v1/calendar/settings", who: "admin",
				body: `{"culture_day_24_11":true,"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`, status: 403, want: refused},
			{name: "admin sets the default hours", method: "PUT", path: "/api/v1/calendar/settings", who: "admin",
				body: `{"default_office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]}`, status: 403, want: refused},
			{name: "other admin adds A's day off", method: "PUT", path: a + "/days-off/2026-03-04", who: "otheradmin", body: `{"name":"Nghỉ"}`, status: 403},
			{name: "other admin sets A's hours", method: "PUT", path: a + "/office-hours", who: "otheradmin", body: hours, status: 403},
			{name: "official adds A's day off", method: "PUT", path: a + "/days-off/2026-03-04", who: "official", body: `{"name":"Nghỉ"}`, status: 403},
			{name: "operator adds A's day off", method: "PUT", path: a + "/days-off/2026-03-04", who: "operator", body: `{"name":"Nghỉ"}`, status: 403},
			{name: "other reads A's overrides", method: "GET", path: a, who: "other", status: 403},
		})
		if got := countAll(t, db).journal; got != before {
			t.Fatalf("refused edits wrote %d journal entries", got-before)
		}
		cal, err := db.Calendar(context.Background(), f.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []calendar.Date{{Year: 2027, Month: 2, Day: 20}, {Year: 2026, Month: 3, Day: 4}} {
			if info, _ := cal.Day(d); info.Kind != 0 {
				t.Errorf("%s was written: %+v", d, info)
			}
		}
		if h, _ := db.OfficeHours(context.Background(), f.agency.ID); h.Seasons[0].Periods[0].Start != calendar.Clock(7, 0) {
			t.Errorf("office hours written: %+v", h)
		}
		runScenarios(t, f, mux, []scenario{
			{name: "A's due before", method: "GET", path: due, who: "clerk", status: 200, want: `"due_at":"2026-03-05T08:00:00+07:00"`},
			{name: "admin adds A's day off", method: "PUT", path: a + "/days-off/2026-03-04", who: "admin",
				body: `{"name":"Ngày thành lập Sở","name_en":"Founding day"}`, status: 200, want: `"days_off":[{"date":"2026-03-04","name":"Ngày thành lập Sở","name_en":"Founding day"}]`},
			{name: "A's due moves", method: "GET", path: due, who: "clerk", status: 200, want: `"due_at":"2026-03-06T08:00:00+07:00"`},
			{name: "A's day says why", method: "GET", path: "/api/v1/calendar/days/2026-03-04", who: "official", status: 200,
				want: `"working":false,"kind":"agency_day_off","reason":"Ngày thành lập Sở"`},
			{name: "B's due does not", method: "GET", path: due, who: "other", status: 200, want: `"due_at":"2026-03-05T08:00:00+07:00"`},
			{name: "the official reads A's overrides", method: "GET", path: a, who: "official", status: 200, want: `"name":"Ngày thành lập Sở"`},
			{name: "B's overrides are empty", method: "GET", path: b, who: "other", status: 200, want: `"days_off":[]`},
			{name: "a bad day off", method: "PUT", path: a + "/days-off/2026-02-30", who: "admin", body: `{}`, status: 400, want: "30/02/2026"},
			{name: "a division is no agency", method: "PUT", path: fmt.Sprintf("/api/v1/calendar/agencies/%d/days-off/2026-03-04", f.bidding.ID), who: "admin", body: `{}`, status: 404},
			{name: "admin sets A's hours", method: "PUT", path: a + "/office-hours", who: "admin", body: hours, status: 200, want: `"07:30-11:30"`},
			{name: "B keeps the default hours", method: "GET", path: b, who: "other", status: 200, want: `"07:00-11:30"`},
			{name: "admin deletes A's day off", method: "DELETE", path: a + "/days-off/2026-03-04", who: "admin", status: 200, want: `"days_off":[]`},
			{name: "delete it again", method: "DELETE", path: a + "/days-off/2026-03-04", who: "admin", status: 404},
			{name: "A's due is back", method: "GET", path: due, who: "clerk", status: 200, want: `"due_at":"2026-03-05T08:00:00+07:00"`},
			{name: "the overrides are journalled for A", method: "GET", path: "/api/v1/audit?object_type=agency_days_off", who: "admin", status: 200, want: "set_day_off"},
			{name: "and not for B", method: "GET", path: "/api/v1/audit?object_type=agency_days_off", who: "otheradmin", status: 200, absent: "set_day_off"},
			// The operator keeps the national table.
			{name: "operator adds a swapped Saturday", method: "PUT", path: "/api/v1/calendar/days/2027-02-20", who: "operator",
				body: `{"kind":"working_saturday","name":"làm bù"}`, status: 200, want: `"working":true`},
			{name: "operator turns on 24/11", method: "PUT", path: "/api/v1/calendar/settings", who: "operator", body: `{"culture_day_24_11":true}`, status: 200, want: `"culture_day_24_11":true`},
			{name: "bad default period", method: "PUT", path: "/api/v1/calendar/settings", who: "operator",
				body: `{"default_office_hours":[{"from":"01-01","to":"12-31","periods":["x"]}]}`, status: 400, want: `"field":"default_office_hours[0].periods[0]"`},
			{name: "default hours of 7 hours", method: "PUT", path: "/api/v1/calendar/settings", who: "operator",
				body: `{"default_office_hours":[{"from":"01-01","to":"12-31","periods":["07:00-11:00","13:00-16:00"]}]}`, status: 400, want: `"field":"default_office_hours"`},
			{name: "operator sets the default hours", method: "PUT", path: "/api/v1/calendar/settings", who: "operator",
				body: `{"default_office_hours":[{"from":"01-01","to":"12-31","periods":["07:15-11:45","13:30-17:00"]}]}`, status: 200, want: `"default_office_hours":[{"from":"01-01","to":"12-31","periods":["07:15-11:45","13:30-17:00"]}]`},
			{name: "B follows the default hours", method: "GET", path: "/api/v1/calendar/settings", who: "other", status: 200, want: `"office_hours":[{"from":"01-01","to":"12-31","periods":["07:15-11:45","13:30-17:00"]}]`},
			{name: "A keeps its own", method: "GET", path: "/api/v1/calendar/settings", who: "official", status: 200, want: `"office_hours":[{"from":"01-01","to":"12-31","periods":["07:30-11:30","13:00-17:00"]}]`},
			{name: "every agency sees national edits", method: "GET", path: "/api/v1/audit?object_type=calendar", who: "otheradmin", status: 200, want: "set_day"},
		})
	})
}
