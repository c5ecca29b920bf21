package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/jobs"
	"congvu/internal/report"
	"congvu/internal/store"
)

// taskWorld is the demo agency with the people the task tests need: the
// head of Phòng Khoa giáo – Văn xã (truongphong.kgvx), its official
// (chuyenvien), and an official of Phòng Kinh tế ngành given a login here
// (kinhte.hai).
type taskWorld struct {
	a                 *app
	head, lead, other *user
	kgvx, ktn         string // unit ids
	leadID, otherID   string // person ids
	due               string // a deadline a week ahead, as a date input sends it
}

func newTaskWorld(t *testing.T) *taskWorld {
	t.Helper()
	a := newApp(t)
	w := &taskWorld{a: a, kgvx: a.unit(t, "Phòng Khoa giáo – Văn xã"), ktn: a.unit(t, "Phòng Kinh tế ngành"),
		leadID: a.person(t, "Nguyễn Thị Minh Nguyệt"), otherID: a.person(t, "Phan Văn Hải")}
	id, _ := strconv.ParseInt(w.otherID, 10, 64)
	if err := a.db.CreateAccount(context.Background(), audit.System("test"), id, "kinhte.hai", "mat-khau-kinh-te"); err != nil {
		t.Fatal(err)
	}
	a.passwords["kinhte.hai"] = "mat-khau-kinh-te"
	w.head, w.lead, w.other = a.login(t, "truongphong.kgvx"), a.login(t, "chuyenvien"), a.login(t, "kinhte.hai")
	w.due = time.Now().In(calendar.VN).AddDate(0, 0, 7).Format("2006-01-02")
	return w
}

// taskForm is a valid task for the official, with changes.
func (w *taskWorld) taskForm(title string, change ...string) url.Values {
	v := url.Values{"title": {title}, "product": {"Báo cáo " + title}, "lead_person_id": {w.leadID}, "deadline_kind": {"date"},
		"deadline_date": {w.due}, "priority": {"normal"}, "weight": {"1"}, "checklist": {"Thu thập số liệu\nDự thảo báo cáo"}}
	for i := 0; i+1 < len(change); i += 2 {
		v.Set(change[i], change[i+1])
	}
	return v
}

var taskPathRe = regexp.MustCompile(`^/tasks/(\d+)$`)

// createTask assigns a task as the head and returns its id.
func (w *taskWorld) createTask(t *testing.T, form url.Values) string {
	t.Helper()
	res := w.head.do("POST", "/tasks", form, true)
	m := taskPathRe.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("create task: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	return m[1]
}

var taskVersionRe = regexp.MustCompile(`name="version" value="(\d+)"`)

// act takes an action on a task as u with the version on the page, and
// checks the status.
func taskAct(t *testing.T, u *user, id, action string, status int, fields ...string) response {
	t.Helper()
	page := u.do("GET", "/tasks/"+id, nil, false)
	m := taskVersionRe.FindStringSubmatch(page.body)
	version := "1"
	if m != nil {
		version = m[1]
	}
	form := url.Values{"action": {action}, "version": {version}}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Add(fields[i], fields[i+1])
	}
	res := u.do("POST", "/tasks/"+id+"/events", form, true)
	if res.status != status {
		t.Fatalf("%s: status %d, want %d\n%s", action, res.status, status, res.body)
	}
	return res
}

