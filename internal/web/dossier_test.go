package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/report"
)

// TestDossierPages: the desk's intake, the queues, the dossier page with
// its slip and actions, the version check, the permissions, the search and
// the catalogue, as scenarios.
func TestDossierPages(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	users := map[string]*user{"": a.anonymous(t)}
	for _, l := range []string{"motcua", "chuyenvien", "truongphong.kgvx", "giamdoc", "thanhtra"} {
		users[l] = a.login(t, l)
	}
	code, secret := receive(t, users["motcua"], "Trần Đức Đạt")
	if len(secret) != 16 {
		t.Fatalf("secret %q", secret)
	}
	before := countDossiers(t, a)
	official := a.person(t, "Nguyễn Thị Minh Nguyệt")
	badIntake := intakeForm("X")
	badIntake.Set("phone", "12ab")
	noProc := intakeForm("Lê Thị Hoa")
	noProc.Set("procedure_code", "9.999999 — không có")
	forward := func(version string) url.Values {
		return url.Values{"action": {"forward"}, "version": {version}, "to_person_id": {official}}
	}
	run(t, users, []scenario{
		{name: "intake form", user: "motcua", method: "GET", path: "/dossiers/new", status: 200,
			want: []string{"Tiếp nhận hồ sơ", `id="f-procedure_code"`, "autofocus", fixtureProc + " — " + fixtureName, "dang ky dau tu", `value="direct" checked`, "Mã tra cứu"[:0]}},
		{name: "intake form with a procedure lists its papers", user: "motcua", method: "GET", path: "/dossiers/new?procedure=" + fixtureProc, status: 200,
			want: []string{fixtureDocs[0], "Bản sao có chứng thực × 2", "15 ngày làm việc", "1.234.567 đ"}},
		{name: "documents fragment for htmx", user: "motcua", method: "GET", path: "/dossiers/new/documents?procedure_code=" + url.QueryEscape(fixtureProc+" — x"), status: 200,
			want: []string{`id="intake-docs"`, fixtureDocs[1]}, reject: []string{"<html"}},
		{name: "intake form in English", user: "motcua", method: "GET", path: "/dossiers/new?lang=en", status: 200, want: []string{"Receive a dossier", "Papers received"}},
		{name: "official may not receive", user: "chuyenvien", method: "GET", path: "/dossiers/new", status: 403},
		{name: "bad intake: name and phone", user: "motcua", method: "POST", path: "/dossiers", form: badIntake, csrf: "ok", status: 400,
			want: []string{`value="12ab"`, `aria-invalid="true"`, `value="X"`}},
		{name: "bad intake: unknown procedure", user: "motcua", method: "POST", path: "/dossiers", form: noProc, csrf: "ok", status: 400,
			want: []string{"Chọn một thủ tục trong danh mục của cơ quan", `value="Lê Thị Hoa"`}},
		{name: "bad intake: received in the future", user: "motcua", method: "POST", path: "/dossiers", csrf: "ok", status: 400,
			form: func() url.Values {
				f := intakeForm("Lê Thị Hoa")
				f.Set("received_at", "01/01/2099 08:00")
				return f
			}(),
			want: []string{"không được ở tương lai", `value="01/01/2099 08:00"`}},
		{name: "bad intake in English", user: "motcua", method: "POST", path: "/dossiers?lang=en", form: badIntake, csrf: "ok", status: 400,
			want: []string{"at least 2 characters"}},
		{name: "intake without CSRF", user: "motcua", method: "POST", path: "/dossiers", form: intakeForm("Lê Thị Hoa"), status: 403},

		{name: "clerk's queue", user: "motcua", method: "GET", path: "/dossiers/queue", status: 200,
			want: []string{"Hồ sơ của tôi", code, fixtureName, "Trần Đức Đạt", "Đã xử lý xong, chờ trả kết quả"}},
		{name: "official's queue is empty", user: "chuyenvien", method: "GET", path: "/dossiers/queue", status: 200,
			want: []string{"Không có hồ sơ nào đang chờ bạn xử lý"}, reject: []string{code}},
		{name: "dossier page", user: "motcua", method: "GET", path: "/dossiers/" + code, status: 200,
			want: []string{code, "Được tiếp nhận", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Tiếp nhận hồ sơ", "Đang xử lý",
				`id="act-forward"`, "Nguyễn Thị Minh Nguyệt", `id="act-refuse"`, "Mẫu số 01", "/forms/01.pdf", "Mẫu số 06",
				"tiếp nhận trực tiếp", "Nguyễn Thị Hằng", "15 ngày làm việc", "bước 1/3"}},
		{name: "dossier page in English", user: "motcua", method: "GET", path: "/dossiers/" + code + "?lang=en", status: 200,
			want: []string{"Process-control slip", "Received", "forward"}},
		{name: "unknown dossier", user: "motcua", method: "GET", path: "/dossiers/000.00.13.H27-200101-9999", status: 404},
		{name: "malformed code", user: "motcua", method: "GET", path: "/dossiers/abc", status: 404},
		{name: "official of another unit does not see the dossier to forward it", user: "chuyenvien", method: "POST", path: "/dossiers/" + code + "/events",
			form: forward("1"), csrf: "ok", status: 404, want: []string{"Không tìm thấy hồ sơ " + code}},
		{name: "the inspector sees the dossier but may not forward it", user: "thanhtra", method: "POST", path: "/dossiers/" + code + "/events",
			form: forward("1"), csrf: "ok", status: 403, want: []string{"Bạn không có quyền chuyển xử lý hồ sơ này"}},
		{name: "stale version", user: "motcua", method: "POST", path: "/dossiers/" + code + "/events", form: forward("7"), csrf: "ok", status: 409,
			want: []string{"vừa được người khác cập nhật", `name="version" value="1"`}},
		{name: "forward without a receiver", user: "motcua", method: "POST", path: "/dossiers/" + code + "/events", csrf: "ok", status: 400,
			form: url.Values{"action": {"forward"}, "version": {"1"}}, want: []string{"Vui lòng chọn một giá trị"}},
		{name: "refusal without a reason", user: "motcua", method: "POST", path: "/dossiers/" + code + "/events", csrf: "ok", status: 400,
			form: url.Values{"action": {"refuse"}, "version": {"1"}, "confirm": {"yes"}}, want: []string{"Cần nêu rõ lý do"}},
		{name: "forward with the right version", user: "motcua", method: "POST", path: "/dossiers/" + code + "/events", form: forward("1"), csrf: "ok", status: 303,
			want: []string{"/dossiers/" + code}},
		{name: "after the forward", user: "motcua", method: "GET", path: "/dossiers/" + code, status: 200,
			want: []string{"Đã chuyển xử lý hồ sơ " + code, "Đang xử lý", "Thẩm định hồ sơ", `<span class="result">`}, reject: []string{`id="act-forward"`}},
		{name: "action the status does not allow names the allowed ones", user: "motcua", method: "POST", path: "/dossiers/" + code + "/events",
			form: url.Values{"action": {"return_result"}, "version": {"2"}}, csrf: "ok", status: 409, want: []string{"không thể trả kết quả", "Có thể:"}},
		{name: "official's queue", user: "chuyenvien", method: "GET", path: "/dossiers/queue", status: 200, want: []string{code, "ngày"}},
		{name: "official sees the forward back to the desk", user: "chuyenvien", method: "GET", path: "/dossiers/" + code, status: 200,
			want: []string{`id="act-forward"`, `id="act-request_supplement"`, "Trả kết quả"}, reject: []string{`id="act-complete"`, `id="act-return_result"`}},
		{name: "paper record in the future", user: "chuyenvien", method: "POST", path: "/dossiers/" + code + "/events", csrf: "ok", status: 400,
			form: url.Values{"action": {"request_payment"}, "version": {"2"}, "at": {"01/01/2099 08:00"}}, want: []string{"không được ở tương lai"}},
		{name: "head's overview", user: "truongphong.kgvx", method: "GET", path: "/dossiers/unit", status: 200, want: []string{"Quá hạn", "Sắp đến hạn", "Phòng Khoa giáo"}},
		{name: "clerk has no unit overview", user: "motcua", method: "GET", path: "/dossiers/unit", status: 403},
		{name: "clerk's home card", user: "motcua", method: "GET", path: "/", status: 200, want: []string{"Hồ sơ của tôi", "/dossiers/queue"}},
		{name: "head's home card", user: "truongphong.kgvx", method: "GET", path: "/", status: 200, want: []string{"Hồ sơ của đơn vị", "/dossiers/unit"}},
		{name: "navigation", user: "giamdoc", method: "GET", path: "/", status: 200, want: []string{`href="/dossiers/queue"`, `href="/procedures"`, `href="/stats/dossiers"`}},

		{name: "search without diacritics", user: "motcua", method: "GET", path: "/dossiers?q=tran+duc+dat", status: 200, want: []string{code}},
		{name: "search dau tu finds đầu tư", user: "giamdoc", method: "GET", path: "/dossiers?q=dau+tu", status: 200, want: []string{code, fixtureName}},
		{name: "search by code", user: "motcua", method: "GET", path: "/dossiers?q=" + url.QueryEscape(code), status: 200, want: []string{code}},
		{name: "search finds nothing", user: "motcua", method: "GET", path: "/dossiers?q=khong+co+ai", status: 200, want: []string{"Không có hồ sơ nào"}, reject: []string{code}},
		{name: "catalogue search without diacritics", user: "chuyenvien", method: "GET", path: "/procedures?q=chung+nhan+dang+ky+dau+tu", status: 200,
			want: []string{fixtureProc, fixtureName, "15 ngày làm việc", "1.234.567 đ"}},
		{name: "procedure page", user: "chuyenvien", method: "GET", path: "/procedures/" + fixtureProc, status: 200,
			want: []string{fixtureName, "Thẩm định hồ sơ", "0,5 ngày làm việc", "14 ngày làm việc", "Phòng Khoa giáo – Văn xã", fixtureDocs[0], "01/07/2025", "Đang áp dụng"}},
		{name: "unknown procedure", user: "chuyenvien", method: "GET", path: "/procedures/9.999999", status: 404},
		{name: "anonymous dossier page", method: "GET", path: "/dossiers/" + code, status: 303, want: []string{"/login"}},
	})
	if after := countDossiers(t, a); after != before {
		t.Errorf("the refused intakes wrote dossiers: %d before, %d after", before, after)
	}
}

