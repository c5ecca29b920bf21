package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// addAccount gives a login to a new person holding role in the named unit.
func (a *app) addAccount(t *testing.T, login, unitName string, role org.Role) {
	t.Helper()
	ctx := context.Background()
	id, _ := strconv.ParseInt(a.unit(t, unitName), 10, 64)
	tree, err := a.db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := tree.Unit(id)
	sys := audit.System("test")
	p, err := a.db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: u.AgencyID, FullName: "Người Thử Nghiệm"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: id, Role: role, ValidFrom: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	a.passwords[login] = "Mật-khẩu-thử-2026"
	if err := a.db.CreateAccount(ctx, sys, p.ID, login, a.passwords[login]); err != nil {
		t.Fatal(err)
	}
}

// TestCalendarLayersWeb: the national table is the system operator's
// (vanhanh); the department's administrator and the province's one are
// refused it, with the reason and nothing written; each agency's own days
// off and hours are its own administrator's, and move its calendar only.
func TestCalendarLayersWeb(t *testing.T) {
	a := newApp(t)
	a.addAccount(t, "quantri.tinh", "UBND tỉnh Bắc Ninh", org.RoleAdmin)
	admin, op, padmin := a.login(t, "admin"), a.login(t, "vanhanh"), a.login(t, "quantri.tinh")
	ctx := context.Background()
	agencyA := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh")
	agencyB := a.unit(t, "UBND tỉnh Bắc Ninh")
	idA, _ := strconv.ParseInt(agencyA, 10, 64)
	idB, _ := strconv.ParseInt(agencyB, 10, 64)
	const refused = "Lịch nghỉ chung toàn quốc do bộ phận vận hành hệ thống quản lý"
	hours := url.Values{"year": {"2026"}, "from1": {"01-01"}, "to1": {"12-31"}, "periods1": {"07:30-11:30, 13:00-17:00"}}
	dayOff := url.Values{"year": {"2026"}, "date": {"04/03/2026"}, "name": {"Ngày thành lập Sở"}}
	national, agencyDays := a.calendarJournal(t, "calendar"), a.calendarJournal(t, "agency_days_off")
	hoursBefore := a.calendarJournal(t, "office_hours")
	for _, c := range []struct {
		name string
		u    *user
		path string
		form url.Values
		want string
	}{
		{"department admin adds a national day", admin, "/calendar/days", url.Values{"date": {"2027-02-20"}, "kind": {"working_saturday"}}, refused},
		{"province admin adds a national day", padmin, "/calendar/days", url.Values{"date": {"2027-02-20"}, "kind": {"working_saturday"}}, refused},
		{"department admin deletes a national day", admin, "/calendar/days/2026-01-10/delete", nil, refused},
		{"department admin turns on 24/11", admin, "/calendar/settings", url.Values{"culture_24_11": {"on"}}, refused},
		{"department admin sets the default hours", admin, "/calendar/national/hours", hours, refused},
		{"province admin adds A's day off", padmin, "/calendar/agencies/" + agencyA + "/days", dayOff, ""},
		{"province admin sets A's hours", padmin, "/calendar/agencies/" + agencyA + "/hours", hours, ""},
		{"province admin deletes A's day off", padmin, "/calendar/agencies/" + agencyA + "/days/2026-03-04/delete", nil, ""},
		{"operator adds A's day off", op, "/calendar/agencies/" + agencyA + "/days", dayOff, ""},
	} {
		res := c.u.do("POST", c.path, c.form, true)
		if res.status != http.StatusForbidden || !strings.Contains(res.body, c.want) {
			t.Errorf("%s: %d, want 403 with %q\n%s", c.name, res.status, c.want, res.body)
		}
	}
	if a.calendarJournal(t, "calendar") != national || a.calendarJournal(t, "agency_days_off") != agencyDays || a.calendarJournal(t, "office_hours") != hoursBefore {
		t.Fatal("a refused edit was journalled")
	}
	if days, _ := a.db.AgencyDaysOff(ctx, idA); len(days) != 0 {
		t.Fatalf("A's days off written: %+v", days)
	}
	if h, _ := a.db.OfficeHours(ctx, idA); h.Seasons[0].Periods[0].Start != calendar.Clock(7, 0) {
		t.Fatalf("A's hours written: %+v", h)
	}

	// The department's administrator: the national table read-only, its own layer editable.
	page := admin.do("GET", "/calendar?year=2026", nil, false)
	for _, want := range []string{refused, `action="/calendar/agencies/` + agencyA + `/days"`, `action="/calendar/agencies/` + agencyA + `/hours"`, "Ngày nghỉ riêng của cơ quan"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("admin's page lacks %q", want)
		}
	}
	for _, reject := range []string{`action="/calendar/days"`, `action="/calendar/settings"`, `action="/calendar/national/hours"`, "/calendar/days/2026-01-10/delete"} {
		if strings.Contains(page.body, reject) {
			t.Errorf("admin's page has %q", reject)
		}
	}
	res := admin.do("POST", "/calendar/agencies/"+agencyA+"/days", dayOff, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("admin adds A's day off: %d\n%s", res.status, res.body)
	}
	page = admin.do("GET", "/calendar?year=2026", nil, false)
	for _, want := range []string{"Đã lưu ngày nghỉ riêng 04/03/2026", `title="04/03/2026 · âm lịch 16/1/2026 · Ngày thành lập Sở"`, `action="/calendar/agencies/` + agencyA + `/days/2026-03-04/delete"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("admin's page after adding lacks %q", want)
		}
	}
	calA, _ := a.db.Calendar(ctx, idA)
	calB, _ := a.db.Calendar(ctx, idB)
	d := calendar.Date{Year: 2026, Month: 3, Day: 4}
	if calA.IsWorkingDay(d) || !calB.IsWorkingDay(d) {
		t.Errorf("4/3/2026: A working %v, B working %v; want false, true", calA.IsWorkingDay(d), calB.IsWorkingDay(d))
	}
	if a.calendarJournal(t, "agency_days_off") != agencyDays+1 {
		t.Error("A's day off is not journalled")
	}
	if res := admin.do("POST", "/calendar/agencies/"+agencyA+"/days", url.Values{"date": {"30/02/2026"}}, true); res.status != http.StatusBadRequest || !strings.Contains(res.body, "ngày không hợp lệ") {
		t.Errorf("bad day off: %d", res.status)
	}
	if res := admin.do("POST", "/calendar/agencies/"+agencyA+"/days/2026-03-04/delete", confirmYes, true); res.status != http.StatusSeeOther {
		t.Errorf("admin deletes A's day off: %d\n%s", res.status, res.body)
	}

	// The operator: the national forms, no agency's.
	page = op.do("GET", "/calendar?year=2026", nil, false)
	for _, want := range []string{`action="/calendar/days"`, `action="/calendar/settings"`, `action="/calendar/national/hours"`, "/calendar/days/2026-01-10/delete"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("operator's page lacks %q", want)
		}
	}
	if strings.Contains(page.body, `action="/calendar/agencies/`) || strings.Contains(page.body, refused) {
		t.Error("operator's page offers an agency's forms or refuses the national table")
	}
	res = op.do("POST", "/calendar/days", url.Values{"year": {"2027"}, "date": {"20/02/2027"}, "kind": {"working_saturday"}}, true)
	if res.status != http.StatusSeeOther || a.calendarJournal(t, "calendar") != national+1 {
		t.Fatalf("operator adds a national day: %d\n%s", res.status, res.body)
	}
	res = op.do("POST", "/calendar/national/hours", hours, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("operator sets the default hours: %d\n%s", res.status, res.body)
	}
	if h, _ := a.db.OfficeHours(ctx, 0); h.Seasons[0].Periods[0].Start != calendar.Clock(7, 30) {
		t.Errorf("default hours: %+v", h)
	}
}
