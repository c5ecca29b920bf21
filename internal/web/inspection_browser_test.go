package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
)

// agencyOf is the id of the demo agency (Sở Tài chính after the merger),
// which holds the unit named.
func agencyOf(t testing.TB, a *app, unit string) int64 {
	t.Helper()
	id, _ := strconv.ParseInt(a.unit(t, unit), 10, 64)
	tree, err := a.db.Tree(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tree.AgencyOf(id)
}

// addInspectionWorld opens, as the demo inspector, an inspection of five of
// the agency's dossiers with a finding and an open recommendation, and
// writes a lesson about the dossier code; it returns the inspection's id.
func addInspectionWorld(t testing.TB, a *app, code string) string {
	t.Helper()
	ctx := context.Background()
	agency := agencyOf(t, a, "Phòng Khoa giáo – Văn xã")
	insp, _ := strconv.ParseInt(a.person(t, "Đỗ Thị Phương"), 10, 64)
	head, _ := strconv.ParseInt(a.person(t, "Trần Văn Hùng"), 10, 64)
	actor := audit.Actor{PersonID: insp, Name: "Đỗ Thị Phương"}
	today := calendar.DateOf(time.Now())
	plan, err := a.db.EnsureInspectionPlan(ctx, actor, agency, today.Year)
	if err != nil {
		t.Fatal(err)
	}
	in, err := a.db.CreateInspection(ctx, actor, inspection.Inspection{AgencyID: agency, PlanID: plan.ID, Title: "Kiểm tra việc giải quyết hồ sơ thủ tục hành chính năm " + strconv.Itoa(today.Year),
		Subject: inspection.SubjectDossier, UnitIDs: []int64{agency}, From: calendar.Date{Year: 2000, Month: 1, Day: 1}, To: today, SampleSize: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	team := func(inspection.Inspection) error { return nil }
	if in, err = a.db.AddInspectionFinding(ctx, actor, in.ID, team, inspection.Finding{RefID: in.Items[0].RefID, Text: "Phiếu kiểm soát ghi thiếu người nhận ở bước thẩm định", Severity: inspection.Minor}); err != nil {
		t.Fatal(err)
	}
	if _, err = a.db.AddInspectionRecommendation(ctx, actor, in.ID, team, inspection.Recommendation{FindingID: in.Findings[0].ID,
		Text: "Chấn chỉnh việc ghi phiếu kiểm soát quá trình giải quyết hồ sơ", OwnerPersonID: head, Due: today.AddDays(30)}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.CreateLesson(ctx, actor, inspection.Lesson{AgencyID: agency, Kind: inspection.LinkDossier, Ref: code,
		What: "Hồ sơ chờ ý kiến phối hợp quá hạn", Cause: "Không hỏi song song", Lesson: "Gửi xin ý kiến các đơn vị cùng lúc ngay khi nhận hồ sơ"}); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(in.ID, 10)
}

var taskFlashRe = regexp.MustCompile(`#(\d+)`)

// TestInspectionBrowser: the inspector opens an inspection on a sample of
// the agency's dossiers with a seed, sees the computed checklist, fills a
// manual item, records a finding and a recommendation that becomes a task
// of its owner; a lesson written about one dossier then shows on another
// dossier of the same procedure.
func TestInspectionBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	first, _ := receive(t, clerk, "Công ty TNHH Kinh Bắc")
	second, _ := receive(t, clerk, "Hợp tác xã Đông Hồ")
	receive(t, clerk, "Nguyễn Văn Bình")
	agency := agencyOf(t, a, "Phòng Khoa giáo – Văn xã")
	head := a.person(t, "Trần Văn Hùng")
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, text := b.do, b.text
	b.logIn(base, "thanhtra", a.passwords["thanhtra"])

	today := calendar.DateOf(time.Now())
	do("open the inspection", chromedp.Navigate(base+"/inspections"), visible("#insp-form"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Kiểm tra việc tiếp nhận hồ sơ năm "+strconv.Itoa(today.Year)),
		chromedp.SetValue(chromedp.CSS("#f-subject"), "dossier"))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector('#f-unit_ids option[value="%d"]').selected = true`, agency))); err != nil {
		t.Fatal(err)
	}
	do("draw the sample",
		chromedp.SetValue(chromedp.CSS("#f-from"), "01/01/"+strconv.Itoa(today.Year)),
		chromedp.SetValue(chromedp.CSS("#f-to"), ddmm(today)),
		chromedp.SetValue(chromedp.CSS("#f-sample_size"), "2"),
		chromedp.SendKeys(chromedp.CSS("#f-seed"), "20261203"),
		chromedp.Click(chromedp.CSS("#insp-form button[type=submit]")), visible(".flash"))
	text(".flash", "Đã chọn 2 mẫu với hạt giống 20261203")
	text("#insp-seed", "20261203")
	text("#insp-sample", "2 trên tổng số 3")
	text("#checklist", "Mỗi bước xử lý trong thời gian quy định", "Phát hành giấy tiếp nhận", "Theo bộ mẫu", "Chưa đánh giá")
	text("#insp-summary", "Hồ sơ được lưu đủ thành phần")

	do("fill a manual item", chromedp.Click(chromedp.CSS("#checklist form.inline-form button[type=submit]")), visible(".flash"))
	text(".flash", "Đã ghi kết quả kiểm tra")

	do("record a finding", chromedp.SendKeys(chromedp.CSS("#f-finding_text"), "Giấy tiếp nhận chưa ghi số điện thoại người nộp"),
		chromedp.SetValue(chromedp.CSS("#f-severity"), "major"),
		chromedp.Click(chromedp.CSS("#finding-form button[type=submit]")), visible(".flash"))
	text("#finding-list", "Vi phạm", "Giấy tiếp nhận chưa ghi số điện thoại người nộp")

	do("refuse a recommendation without owner", chromedp.SendKeys(chromedp.CSS("#f-rec_text"), "Bổ sung số điện thoại vào giấy tiếp nhận"),
		chromedp.SetValue(chromedp.CSS("#f-due"), ddmm(today.AddDays(20))))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#f-owner_person_id').removeAttribute('required'); true`)); err != nil {
		t.Fatal(err)
	}
	do("submit without owner", chromedp.Click(chromedp.CSS("#rec-form button[type=submit]")), visible("#rec-form .error"))
	text("#rec-form", "chọn")
	do("record the recommendation", chromedp.SetValue(chromedp.CSS("#f-owner_person_id"), head),
		chromedp.Click(chromedp.CSS("#rec-form button[type=submit]")), visible(".flash"))
	flash := text(".flash", "Đã ghi kiến nghị và giao nhiệm vụ")
	m := taskFlashRe.FindStringSubmatch(flash)
	if m == nil {
		t.Fatalf("no task in %q", flash)
	}
	text("#rec-list", "Bổ sung số điện thoại vào giấy tiếp nhận", "Trần Văn Hùng", ddmm(today.AddDays(20)), "#"+m[1])
	b.shot("inspection")
	do("open the recommendation's task", chromedp.Navigate(base+"/tasks/"+m[1]), visible("main h1"))
	text("main", "Thực hiện kiến nghị kiểm tra: Bổ sung số điện thoại", "Trần Văn Hùng")

	do("write a lesson", chromedp.Navigate(base+"/lessons?for=dossier&ref="+first), visible("#lesson-new"),
		chromedp.SendKeys(chromedp.CSS("#f-what"), "Giấy tiếp nhận thiếu số điện thoại, không liên hệ được người nộp"),
		chromedp.SendKeys(chromedp.CSS("#f-lesson"), "Kiểm tra đủ thông tin liên hệ trước khi in giấy tiếp nhận"),
		chromedp.Click(chromedp.CSS("#lesson-new button[type=submit]")), visible(".flash"))
	do("search without diacritics", chromedp.Navigate(base+"/lessons?q=thong+tin+lien+he"), visible("#lesson-list"))
	text("#lesson-list", "Kiểm tra đủ thông tin liên hệ trước khi in giấy tiếp nhận", first)
	do("the lesson on another dossier of the procedure", chromedp.Navigate(base+"/dossiers/"+second), visible("#lessons-box"))
	text("#lessons-box", "Bài học kinh nghiệm", "Kiểm tra đủ thông tin liên hệ trước khi in giấy tiếp nhận")
	for _, p := range problems() {
		if !strings.Contains(p, "status of 400") { // the refused recommendation's page is a 400
			t.Errorf("browser console: %s", p)
		}
	}
}

// ddmm writes a date as the pages do: dd/mm/yyyy.
func ddmm(d calendar.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }
