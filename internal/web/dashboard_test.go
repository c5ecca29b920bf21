package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/work"
)

// TestDashboardFigures works a month by hand: two tasks of the KGVX
// division accepted today, one due a month ago (late) and one due next
// week (on time), one obstacle raised on a third. The director's dashboard
// counts them and each figure's link lists exactly its tasks; the head of
// the division sees the same on theirs and is refused the agency's; bad
// dates are refused naming the field.
func TestDashboardFigures(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	n := func(v string) int64 { id, _ := strconv.ParseInt(v, 10, 64); return id }
	agency, kgvx := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), a.unit(t, "Phòng Khoa giáo – Văn xã")
	lead, assigner := n(a.person(t, "Nguyễn Thị Minh Nguyệt")), n(a.person(t, "Nguyễn Văn Thắng"))
	now := time.Now().In(calendar.VN)
	task := func(title string, assigned time.Time, due calendar.Date, actions ...work.Action) {
		t.Helper()
		h, err := a.db.CreateTask(ctx, audit.System("test"), work.NewTask{AgencyID: n(agency), Title: title, Product: "Báo cáo",
			LeadUnitID: n(kgvx), LeadPersonID: lead, AssignerID: assigner, AssignedAt: assigned, Deadline: work.DeadlineSpec{Date: &due}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range actions {
			who := lead
			if act == work.ActionAccept {
				who = assigner
			}
			if _, _, err := a.db.RecordTaskEvent(ctx, audit.Actor{PersonID: who}, h.Task.ID, 0, work.Event{Action: act, Note: "Ghi chú"}); err != nil {
				t.Fatalf("%s %s: %v", title, act, err)
			}
		}
	}
	today := calendar.DateOf(now)
	task("Báo cáo trễ hạn tháng trước", now.AddDate(0, -2, 0), calendar.DateOf(now.AddDate(0, -1, 0)), work.ActionStart, work.ActionSubmit, work.ActionAccept)
	task("Báo cáo đúng hạn tuần sau", now, today.AddDays(7), work.ActionStart, work.ActionSubmit, work.ActionAccept)
	task("Báo cáo đang vướng mắc", now, today.AddDays(7), work.ActionRaiseObstacle)

	director := a.login(t, "giamdoc")
	figure := func(body, id string) (int, string) {
		t.Helper()
		m := regexp.MustCompile(`<a href="([^"]+)" id="` + id + `"><span class="stat-n">([0-9.]+)</span>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no figure %s", id)
		}
		v, _ := strconv.Atoi(strings.ReplaceAll(m[2], ".", ""))
		return v, html.UnescapeString(m[1])
	}
	page := director.do("GET", "/dashboard?period=month", nil, false)
	if page.status != http.StatusOK {
		t.Fatalf("/dashboard: %d\n%s", page.status, page.body)
	}
	for id, want := range map[string]int{"fig-tasks-on-time": 1, "fig-tasks-late": 1, "fig-tasks-obstacles": 1, "fig-tasks-blocked-now": 1} {
		if got, _ := figure(page.body, id); got != want {
			t.Errorf("%s = %d, want %d", id, got, want)
		}
	}
	for id, title := range map[string]string{"fig-tasks-late": "Báo cáo trễ hạn tháng trước", "fig-tasks-on-time": "Báo cáo đúng hạn tuần sau",
		"fig-tasks-obstacles": "Báo cáo đang vướng mắc"} {
		_, href := figure(page.body, id)
		list := director.do("GET", href, nil, false)
		rows := regexp.MustCompile(`(?s)<tbody>.*?</tbody>`).FindString(list.body)
		if list.status != http.StatusOK || strings.Count(rows, "<tr>") != 1 || !strings.Contains(rows, title) {
			t.Errorf("%s → %s: %d, want the one task %q:\n%s", id, href, list.status, title, rows)
		}
	}
	if !strings.Contains(page.body, `href="/bottlenecks?`) || !strings.Contains(page.body, "Nơi mất thời gian") {
		t.Error("no link to where time is lost")
	}
	if !strings.Contains(page.body, `<svg`) || strings.Contains(page.body, ` style="`) {
		t.Error("the charts are missing, or carry a style attribute")
	}
	// The head of the division: their own, not the agency's.
	head := a.login(t, "truongphong.kgvx")
	hp := head.do("GET", "/dashboard", nil, false)
	if hp.status != http.StatusOK || !strings.Contains(hp.body, "Bảng điều hành — Phòng Khoa giáo – Văn xã") {
		t.Errorf("the head's dashboard: %d", hp.status)
	} else if got, _ := figure(hp.body, "fig-tasks-late"); got != 1 {
		t.Errorf("the head's late tasks: %d", got)
	}
	if p := head.do("GET", "/dashboard?unit="+agency, nil, false); p.status != http.StatusForbidden {
		t.Errorf("the head on the agency: %d", p.status)
	}
	if p := head.do("GET", "/dashboard/tasks/done_late?period=month&unit="+agency, nil, false); p.status != http.StatusForbidden {
		t.Errorf("the head on the agency's tasks: %d", p.status)
	}
	if p := a.login(t, "chuyenvien").do("GET", "/dashboard", nil, false); p.status != http.StatusForbidden {
		t.Errorf("an official: %d", p.status)
	}
	// Bad input: a clear 400 next to the field.
	for q, want := range map[string]string{
		"from=31/03/2026&to=01/03/2026": `id="f-to"`,
		"from=32/01/2026&to=01/03/2026": `id="f-from"`,
		"period=week":                   "Kỳ không hợp lệ",
		"unit=abc":                      `Vui lòng chọn`,
	} {
		p := director.do("GET", "/dashboard?"+q, nil, false)
		if p.status != http.StatusBadRequest || !strings.Contains(p.body, want) || !strings.Contains(p.body, "has-error") && !strings.Contains(p.body, "form-error") {
			t.Errorf("?%s: %d, want 400 with %s", q, p.status, want)
		}
	}
	if p := director.do("GET", "/dashboard/tasks/nothing?period=month", nil, false); p.status != http.StatusNotFound {
		t.Errorf("an unknown figure: %d", p.status)
	}
	// A custom period typed dd/mm/yyyy.
	from := calendar.Date{Year: today.Year, Month: today.Month, Day: 1}
	dmy := func(d calendar.Date) string { return fmt.Sprintf("%02d/%02d/%d", d.Day, int(d.Month), d.Year) }
	p := director.do("GET", "/dashboard?from="+dmy(from)+"&to="+dmy(today), nil, false)
	if p.status != http.StatusOK || !strings.Contains(p.body, "Kỳ từ "+dmy(from)+" đến "+dmy(today)) {
		t.Errorf("custom period: %d", p.status)
	} else if got, _ := figure(p.body, "fig-tasks-late"); got != 1 {
		t.Errorf("custom period's late tasks: %d", got)
	}
}
