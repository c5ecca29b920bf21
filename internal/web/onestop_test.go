package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// headProc is a procedure whose third step is the KGVX head's approval.
const headProc = "1.999002"

// addHeadProcedure: the desk receives (0.5), a KGVX official appraises
// (13), the KGVX head approves (1), the desk returns (0.5).
func addHeadProcedure(t testing.TB, a *app) {
	t.Helper()
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	desk, _ := strconv.ParseInt(a.unit(t, "Bộ phận Tiếp nhận và Trả kết quả"), 10, 64)
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	_, err := a.db.CreateProcedureVersion(context.Background(), audit.System("test"), dossier.Procedure{
		Code: headProc, Name: "Thủ tục có bước Trưởng phòng phê duyệt (thử nghiệm)", Field: "Đầu tư tại Việt Nam", Level: dossier.LevelPartial,
		Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định hồ sơ", UnitID: kgvx, Role: org.RoleOfficial, Budget: 13},
			{Name: "Trưởng phòng phê duyệt", UnitID: kgvx, Role: org.RoleHead, Budget: 1},
			{Name: "Trả kết quả", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: agency,
	})
	if err != nil {
		t.Fatalf("head procedure: %v", err)
	}
}

// intakeNow receives a dossier and returns the code, the secret and the
// dossier page that follows the intake (the only one that shows the secret).
func intakeNow(t *testing.T, clerk *user, form url.Values) (code, secret string, page response) {
	t.Helper()
	res := clerk.do("POST", "/dossiers", form, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("intake: status %d\n%s", res.status, res.body)
	}
	page = clerk.do("GET", res.header.Get("Location"), nil, false)
	m := receivedRe.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no code and secret after intake:\n%s", page.body)
	}
	return m[1], m[2], page
}

// pdfText is the text of a PDF by pdftotext; skipped without poppler-utils
// unless CONGVU_REQUIRE_PDFTOOLS=1 (CI), where that fails.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CONGVU_REQUIRE_PDFTOOLS") == "1" {
			t.Fatal("pdftotext not found and CONGVU_REQUIRE_PDFTOOLS=1: install poppler-utils")
		}
		t.Skip("pdftotext not found (apt-get install poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestReceiptCarriesTheSecret: the dossier page after the intake offers
// the receipt with the secret; the printed receipt carries it; a wrong
// secret prints nothing; later the desk reissues a secret, which voids the
// old one, and the receipt can be printed with the new one.
func TestReceiptCarriesTheSecret(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	code, secret, page := intakeNow(t, clerk, intakeForm("Phạm Thị Lan"))
	if !strings.Contains(page.body, `action="/dossiers/`+code+`/receipt"`) || !strings.Contains(page.body, `name="secret" value="`+secret+`"`) {
		t.Fatalf("the page after the intake offers no receipt with the secret:\n%s", page.body)
	}
	res := clerk.do("POST", "/dossiers/"+code+"/receipt", url.Values{"secret": {secret}}, true)
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("receipt: status %d %s\n%s", res.status, res.header.Get("Content-Type"), res.body)
	}
	if text := pdfText(t, res.body); !strings.Contains(text, "Mã tra cứu: "+secret) || !strings.Contains(text, "Phạm Thị Lan") {
		t.Errorf("the receipt lacks the secret:\n%s", text)
	}
	if res := clerk.do("POST", "/dossiers/"+code+"/receipt", url.Values{"secret": {"AAAA-BBBB-CCCC-D"}}, true); res.status != http.StatusBadRequest ||
		!strings.Contains(res.body, "Mã tra cứu không đúng") {
		t.Errorf("wrong secret: status %d\n%s", res.status, res.body)
	}
	// A reprint (the form's GET) has no secret and says how to get one.
	if text := pdfText(t, clerk.do("GET", "/dossiers/"+code+"/forms/01.pdf", nil, false).body); strings.Contains(text, secret) ||
		!strings.Contains(text, "cấp lại mã tra cứu") {
		t.Errorf("reprint:\n%s", text)
	}
	// Later, the page offers a reissue instead; an official may not.
	later := clerk.do("GET", "/dossiers/"+code, nil, false)
	if strings.Contains(later.body, secret) || !strings.Contains(later.body, "Cấp lại mã tra cứu") {
		t.Fatalf("the page shows the secret again or offers no reissue:\n%s", later.body)
	}
	official := a.login(t, "chuyenvien")
	if res := official.do("POST", "/dossiers/"+code+"/lookup-secret", nil, true); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
		t.Errorf("an official reissued a secret: status %d", res.status)
	}
	res = clerk.do("POST", "/dossiers/"+code+"/lookup-secret", nil, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("reissue: status %d\n%s", res.status, res.body)
	}
	page = clerk.do("GET", res.header.Get("Location"), nil, false)
	m := regexp.MustCompile(`name="secret" value="([A-Z0-9-]{16})"`).FindStringSubmatch(page.body)
	if m == nil || m[1] == secret {
		t.Fatalf("no new secret after the reissue:\n%s", page.body)
	}
	if _, err := a.db.LookupDossier(context.Background(), code, secret); err == nil {
		t.Error("the old secret still opens the dossier")
	}
	if _, err := a.db.LookupDossier(context.Background(), code, m[1]); err != nil {
		t.Errorf("the new secret: %v", err)
	}
}