// TestDossierForms: each form the history issued prints as a PDF.
func TestDossierForms(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	code, _ := receive(t, clerk, "Nguyễn Văn An")
	mustAct(t, clerk, code, "request_supplement", url.Values{"reason": {"Bản sao điều lệ\nGiấy ủy quyền"}, "supplement_days": {"5"}})
	for _, f := range []string{"01.pdf", "02.pdf", "06.pdf", "receipt.pdf", "slip.pdf"} {
		res := clerk.do("GET", "/dossiers/"+code+"/forms/"+f, nil, false)
		if res.status != 200 || res.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.body, "%PDF") {
			t.Errorf("%s: %d %q", f, res.status, res.header.Get("Content-Type"))
		}
	}
	for _, f := range []string{"03.pdf", "07.pdf", "01.txt"} {
		if res := clerk.do("GET", "/dossiers/"+code+"/forms/"+f, nil, false); res.status != 404 && f != "03.pdf" {
			t.Errorf("%s: %d, want 404", f, res.status)
		}
	}
	page := clerk.do("GET", "/dossiers/"+code, nil, false)
	for _, w := range []string{"/forms/02.pdf", "Yêu cầu bổ sung giấy tờ", "Tạm dừng tính hạn", "Bản sao điều lệ"} {
		if !strings.Contains(page.body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

var notFoundRe = regexp.MustCompile(`id="notfound">([^<]*)<`)

// TestPublicLookup: the applicant follows the dossier with code and secret;
// a wrong secret and an unknown code get the same 404; the rating is taken
// once; too many look-ups get 429.
func TestPublicLookup(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk, official := a.login(t, "motcua"), a.login(t, "chuyenvien")
	code, secret := receive(t, clerk, "Phạm Thị Thu Hương")
	anon := a.anonymous(t)
	lookup := func(c, s string) response {
		return anon.do("POST", "/tra-cuu", url.Values{"code": {c}, "secret": {s}}, false)
	}
	form := anon.do("GET", "/tra-cuu?code="+url.QueryEscape(code), nil, false)
	if form.status != 200 || !strings.Contains(form.body, "Tra cứu hồ sơ") || !strings.Contains(form.body, `value="`+code+`"`) {
		t.Fatalf("lookup form: %d\n%s", form.status, form.body)
	}
	login := anon.do("GET", "/login", nil, false)
	if !strings.Contains(login.body, `href="/tra-cuu"`) {
		t.Error("the login page lacks the public lookup link")
	}
	res := lookup(code, strings.ToLower(secret))
	if res.status != 200 {
		t.Fatalf("right secret: %d\n%s", res.status, res.body)
	}
	for _, w := range []string{"Được tiếp nhận", "P.T.T.H.", fixtureName, "Tiếp nhận hồ sơ"} {
		if !strings.Contains(res.body, w) {
			t.Errorf("lookup lacks %q", w)
		}
	}
	if strings.Contains(res.body, "Phạm Thị Thu Hương") || strings.Contains(res.body, "001203004567") {
		t.Error("the public lookup shows the applicant's personal data")
	}
	wrong, unknown := lookup(code, "AAAAAAAA"), lookup("000.00.13.H27-200101-9999", secret)
	if wrong.status != 404 || unknown.status != 404 {
		t.Fatalf("wrong secret %d, unknown code %d", wrong.status, unknown.status)
	}
	w, u := notFoundRe.FindStringSubmatch(wrong.body), notFoundRe.FindStringSubmatch(unknown.body)
	if w == nil || u == nil || w[1] != u[1] {
		t.Errorf("different answers for a wrong secret and an unknown code: %q, %q", w, u)
	}
	if res := anon.do("POST", "/tra-cuu/danh-gia", url.Values{"code": {code}, "secret": {secret}, "score": {"1"}}, true); res.status != 409 {
		t.Errorf("rating before the result: %d", res.status)
	}

	lifecycle(t, a, clerk, official, code)
	res = lookup(code, secret)
	if !strings.Contains(res.body, "Đã trả kết quả") || !strings.Contains(res.body, `id="rating"`) {
		t.Fatalf("returned dossier: no status or rating form\n%s", res.body)
	}
	rate := url.Values{"code": {code}, "secret": {secret}, "score": {"1"}, "comment": {"Cán bộ hướng dẫn tận tình"}}
	if res := anon.do("POST", "/tra-cuu/danh-gia", rate, false); res.status != 403 {
		t.Errorf("rating without the CSRF cookie: %d", res.status)
	}
	// The answer is the dossier with the thanks, not an empty form again.
	if res := anon.do("POST", "/tra-cuu/danh-gia", rate, true); res.status != 200 || !strings.Contains(res.body, "Cảm ơn ông/bà đã đánh giá") ||
		strings.Contains(res.body, `id="rating"`) {
		t.Fatalf("rating: %d\n%s", res.status, res.body)
	}
	if res := anon.do("POST", "/tra-cuu/danh-gia", rate, true); res.status != 409 || !strings.Contains(res.body, "đã được đánh giá") {
		t.Errorf("second rating: %d", res.status)
	}
	if page := clerk.do("GET", "/dossiers/"+code, nil, false); !strings.Contains(page.body, "Hài lòng") || !strings.Contains(page.body, "Trả kết quả") {
		t.Error("the dossier page does not show the rating")
	}
	var last response
	for i := 0; i < 30 && last.status != http.StatusTooManyRequests; i++ {
		last = lookup(code, "BBBBBBBB")
	}
	if last.status != http.StatusTooManyRequests || !strings.Contains(last.body, "quá nhiều lần") {
		t.Errorf("no rate limit: %d", last.status)
	}
}

// TestDossierStats: the II.06a table of a unit counts a known set of
// dossiers, and each figure's drill-down lists as many.
func TestDossierStats(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	sys := audit.System("test")
	finance, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	desk, _ := strconv.ParseInt(a.unit(t, "Bộ phận Tiếp nhận và Trả kết quả"), 10, 64)
	div, err := a.db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &finance, Kind: org.KindDivision, Name: "Phòng Kiểm thử thống kê", ValidFrom: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.db.CreateProcedureVersion(ctx, sys, dossier.Procedure{Code: "1.999002", Name: "Thủ tục kiểm thử thống kê", Level: dossier.LevelInfo,
		Limit:   calendar.Limit{Value: 5, Unit: calendar.WorkingDays},
		Steps:   []dossier.Step{{Name: "Tiếp nhận", UnitID: desk, Role: org.RoleClerk, Budget: 0.5}, {Name: "Giải quyết", UnitID: div.ID, Budget: 4.5}},
		Version: 1, EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: finance})
	if err != nil {
		t.Fatal(err)
	}
	clerk := audit.Actor{Name: "Nguyễn Thị Hằng"}
	var codes []string
	for _, name := range []string{"Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"} {
		rec, _, err := a.db.ReceiveDossier(ctx, clerk, dossier.Intake{AgencyID: finance, UnitID: desk, ProcedureCode: "1.999002",
			Channel: dossier.ChannelDirect, Applicant: dossier.Applicant{Name: name}, ReceivedAt: time.Now().Add(-time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, rec.Code)
	}
	record := func(code string, ev dossier.Event) {
		if _, err := a.db.RecordDossierEvent(ctx, clerk, code, 0, ev); err != nil {
			t.Fatalf("%s: %v", ev.Action, err)
		}
	}
	record(codes[0], dossier.Event{Action: dossier.Forward, UnitID: desk})
	record(codes[0], dossier.Event{Action: dossier.Complete, UnitID: div.ID})
	record(codes[1], dossier.Event{Action: dossier.Withdraw, UnitID: desk})

	director := a.login(t, "giamdoc")
	today := time.Now().In(calendar.VN).Format("2006-01-02")
	q := url.Values{"from": {today}, "to": {today}, "unit": {strconv.FormatInt(div.ID, 10)}}.Encode()
	page := director.do("GET", "/stats/dossiers?"+q, nil, false)
	if page.status != 200 {
		t.Fatalf("stats: %d\n%s", page.status, page.body)
	}
	want := map[string]int{"received_direct": 3, "received_online": 0, "carried_over": 0, "resolved_early": 1, "resolved_on_time": 0,
		"resolved_late": 0, "in_progress_within": 1, "in_progress_overdue": 0, "withdrawn": 1}
	for fig, n := range want {
		m := regexp.MustCompile(`id="fig-` + fig + `">(\d+)<`).FindStringSubmatch(page.body)
		if m == nil || m[1] != strconv.Itoa(n) {
			t.Errorf("%s: %v, want %d", fig, m, n)
			continue
		}
		list := director.do("GET", "/stats/dossiers/"+fig+"?"+q, nil, false)
		if got := strings.Count(list.body, `<tr class=`); list.status != 200 || got != n {
			t.Errorf("drill-down %s: status %d, %d rows, want %d", fig, list.status, got, n)
		}
	}
	if !strings.Contains(page.body, `<span id="score">20</span>`) || !strings.Contains(page.body, "Số hồ sơ nhận giải quyết") {
		t.Errorf("score or headings missing:\n%s", page.body)
	}
	if x := director.do("GET", "/stats/dossiers?"+q+"&format=xlsx", nil, false); x.status != 200 || !strings.HasPrefix(x.body, "PK") ||
		!strings.Contains(x.header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("xlsx: %d %q", x.status, x.header.Get("Content-Type"))
	}
	// The agency's workbook has a line per field and per unit (Biểu II.06a).
	qa := url.Values{"from": {today}, "to": {today}, "unit": {strconv.FormatInt(finance, 10)}}.Encode()
	x := director.do("GET", "/stats/dossiers?"+qa+"&format=xlsx", nil, false)
	sheet, err := report.ReadTable(strings.NewReader(x.body), "II.06a")
	if err != nil {
		t.Fatalf("agency workbook: %v", err)
	}
	lines := map[string]string{}
	for _, row := range sheet {
		if len(row) > 2 {
			lines[row[1]] = row[2]
		}
		if len(row) > 0 && strings.HasPrefix(row[0], "I") {
			lines[row[0]] = ""
		}
	}
	for label, want := range map[string]string{"I. Theo lĩnh vực": "", "II. Theo đơn vị": "", "Lĩnh vực khác": "3", "Phòng Kiểm thử thống kê": "3"} {
		if got, ok := lines[label]; !ok || got != want {
			t.Errorf("agency workbook line %q = %q (present %v), want %q\n%q", label, got, ok, want, sheet)
		}
	}
	book := director.do("GET", "/stats/dossiers/book.pdf?"+q, nil, false)
	if book.status != 200 || !strings.HasPrefix(book.body, "%PDF") || book.header.Get("Content-Type") != "application/pdf" {
		t.Errorf("tracking book: %d %q", book.status, book.header.Get("Content-Type"))
	}
	if empty := director.do("GET", "/stats/dossiers/book.pdf?from=01/01/2020&to=02/01/2020", nil, false); empty.status != 200 || len(empty.body) >= len(book.body) {
		t.Errorf("tracking book of an empty period: %d, %d bytes against %d", empty.status, len(empty.body), len(book.body))
	}
	if res := director.do("GET", "/stats/dossiers?from=31/12/2026&to=01/01/2026", nil, false); res.status != 400 || !strings.Contains(res.body, "Ngày kết thúc phải sau ngày bắt đầu") {
		t.Errorf("bad period: %d", res.status)
	}
	if res := a.login(t, "motcua").do("GET", "/stats/dossiers", nil, false); res.status != 403 {
		t.Errorf("clerk's statistics: %d", res.status)
	}
	if res := director.do("GET", "/stats/dossiers/nope?"+q, nil, false); res.status != 404 {
		t.Errorf("unknown figure: %d", res.status)
	}
}
