package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// fixtureProc is a 15-working-day procedure of the demo's merged Sở Tài
// chính, handled by the division of the demo official (KGVX): the desk
// receives (0.5), the division appraises (14), the desk returns (0.5). Its
// code is outside the demo catalogue's.
const fixtureProc = "1.999001"

// fixtureName has "đầu tư" in it, for the searches without diacritics.
const fixtureName = "Cấp Giấy chứng nhận đăng ký đầu tư (thử nghiệm)"

var fixtureDocs = []string{"Văn bản đề nghị thực hiện dự án đầu tư", "Bản sao giấy tờ pháp lý của nhà đầu tư"}

// addFixtureProcedure puts the fixture procedure in the demo catalogue.
func addFixtureProcedure(t testing.TB, a *app) {
	t.Helper()
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	desk, _ := strconv.ParseInt(a.unit(t, "Bộ phận Tiếp nhận và Trả kết quả"), 10, 64)
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	_, err := a.db.CreateProcedureVersion(context.Background(), audit.System("test"), dossier.Procedure{
		Code: fixtureProc, Name: fixtureName, Field: "Đầu tư tại Việt Nam", Level: dossier.LevelPartial,
		Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays}, Fee: 1234567,
		Documents: []dossier.Document{{Name: fixtureDocs[0], Copy: dossier.Original, Quantity: 1},
			{Name: fixtureDocs[1], Copy: dossier.CertifiedCopy, Quantity: 2}},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định hồ sơ", UnitID: kgvx, Budget: 14},
			{Name: "Trả kết quả", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: agency,
	})
	if err != nil {
		t.Fatalf("fixture procedure: %v", err)
	}
}

// intakeForm is a good intake of the fixture procedure.
func intakeForm(name string) url.Values {
	return url.Values{"procedure_code": {fixtureProc + " — " + fixtureName}, "name": {name}, "id_number": {"001203004567"},
		"phone": {"0912 345 678"}, "address": {"Số 1 Lý Thái Tổ, Bắc Ninh"}, "channel": {"direct"}, "sets": {"1"},
		"doc": fixtureDocs}
}

var receivedRe = regexp.MustCompile(`Đã tiếp nhận hồ sơ ([0-9A-Z.]+-\d{6}-\d{4,})\. Mã tra cứu của người nộp: ([A-Z0-9-]{16})`)

// receive takes a dossier in at the desk through the form and returns its
// code and lookup secret, read from the message after the redirect.
func receive(t testing.TB, clerk *user, name string) (code, secret string) {
	t.Helper()
	res := clerk.do("POST", "/dossiers", intakeForm(name), true)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/dossiers/") {
		t.Fatalf("intake: status %d\n%s", res.status, res.body)
	}
	page := clerk.do("GET", res.header.Get("Location"), nil, false)
	m := receivedRe.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no code and secret after intake:\n%s", page.body)
	}
	return m[1], m[2]
}

var versionRe = regexp.MustCompile(`name="version" value="(\d+)"`)

// act posts an action from the dossier page with the version the page shows.
func act(t testing.TB, u *user, code, action string, form url.Values) response {
	t.Helper()
	page := u.do("GET", "/dossiers/"+code, nil, false)
	m := versionRe.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("%s: no action form on the page of %s (status %d)", action, code, page.status)
	}
	f := cloneValues(form)
	f.Set("action", action)
	f.Set("version", m[1])
	return u.do("POST", "/dossiers/"+code+"/events", f, true)
}

// mustAct is act that expects the redirect of a success.
func mustAct(t testing.TB, u *user, code, action string, form url.Values) {
	t.Helper()
	if res := act(t, u, code, action, form); res.status != http.StatusSeeOther {
		t.Fatalf("%s on %s: status %d\n%s", action, code, res.status, res.body)
	}
}

// lifecycle takes a received dossier to the returned result: the desk
// forwards to the official, who sends it back to the desk clerk, who
// completes it and hands the result over.
func lifecycle(t testing.TB, a *app, clerk, official *user, code string) {
	t.Helper()
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	mustAct(t, official, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Hằng")}, "note": {"Đủ điều kiện cấp"}})
	mustAct(t, clerk, code, "complete", nil)
	mustAct(t, clerk, code, "return_result", nil)
}

// countDossiers is how many dossiers the database holds.
func countDossiers(t testing.TB, a *app) int {
	t.Helper()
	list, err := a.db.FindDossiers(context.Background(), dossier.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// run plays scenarios as TestPages does.
func run(t *testing.T, users map[string]*user, scenarios []scenario) {
	t.Helper()
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