// TestStepRoleRefusal: an official cannot take the head's approval step:
// the page offers no action and says who takes it, a forged post gets a
// 403 naming the step and the role, and the head takes it.
func TestStepRoleRefusal(t *testing.T) {
	a := newApp(t)
	addHeadProcedure(t, a)
	clerk, official, head := a.login(t, "motcua"), a.login(t, "chuyenvien"), a.login(t, "truongphong.kgvx")
	f := intakeForm("Đỗ Văn Nam")
	f.Set("procedure_code", headProc)
	f.Del("doc")
	code, _, _ := intakeNow(t, clerk, f)
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	mustAct(t, official, code, "forward", url.Values{"to_person_id": {a.person(t, "Trần Văn Hùng")}})
	page := official.do("GET", "/dossiers/"+code, nil, false)
	if strings.Contains(page.body, `id="act-forward"`) || !strings.Contains(page.body, "do Trưởng phòng hoặc cấp trên thực hiện") {
		t.Errorf("the official's page at the head's step:\n%s", page.body)
	}
	hp := head.do("GET", "/dossiers/"+code, nil, false)
	v := versionRe.FindStringSubmatch(hp.body)
	if v == nil {
		t.Fatalf("the head has no action form:\n%s", hp.body)
	}
	res := official.do("POST", "/dossiers/"+code+"/events", url.Values{"action": {"forward"}, "version": {v[1]},
		"to_person_id": {a.person(t, "Nguyễn Thị Hằng")}}, true)
	if res.status != http.StatusForbidden || !strings.Contains(res.body, "Bước “Trưởng phòng phê duyệt” do Trưởng phòng (hoặc cấp trên) thực hiện") {
		t.Errorf("official at the head's step: status %d\n%s", res.status, res.body)
	}
	mustAct(t, head, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Hằng")}})
}

// TestDeskIntakeAndSupplement: the desk's menu has the intake with its
// shortcut; the desk takes in a supplement the applicant brings, which the
// public lookup then shows with what was asked.
func TestDeskIntakeAndSupplement(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk, official := a.login(t, "motcua"), a.login(t, "chuyenvien")
	home := clerk.do("GET", "/", nil, false)
	if !regexp.MustCompile(`<a href="/dossiers/new"[^>]*accesskey="N"[^>]*>Tiếp nhận hồ sơ <kbd class="shortcut">Alt\+N</kbd>`).MatchString(home.body) {
		t.Errorf("the desk's menu has no intake with its shortcut:\n%s", home.body)
	}
	if strings.Contains(official.do("GET", "/", nil, false).body, `href="/dossiers/new"`) {
		t.Error("an official's menu offers the intake")
	}
	code, secret, _ := intakeNow(t, clerk, intakeForm("Vũ Thị Hoa"))
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	mustAct(t, official, code, "request_supplement", url.Values{"reason": {"Bản sao có chứng thực giấy phép xây dựng\nSơ đồ vị trí dự án"}, "supplement_days": {"5"}})
	page := clerk.do("GET", "/dossiers/"+code, nil, false)
	if !strings.Contains(page.body, `id="act-receive_supplement"`) {
		t.Fatalf("the desk cannot take in the supplement:\n%s", page.body)
	}
	mustAct(t, clerk, code, "receive_supplement", url.Values{"note": {"Người nộp mang đến quầy"}})
	rec, err := a.db.FindDossierByCode(context.Background(), code)
	if err != nil || rec.State.Status != dossier.StatusProcessing || rec.State.Paused() {
		t.Fatalf("after the desk took the supplement: %v %v paused %v", err, rec.State.Status, rec.State.PausedAt)
	}
	if last := rec.Events[len(rec.Events)-1]; last.Action != dossier.ReceiveSupplement || last.UnitID != rec.State.Steps[0].UnitID || last.ActorName != "Nguyễn Thị Hằng" {
		t.Errorf("the supplement was not taken by the desk: %+v", last)
	}
	anon := a.anonymous(t)
	anon.do("GET", "/tra-cuu", nil, false)
	res := anon.do("POST", "/tra-cuu", url.Values{"code": {code}, "secret": {secret}}, true)
	for _, s := range []string{"Yêu cầu bổ sung hồ sơ", "Bản sao có chứng thực giấy phép xây dựng", "Sơ đồ vị trí dự án",
		"Thời hạn bổ sung: 5 ngày làm việc", "Đã nhận bổ sung ngày"} {
		if !strings.Contains(res.body, s) {
			t.Errorf("the public timeline lacks %q:\n%s", s, res.body)
		}
	}
}

// TestRatingShowsThanks: after rating, the page thanks the applicant and
// shows no empty form.
func TestRatingShowsThanks(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk, official := a.login(t, "motcua"), a.login(t, "chuyenvien")
	code, secret, _ := intakeNow(t, clerk, intakeForm("Lý Văn Sơn"))
	lifecycle(t, a, clerk, official, code)
	anon := a.anonymous(t)
	anon.do("GET", "/tra-cuu", nil, false)
	res := anon.do("POST", "/tra-cuu/danh-gia", url.Values{"code": {code}, "secret": {secret}, "score": {"1"}}, true)
	if res.status != http.StatusOK || !strings.Contains(res.body, "Cảm ơn ông/bà đã đánh giá") || strings.Contains(res.body, `id="rating"`) {
		t.Errorf("after rating: status %d\n%s", res.status, res.body)
	}
	if strings.Contains(res.body, secret) {
		t.Error("the thanks page echoes the secret")
	}
}
