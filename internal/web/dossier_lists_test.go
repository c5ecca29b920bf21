package web_test

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"congvu/internal/report"
)

// The dossier list's search by every word in any order, its filters, its
// total and Excel export, and "Hồ sơ tôi đã xử lý", as each role sees them.
func TestDossierListFilters(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	users := map[string]*user{}
	for _, l := range []string{"motcua", "chuyenvien", "giamdoc"} {
		users[l] = a.login(t, l)
	}
	an, _ := receive(t, users["motcua"], "Nguyễn Văn An")
	hoa, _ := receive(t, users["motcua"], "Trần Thị Hoa")
	official := a.person(t, "Nguyễn Thị Minh Nguyệt")
	mustAct(t, users["motcua"], hoa, "forward", url.Values{"to_person_id": {official}})
	run(t, users, []scenario{
		{name: "the full name without diacritics", user: "giamdoc", method: "GET", path: "/dossiers?q=Nguyen+Van+An", status: 200,
			want: []string{an, "(1)"}, reject: []string{hoa}},
		{name: "the name's words in another order", user: "giamdoc", method: "GET", path: "/dossiers?q=an+nguyen", status: 200, want: []string{an}, reject: []string{hoa}},
		{name: "a word found nowhere", user: "giamdoc", method: "GET", path: "/dossiers?q=nguyen+xyz", status: 200, want: []string{"Không có hồ sơ nào"}, reject: []string{an}},
		{name: "the filter form", user: "giamdoc", method: "GET", path: "/dossiers", status: 200,
			want: []string{`name="status"`, `name="procedure"`, `name="unit"`, `name="handler"`, `name="received_from"`, `name="due_to"`, `name="overdue"`, `name="due_soon"`,
				"Xuất danh sách ra Excel", "/dossiers/export.xlsx?", "Hồ sơ tôi đã xử lý"}},
		{name: "by status", user: "giamdoc", method: "GET", path: "/dossiers?status=4", status: 200, want: []string{hoa, "Hồ sơ theo bộ lọc", " open"}, reject: []string{an}},
		{name: "by handler", user: "giamdoc", method: "GET", path: "/dossiers?handler=" + official, status: 200, want: []string{hoa}, reject: []string{an}},
		{name: "received on a day typed dd/mm/yyyy", user: "giamdoc", method: "GET", path: "/dossiers?received_from=01/01/2099", status: 200,
			want: []string{"Không có hồ sơ nào"}, reject: []string{an}},
		{name: "a bad day names the field", user: "giamdoc", method: "GET", path: "/dossiers?due_from=31/02/2026", status: 400, want: []string{"due_from"}},
		{name: "a bad status", user: "giamdoc", method: "GET", path: "/dossiers?status=99", status: 400, want: []string{"Trạng thái"}},
		{name: "the clerk handled both", user: "motcua", method: "GET", path: "/dossiers/handled", status: 200,
			want: []string{"Hồ sơ tôi đã xử lý", an, hoa, "(2)"}},
		{name: "handled, searched", user: "motcua", method: "GET", path: "/dossiers/handled?q=hoa+tran", status: 200, want: []string{hoa}, reject: []string{an}},
		{name: "the official handled none yet", user: "chuyenvien", method: "GET", path: "/dossiers/handled", status: 200, want: []string{"Không có hồ sơ nào"}},
		{name: "in English", user: "giamdoc", method: "GET", path: "/dossiers?lang=en", status: 200, want: []string{"More filters", "Dossiers I handled"}},
	})
	for _, c := range []struct {
		name, user, path string
		want, reject     string
	}{
		{"the director's search", "giamdoc", "/dossiers/export.xlsx?q=an+nguyen", an, hoa},
		{"the clerk's handled, filtered", "motcua", "/dossiers/export.xlsx?list=handled&status=4", hoa, an},
	} {
		res := users[c.user].do("GET", c.path, nil, false)
		if res.status != 200 || !strings.Contains(res.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("%s: %d %q", c.name, res.status, res.header.Get("Content-Disposition"))
		}
		rows, err := report.ReadTable(bytes.NewReader([]byte(res.body)), "Hồ sơ")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(rows) != 2 || rows[1][0] != c.want {
			t.Errorf("%s: rows %q, want only %s", c.name, rows, c.want)
		}
	}
}
