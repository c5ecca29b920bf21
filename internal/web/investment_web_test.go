package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/file/filetest"
	"congvu/internal/investment"
)

// events counts a project's history.
func (d disbApp) events(t *testing.T, code string) []investment.Event {
	t.Helper()
	p, err := d.db.FindProjectByCode(context.Background(), d.agency, code)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := d.db.FindProjectEvents(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// TestProjectRegisterPages: the director lists, filters and searches the
// register with its total; an investor's staff member lists only their own
// investor's project and gets a 404 for another's; the public is sent to
// the login page; the menu offers the register to those who may see it.
func TestProjectRegisterPages(t *testing.T) {
	d := newDisbApp(t)
	dir := d.login(t, "giamdoc")
	for _, c := range []struct {
		query    string
		status   int
		has, not []string
	}{
		{"", 200, []string{"BN-0001", "BN-0002", "(tổng số 2 dự án)", `href="/projects"`, "Dự án đầu tư"}, nil},
		{"?investor=" + strconv.FormatInt(d.ban.ID, 10), 200, []string{"BN-0001", "(tổng số 1 dự án)"}, []string{`href="/projects/BN-0002"`}},
		{"?q=yen+phong+so+2", 200, []string{"BN-0002"}, []string{`href="/projects/BN-0001"`}},
		{"?group=C&sector_band=k5&phase=preparation", 200, []string{"BN-0001", "BN-0002"}, nil},
		{"?group=B", 200, []string{"Không có dự án nào phù hợp.", "(tổng số 0 dự án)"}, []string{`href="/projects/BN-0001"`}},
		{"?group=Z", 400, []string{`id="e-group"`}, []string{`href="/projects/BN-0001"`}},
		{"?investor=abc", 400, []string{`id="e-investor"`}, nil},
	} {
		res := dir.do("GET", "/projects"+c.query, nil, false)
		if res.status != c.status {
			t.Errorf("%s: status %d, want %d", c.query, res.status, c.status)
		}
		for _, h := range c.has {
			if !strings.Contains(res.body, h) {
				t.Errorf("%s: missing %q", c.query, h)
			}
		}
		for _, h := range c.not {
			if strings.Contains(res.body, h) {
				t.Errorf("%s: should not show %q", c.query, h)
			}
		}
	}
	if res := dir.do("GET", "/projects/export.xlsx?group=C", nil, false); res.status != 200 || !strings.Contains(res.header.Get("Content-Type"), "spreadsheet") {
		t.Errorf("export: %d %s", res.status, res.header.Get("Content-Type"))
	}
	if res := dir.do("GET", "/projects/BN-0001", nil, false); res.status != 200 ||
		!strings.Contains(res.body, `href="/projects/BN-0001/capital"`) || !strings.Contains(res.body, `href="/projects/BN-0001/packages"`) ||
		!strings.Contains(res.body, `href="/projects/BN-0001/supervision"`) || !strings.Contains(res.body, `id="adjust-form"`) ||
		!strings.Contains(res.body, "Dự án chưa có hồ sơ thẩm định.") {
		t.Errorf("project page: %d\n%s", res.status, res.body)
	}

	own := d.login(t, "chudautu")
	res := own.do("GET", "/projects", nil, false)
	if res.status != 200 || !strings.Contains(res.body, `href="/projects/BN-0001"`) || strings.Contains(res.body, "BN-0002") ||
		!strings.Contains(res.body, `id="own-only"`) || !strings.Contains(res.body, "(tổng số 1 dự án)") {
		t.Errorf("investor's register: %d\n%s", res.status, res.body)
	}
	if res := own.do("GET", "/projects?investor="+strconv.FormatInt(d.ban.ID+1, 10), nil, false); strings.Contains(res.body, "BN-0002") {
		t.Error("an investor's staff must not reach another investor's projects by the filter")
	}
	if res := own.do("GET", "/projects/BN-0001", nil, false); res.status != 200 || strings.Contains(res.body, `id="adjust-form"`) {
		t.Errorf("own project: %d, the adjustment form is the department's", res.status)
	}
	if res := own.do("GET", "/projects/BN-0002", nil, false); res.status != http.StatusNotFound {
		t.Errorf("another investor's project: %d, want 404", res.status)
	}
	before := len(d.events(t, "BN-0001"))
	if res := own.do("POST", "/projects/BN-0001/events", url.Values{"action": {"decision"}, "decision_number": {"9/QĐ"}, "decision_date": {"02/03/2026"}}, true); res.status != http.StatusForbidden {
		t.Errorf("investor staff adjusting: %d, want 403", res.status)
	}
	if res := own.do("POST", "/projects/BN-0002/events", url.Values{"action": {"decision"}, "decision_number": {"9/QĐ"}, "decision_date": {"02/03/2026"}}, true); res.status != http.StatusNotFound {
		t.Errorf("investor staff adjusting another's: %d, want 404", res.status)
	}
	if res := own.do("GET", "/projects/export.xlsx", nil, false); res.status != 200 {
		t.Errorf("investor's export: %d", res.status)
	}
	if n := len(d.events(t, "BN-0001")); n != before {
		t.Errorf("%d events written by refused requests", n-before)
	}
	anon := d.anonymous(t)
	if res := anon.do("GET", "/projects", nil, false); res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/login") {
		t.Errorf("anonymous: %d %s", res.status, res.header.Get("Location"))
	}
	if res := anon.do("GET", "/projects/BN-0001", nil, false); res.status != http.StatusSeeOther {
		t.Errorf("anonymous project: %d", res.status)
	}
	if res := d.login(t, "motcua").do("GET", "/", nil, false); strings.Contains(res.body, `href="/projects"`) {
		t.Error("the one-stop clerk may not view the register: no menu entry")
	}
}

// TestProjectEventForm: each bad input is refused with its field named
// and nothing written; an adjustment that changes the group says so, and
// the history shows it with its decision.
func TestProjectEventForm(t *testing.T) {
	d := newDisbApp(t)
	dir := d.login(t, "giamdoc")
	good := func() url.Values {
		return url.Values{"action": {"adjust"}, "phase": {"preparation"}, "cap_provincial": {"120.000.000.000"},
			"decision_number": {"123/QĐ-UBND"}, "decision_date": {"05/03/2026"}, "decision_signer": {"Chủ tịch UBND tỉnh"}, "reason": {"Bổ sung hạng mục nhà đa năng"}}
	}
	with := func(k, v string) url.Values { f := good(); f.Set(k, v); return f }
	before := len(d.events(t, "BN-0001"))
	for _, c := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"a negative amount", with("cap_provincial", "-5"), "cap_provincial"},
		{"a fraction of a đồng", with("cap_central", "1,5"), "cap_central"},
		{"not a number", with("cap_oda", "nhiều"), "cap_oda"},
		{"a bad date", with("decision_date", "31/02/2026"), "decision_date"},
		{"no decision number", with("decision_number", ""), "decision_number"},
		{"an unknown action", with("action", "delete"), "action"},
		{"an unknown phase", with("phase", "done"), "phase"},
		{"nothing changes", url.Values{"action": {"adjust"}, "phase": {"preparation"}, "cap_provincial": {"20.000.000.000"}}, "action"},
	} {
		res := dir.do("POST", "/projects/BN-0001/events", c.form, true)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", c.name, res.status)
		}
		if !strings.Contains(res.body, `id="e-`+c.field+`"`) {
			t.Errorf("%s: no error next to %s\n%s", c.name, c.field, res.body)
		}
	}
	if n := len(d.events(t, "BN-0001")); n != before {
		t.Fatalf("%d events written by refused forms", n-before)
	}
	res := dir.do("POST", "/projects/BN-0001/events", good(), true)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/projects/BN-0001" {
		t.Fatalf("adjust: %d %s\n%s", res.status, res.header.Get("Location"), res.body)
	}
	page := dir.do("GET", "/projects/BN-0001", nil, false).body
	for _, h := range []string{"dự án chuyển từ Nhóm C sang Nhóm B", "Chuyển nhóm: từ Nhóm C sang Nhóm B", "Quyết định số 123/QĐ-UBND ngày 05/03/2026",
		"20.000.000.000 đ → 120.000.000.000 đ", "Bổ sung hạng mục nhà đa năng"} {
		if !strings.Contains(page, h) {
			t.Errorf("project page after the adjustment: missing %q", h)
		}
	}
	evs := d.events(t, "BN-0001")
	if last := evs[len(evs)-1]; len(evs) != before+1 || !last.GroupChanged() || last.GroupAfter != investment.GroupB || last.Decision.Number != "123/QĐ-UBND" {
		t.Errorf("events: %+v", evs)
	}
	if res := dir.do("GET", "/projects?group=B", nil, false); !strings.Contains(res.body, `href="/projects/BN-0001"`) {
		t.Error("the register's group filter does not find the regrouped project")
	}
}

