package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"congvu/internal/file/filetest"
)

var evidenceRe = regexp.MustCompile(`href="/violations/(\d+)/evidence"`)

// TestViolationPages: the head of a division records a violation of their
// official with a PDF as evidence, which the director opens; the head of
// another division may neither record one for that official (403) nor
// open the evidence (404); an item not in the checklist is refused naming
// the field, writing nothing; an inspector records one anywhere.
func TestViolationPages(t *testing.T) {
	a := newApp(t)
	head, otherHead, inspector, director := a.login(t, "truongphong.kgvx"), a.login(t, "truongphong.dt"), a.login(t, "thanhtra"), a.login(t, "giamdoc")
	official := a.person(t, "Nguyễn Thị Minh Nguyệt")
	fields := func(item string) url.Values {
		return url.Values{"person_id": {official}, "item": {item}, "on": {"02/03/2026"}, "severity": {"reminder"}, "note": {"Đi muộn 45 phút"}}
	}
	pdf := filetest.PDF(t)
	if res := otherHead.uploadForm("/violations", fields("ct09|CT09-01"), "file", "Biên bản.pdf", pdf); res.status != http.StatusForbidden {
		t.Errorf("another division's head records: %d", res.status)
	}
	res := head.uploadForm("/violations", fields("ct09|CT09-99"), "file", "Biên bản.pdf", pdf)
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, "CT09-99") {
		t.Errorf("an item not in the checklist: %d", res.status)
	}
	if res := head.uploadForm("/violations", fields("ct09|CT09-01"), "file", "Biên bản.pdf", pdf); res.status != http.StatusSeeOther {
		t.Fatalf("the head records: %d\n%s", res.status, res.body)
	}
	if res := inspector.uploadForm("/violations", fields("qd733|QD733-01"), "file", "Ảnh.pdf", pdf); res.status != http.StatusSeeOther {
		t.Fatalf("the inspector records: %d\n%s", res.status, res.body)
	}
	page := director.do("GET", "/violations?from=01/01/2026&to=31/12/2026", nil, false)
	if page.status != http.StatusOK || strings.Count(page.body, "Đi muộn 45 phút") != 2 || !strings.Contains(page.body, "chưa được đối chiếu") {
		t.Fatalf("the director's list: %d", page.status)
	}
	m := evidenceRe.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatal("no evidence link")
	}
	if res := director.do("GET", "/violations/"+m[1]+"/evidence", nil, false); res.status != http.StatusOK || !strings.HasPrefix(res.body, "%PDF") {
		t.Errorf("the director opens the evidence: %d", res.status)
	}
	// The official's March evaluation lists the head's reminder and what
	// it takes off; the inspector's QĐ 733 one too.
	res = a.login(t, "chuyenvien").do("POST", "/evaluations", url.Values{"year": {"2026"}, "period": {"3"}}, true)
	evalURL := res.header.Get("Location")
	if res.status != http.StatusSeeOther {
		// The demo may have opened March already: find it in the list.
		list := a.login(t, "chuyenvien").do("GET", "/evaluations?year=2026", nil, false)
		mm := regexp.MustCompile(`href="(/evaluations/\d+)">[^<]*</a></td><td>[^<]*</td><td>Tháng 3/2026`).FindStringSubmatch(list.body)
		if mm == nil {
			t.Fatalf("no March evaluation to open: %d\n%s", res.status, visibleTextOf(list.body))
		}
		evalURL = mm[1]
	}
	ev := a.login(t, "chuyenvien").do("GET", evalURL, nil, false)
	text := visibleTextOf(ev.body)
	for _, want := range []string{"Vi phạm kỷ luật, văn hóa công sở trong kỳ", "02/03/2026", "CT09-01 – ", "Đi muộn 45 phút",
		"2 lần nhắc nhở, phê bình trong kỳ: trừ 4 điểm ở tiêu chí", "chưa được đối chiếu"} {
		if !strings.Contains(text, want) {
			t.Errorf("the evaluation page lacks %q\n%s", want, text)
		}
	}
	if res := otherHead.do("GET", "/violations/"+m[1]+"/evidence", nil, false); res.status != http.StatusNotFound {
		t.Errorf("another division's head opens the evidence: %d", res.status)
	}
	if res := otherHead.do("GET", "/violations?from=01/01/2026&to=31/12/2026", nil, false); strings.Contains(res.body, "Đi muộn 45 phút") {
		t.Errorf("another division's head sees the violations")
	}
}

// TestChecklistPages: the administrator saves a new version of Chỉ thị
// 09 from a date, which the page then lists beside the built-in one
// marked to be checked; a malformed line is refused naming the field; a
// head may not edit.
func TestChecklistPages(t *testing.T) {
	a := newApp(t)
	admin, head := a.login(t, "admin"), a.login(t, "truongphong.kgvx")
	v := url.Values{"key": {"ct09"}, "basis": {"Chỉ thị số 09/CT-UBND ngày 27/09/2016 (bản cơ quan đã đối chiếu)"}, "from": {"01/07/2026"},
		"items": {"CT09-01 | Chấp hành thời giờ làm việc\nkhông có dấu phân cách"}}
	if res := admin.do("POST", "/checklists", v, true); res.status != http.StatusBadRequest || !strings.Contains(res.body, "Dòng 2") {
		t.Errorf("a malformed line: %d", res.status)
	}
	v.Set("items", "CT09-01 | Chấp hành thời giờ làm việc\nCT09-02 | Không làm việc riêng trong giờ")
	if res := head.do("POST", "/checklists", v, true); res.status != http.StatusForbidden {
		t.Errorf("a head edits: %d", res.status)
	}
	if res := admin.do("POST", "/checklists", v, true); res.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.status, res.body)
	}
	page := head.do("GET", "/checklists", nil, false)
	for _, want := range []string{"Hiệu lực từ ngày 01/07/2026", "bản cơ quan đã đối chiếu", "Hiệu lực từ ngày 27/09/2016", "cơ quan cần kiểm tra"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the checklists page lacks %q\n%s", want, visibleTextOf(page.body))
		}
	}
	if strings.Contains(page.body, `id="checklist-form"`) {
		t.Errorf("a head is offered the editor")
	}
	if res := a.login(t, "giamdoc").do("GET", "/emulation?year=2026", nil, false); res.status != http.StatusOK || !strings.Contains(res.body, "Lao động tiên tiến") {
		t.Errorf("the emulation page: %d", res.status)
	}
}