func TestTaskPages(t *testing.T) {
	w := newTaskWorld(t)
	a := w.a
	mine := w.createTask(t, w.taskForm("Báo cáo tình hình giải ngân"))
	coord := w.createTask(t, w.taskForm("Rà soát danh mục dự án", "coord_unit", w.ktn))
	users := map[string]*user{"head": w.head, "lead": w.lead, "other": w.other, "director": a.login(t, "giamdoc"), "clerk": a.login(t, "motcua")}
	before, err := a.db.FindTasks(context.Background(), store.TaskFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	scenarios := []struct {
		name, user, method, path string
		form                     url.Values
		status                   int
		want, reject             []string
	}{
		{"task list of the lead", "lead", "GET", "/tasks", nil, 200, []string{"Việc của tôi", "Báo cáo tình hình giải ngân", "đã giao", "Bảng đơn vị"}, nil},
		{"search without diacritics", "lead", "GET", "/tasks?q=giai+ngan", nil, 200, []string{"Báo cáo tình hình giải ngân"}, []string{"Rà soát danh mục dự án"}},
		{"assigned by the head", "head", "GET", "/tasks?tab=assigned", nil, 200, []string{"Báo cáo tình hình giải ngân", "Rà soát danh mục dự án"}, nil},
		{"the head's board", "head", "GET", "/tasks?tab=board", nil, 200, []string{"board-col", "đã giao", "Nguyễn Thị Minh Nguyệt"}, nil},
		{"an official has no board", "lead", "GET", "/tasks?tab=board", nil, 200, []string{"bạn không quản lý đơn vị nào"}, nil},
		{"coordinating tab of another unit", "other", "GET", "/tasks?tab=board", nil, 200, nil, []string{"Báo cáo tình hình giải ngân"}},
		{"task page in English", "lead", "GET", "/tasks/" + mine + "?lang=en", nil, 200, []string{"assigned", "start the task", "raise an obstacle", "Timeline"}, nil},
		{"the lead sees no review forms", "lead", "GET", "/tasks/" + mine, nil, 200, []string{"act-start"}, []string{"act-accept", "act-cancel", "act-decide_extension"}},
		{"the assigner may cancel", "head", "GET", "/tasks/" + mine, nil, 200, []string{"act-cancel"}, []string{"act-start"}},
		{"another unit's official may not see it: not found for them", "other", "GET", "/tasks/" + mine, nil, 404, []string{"Không tìm thấy nhiệm vụ số " + mine}, nil},
		{"unless coordinating", "other", "GET", "/tasks/" + coord, nil, 200, []string{"Rà soát danh mục dự án", "Phòng Kinh tế ngành"}, []string{"act-start"}},
		{"the director sees it", "director", "GET", "/tasks/" + mine, nil, 200, []string{"Báo cáo tình hình giải ngân"}, nil},
		{"no such task", "lead", "GET", "/tasks/999999", nil, 404, nil, nil},
		{"task calendar", "lead", "GET", "/tasks/calendar?month=" + w.due[:7], nil, 200, []string{"Lịch nhiệm vụ", "Báo cáo tình hình giải ngân"}, nil},
		{"bad calendar month", "lead", "GET", "/tasks/calendar?month=2026-13", nil, 400, []string{"Tháng không hợp lệ"}, nil},
		{"an official may not assign", "lead", "GET", "/tasks/new", nil, 403, nil, nil},
		{"an official may not post a task", "lead", "POST", "/tasks", w.taskForm("Tự giao việc", "lead_person_id", w.otherID), 403, nil, nil},
		{"a clerk may not assign to KGVX", "clerk", "POST", "/tasks", w.taskForm("Việc không được giao"), 403, nil, nil},
		{"task form", "head", "GET", "/tasks/new", nil, 200, []string{"Giao nhiệm vụ", "Nguyễn Thị Minh Nguyệt", "Trong số ngày làm việc", "Hệ số quy đổi"}, nil},
		{"task without a title", "head", "POST", "/tasks", w.taskForm("", "product", "Báo cáo"), 400,
			[]string{`aria-invalid="true"`, "title", `value="Báo cáo"`}, nil},
		{"task without a lead", "head", "POST", "/tasks", w.taskForm("Nhiệm vụ thiếu người", "lead_person_id", ""), 400,
			[]string{"Vui lòng chọn một giá trị", `value="Nhiệm vụ thiếu người"`}, nil},
		{"task due before today", "head", "POST", "/tasks", w.taskForm("Nhiệm vụ hạn sai", "deadline_date", "2020-01-01"), 400,
			[]string{"trước ngày giao việc"}, nil},
		{"task with both kinds of deadline given, days chosen, none typed", "head", "POST", "/tasks", w.taskForm("Nhiệm vụ thiếu hạn", "deadline_kind", "days"), 400,
			[]string{"Vui lòng nhập số ngày làm việc"}, nil},
		{"task with a bad weight", "head", "POST", "/tasks", w.taskForm("Nhiệm vụ nặng", "weight", "11"), 400, []string{"không quá 10"}, nil},
		{"task in English", "head", "POST", "/tasks?lang=en", w.taskForm("Nhiệm vụ hạn sai", "deadline_date", "2020-01-01"), 400,
			[]string{"is before the day of assignment"}, nil},

		{"plans list", "head", "GET", "/plans", nil, 200, []string{"Kế hoạch công tác", "Chưa có kế hoạch nào", "Tạo kế hoạch"}, nil},
		{"plan form", "head", "GET", "/plans/new", nil, 200, []string{"Văn bản căn cứ", "Đơn vị tính", "Quý"}, nil},
		{"an official may not create a plan", "lead", "GET", "/plans/new", nil, 403, nil, nil},
		{"plan without a title", "head", "POST", "/plans", url.Values{"owner_unit_id": {w.kgvx}, "period_kind": {"quarter"}, "year": {"2026"}, "quarter": {"2"}}, 400,
			[]string{"title", `aria-invalid="true"`}, nil},
		{"plan with a bad quarter", "head", "POST", "/plans", url.Values{"title": {"Kế hoạch quý V"}, "owner_unit_id": {w.kgvx}, "period_kind": {"quarter"}, "year": {"2026"}, "quarter": {"5"}}, 400,
			[]string{"quý phải từ 1 đến 4", `value="Kế hoạch quý V"`}, nil},
		{"plan with a bad document number", "head", "POST", "/plans", url.Values{"title": {"Kế hoạch quý II"}, "owner_unit_id": {w.kgvx}, "period_kind": {"quarter"}, "year": {"2026"}, "quarter": {"2"},
			"source_number": {"chín"}, "source_date": {"2016-09-27"}, "source_issuer": {"UBND tỉnh"}}, 400, []string{"số, ký hiệu văn bản không hợp lệ"}, nil},
		{"plan with a bad target", "head", "POST", "/plans", url.Values{"title": {"Kế hoạch quý II"}, "owner_unit_id": {w.kgvx}, "period_kind": {"quarter"}, "year": {"2026"}, "quarter": {"2"},
			"target_name": {"Thẩm định hồ sơ", ""}, "target_uom": {"hồ sơ", ""}, "target_value": {"0", ""}, "target_sum": {"sum", "level"}}, 400,
			[]string{"giá trị chỉ tiêu phải lớn hơn 0", `value="Thẩm định hồ sơ"`}, nil},
		{"another division's plan", "head", "POST", "/plans", url.Values{"title": {"Kế hoạch của phòng khác"}, "owner_unit_id": {w.ktn}, "period_kind": {"year"}, "year": {"2026"}}, 403, nil, nil},

		{"inbox", "lead", "GET", "/inbox", nil, 200, []string{"Thông báo"}, nil},
		{"someone else's notification", "lead", "POST", "/inbox/999999/read", url.Values{}, 404, nil, nil},
		{"figures of oneself", "lead", "GET", "/people/" + w.leadID + "/figures", nil, 200, []string{"Kết quả thực hiện nhiệm vụ", "NĐ 335/2025/NĐ-CP"}, nil},
		{"figures seen by the head", "head", "GET", "/people/" + w.leadID + "/figures", nil, 200, nil, nil},
		{"figures of another unit's official", "head", "GET", "/people/" + w.otherID + "/figures", nil, 403, []string{"Chỉ bản thân cán bộ"}, nil},
		{"figures seen by the inspector", "director", "GET", "/people/" + w.otherID + "/figures?year=2026&month=3", nil, 200, []string{"3/2026"}, nil},
		{"figures for a bad month", "lead", "GET", "/people/" + w.leadID + "/figures?month=13", nil, 400, nil, nil},
		{"home card", "lead", "GET", "/", nil, 200, []string{"Nhiệm vụ của tôi", "nhiệm vụ đang chủ trì", "thông báo chưa đọc"}, nil},
		{"navigation", "head", "GET", "/", nil, 200, []string{`href="/tasks"`, `href="/plans"`, `href="/inbox"`}, nil},
		{"template", "head", "GET", "/tasks/template.xlsx", nil, 200, nil, nil},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			u := users[sc.user]
			u.t = t
			res := u.do(sc.method, sc.path, sc.form, sc.method == "POST")
			if res.status != sc.status {
				t.Fatalf("status %d, want %d\n%s", res.status, sc.status, res.body)
			}
			for _, s := range sc.want {
				if !strings.Contains(res.body, s) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range sc.reject {
				if strings.Contains(res.body, s) {
					t.Errorf("unexpected %q", s)
				}
			}
		})
	}
	after, err := a.db.FindTasks(context.Background(), store.TaskFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("bad input wrote tasks: %d before, %d after", len(before), len(after))
	}
	if plans, _ := a.db.FindPlans(context.Background(), store.PlanFilter{}); len(plans) != 0 {
		t.Errorf("bad input wrote %d plans", len(plans))
	}
}

