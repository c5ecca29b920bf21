package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/calendar"
)

// TestCalendarPages: who sees the working calendar and its forms, and what
// bad input gives back.
func TestCalendarPages(t *testing.T) {
	a := newApp(t)
	users := map[string]*user{"": a.anonymous(t), "admin": a.login(t, "admin"), "chuyenvien": a.login(t, "chuyenvien"), "vanhanh": a.login(t, "vanhanh")}
	badHours := url.Values{"year": {"2026"}, "from1": {"01-01"}, "to1": {"12-31"}, "periods1": {"07:00-11:30, 13:30-16:00"}}
	scenarios := []scenario{
		{name: "anonymous goes to login", method: "GET", path: "/calendar?year=2026", status: 303, want: []string{"/login?next=%2Fcalendar%3Fyear%3D2026"}},
		{name: "official sees 2026", user: "chuyenvien", method: "GET", path: "/calendar?year=2026", status: 200,
			want: []string{"Lịch làm việc", "Tết Nguyên đán", "làm bù", "10/01/2026", "Thứ Bảy", "Lịch nghỉ lễ, Tết chính thức năm 2026",
				`<abbr title="Thứ Hai">T2</abbr>`, "07:00–11:30, 13:30–17:00", `href="/calendar"`, "/calendar?year=2027"},
			reject: []string{`action="/calendar/days"`, "/delete", `action="/calendar/hours"`, `action="/calendar/settings"`}},
		{name: "lunar dates", user: "chuyenvien", method: "GET", path: "/calendar?year=2026", status: 200,
			want: []string{`title="17/02/2026 · âm lịch 1/1/2026 · Tết Nguyên đán"`, `<span class="cal-l cal-l1">1/1</span>`}},
		{name: "a projected year", user: "chuyenvien", method: "GET", path: "/calendar?year=2030", status: 200,
			want: []string{"Lịch dự kiến theo Bộ luật Lao động 2019 — chưa có lịch nghỉ chính thức", "01/02/2030", "cal-proj"}},
		{name: "in English", user: "chuyenvien", method: "GET", path: "/calendar?year=2026&lang=en", status: 200,
			want: []string{"Working calendar", "Lunar New Year (Tết)", "make-up working Saturday", "January"}},
		{name: "bad year", user: "chuyenvien", method: "GET", path: "/calendar?year=3000", status: 400, want: []string{"Năm không hợp lệ"}},
		{name: "operator sees the national forms", user: "vanhanh", method: "GET", path: "/calendar?year=2026", status: 200,
			want: []string{`action="/calendar/days"`, `action="/calendar/days/2026-01-10/delete"`, "Làm bù thứ Bảy", "Nghỉ bù, hoán đổi", `value="07:00-11:30, 13:30-17:00"`, `action="/calendar/national/hours"`}},
		{name: "admin sees the agency's forms", user: "admin", method: "GET", path: "/calendar?year=2026", status: 200,
			want:   []string{`value="07:00-11:30, 13:30-17:00"`, "/hours\"", "Ngày nghỉ riêng của cơ quan"},
			reject: []string{`action="/calendar/days"`, `action="/calendar/days/2026-01-10/delete"`, `action="/calendar/settings"`}},
		{name: "official may not add a day", user: "chuyenvien", method: "POST", path: "/calendar/days", csrf: "ok", status: 403,
			form: url.Values{"date": {"2027-03-06"}, "kind": {"working_saturday"}}},
		{name: "official may not delete a day", user: "chuyenvien", method: "POST", path: "/calendar/days/2026-01-10/delete", csrf: "ok", status: 403},
		{name: "official may not change office hours", user: "chuyenvien", method: "POST", path: "/calendar/hours", csrf: "ok", status: 403, form: badHours},
		{name: "adding a day needs CSRF", user: "admin", method: "POST", path: "/calendar/days", status: 403,
			form: url.Values{"date": {"2027-03-06"}, "kind": {"working_saturday"}}},
		{name: "bad date", user: "vanhanh", method: "POST", path: "/calendar/days", csrf: "ok", status: 400,
			form: url.Values{"date": {"31/02/2027"}, "kind": {"holiday"}}, want: []string{"ngày không hợp lệ", `value="31/02/2027"`, `aria-invalid="true"`}},
		{name: "bad kind", user: "vanhanh", method: "POST", path: "/calendar/days", csrf: "ok", status: 400,
			form: url.Values{"date": {"2027-03-06"}, "kind": {"party"}}, want: []string{"Vui lòng chọn một giá trị"}},
		{name: "deleting a day not in the table", user: "vanhanh", method: "POST", path: "/calendar/days/2026-03-03/delete", form: confirmYes, csrf: "ok", status: 404},
		{name: "invalid office hours", user: "admin", method: "POST", path: "/calendar/hours", csrf: "ok", status: 400, form: badHours,
			want: []string{"giờ làm việc không hợp lệ: mùa 1 có tổng 420 phút, phải đúng 480 phút (8 giờ)", `value="07:00-11:30, 13:30-16:00"`}},
		{name: "invalid office hours in English", user: "admin", method: "POST", path: "/calendar/hours?lang=en", csrf: "ok", status: 400, form: badHours,
			want: []string{"invalid office hours: season 1 totals 420 minutes, must be exactly 480 (8 hours)"}},
		{name: "seasons that leave a gap", user: "admin", method: "POST", path: "/calendar/hours", csrf: "ok", status: 400,
			form: url.Values{"from1": {"01-01"}, "to1": {"06-30"}, "periods1": {"07:00-11:30,13:30-17:00"}},
			want: []string{"ngày 1/7 thuộc 0 mùa"}},
		{name: "a bad period", user: "admin", method: "POST", path: "/calendar/hours", csrf: "ok", status: 400,
			form: url.Values{"from1": {"01-01"}, "to1": {"12-31"}, "periods1": {"7h-11h30"}}, want: []string{"khoảng giờ không hợp lệ", `id="f-periods1"`}},
		{name: "deadline across Tết 2026", user: "chuyenvien", method: "GET", status: 200,
			path: "/calendar/due?year=2026&received_on=2026-02-13&received_at=10:00&days=2&unit=working",
			want: []string{"Hạn giải quyết:", "24/02/2026 10:00", "2 ngày làm việc"}, reject: []string{"16h0m"}},
		{name: "deadline in calendar days", user: "chuyenvien", method: "GET", status: 200,
			path: "/calendar/due?year=2026&received_on=13/02/2026&received_at=10:00&days=3&unit=calendar",
			want: []string{"23/02/2026 17:00"}},
		{name: "deadline with bad input", user: "chuyenvien", method: "GET", status: 400,
			path: "/calendar/due?year=2026&received_on=2026-02-13&received_at=25:00&days=x&unit=working",
			want: []string{"Giờ không hợp lệ"}, reject: []string{"Hạn giải quyết:"}},
		{name: "deadline with a fraction of calendar days", user: "chuyenvien", method: "GET", status: 400,
			path: "/calendar/due?received_on=2026-02-13&received_at=10:00&days=1,5&unit=calendar&lang=en",
			want: []string{"a limit in calendar days must be a whole number"}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			u := users[sc.user]
			u.t = t
			res := u.do(sc.method, sc.path, sc.form, sc.csrf == "ok")
			if res.status != sc.status {
				t.Fatalf("status %d, want %d\n%s", res.status, sc.status, res.body)
			}
			text := res.body
			if res.status >= 300 && res.status < 400 {
				text = res.header.Get("Location")
			}
			for _, w := range sc.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in\n%s", w, text)
				}
			}
			for _, r := range sc.reject {
				if strings.Contains(text, r) {
					t.Errorf("unexpected %q in\n%s", r, text)
				}
			}
		})
	}
}

