package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"congvu/internal/config"
)

// TestCreateUnitAndPerson follows post/redirect/get: the new unit and the
// new person appear, with the flash message, and the journal records them.
func TestCreateUnitAndPerson(t *testing.T) {
	a := newApp(t)
	admin := a.login(t, "admin")
	finance := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh")
	res := admin.do("POST", "/units", url.Values{"parent_id": {finance}, "kind": {"division"}, "name": {"Phòng Chuyển đổi số"},
		"short_name": {"CĐS"}, "valid_from": {"01/06/2026"}}, true)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/units" {
		t.Fatalf("create unit: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	page := admin.do("GET", "/units", nil, false)
	for _, want := range []string{"Đã tạo đơn vị “Phòng Chuyển đổi số”", "Phòng Chuyển đổi số", "từ 01/06/2026"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("units page lacks %q", want)
		}
	}
	if again := admin.do("GET", "/units", nil, false); strings.Contains(again.body, "Đã tạo đơn vị") {
		t.Error("the flash message is shown twice")
	}
	unit := a.unit(t, "Phòng Chuyển đổi số")
	res = admin.do("POST", "/people", url.Values{"full_name": {"Đặng Thu Trang"}, "email": {"trang@example.vn"}, "unit_id": {unit},
		"role": {"official"}, "position": {"Chuyên viên"}, "valid_from": {"2026-06-01"}, "login": {"dtt.trang"}, "password": {"mat-khau-du-dai"}}, true)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/people/") {
		t.Fatalf("create person: %d\n%s", res.status, res.body)
	}
	person := admin.do("GET", res.header.Get("Location"), nil, false)
	for _, want := range []string{"Đặng Thu Trang", "dtt.trang", "Phòng Chuyển đổi số", "01/06/2026 – nay"} {
		if !strings.Contains(person.body, want) {
			t.Errorf("person page lacks %q", want)
		}
	}
	list := admin.do("GET", "/people?q=dang+thu&unit="+unit+"&sub=1", nil, false)
	if !strings.Contains(list.body, "Đặng Thu Trang") {
		t.Error("the new person is not found without diacritics")
	}
	journal := admin.do("GET", "/audit?type=person", nil, false)
	if !strings.Contains(journal.body, "Thêm cán bộ và tài khoản") {
		t.Error("the journal lacks the creation of the person and login")
	}
	// The new user can log in with the password given.
	a.passwords["dtt.trang"] = "mat-khau-du-dai"
	if home := a.login(t, "dtt.trang").do("GET", "/", nil, false); !strings.Contains(home.body, "Xin chào, Đặng Thu Trang") {
		t.Error("the new user's home page does not greet them")
	}
}

// TestLoginThrottleAndRateLimit: after five wrong passwords the next
// attempt must wait (the page says how many seconds, Retry-After too), and
// a flood from one address gets 429.
func TestLoginThrottleAndRateLimit(t *testing.T) {
	frozen := time.Now() // the waits are counted on the database's clock, stopped here
	a := newAppAt(t, config.Config{}, func() time.Time { return frozen })
	u := a.anonymous(t)
	wrong := url.Values{"login": {"thanhtra"}, "password": {"khong-dung-dau"}}
	for i := 0; i < 5; i++ {
		if res := u.do("POST", "/login", wrong, true); res.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d", i+1, res.status)
		}
	}
	res := u.do("POST", "/login", url.Values{"login": {"thanhtra"}, "password": {a.passwords["thanhtra"]}}, true)
	if res.status != http.StatusTooManyRequests || !strings.Contains(res.body, "vui lòng thử lại sau 1 giây") || res.header.Get("Retry-After") != "1" {
		t.Fatalf("throttled login: status %d, Retry-After %q\n%s", res.status, res.header.Get("Retry-After"), res.body)
	}
	res = u.do("POST", "/login?lang=en", url.Values{"login": {"thanhtra"}, "password": {"x"}}, true)
	if !strings.Contains(res.body, "Too many failed logins; please try again in") {
		t.Errorf("no English throttle message:\n%s", res.body)
	}
	var last response
	for i := 0; i < 25 && !strings.Contains(last.body, "từ địa chỉ này"); i++ {
		last = u.do("POST", "/login", wrong, true)
	}
	if last.status != http.StatusTooManyRequests || !strings.Contains(last.body, "Có quá nhiều lần đăng nhập từ địa chỉ này") {
		t.Fatalf("no rate limit: %d\n%s", last.status, last.body)
	}
}

// TestLanguageSwitchAndLogout: the switch sets the cookie and returns to a
// local page only; logout ends the session.
func TestLanguageSwitchAndLogout(t *testing.T) {
	a := newApp(t)
	u := a.login(t, "chuyenvien")
	res := u.do("GET", "/lang?to=en&next=%2Fpeople%3Fq%3Dnguyen%26lang%3Dvi", nil, false)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/people?q=nguyen" {
		t.Fatalf("switch: %d %q", res.status, res.header.Get("Location"))
	}
	if c := res.header.Get("Set-Cookie"); !strings.Contains(c, "congvu_lang=en") || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") {
		t.Errorf("cookie: %q", c)
	}
	if home := u.do("GET", "/", nil, false); !strings.Contains(home.body, "My profile") || !strings.Contains(home.body, `lang="en"`) {
		t.Error("the home page is not in English after the switch")
	}
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		res := u.do("GET", "/lang?to=vi&next="+url.QueryEscape(next), nil, false)
		if loc := res.header.Get("Location"); loc != "/" {
			t.Errorf("next %q: redirected to %q", next, loc)
		}
	}
	if res := u.do("GET", "/lang?to=fr", nil, false); res.status != http.StatusBadRequest {
		t.Errorf("unknown language: %d", res.status)
	}
	if res := u.do("POST", "/logout", nil, true); res.status != http.StatusSeeOther || res.header.Get("Location") != "/login" {
		t.Fatalf("logout: %d", res.status)
	}
	if res := u.do("GET", "/", nil, false); res.status != http.StatusSeeOther {
		t.Errorf("after logout the home page answers %d", res.status)
	}
}
