package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// flowProc is a 3-working-day procedure of the demo's Sở Tài chính for
// the bottleneck tests: the desk (0.5 day), Phòng Khoa giáo – Văn xã (2
// days), the desk again (0.5 day).
const flowProc = "1.999014"

// flowWeek is the Monday of the last full working week (Monday to Friday
// all working days) that ended at least a day ago.
func flowWeek(t testing.TB) time.Time {
	t.Helper()
	cal, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	d := calendar.DateOf(time.Now().AddDate(0, 0, -8))
	for d.Time().Weekday() != time.Monday {
		d = d.AddDays(-1)
	}
	for {
		ok := true
		for i := range 5 {
			ok = ok && cal.IsWorkingDay(d.AddDays(i))
		}
		if ok {
			return d.Time()
		}
		d = d.AddDays(-7)
	}
}

// seedFlow adds flowProc and two dossiers in the week of monday, worked by
// hand (office hours 07:00–11:30, 13:30–17:00):
//   - A, on time: desk Mon 08:00 → 09:00 (1 h), the division → Tue 09:00
//     (8 h), the desk completes at 10:00 (1 h);
//   - B, late: desk Mon 08:00 → 10:00 (2 h), the division → Fri 10:00 (5 +
//     8 + 8 + 8 + 3 = 32 h against 16: 16 h over), the desk completes at
//     11:00; due Thu 08:00 (24 h from Mon 08:00), so late, laid to the
//     division.
//
// It returns the two codes.
func seedFlow(t testing.TB, a *app, monday time.Time) (onTime, late string) {
	t.Helper()
	ctx := context.Background()
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	desk, _ := strconv.ParseInt(a.unit(t, "Bộ phận Tiếp nhận và Trả kết quả"), 10, 64)
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	sys := audit.System("test")
	if _, err := a.db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
		Code: flowProc, Name: "Thẩm định hồ sơ thử nghiệm điểm nghẽn", Field: "Thử nghiệm", Level: dossier.LevelPartial,
		Limit:     calendar.Limit{Value: 3, Unit: calendar.WorkingDays},
		Documents: []dossier.Document{{Name: "Tờ trình", Copy: dossier.Original, Quantity: 1}},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định hồ sơ", UnitID: kgvx, Budget: 2},
			{Name: "Trả kết quả", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: agency,
	}); err != nil {
		t.Fatal(err)
	}
	at := func(day, h int) time.Time {
		return time.Date(monday.Year(), monday.Month(), monday.Day()+day, h, 0, 0, 0, calendar.VN)
	}
	run := func(name string, evs ...dossier.Event) string {
		rec, _, err := a.db.ReceiveDossier(ctx, sys, dossier.Intake{AgencyID: agency, UnitID: desk, ProcedureCode: flowProc, Channel: dossier.ChannelDirect,
			ReceivedAt: at(0, 8), Applicant: dossier.Applicant{Name: name, IDNumber: "001203004567"}, Sets: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if _, err := a.db.RecordDossierEvent(ctx, sys, rec.Code, 0, ev); err != nil {
				t.Fatalf("%s: %v", ev.Action, err)
			}
		}
		return rec.Code
	}
	fwd := func(t time.Time, from, to int64) dossier.Event {
		return dossier.Event{Action: dossier.Forward, At: t, UnitID: from, ToUnitID: to}
	}
	done := func(t time.Time) dossier.Event { return dossier.Event{Action: dossier.Complete, At: t, UnitID: desk} }
	onTime = run("Nguyễn Văn Đúng", fwd(at(0, 9), desk, kgvx), fwd(at(1, 9), kgvx, desk), done(at(1, 10)))
	late = run("Trần Thị Muộn", fwd(at(0, 10), desk, kgvx), fwd(at(4, 10), kgvx, desk), done(at(4, 11)))
	return onTime, late
}

