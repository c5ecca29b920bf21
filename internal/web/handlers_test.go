package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// scenario is one request by one user and what must come back.
type scenario struct {
	name   string
	user   string // demo login, or "" for an anonymous visitor
	method string
	path   string
	form   url.Values
	csrf   string // "ok" (the session's token), "bad", or "" (none)
	status int
	want   []string // texts the body (or, for a redirect, the Location) must contain
	reject []string // texts it must not contain
}

func TestPages(t *testing.T) {
	a := newApp(t)
	users := map[string]*user{"": a.anonymous(t)}
	for _, l := range []string{"admin", "giamdoc", "phogiamdoc", "truongphong.kgvx", "chuyenvien", "motcua", "thanhtra"} {
		users[l] = a.login(t, l)
	}
	finance, office := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), a.unit(t, "Văn phòng")
	director, deputy := a.person(t, "Nguyễn Văn Thắng"), a.person(t, "Trần Thị Thu Hà")
	badUnit := url.Values{"parent_id": {""}, "kind": {"agency"}, "code": {"12.34"}, "name": {"Sở Thử nghiệm"}, "valid_from": {"2026-01-01"}}
	scenarios := []scenario{
		{name: "anonymous home goes to login", method: "GET", path: "/", status: 303, want: []string{"/login"}},
		{name: "anonymous page keeps where it was going", method: "GET", path: "/units?x=1", status: 303, want: []string{"/login?next=%2Funits%3Fx%3D1"}},
		{name: "anonymous post goes to login", method: "POST", path: "/units", status: 303, want: []string{"/login"}},
		{name: "login page in Vietnamese", method: "GET", path: "/login", status: 200, want: []string{"Đăng nhập", "Tên đăng nhập", `lang="vi"`}},
		{name: "login page in English", method: "GET", path: "/login?lang=en", status: 200, want: []string{"Log in", "Login", `lang="en"`}},
		{name: "login without CSRF", method: "POST", path: "/login", form: url.Values{"login": {"admin"}, "password": {"x"}}, status: 403, want: []string{"Biểu mẫu đã hết hạn"}},
		{name: "wrong password", method: "POST", path: "/login", form: url.Values{"login": {"chuyenvien"}, "password": {"sai-mat-khau"}}, csrf: "ok", status: 401,
			want: []string{"Tên đăng nhập hoặc mật khẩu không đúng", `value="chuyenvien"`}, reject: []string{"sai-mat-khau"}},
		{name: "login redirects to a local next only", method: "POST", path: "/login", form: url.Values{"login": {"motcua"}, "password": {a.passwords["motcua"]}, "next": {"//evil.example/x"}}, csrf: "ok", status: 303, want: []string{"/"}, reject: []string{"evil"}},
		{name: "static files are cached", method: "GET", path: "/static/app.css", status: 200, want: []string{"font-family"}},
		{name: "unknown static file", method: "GET", path: "/static/nope.js", status: 404},

		{name: "admin home", user: "admin", method: "GET", path: "/", status: 200, want: []string{"Quản trị hệ thống", "Sở Tài chính tỉnh Bắc Ninh", "Vũ Quang Huy", "/units/restructure", "htmx.min.js"}},
		{name: "director home", user: "giamdoc", method: "GET", path: "/", status: 200, want: []string{"Tổng quan cơ quan", "Hoạt động gần đây", "Giám đốc"}},
		{name: "acting director", user: "phogiamdoc", method: "GET", path: "/", status: 200, want: []string{"Đang quyền Giám đốc thay Nguyễn Văn Thắng"}},
		{name: "head of division", user: "truongphong.kgvx", method: "GET", path: "/", status: 200, want: []string{"Cán bộ Phòng Khoa giáo", "Nguyễn Thị Minh Nguyệt"}},
		{name: "official", user: "chuyenvien", method: "GET", path: "/", status: 200, want: []string{"Thông tin của tôi", "Chuyên viên"}, reject: []string{"Tổng quan cơ quan", "/audit"}},
		{name: "inspector", user: "thanhtra", method: "GET", path: "/", status: 200, want: []string{"Mở nhật ký hệ thống"}},
		{name: "home in English", user: "admin", method: "GET", path: "/?lang=en", status: 200, want: []string{"Administration", "My profile", "Log out"}},

		{name: "clerk may read units", user: "motcua", method: "GET", path: "/units", status: 200, want: []string{"Đơn vị đang hoạt động", "Sở Kế hoạch và Đầu tư"}, reject: []string{"/units/new"}},
		{name: "clerk may not open the unit form", user: "motcua", method: "GET", path: "/units/new", status: 403, want: []string{"Không có quyền truy cập"}},
		{name: "clerk may not create a unit", user: "motcua", method: "POST", path: "/units", form: url.Values{"parent_id": {finance}, "kind": {"division"}, "name": {"Phòng X"}, "valid_from": {"2026-01-01"}}, csrf: "ok", status: 403},
		{name: "an agency's administrator may not create a top-level agency", user: "admin", method: "POST", path: "/units", csrf: "ok", status: 403,
			form: url.Values{"parent_id": {""}, "kind": {"agency"}, "code": {"000.00.31.H27"}, "name": {"Sở Thử nghiệm"}, "valid_from": {"2026-01-01"}}},
		{name: "clerk may not add people", user: "motcua", method: "GET", path: "/people/new", status: 403},
		{name: "clerk may not read the journal", user: "motcua", method: "GET", path: "/audit", status: 403},
		{name: "clerk delegates only their own roles", user: "motcua", method: "GET", path: "/delegations", status: 200,
			want: []string{"tối đa 90 ngày"}, reject: []string{`/revoke"`}},
		{name: "clerk may not delegate for the director", user: "motcua", method: "POST", path: "/delegations", csrf: "ok", status: 403,
			form: url.Values{"from_person_id": {director}, "to_person_id": {deputy}, "starts_on": {"2026-12-20"}, "ends_on": {"2026-12-21"}}},
		{name: "the acting director may not extend the delegation", user: "phogiamdoc", method: "POST", path: "/delegations", csrf: "ok", status: 403,
			form: url.Values{"from_person_id": {director}, "to_person_id": {deputy}, "starts_on": {"2027-01-01"}, "ends_on": {"2027-12-31"}}},
		{name: "a delegation of more than 90 days", user: "giamdoc", method: "POST", path: "/delegations", csrf: "ok", status: 400,
			form: url.Values{"from_person_id": {director}, "to_person_id": {deputy}, "starts_on": {"2027-01-01"}, "ends_on": {"2027-12-31"}}, want: []string{"tối đa 90 ngày"}},
		{name: "the director may revoke", user: "giamdoc", method: "GET", path: "/delegations", status: 200, want: []string{`/revoke"`, `name="confirm"`, "Thu hồi"}},
		{name: "wrong CSRF token", user: "admin", method: "POST", path: "/units", form: badUnit, csrf: "bad", status: 403, want: []string{"Biểu mẫu đã hết hạn"}},
		{name: "missing CSRF token", user: "admin", method: "POST", path: "/units", form: badUnit, status: 403},
		{name: "logout needs CSRF", user: "chuyenvien", method: "POST", path: "/logout", csrf: "bad", status: 403},

		{name: "units page", user: "admin", method: "GET", path: "/units", status: 200,
			want: []string{"000.00.13.H27", "Đơn vị đã kết thúc", "01/01/2008 – 28/02/2025", "Lịch sử sắp xếp", "Quyết định số 16/QĐ-UBND"}},
		{name: "bad unit form in Vietnamese", user: "admin", method: "POST", path: "/units", form: badUnit, csrf: "ok", status: 400,
			want: []string{"không đúng dạng CCC.BB.AA.Hnn", `value="Sở Thử nghiệm"`, `aria-invalid="true"`}},
		{name: "bad unit form in English", user: "admin", method: "POST", path: "/units?lang=en", form: badUnit, csrf: "ok", status: 400,
			want: []string{"is not of the form CCC.BB.AA.Hnn", `value="Sở Thử nghiệm"`}},
		{name: "unit without a name", user: "admin", method: "POST", path: "/units", form: url.Values{"kind": {"division"}, "parent_id": {finance}, "valid_from": {"01/01/2026"}}, csrf: "ok", status: 400,
			want: []string{"thiếu name"}},
		{name: "bad restructuring", user: "admin", method: "POST", path: "/units/restructure", form: url.Values{"kind": {"merge"}, "effective_on": {"2026-01-01"}}, csrf: "ok", status: 400,
			want: []string{"Chọn ít nhất một đơn vị kết thúc"}},

		{name: "people search without diacritics", user: "motcua", method: "GET", path: "/people?q=nguyen+thi+hang", status: 200, want: []string{"Nguyễn Thị Hằng"}, reject: []string{"Vũ Quang Huy"}},
		{name: "people of a unit", user: "admin", method: "GET", path: "/people?unit=" + finance + "&sub=1", status: 200, want: []string{"Vũ Quang Huy"}},
		{name: "no such person", user: "admin", method: "GET", path: "/people/99999", status: 404, want: []string{"Không tìm thấy"}},
		{name: "bad person form", user: "admin", method: "POST", path: "/people", csrf: "ok", status: 400,
			form: url.Values{"full_name": {"Lê Văn Tám"}, "unit_id": {office}, "role": {"official"}, "valid_from": {"2026-01-01"}, "login": {"levantam"}, "password": {"ngan"}},
			want: []string{"mật khẩu quá ngắn", `value="Lê Văn Tám"`}, reject: []string{`value="ngan"`}},
		{name: "delegations page", user: "admin", method: "GET", path: "/delegations", status: 200, want: []string{"Giám đốc đi công tác", "Đang hiệu lực"}},
		{name: "delegation to oneself", user: "giamdoc", method: "POST", path: "/delegations", csrf: "ok", status: 400,
			form: url.Values{"from_person_id": {director}, "to_person_id": {director}, "starts_on": {"2026-01-01"}, "ends_on": {"2026-01-02"}}, want: []string{"không thể tự ủy quyền"}},
		{name: "journal", user: "thanhtra", method: "GET", path: "/audit?type=restructuring", status: 200, want: []string{"Nhật ký hệ thống", "restructuring"}},
		{name: "verify the journal", user: "thanhtra", method: "POST", path: "/audit/verify", csrf: "ok", status: 200, want: []string{"Chuỗi nhật ký toàn vẹn", "Chưa cấu hình điểm neo"}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			u := users[sc.user]
			u.t = t
			form := sc.form
			if sc.csrf == "bad" {
				form = cloneValues(form)
				form.Set("csrf", "forged-token")
			}
			res := u.do(sc.method, sc.path, form, sc.csrf == "ok")
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
