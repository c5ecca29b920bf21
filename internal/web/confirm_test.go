package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"congvu/internal/file/filetest"
)

// confirmYes is the ticked confirmation box of a destructive action.
var confirmYes = url.Values{"confirm": {"yes"}}

// with is v plus the ticked confirmation box.
func withConfirm(v url.Values) url.Values {
	out := cloneValues(v)
	out.Set("confirm", "yes")
	return out
}

// TestDestructiveNeedsConfirmation: every action the pages put behind a
// ticked box (refuse, withdraw, return for rework, cancel a task, delete a
// day off, remove a file, revoke a delegation, end a membership) is refused
// by the server when posted without it — 400 naming the field, in
// Vietnamese, nothing changed — and taken when the box is ticked (issue
// #12: the browser's "required" alone is not a safeguard).
func TestDestructiveNeedsConfirmation(t *testing.T) {
	w := newTaskWorld(t)
	a := w.a
	addFixtureProcedure(t, a)
	clerk, op, director := a.login(t, "motcua"), a.login(t, "vanhanh"), a.login(t, "giamdoc")

	refused, _ := receive(t, clerk, "Lê Văn Từ")
	withdrawn, _ := receive(t, clerk, "Lê Thị Rút")
	withFile, _ := receive(t, clerk, "Lê Văn Tệp")
	if up := clerk.uploadForm("/dossiers/"+withFile+"/files", url.Values{"slot": {"result"}}, "file", "Kết quả.png", filetest.PNG(t)); up.status != http.StatusSeeOther {
		t.Fatalf("attach: %d", up.status)
	}
	removal := regexp.MustCompile(`action="(/dossiers/[^"]+/files/\d+/remove)"`).FindStringSubmatch(clerk.do("GET", "/dossiers/"+withFile, nil, false).body)
	if removal == nil {
		t.Fatal("no removal form on the dossier page")
	}
	task := w.createTask(t, w.taskForm("Rà soát hồ sơ tồn đọng"))
	revoke := regexp.MustCompile(`action="(/delegations/\d+/revoke)"`).FindStringSubmatch(director.do("GET", "/delegations", nil, false).body)
	if revoke == nil {
		t.Fatal("no revocation form on the delegations page")
	}

	admin := a.login(t, "admin")
	end := regexp.MustCompile(`action="(/people/\d+/memberships/\d+/end)"`).FindStringSubmatch(admin.do("GET", "/people/"+w.otherID, nil, false).body)
	if end == nil {
		t.Fatal("no end-of-membership form on the person page")
	}

	for _, tc := range []struct {
		name   string
		u      *user
		path   string
		form   url.Values
		page   string // a page that shows whether it changed
		marker string // on page while unchanged, gone after
	}{
		{"refuse a dossier", clerk, "/dossiers/" + refused + "/events", url.Values{"action": {"refuse"}, "version": {"1"}, "reason": {"Thiếu giấy tờ"}},
			"/dossiers/" + refused, `name="version" value="1"`},
		{"withdraw a dossier", clerk, "/dossiers/" + withdrawn + "/events", url.Values{"action": {"withdraw"}, "version": {"1"}, "reason": {"Người nộp xin rút"}, "note": {"Đơn xin rút"}},
			"/dossiers/" + withdrawn, `name="version" value="1"`},
		{"remove a file", clerk, removal[1], url.Values{}, "/dossiers/" + withFile, `action="` + removal[1] + `"`},
		{"cancel a task", w.head, "/tasks/" + task + "/events", url.Values{"action": {"cancel"}, "version": {"1"}, "reason": {"Không còn cần"}},
			"/tasks/" + task, "act-cancel"},
		{"delete a day off", op, "/calendar/days/2026-01-10/delete", url.Values{}, "/calendar?year=2026", `action="/calendar/days/2026-01-10/delete"`},
		{"end a membership", admin, end[1], url.Values{"valid_to": {"2026-06-30"}}, "/people/" + w.otherID, `action="` + end[1] + `"`},
		{"revoke a delegation", director, revoke[1], url.Values{}, "/delegations", `action="` + revoke[1] + `"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.u.t = t
			res := tc.u.do("POST", tc.path, tc.form, true)
			if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Chưa xác nhận") || !strings.Contains(res.body, "trường confirm") {
				t.Fatalf("without the box: %d, want 400 naming the field\n%s", res.status, excerpt(res.body, "xác nhận"))
			}
			if !strings.Contains(tc.u.do("GET", tc.page, nil, false).body, tc.marker) {
				t.Fatalf("changed without the box: %q is gone from %s", tc.marker, tc.page)
			}
			res = tc.u.do("POST", tc.path, url.Values{"confirm": {"no"}, "action": tc.form["action"], "version": tc.form["version"], "reason": tc.form["reason"], "note": tc.form["note"], "valid_to": tc.form["valid_to"]}, true)
			if res.status != http.StatusBadRequest {
				t.Fatalf("with confirm=no: %d, want 400", res.status)
			}
			if res = tc.u.do("POST", tc.path, withConfirm(tc.form), true); res.status != http.StatusSeeOther {
				t.Fatalf("with the box: %d, want 303\n%s", res.status, excerpt(res.body, "error"))
			}
			if strings.Contains(tc.u.do("GET", tc.page, nil, false).body, tc.marker) {
				t.Errorf("not taken with the box: %q is still on %s", tc.marker, tc.page)
			}
		})
	}
}