// addRegroupingAdjustment raises the project's total investment from 12
// to 120 billion đồng by a decision, moving it from group C to group B,
// so that its history shows a change of group.
func addRegroupingAdjustment(t testing.TB, a *app, code string) {
	t.Helper()
	ctx := context.Background()
	unit, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	tree, err := a.db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.db.FindProjectByCode(ctx, tree.AgencyOf(unit), code)
	if err != nil {
		t.Fatal(err)
	}
	_, ev, err := a.db.AdjustProject(ctx, audit.System("test"), p.ID, investment.Adjustment{
		Capital:  map[investment.Source]int64{investment.SourceProvincial: 100 * investment.Billion, investment.SourceCommune: 20 * investment.Billion},
		Decision: investment.Decision{Number: "2035/QĐ-UBND", Date: "2026-06-15", Signer: "Chủ tịch UBND tỉnh"},
		Reason:   "Bổ sung nhà đa năng và hạ tầng kỹ thuật ngoài nhà theo chủ trương điều chỉnh"})
	if err != nil || !ev.GroupChanged() {
		t.Fatalf("adjust %s: %v %+v", code, err, ev)
	}
}

// TestProjectEventFile: a refused adjustment with a decision's file keeps
// no file; an accepted one links its file, which the history offers.
func TestProjectEventFile(t *testing.T) {
	d := newDisbApp(t)
	dir := d.login(t, "giamdoc")
	form := url.Values{"action": {"adjust"}, "phase": {"preparation"}, "cap_provincial": {"95.000.000.000"},
		"decision_date": {"05/03/2026"}, "decision_signer": {"Chủ tịch UBND tỉnh"}}
	res := dir.uploadForm("/projects/BN-0001/events", form, "decision_file", "tu-choi.pdf", filetest.PDF(t))
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, `id="e-decision_number"`) {
		t.Fatalf("no decision number: %d", res.status)
	}
	form.Set("decision_number", "77/QĐ-UBND")
	if res := dir.uploadForm("/projects/BN-0001/events", form, "decision_file", "QĐ 77.pdf", filetest.PDF(t)); res.status != http.StatusSeeOther {
		t.Fatalf("adjust with a file: %d\n%s", res.status, res.body)
	}
	page := dir.do("GET", "/projects/BN-0001", nil, false).body
	m := regexp.MustCompile(`href="/files/(\d+)" download>QĐ 77.pdf<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the history does not offer the decision's file\n%s", page)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	if f, _, err := d.db.FindFileByID(context.Background(), id-1); err == nil && f.Name == "tu-choi.pdf" {
		t.Error("the refused form's file was kept")
	}
	if res := dir.do("GET", "/files/"+m[1], nil, false); res.status != http.StatusOK {
		t.Errorf("the director reads the decision's file: %d", res.status)
	}
}

// workbookCodes are the project codes (first column) of an exported register.
func workbookCodes(t *testing.T, body string) []string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Danh mục dự án")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[1:] {
		if len(r) > 0 && strings.HasPrefix(r[0], "BN-") {
			out = append(out, r[0])
		}
	}
	return out
}

// TestProjectRegisterPaging: 60 more projects of a commune make the
// register two pages, the total counting all; the next page keeps the
// filters; the workbook has every row the filters select, and an
// investor's staff member's workbook and investor list only their own.
func TestProjectRegisterPaging(t *testing.T) {
	d := newDisbApp(t)
	ctx := context.Background()
	sys := audit.System("test")
	for i := 0; i < 60; i++ {
		if _, err := d.db.CreateProject(ctx, sys, investment.NewProject{AgencyID: d.agency, Code: fmt.Sprintf("BN-1%03d", i), Name: "Nhà văn hóa thôn số " + strconv.Itoa(i),
			InvestorID: d.ban.ID, Band: investment.BandK5, Commune: "Phường Từ Sơn", StartYear: 2026, EndYear: 2027,
			Capital: map[investment.Source]int64{investment.SourceCommune: 3_000_000_000}}); err != nil {
			t.Fatal(err)
		}
	}
	dir := d.login(t, "giamdoc")
	first := dir.do("GET", "/projects?commune="+url.QueryEscape("Phường Từ Sơn"), nil, false)
	if first.status != 200 || !strings.Contains(first.body, "(tổng số 60 dự án)") || strings.Count(first.body, `<a href="/projects/BN-1`) != 50 ||
		strings.Contains(first.body, `href="/projects/BN-0001"`) {
		t.Fatalf("first page: %d, %d rows", first.status, strings.Count(first.body, `<a href="/projects/BN-1`))
	}
	m := regexp.MustCompile(`href="(/projects\?[^"]*after=[^"]*)" rel="next"`).FindStringSubmatch(first.body)
	if m == nil {
		t.Fatal("no next page")
	}
	next := dir.do("GET", html.UnescapeString(m[1]), nil, false)
	if !strings.Contains(next.body, "(tổng số 60 dự án)") || strings.Count(next.body, `<a href="/projects/BN-1`) != 10 || !strings.Contains(next.body, "BN-1059") ||
		!strings.Contains(next.body, lists1st) {
		t.Errorf("second page: %d rows", strings.Count(next.body, `<a href="/projects/BN-1`))
	}
	res := dir.do("GET", "/projects/export.xlsx?commune="+url.QueryEscape("Phường Từ Sơn"), nil, false)
	if codes := workbookCodes(t, res.body); len(codes) != 60 {
		t.Errorf("the workbook has %d projects, want 60", len(codes))
	}
	own := d.login(t, "chudautu")
	if codes := workbookCodes(t, own.do("GET", "/projects/export.xlsx", nil, false).body); len(codes) != 61 || slices.Contains(codes, "BN-0002") {
		t.Errorf("the investor's workbook: %d rows, another investor's among them: %v", len(codes), slices.Contains(codes, "BN-0002"))
	}
	if page := own.do("GET", "/projects", nil, false).body; strings.Contains(page, "UBND xã Yên Phong") {
		t.Error("an investor's staff is offered another investor in the filter")
	}
}

