package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// headDossierAtApproval receives a dossier of the head procedure and takes
// it to the KGVX head's approval step through the official.
func headDossierAtApproval(t *testing.T, a *app, clerk, official *user, name string) (code, secret string) {
	t.Helper()
	f := intakeForm(name)
	f.Set("procedure_code", headProc)
	f.Del("doc")
	code, secret, _ = intakeNow(t, clerk, f)
	mustAct(t, clerk, code, "forward", url.Values{"to_person_id": {a.person(t, "Nguyễn Thị Minh Nguyệt")}})
	mustAct(t, official, code, "forward", url.Values{"to_person_id": {a.person(t, "Trần Văn Hùng")}})
	return code, secret
}

// TestReturnForReworkPage: at the head's approval step the head's page
// offers "Trả lại để xử lý lại" as a secondary action, after the forward,
// with the previous step chosen, a required reason and a confirmation; the
// official's page does not and a forged post is refused; an empty reason
// is shown again on the form; the return puts the dossier back at the
// official's step, in the staff history with its reason, not on the
// public lookup.
func TestReturnForReworkPage(t *testing.T) {
	a := newApp(t)
	addHeadProcedure(t, a)
	clerk, official, head := a.login(t, "motcua"), a.login(t, "chuyenvien"), a.login(t, "truongphong.kgvx")
	code, secret := headDossierAtApproval(t, a, clerk, official, "Đỗ Văn Nam")

	hp := head.do("GET", "/dossiers/"+code, nil, false).body
	form := between(hp, `id="act-return_for_rework"`, "</form>")
	for _, want := range []string{"<h3>trả lại để xử lý lại</h3>", `name="to_step"`, `<option value="1" selected>Bước 2: Thẩm định hồ sơ — Nguyễn Thị Minh Nguyệt</option>`,
		`name="reason" rows="2" required`, `name="confirm" value="yes" required`, `class="secondary">trả lại để xử lý lại</button>`,
		"Thời hạn giải quyết vẫn tính tiếp"} {
		if !strings.Contains(form, want) {
			t.Errorf("the head's return form lacks %q:\n%s", want, form)
		}
	}
	if strings.Index(hp, `id="act-forward"`) > strings.Index(hp, `id="act-return_for_rework"`) {
		t.Error("the return stands before the step's main action")
	}
	if op := official.do("GET", "/dossiers/"+code, nil, false).body; strings.Contains(op, `id="act-return_for_rework"`) {
		t.Error("the official is offered the return at the head's step")
	}
	v := versionRe.FindStringSubmatch(hp)[1]
	if res := official.do("POST", "/dossiers/"+code+"/events", url.Values{"action": {"return_for_rework"}, "version": {v},
		"reason": {"Làm lại"}, "confirm": {"yes"}}, true); res.status != http.StatusForbidden {
		t.Errorf("official's forged return: status %d", res.status)
	}
	res := act(t, head, code, "return_for_rework", url.Values{"reason": {"   "}, "to_step": {"1"}, "confirm": {"yes"}})
	if res.status != http.StatusBadRequest || !strings.Contains(between(res.body, `id="act-return_for_rework"`, "</form>"), "lý do") {
		t.Errorf("empty reason: status %d\n%s", res.status, res.body)
	}
	mustAct(t, head, code, "return_for_rework", url.Values{"reason": {"Thiếu ý kiến của Phòng Tài chính"}, "to_step": {"1"}, "confirm": {"yes"}})
	after := head.do("GET", "/dossiers/"+code, nil, false).body
	if !strings.Contains(after, "Đã trả lại hồ sơ "+code+" để xử lý lại.") || !strings.Contains(after, "Thiếu ý kiến của Phòng Tài chính") {
		t.Errorf("the page after the return:\n%s", after)
	}
	op := official.do("GET", "/dossiers/"+code, nil, false).body
	if !strings.Contains(op, `id="act-forward"`) || !strings.Contains(op, "trả lại để xử lý lại") {
		t.Errorf("the official cannot act again, or the history lacks the return:\n%s", op)
	}
	// The public lookup shows the steps up to the official's, not the
	// internal return: neither the head's step nor the reason.
	pub := a.anonymous(t).do("POST", "/tra-cuu", url.Values{"code": {code}, "secret": {secret}}, false).body
	if !strings.Contains(pub, "Thẩm định hồ sơ") || strings.Contains(pub, "<td>Trưởng phòng phê duyệt</td>") || strings.Contains(pub, "Thiếu ý kiến") ||
		strings.Contains(pub, "trả lại") {
		t.Errorf("the public lookup after the return:\n%s", pub)
	}
}

// between is the part of s from the first from to the next to after it.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}