func TestBottlenecksPage(t *testing.T) {
	a := newApp(t)
	monday := flowWeek(t)
	onTime, late := seedFlow(t, a, monday)
	week := url.Values{"procedure": {flowProc}, "period": {"custom"}, "from": {monday.Format("02/01/2006")}, "to": {monday.AddDate(0, 0, 6).Format("02/01/2006")}}
	director := a.login(t, "giamdoc")
	res := director.do("GET", "/bottlenecks?"+week.Encode(), nil, false)
	if res.status != http.StatusOK {
		t.Fatalf("director: %d\n%s", res.status, res.body)
	}
	// The division: 8 h and 32 h, buckets (6,8] and (24,32]: the median is
	// the 1st value, the middle of (6,8] = 7 h; 9 in 10 the 2nd, the middle
	// of (24,32] = 28 h; one of two over its 16 h; 16 h lost; one late.
	row := regexp.MustCompile(`(?s)<tr id="step-1" class="slow">.*?</tr>`).FindString(res.body)
	for _, want := range []string{"Thẩm định hồ sơ", `id="flag-slowest"`, ">2</a>", "7 giờ", "28 giờ", "16 giờ", ">50%</a>", ">1</a>"} {
		if !strings.Contains(row, want) {
			t.Errorf("the division's row lacks %q:\n%s", want, row)
		}
	}
	for _, want := range []string{`id="slowest"`, `id="h-tasks"`, "<svg class=\"flowmap\"", `id="flowmap-step-1"`, "node slow", "Hoàn thành", "Phòng Khoa giáo – Văn xã"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(res.body, " style=") {
		t.Error("an inline style attribute: the CSP forbids it")
	}
	// Its over-budget share leads to B alone.
	href := regexp.MustCompile(`<a href="([^"]+)" id="fig-1-over_budget">`).FindStringSubmatch(res.body)
	if href == nil {
		t.Fatal("no link behind the share over budget")
	}
	list := director.do("GET", strings.ReplaceAll(href[1], "&amp;", "&"), nil, false)
	if list.status != http.StatusOK || !strings.Contains(list.body, late) || strings.Contains(list.body, onTime) {
		t.Errorf("dossiers over budget: %d, want %s\n%s", list.status, late, list.body)
	}
	// The same week against the one before: the change is shown.
	cmp := cloneValues(week)
	cmp.Set("compare", "previous")
	res = director.do("GET", "/bottlenecks?"+cmp.Encode(), nil, false)
	if res.status != http.StatusOK || !strings.Contains(res.body, `id="compare"`) || !strings.Contains(res.body, "(&#43;7)") {
		t.Errorf("compare: %d\n%s", res.status, res.body)
	}
	// The head of the division sees their steps; not the agency's.
	head := a.login(t, "truongphong.kgvx")
	res = head.do("GET", "/bottlenecks?"+week.Encode(), nil, false)
	if res.status != http.StatusOK || !strings.Contains(res.body, `id="fig-1-passes">2</a>`) || !strings.Contains(res.body, `id="fig-0-passes">0</a>`) {
		t.Errorf("head: %d", res.status)
	}
	agency := cloneValues(week)
	agency.Set("unit", a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"))
	if res = head.do("GET", "/bottlenecks?"+agency.Encode(), nil, false); res.status != http.StatusForbidden {
		t.Errorf("head on the agency: %d", res.status)
	}
	if res = a.login(t, "chuyenvien").do("GET", "/bottlenecks", nil, false); res.status != http.StatusForbidden {
		t.Errorf("an official: %d", res.status)
	}
	// A link from the dashboard with a unit and a period but no procedure
	// yet: the form, filled in, not an error.
	link := url.Values{"unit": {a.unit(t, "Phòng Khoa giáo – Văn xã")}, "from": {"2026-10-01"}, "to": {"2026-12-31"}}
	if res = director.do("GET", "/bottlenecks?"+link.Encode(), nil, false); res.status != http.StatusOK ||
		!strings.Contains(res.body, `value="01/10/2026"`) || !strings.Contains(res.body, `<option value="custom" selected>`) {
		t.Errorf("a dashboard link: %d", res.status)
	}
	// Bad input: the field named, 400, and the form kept.
	for _, c := range []struct {
		set  url.Values
		want string
	}{
		{url.Values{"procedure": {""}}, "Hãy chọn một thủ tục"},
		{url.Values{"from": {"31/02/2026"}}, `id="e-from"`},
		{url.Values{"from": {"09/03/2026"}, "to": {"02/03/2026"}}, `id="e-to"`},
		{url.Values{"procedure": {"9.999999"}}, "Không có thủ tục 9.999999"},
		{url.Values{"compare": {"custom"}}, `id="e-cfrom"`},
		{url.Values{"period": {"decade"}}, "Kỳ không hợp lệ"},
	} {
		q := cloneValues(week)
		for k, v := range c.set {
			q[k] = v
		}
		res := director.do("GET", "/bottlenecks?"+q.Encode(), nil, false)
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, c.want) {
			t.Errorf("%v: %d, want 400 with %q", c.set, res.status, c.want)
		}
	}
	if res = director.do("GET", "/bottlenecks/dossiers?step=x&figure=passes&"+week.Encode(), nil, false); res.status != http.StatusBadRequest {
		t.Errorf("a bad step: %d", res.status)
	}
}