// lists1st is the register's link back to its first page.
const lists1st = "Trang đầu"

// TestProjectRegisterBelowCurve: the register's "below the curve" box
// keeps the projects the disbursement board flags this month, and drops
// one once its disbursement passes the target.
func TestProjectRegisterBelowCurve(t *testing.T) {
	d := newDisbApp(t)
	ctx := context.Background()
	sys := audit.Actor{Name: "test"}
	now := time.Now().In(calendar.VN)
	rep := investment.Reporter{AgencyID: d.ban.AgencyID, Actor: sys}
	for _, code := range []string{"BN-0101", "BN-0102"} {
		if _, err := d.db.CreateProject(ctx, sys, investment.NewProject{AgencyID: d.ban.AgencyID, Code: code, Name: "Đường liên xã " + code,
			InvestorID: d.ban.ID, Band: investment.BandK5, StartYear: now.Year(), EndYear: now.Year() + 2,
			Capital: map[investment.Source]int64{investment.SourceProvincial: 20_000_000_000}}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.db.RecordCapitalPlan(ctx, rep, code, investment.PlanInput{Kind: investment.PlanAnnual, Year: now.Year(),
			Source: investment.SourceProvincial, AssignedByPM: 10_000_000_000, AllocatedLocally: 10_000_000_000}); err != nil {
			t.Fatal(err)
		}
	}
	dir := d.login(t, "giamdoc")
	list := func() string {
		t.Helper()
		res := dir.do("GET", "/projects?below=1", nil, false)
		if res.status != 200 || !strings.Contains(res.body, `id="f-below" name="below" value="1" checked`) {
			t.Fatalf("below the curve: %d\n%s", res.status, res.body)
		}
		return res.body
	}
	if body := list(); !strings.Contains(body, `href="/projects/BN-0101"`) || !strings.Contains(body, `href="/projects/BN-0102"`) || strings.Contains(body, `href="/projects/BN-0001"`) {
		t.Errorf("nothing disbursed: both planned projects are below the curve, the one without a plan of the Prime Minister is not flagged\n%s", body)
	}
	if _, err := d.db.RecordDisbursements(ctx, rep, []investment.FigureRow{{Line: 1, ProjectCode: "BN-0101", FigureInput: investment.FigureInput{
		Year: now.Year(), Month: int(now.Month()), Source: investment.SourceProvincial, CumulativeActual: 10_000_000_000, EstimateNext: 10_000_000_000}}}); err != nil {
		t.Fatal(err)
	}
	if body := list(); strings.Contains(body, `href="/projects/BN-0101"`) || !strings.Contains(body, `href="/projects/BN-0102"`) || !strings.Contains(body, "(tổng số 1 dự án)") {
		t.Errorf("BN-0101 disbursed its whole plan: only BN-0102 is below\n%s", body)
	}
	if res := dir.do("GET", "/projects", nil, false); !strings.Contains(res.body, `href="/projects/BN-0101"`) {
		t.Errorf("without the box the register lists every project")
	}
}