// TestTaskFlow follows a plan and a task to acceptance: the head creates a
// quarterly plan and assigns a task under it; the official starts, reports,
// raises an obstacle; the head resolves it; only the assigner may accept;
// a stale version is refused; the official submits and the head's inbox
// says so; the head returns it once and accepts it, and the official's
// figures for the month show it.
func TestTaskFlow(t *testing.T) {
	w := newTaskWorld(t)
	res := w.head.do("POST", "/plans", url.Values{"title": {"Kế hoạch công tác quý II năm 2026"}, "owner_unit_id": {w.kgvx},
		"period_kind": {"quarter"}, "year": {"2026"}, "quarter": {"2"}, "source_number": {"09/CT-UBND"}, "source_date": {"27/09/2016"},
		"source_issuer": {"UBND tỉnh Bắc Ninh"}, "target_name": {"Thẩm định hồ sơ chủ trương đầu tư", ""}, "target_uom": {"hồ sơ", ""},
		"target_value": {"40", ""}, "target_sum": {"sum", "level"}}, true)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/plans/") {
		t.Fatalf("create plan: %d\n%s", res.status, res.body)
	}
	planURL := res.header.Get("Location")
	plan := w.head.do("GET", planURL, nil, false)
	for _, s := range []string{"Đã tạo kế hoạch", "Quý II/2026", "09/CT-UBND ngày 27/09/2016 của UBND tỉnh Bắc Ninh", "Thẩm định hồ sơ chủ trương đầu tư", "Chưa có số liệu"} {
		if !strings.Contains(plan.body, s) {
			t.Errorf("plan page lacks %q", s)
		}
	}
	tid := regexp.MustCompile(`name="target_id"><option value="(\d+)"`).FindStringSubmatch(plan.body)
	if tid == nil {
		t.Fatal("no actual form on the plan page")
	}
	res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"10"}, "date": {"2026-04-30"}, "label": {"Tháng 4/2026"}, "evidence": {"Báo cáo số 12/BC-KGVX"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("actual: %d\n%s", res.status, res.body)
	}
	if res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"mười"}, "date": {"2026-04-30"}}, true); res.status != 400 || !strings.Contains(res.body, "Không phải là số") {
		t.Errorf("bad actual: %d", res.status)
	}
	planID := strings.TrimPrefix(planURL, "/plans/")
	id := w.createTask(t, w.taskForm("Báo cáo tình hình giải ngân quý II", "plan_id", planID, "key", "1", "weight", "2"))
	if plan = w.head.do("GET", planURL, nil, false); !strings.Contains(plan.body, "25%") || !strings.Contains(plan.body, "Báo cáo tình hình giải ngân quý II") {
		t.Errorf("the plan page lacks the attainment or the task")
	}

	taskAct(t, w.lead, id, "start", 303)
	taskAct(t, w.lead, id, "report_progress", 303, "percent", "50", "note", "Đã thu thập số liệu", "tick", "0", "attachments", "so-lieu.xlsx")
	taskAct(t, w.lead, id, "raise_obstacle", 303, "note", "Chưa nhận được số liệu của Sở Xây dựng")
	page := w.head.do("GET", "/tasks/"+id, nil, false)
	for _, s := range []string{"đang vướng mắc", "Đang vướng", "Chưa nhận được số liệu của Sở Xây dựng", "act-resolve_obstacle", "Hoàn thành 50%", "so-lieu.xlsx", "☑"} {
		if !strings.Contains(page.body, s) {
			t.Errorf("task page lacks %q", s)
		}
	}
	taskAct(t, w.head, id, "resolve_obstacle", 303, "note", "Đã đôn đốc Sở Xây dựng gửi số liệu")
	taskAct(t, w.lead, id, "request_extension", 303, "deadline", time.Now().AddDate(0, 0, 14).Format("2006-01-02"), "reason", "Chờ số liệu bổ sung")
	taskAct(t, w.head, id, "decide_extension", 303, "approved", "no", "reason", "Giữ nguyên hạn")

	// The lead may not accept their own work: 403 with the domain's reason.
	res = taskAct(t, w.lead, id, "accept", 403)
	if !strings.Contains(res.body, "Chỉ người giao việc mới được nghiệm thu") {
		t.Errorf("accept by the lead: %s", res.body)
	}
	// A stale version: 409, nothing recorded.
	res = w.lead.do("POST", "/tasks/"+id+"/events", url.Values{"action": {"submit"}, "version": {"1"}, "note": {"Báo cáo đã hoàn thành"}}, true)
	if res.status != http.StatusConflict || !strings.Contains(res.body, "vừa được người khác cập nhật") {
		t.Fatalf("stale version: %d\n%s", res.status, res.body)
	}
	// A state conflict: accept before submission is 409 for the assigner.
	taskAct(t, w.head, id, "accept", 409)
	taskAct(t, w.lead, id, "submit", 400, "note", "")
	taskAct(t, w.lead, id, "submit", 303, "note", "Báo cáo đã trình", "attachments", "bao-cao.docx")

	// The head is told (the "notify" job), and sees accept and return.
	r := jobs.NewRunner(w.a.db, jobs.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	jobs.NewWork(r, w.a.db, jobs.Config{Mailer: noMail{}})
	if _, err := r.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	inbox := w.head.do("GET", "/inbox", nil, false)
	if !strings.Contains(inbox.body, "Báo cáo tình hình giải ngân quý II") || !strings.Contains(inbox.body, "Trình kết quả") && !strings.Contains(inbox.body, "trình kết quả") {
		t.Errorf("the head's inbox lacks the submission:\n%s", inbox.body)
	}
	if home := w.head.do("GET", "/", nil, false); !regexp.MustCompile(`Thông báo \(\d+\)`).MatchString(home.body) {
		t.Error("the navigation shows no unread count")
	}
	page = w.head.do("GET", "/tasks/"+id, nil, false)
	if !strings.Contains(page.body, "act-accept") || !strings.Contains(page.body, "act-return") {
		t.Error("the assigner sees no review forms")
	}
	if page = w.lead.do("GET", "/tasks/"+id, nil, false); strings.Contains(page.body, "act-accept") {
		t.Error("the lead sees the accept form")
	}
	taskAct(t, w.head, id, "return", 303, "reason", "Thiếu số liệu của hai huyện")
	taskAct(t, w.lead, id, "submit", 303, "note", "Đã bổ sung số liệu")
	taskAct(t, w.head, id, "accept", 303, "note", "Đạt yêu cầu")
	page = w.lead.do("GET", "/tasks/"+id, nil, false)
	for _, s := range []string{"đã hoàn thành", "Trả lại", "Thiếu số liệu của hai huyện", "Đạt, nghiệm thu", "Hoàn thành 100%"} {
		if !strings.Contains(page.body, s) {
			t.Errorf("done task page lacks %q", s)
		}
	}

	// A second task, accepted at once; the figures of the month of the deadline.
	id2 := w.createTask(t, w.taskForm("Tổng hợp kiến nghị cử tri"))
	taskAct(t, w.lead, id2, "start", 303)
	taskAct(t, w.lead, id2, "submit", 303, "note", "Báo cáo tổng hợp")
	taskAct(t, w.head, id2, "accept", 303)
	n, _ := strconv.ParseInt(id, 10, 64)
	h, err := w.a.db.FindTaskByID(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	d := calendar.DateOf(h.Task.OriginalDeadline)
	fig := w.head.do("GET", "/people/"+w.leadID+"/figures?year="+strconv.Itoa(d.Year)+"&month="+strconv.Itoa(int(d.Month)), nil, false)
	// Weights 2 and 1, both done on time, one return: quantity 23,3 + quality 23,3 × (2/3 × 0,75 + 1/3) + progress 23,3 = 66,1.
	for _, s := range []string{`id="fig-assigned">2<`, `id="fig-done">2<`, `id="fig-ontime">2<`, `id="fig-failed">1<`, `id="fig-delays">0<`,
		`id="fig-score">66,1<`, "Hoàn thành xuất sắc nhiệm vụ", "Chưa được đối chiếu với văn bản gốc"} {
		if !strings.Contains(fig.body, s) {
			t.Errorf("figures lack %q\n", s)
		}
	}
}

type noMail struct{}

func (noMail) Send(context.Context, string, string, string) error { return nil }

// upload posts a workbook to the import form.
func (u *user) upload(path string, file []byte) response {
	u.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", u.csrf)
	fw, _ := mw.CreateFormFile("file", "nhiem-vu.xlsx")
	_, _ = fw.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", u.app.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	heads := []string{"Tên nhiệm vụ", "Sản phẩm đầu ra", "Người chủ trì", "Đơn vị phối hợp", "Hạn hoàn thành", "Số ngày làm việc", "Mức độ ưu tiên", "Trọng điểm", "Hệ số quy đổi"}
	if err := report.WriteTable(&buf, "Nhiệm vụ", heads, rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTaskImport(t *testing.T) {
	w := newTaskWorld(t)
	count := func() int {
		list, err := w.a.db.FindTasks(context.Background(), store.TaskFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	due, _ := calendar.ParseDate(w.due)
	// The template is a workbook with the example row and the explanations.
	tpl := w.head.do("GET", "/tasks/template.xlsx", nil, false)
	if rows, err := report.ReadTable(strings.NewReader(tpl.body), "Hướng dẫn"); err != nil || len(rows) < 10 || !strings.Contains(rows[4][1], "Tên đăng nhập") {
		t.Fatalf("template explanations: %v %v", rows, err)
	}

	bad := workbook(t, [][]any{
		{"Báo cáo công tác tháng", "Báo cáo", "chuyenvien", "", due, nil, "cao", "x", 1},
		{"Rà soát thủ tục", "Danh mục", "Người Không Có", "", due, nil, "", "", 1},
		{"Tổng hợp số liệu", "Báo cáo", "Nguyen Thi Minh Nguyet", "Phòng Kinh tế ngành", nil, 3, "gấp lắm", "", 1},
	})
	res := w.head.upload("/tasks/import", bad)
	if res.status != http.StatusBadRequest {
		t.Fatalf("bad workbook: %d\n%s", res.status, res.body)
	}
	for _, s := range []string{"2 trên 3 dòng có lỗi", "Dòng 3, cột “Người chủ trì”", "Người Không Có", "Dòng 4, cột “Mức độ ưu tiên”", "gấp lắm"} {
		if !strings.Contains(res.body, s) {
			t.Errorf("preview lacks %q", s)
		}
	}
	if strings.Contains(res.body, "import-confirm") || count() != 0 {
		t.Fatal("a workbook with errors can be confirmed, or something was imported")
	}

	good := workbook(t, [][]any{
		{"Báo cáo công tác tháng", "Báo cáo", "chuyenvien", "", due, nil, "cao", "x", 1},
		{"Tổng hợp số liệu", "Báo cáo", "Nguyen Thi Minh Nguyet", "Phòng Kinh tế ngành", nil, 3, "bình thường", "", 1.5},
	})
	res = w.head.upload("/tasks/import", good)
	if res.status != 200 || !strings.Contains(res.body, "Tất cả 2 dòng hợp lệ") {
		t.Fatalf("good workbook: %d\n%s", res.status, res.body)
	}
	if count() != 0 {
		t.Fatal("the preview imported")
	}
	field := func(name string) string {
		m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(res.body)
		if m == nil {
			t.Fatalf("no %s in the preview", name)
		}
		return htmlUnescape(m[1])
	}
	rows, sig := field("rows"), field("sig")
	if tampered := w.head.do("POST", "/tasks/import/confirm", url.Values{"rows": {strings.Replace(rows, "chuyenvien", "kinhte.hai", 1)}, "sig": {sig}}, true); tampered.status != 400 || count() != 0 {
		t.Fatalf("tampered rows: %d", tampered.status)
	}
	if other := w.lead.do("POST", "/tasks/import/confirm", url.Values{"rows": {rows}, "sig": {sig}}, true); other.status != 400 || count() != 0 {
		t.Fatalf("another session's rows: %d", other.status)
	}
	res = w.head.do("POST", "/tasks/import/confirm", url.Values{"rows": {rows}, "sig": {sig}}, true)
	if res.status != http.StatusSeeOther || count() != 2 {
		t.Fatalf("confirm: %d, %d tasks\n%s", res.status, count(), res.body)
	}
	list := w.head.do("GET", "/tasks?tab=assigned", nil, false)
	for _, s := range []string{"Đã nhập và giao 2 nhiệm vụ", "Báo cáo công tác tháng", "Tổng hợp số liệu"} {
		if !strings.Contains(list.body, s) {
			t.Errorf("list lacks %q", s)
		}
	}
	// The export carries the same filters and the template's columns first.
	exp := w.head.do("GET", "/tasks/export.xlsx?tab=assigned&q=tong+hop", nil, false)
	xrows, err := report.ReadTable(strings.NewReader(exp.body), "Nhiệm vụ")
	if err != nil || len(xrows) != 2 || xrows[0][0] != "Tên nhiệm vụ" || xrows[1][0] != "Tổng hợp số liệu" || xrows[1][3] != "chuyenvien" {
		t.Errorf("export: %v %v", xrows, err)
	}
}

var htmlEntities = strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'", "&#43;", "+")

func htmlUnescape(s string) string { return htmlEntities.Replace(s) }
