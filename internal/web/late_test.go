package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/config"
	"congvu/internal/work"
)

// TestDirectorSeesWhoIsLate: a dossier received two months ago and a task
// due a month ago, both with the same official and not done, show on the
// director's home page and on /late, per person (linked to their figures)
// and per unit; the head of the division sees their own; an official may
// not; the people and unit pages link to the figures and the late work.
func TestDirectorSeesWhoIsLate(t *testing.T) {
	var offset atomic.Int64 // how far the database's clock runs behind
	offset.Store(int64(60 * 24 * time.Hour))
	a := newAppAt(t, config.Config{}, func() time.Time { return time.Now().Add(-time.Duration(offset.Load())) })
	addFixtureProcedure(t, a)
	clerk, official, head := a.login(t, "motcua"), a.login(t, "chuyenvien"), a.login(t, "truongphong.kgvx")
	lead := a.person(t, "Nguyễn Thị Minh Nguyệt")
	code, _ := receive(t, clerk, "Trần Văn Trễ")
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {lead}})
	// Assigned two months ago (the web form stamps the real time), due a month ago.
	n := func(v string) int64 { id, _ := strconv.ParseInt(v, 10, 64); return id }
	due := calendar.DateOf(time.Now().In(calendar.VN).AddDate(0, -1, 0))
	_, err := a.db.CreateTask(context.Background(), audit.System("test"), work.NewTask{AgencyID: n(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh")),
		Title: "Báo cáo tình hình thực hiện dự án trọng điểm", Product: "Báo cáo", LeadUnitID: n(a.unit(t, "Phòng Khoa giáo – Văn xã")),
		LeadPersonID: n(lead), AssignerID: n(a.person(t, "Nguyễn Văn Thắng")), AssignedAt: time.Now().AddDate(0, -2, 0),
		Deadline: work.DeadlineSpec{Date: &due}}, nil)
	if err != nil {
		t.Fatalf("create task: %v", err)
	}
	offset.Store(0)
	// Sessions opened on the clock two months back have expired since.
	official, head = a.login(t, "chuyenvien"), a.login(t, "truongphong.kgvx")

	director := a.login(t, "giamdoc")
	home := director.do("GET", "/", nil, false)
	card := regexp.MustCompile(`(?s)id="card-late".*?</section>`).FindString(home.body)
	if card == "" {
		t.Fatalf("the director's home has no late card:\n%s", home.body)
	}
	for _, want := range []string{"Nguyễn Thị Minh Nguyệt", "1 hồ sơ, 1 nhiệm vụ", "Phòng Khoa giáo – Văn xã", `href="/people/` + lead + `/figures"`, `href="/late?unit=`} {
		if !strings.Contains(card, want) {
			t.Errorf("the late card lacks %q:\n%s", want, card)
		}
	}
	kgvx := a.unit(t, "Phòng Khoa giáo – Văn xã")
	page := director.do("GET", "/late", nil, false)
	if page.status != http.StatusOK {
		t.Fatalf("/late: %d\n%s", page.status, page.body)
	}
	people := regexp.MustCompile(`(?s)<table id="late-people">.*?</table>`).FindString(page.body)
	units := regexp.MustCompile(`(?s)<table id="late-units">.*?</table>`).FindString(page.body)
	if !regexp.MustCompile(`(?s)Nguyễn Thị Minh Nguyệt</a></td>\s*<td>Phòng Khoa giáo – Văn xã</td>\s*<td class="num">1</td>\s*<td class="num">1</td>`).MatchString(people) {
		t.Errorf("/late by person:\n%s", people)
	}
	if !strings.Contains(units, `<a href="/late?unit=`+kgvx+`">Phòng Khoa giáo – Văn xã</a>`) {
		t.Errorf("/late by unit:\n%s", units)
	}
	if !strings.Contains(page.body, `id="late-dossiers">1<`) || !strings.Contains(page.body, `id="late-tasks">1<`) {
		t.Errorf("/late totals wrong")
	}

	// The head sees their division's; an official may not see the board;
	// a unit that is not a number is a clear 400.
	if p := head.do("GET", "/late", nil, false); p.status != http.StatusOK || !strings.Contains(p.body, "Nguyễn Thị Minh Nguyệt") {
		t.Errorf("the head's /late: %d", p.status)
	}
	if p := official.do("GET", "/late", nil, false); p.status != http.StatusForbidden {
		t.Errorf("the official's /late: %d", p.status)
	}
	if p := director.do("GET", "/late?unit=abc", nil, false); p.status != http.StatusBadRequest || !strings.Contains(p.body, "Đơn vị không hợp lệ") {
		t.Errorf("/late?unit=abc: %d", p.status)
	}
	if strings.Contains(official.do("GET", "/", nil, false).body, `id="card-late"`) {
		t.Error("the official's home shows the late card")
	}

	// The same board as JSON (GET /api/v1/late), for scripts: per person
	// and per unit; an official's token is refused.
	api := func(login, path string) (int, map[string]any) {
		tok, err := a.db.CreateToken(context.Background(), audit.System("test"), login, "trễ hạn")
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", a.srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	status, board := api("giamdoc", "/api/v1/late")
	if status != http.StatusOK || board["dossiers"] != 1.0 || board["tasks"] != 1.0 {
		t.Fatalf("GET /api/v1/late: %d %v", status, board)
	}
	rows, _ := board["people"].([]any)
	if len(rows) != 1 || rows[0].(map[string]any)["name"] != "Nguyễn Thị Minh Nguyệt" || rows[0].(map[string]any)["person_id"] != float64(n(lead)) ||
		rows[0].(map[string]any)["dossiers"] != 1.0 || rows[0].(map[string]any)["tasks"] != 1.0 || rows[0].(map[string]any)["total"] != 2.0 {
		t.Errorf("the API's people: %v", board["people"])
	}
	if units, _ := board["units"].([]any); len(units) == 0 || units[0].(map[string]any)["unit_id"] != float64(n(kgvx)) {
		t.Errorf("the API's units: %v", board["units"])
	}
	if status, b := api("truongphong.kgvx", "/api/v1/late?unit="+kgvx); status != http.StatusOK || b["unit_id"] != float64(n(kgvx)) || b["tasks"] != 1.0 {
		t.Errorf("the head's GET /api/v1/late: %d %v", status, b)
	}
	if status, _ := api("chuyenvien", "/api/v1/late"); status != http.StatusForbidden {
		t.Errorf("the official's GET /api/v1/late: %d", status)
	}
	if status, _ := api("giamdoc", "/api/v1/late?unit=abc"); status != http.StatusBadRequest {
		t.Errorf("GET /api/v1/late?unit=abc: %d", status)
	}

	// Per-person figures from the people page, late work from the units page.
	if p := director.do("GET", "/people?q="+url.QueryEscape("Nguyễn Thị Minh Nguyệt"), nil, false); !strings.Contains(p.body, `href="/people/`+lead+`/figures"`) {
		t.Errorf("the people page does not link to the figures")
	}
	if p := director.do("GET", "/units", nil, false); !strings.Contains(p.body, `href="/late?unit=`+kgvx+`"`) {
		t.Errorf("the units page does not link to the late work")
	}
	if p := official.do("GET", "/units", nil, false); strings.Contains(p.body, `href="/late?unit=`) {
		t.Errorf("the units page links an official to the late work")
	}
}
