package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestVietnameseNumbers types a plan's target and its actuals the
// Vietnamese way ("1.500.000.000 đ", "2,5") and finds them shown so; an
// ambiguous number is refused with a message that says how to write it,
// and nothing is recorded.
func TestVietnameseNumbers(t *testing.T) {
	w := newTaskWorld(t)
	res := w.head.do("POST", "/plans", url.Values{"title": {"Kế hoạch giải ngân năm 2026"}, "owner_unit_id": {w.kgvx},
		"period_kind": {"year"}, "year": {"2026"}, "target_name": {"Giải ngân vốn đầu tư công", "Tỷ lệ hồ sơ trực tuyến"},
		"target_uom": {"đồng", "%"}, "target_value": {"1.500.000.000 đ", "2,5"}, "target_sum": {"sum", "level"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("create plan: %d\n%s", res.status, res.body)
	}
	planURL := res.header.Get("Location")
	plan := w.head.do("GET", planURL, nil, false)
	for _, s := range []string{"1.500.000.000 đồng", "2,5 %"} {
		if !strings.Contains(plan.body, s) {
			t.Errorf("plan page lacks %q", s)
		}
	}
	tid := regexp.MustCompile(`name="target_id"><option value="(\d+)"`).FindStringSubmatch(plan.body)
	if tid == nil {
		t.Fatal("no actual form on the plan page")
	}
	res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"750.000.000"}, "date": {"30/04/2026"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("actual 750.000.000: %d\n%s", res.status, res.body)
	}
	res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"1,5.3"}, "date": {"30/04/2026"}}, true)
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Không rõ số") {
		t.Errorf("ambiguous actual: %d", res.status)
	}
	plan = w.head.do("GET", planURL, nil, false)
	for _, s := range []string{"<strong>750.000.000</strong>", "50%"} {
		if !strings.Contains(plan.body, s) {
			t.Errorf("plan page lacks %q", s)
		}
	}
	if strings.Contains(plan.body, "1500000000") || strings.Contains(plan.body, "750000000") {
		t.Error("plan page shows a number raw")
	}
}

// TestNoRoute asks for addresses nothing serves and methods an address does
// not take: the web answers with its styled error page in the user's
// language (404, or 405 with Allow), the API with its JSON error.
func TestNoRoute(t *testing.T) {
	a := newApp(t)
	director := a.login(t, "giamdoc")
	for _, c := range []struct {
		name, method, path, lang string
		who                      *user
		status                   int
		allow                    string
		want                     []string
	}{
		{"unknown page, anonymous, English", "GET", "/nowhere", "en", nil, 404, "", []string{"<h1>Not found</h1>", `class="site"`}},
		{"unknown page, signed in", "GET", "/tasks/export.pdf/x", "vi", director, 404, "", []string{"<h1>Không tìm thấy</h1>", `href="/tasks"`}},
		{"wrong method, signed in", "DELETE", "/tasks", "vi", director, 405, "GET, HEAD, POST", []string{"<h1>Thao tác không được hỗ trợ</h1>"}},
		{"wrong method, English", "PUT", "/login", "en", nil, 405, "GET, HEAD, POST", []string{"<h1>Method not allowed</h1>"}},
		{"api unknown", "GET", "/api/v1/nowhere", "en", nil, 404, "", []string{`"code":"not_found"`, "No such address"}},
		{"api wrong method", "DELETE", "/api/v1/units", "vi", nil, 405, "GET, HEAD, POST", []string{`"code":"invalid"`, "không nhận phương thức DELETE"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, a.srv.URL+c.path, nil)
			req.Header.Set("Accept-Language", c.lang)
			client := http.DefaultClient
			if c.who != nil {
				client = c.who.c
			}
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			body := string(b)
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, c.status, body)
			}
			if got := res.Header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
			for _, s := range c.want {
				if !strings.Contains(body, s) {
					t.Errorf("missing %q in\n%.400s", s, body)
				}
			}
			for _, s := range []string{"404 page not found", "Method Not Allowed"} {
				if strings.Contains(body, s) {
					t.Errorf("the mux's own text %q", s)
				}
			}
		})
	}
}