// calendarJournal counts the calendar's entries in the audit journal.
func (a *app) calendarJournal(t *testing.T, objectType string) int {
	t.Helper()
	evs, err := a.db.FindAuditEvents(context.Background(), audit.Filter{ObjectType: objectType, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// TestCalendarEdits follows the system operator's edits of the national
// table: a working Saturday makes a projected year official and keeps its
// Tết, a Saturday on a Monday is refused with nothing written, a day is
// deleted, the 24/11 setting takes effect; and the administrator sets the
// agency's office hours.
func TestCalendarEdits(t *testing.T) {
	a := newApp(t)
	admin, op := a.login(t, "admin"), a.login(t, "vanhanh")
	ctx := context.Background()

	if page := op.do("GET", "/calendar?year=2027", nil, false); !strings.Contains(page.body, "Lịch dự kiến") {
		t.Fatal("2027 should start projected")
	}
	before := a.calendarJournal(t, "calendar")
	res := op.do("POST", "/calendar/days", url.Values{"year": {"2027"}, "date": {"20/02/2027"}, "kind": {"working_saturday"}}, true)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/calendar?year=2027" {
		t.Fatalf("add a working Saturday: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	page := op.do("GET", "/calendar?year=2027", nil, false)
	for _, want := range []string{"Đã lưu ngày 20/02/2027", "Lịch nghỉ lễ, Tết chính thức năm 2027", "20/02/2027", "Tết Nguyên đán", "06/02/2027", "09/02/2027"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("2027 page lacks %q", want)
		}
	}
	if strings.Contains(page.body, "Lịch dự kiến theo") {
		t.Error("2027 is still shown as projected")
	}
	if n := a.calendarJournal(t, "calendar"); n != before+1 {
		t.Errorf("journal: %d calendar entries, want %d", n, before+1)
	}

	// A working Saturday on a Monday: 400 with the message next to the date, nothing written.
	before = a.calendarJournal(t, "calendar")
	res = op.do("POST", "/calendar/days", url.Values{"year": {"2027"}, "date": {"2027-03-01"}, "kind": {"working_saturday"}, "name": {"Thử"}}, true)
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, "ngày làm bù phải là Thứ Bảy") || !strings.Contains(res.body, `value="2027-03-01"`) {
		t.Fatalf("working Saturday on a Monday: %d\n%s", res.status, res.body)
	}
	if n := a.calendarJournal(t, "calendar"); n != before {
		t.Errorf("a refused day was journalled: %d, want %d", n, before)
	}
	cal, err := a.db.Calendar(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := cal.Day(calendar.Date{Year: 2027, Month: 3, Day: 1}); info.Kind != 0 {
		t.Errorf("1/3/2027 was written: %+v", info)
	}

	// Delete the swapped Saturday of 10/01/2026.
	res = op.do("POST", "/calendar/days/2026-01-10/delete", confirmYes, true)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/calendar?year=2026" {
		t.Fatalf("delete: %d\n%s", res.status, res.body)
	}
	page = op.do("GET", "/calendar?year=2026", nil, false)
	if !strings.Contains(page.body, "Đã xóa ngày 10/01/2026") || strings.Contains(page.body, `datetime="2026-01-10"`) {
		t.Errorf("10/01/2026 still in the table after deleting it")
	}

	// 24/11: off once the setting is on.
	if strings.Contains(page.body, `title="24/11/2026 · âm lịch 16/10/2026 · Ngày Văn hóa Việt Nam"`) {
		t.Fatal("24/11/2026 off before the setting")
	}
	res = op.do("POST", "/calendar/settings", url.Values{"year": {"2026"}, "culture_24_11": {"on"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("settings: %d\n%s", res.status, res.body)
	}
	page = op.do("GET", "/calendar?year=2026", nil, false)
	for _, want := range []string{"Ngày 24/11 đã được đặt là ngày nghỉ", `<td class="cal-hol" title="24/11/2026 · âm lịch 16/10/2026 · Ngày Văn hóa Việt Nam">`, "Theo cài đặt 24/11", "Nghỉ ngày 24/11"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("2026 page lacks %q after turning 24/11 on", want)
		}
	}
	res = op.do("POST", "/calendar/settings", url.Values{"year": {"2026"}}, true)
	if page = op.do("GET", "/calendar?year=2026", nil, false); res.status != http.StatusSeeOther || strings.Contains(page.body, "Theo cài đặt 24/11") {
		t.Errorf("24/11 still off after turning it off: %d", res.status)
	}

	// Office hours in two seasons.
	res = admin.do("POST", "/calendar/hours", url.Values{"year": {"2026"},
		"from1": {"04-15"}, "to1": {"10-14"}, "periods1": {"13:00-17:00, 07:00-11:00"},
		"from2": {"10-15"}, "to2": {"04-14"}, "periods2": {"07:30-11:30, 13:00-17:00"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("office hours: %d\n%s", res.status, res.body)
	}
	page = admin.do("GET", "/calendar?year=2026", nil, false)
	for _, want := range []string{"Đã lưu giờ làm việc", "15/04 – 14/10: 07:00–11:00, 13:00–17:00", "15/10 – 14/04: 07:30–11:30, 13:00–17:00"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("page lacks %q after setting the hours", want)
		}
	}
}