// TestDatesTyped sends dates typed dd/mm/yyyy and times on 24 hours, and
// empty or malformed ones: an empty required date asks for the date, never
// `ngày không hợp lệ: ""`; the forms draw text inputs with the shape to
// type, never the browser's own date picker.
func TestDatesTyped(t *testing.T) {
	a := newApp(t)
	director := a.login(t, "giamdoc")
	from, to := a.person(t, "Nguyễn Văn Thắng"), a.person(t, "Trần Thị Thu Hà")
	for _, c := range []struct {
		name, path string
		form       url.Values
		status     int
		want       string
	}{
		{"empty start", "/delegations", url.Values{"from_person_id": {from}, "to_person_id": {to}, "starts_on": {""}, "ends_on": {"21/12/2026"}}, 400, "Vui lòng nhập ngày"},
		{"impossible date", "/delegations", url.Values{"from_person_id": {from}, "to_person_id": {to}, "starts_on": {"31/02/2027"}, "ends_on": {"21/12/2027"}}, 400, `ngày không hợp lệ: "31/02/2027"`},
		{"typed dates", "/delegations", url.Values{"from_person_id": {from}, "to_person_id": {to}, "starts_on": {"20/12/2027"}, "ends_on": {"21/12/2027"}}, 303, ""},
	} {
		res := director.do("POST", c.path, c.form, true)
		if res.status != c.status || !strings.Contains(visibleTextOf(res.body), c.want) {
			t.Errorf("%s: %d, want %d with %q\n%.600s", c.name, res.status, c.status, c.want, visibleTextOf(res.body))
		}
		if strings.Contains(visibleTextOf(res.body), `: ""`) {
			t.Errorf("%s: an empty value quoted", c.name)
		}
	}
	for _, c := range []struct{ at, want string }{{"14:30", "14:30"}, {"9h05", "09:05"}, {"2:30 PM", "Giờ không hợp lệ"}, {"24:00", "Giờ không hợp lệ"}} {
		res := director.do("GET", "/calendar/due?year=2026&received_on=13/02/2026&days=2&unit=working&received_at="+url.QueryEscape(c.at), nil, false)
		if !strings.Contains(res.body, c.want) {
			t.Errorf("received at %q: %d, lacks %q", c.at, res.status, c.want)
		}
	}
	page := director.do("GET", "/delegations", nil, false).body
	for _, s := range []string{`placeholder="dd/mm/yyyy"`, `inputmode="numeric"`, `aria-describedby="h-starts_on"`, `id="h-starts_on"`} {
		if !strings.Contains(page, s) {
			t.Errorf("the delegation form lacks %s", s)
		}
	}
	if regexp.MustCompile(`type="(date|time|datetime-local)"`).MatchString(page) {
		t.Error("the delegation form uses the browser's own date picker")
	}
}

func visibleTextOf(body string) string { return strings.Join(strings.Fields(visibleText(body)), " ") }

// TestAuditInWords reads the journal and the director's home: actions and
// objects in Vietnamese, the changed fields as a list with their labels,
// names for ids, dates dd/mm/yyyy — no raw JSON, no "account · login".
func TestAuditInWords(t *testing.T) {
	a := newApp(t)
	director := a.login(t, "giamdoc")
	from, to := a.person(t, "Nguyễn Văn Thắng"), a.person(t, "Trần Thị Thu Hà")
	if res := director.do("POST", "/delegations", url.Values{"from_person_id": {from}, "to_person_id": {to}, "starts_on": {"20/12/2027"}, "ends_on": {"21/12/2027"}, "reason": {"Đi công tác"}}, true); res.status != 303 {
		t.Fatalf("delegation: %d", res.status)
	}
	journal := visibleTextOf(director.do("GET", "/audit", nil, false).body)
	for _, s := range []string{"Tài khoản giamdoc", "Đăng nhập", "Địa chỉ truy cập", "Ủy quyền số", "Tạo mới", "Người ủy quyền Nguyễn Văn Thắng",
		"Người được ủy quyền Trần Thị Thu Hà", "Từ 20/12/2027 00:00", "Lý do Đi công tác"} {
		if !strings.Contains(journal, s) {
			t.Errorf("the journal lacks %q", s)
		}
	}
	for _, s := range []string{`{"`, "_id", "account login", " create ", "2027-12-20", "T00:00"} {
		if strings.Contains(journal, s) {
			t.Errorf("the journal shows %q", s)
		}
	}
	home := visibleTextOf(director.do("GET", "/", nil, false).body)
	if strings.Contains(home, "account · login") || !strings.Contains(home, "Đăng nhập · Tài khoản giamdoc") {
		t.Errorf("the director's home shows the journal raw:\n%s", home)
	}
	en := visibleTextOf(director.do("GET", "/audit?lang=en", nil, false).body)
	for _, s := range []string{"Logged in", "Delegator Nguyễn Văn Thắng", "Account giamdoc"} {
		if !strings.Contains(en, s) {
			t.Errorf("the English journal lacks %q", s)
		}
	}
}

// BenchmarkNoRoute measures the styled 404 (the catch-all probes the mux
// for a 405) beside the login page, a small page, in the same run.
func BenchmarkNoRoute(b *testing.B) {
	a := newApp(b)
	h := a.srv.Config.Handler
	for _, c := range []struct{ name, method, path string }{
		{"styled-404", "GET", "/nowhere/at/all"},
		{"styled-405", "DELETE", "/login"},
		{"baseline-login-page", "GET", "/login"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
			}
		})
	}
}
