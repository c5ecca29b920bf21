package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/investment"
)

// addSelectionProject adds to the demo agency's register an investor and a
// project of 12 billion đồng (2026–2027) followed by Phòng Khoa giáo – Văn
// xã, whose official ("chuyenvien") and head enter its figures, and
// returns its code.
func addSelectionProject(t testing.TB, a *app, code string) string {
	t.Helper()
	ctx := context.Background()
	unit, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	tree, err := a.db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	agency := tree.AgencyOf(unit)
	sys := audit.System("test")
	inv, err := a.db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: agency, Name: "Ban QLDA thử nghiệm " + code, Kind: investment.InvestorBoard})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.CreateProject(ctx, sys, investment.NewProject{AgencyID: agency, Code: code, Name: "Trường THPT Lý Thái Tổ – nhà học bộ môn",
		InvestorID: inv.ID, ManagingUnitID: unit, Band: investment.BandK5, Commune: "Phường Từ Sơn", StartYear: 2026, EndYear: 2027,
		Capital: map[investment.Source]int64{investment.SourceProvincial: 12_000_000_000}}); err != nil {
		t.Fatal(err)
	}
	return code
}

// TestSelectionBrowser: the official following a project builds its
// contractor-selection plan in the browser — two packages, one refused
// for exceeding the total investment with both figures — records its
// approval, then a selection result, and sees the savings and the two
// documents to post within 5 working days.
func TestSelectionBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	code := addSelectionProject(t, a, "DA-BR-01")
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, text := b.do, b.textAnyCase
	page := base + "/projects/" + code + "/packages"
	b.logIn(base, "chuyenvien", a.passwords["chuyenvien"])

	addPackage := func(name, price, form, start, wait string) {
		t.Helper()
		do("add "+name, chromedp.Navigate(page), visible("#package-form"),
			chromedp.SendKeys(chromedp.CSS("#f-name"), name),
			chromedp.SendKeys(chromedp.CSS("#f-price"), price),
			chromedp.SetValue(chromedp.CSS("#f-form"), form),
			chromedp.SetValue(chromedp.CSS("#f-start"), start),
			chromedp.SendKeys(chromedp.CSS("#f-duration_days"), "240"),
			chromedp.Click(chromedp.CSS("#package-form button[type=submit]")), visible(wait))
	}
	addPackage("Gói 01: Thi công xây dựng", "10.000.000.000", "open_bidding", "2026-Q3", ".flash")
	text(".flash", "Đã thêm gói thầu")
	addPackage("Gói 02: Thiết bị", "2.500.000.000", "competitive_quotation", "2026-09", "#package-form .has-error")
	text("#package-form .has-error", "Tổng giá các gói thầu (12.500.000.000 đ) vượt tổng mức đầu tư của dự án (12.000.000.000 đ)")
	addPackage("Gói 02: Tư vấn giám sát", "350.000.000", "direct_appointment", "2026-09", ".flash")
	text("#packages-table", "Gói 01: Thi công xây dựng", "Quý III/2026", "Gói 02: Tư vấn giám sát", "Tháng 9/2026", "Chỉ định thầu")
	text("#kh-packages-total", "10.350.000.000 đ")

	do("approve", chromedp.Navigate(page), visible("#version-form"),
		chromedp.SendKeys(chromedp.CSS("#f-decision\\.number"), "1250/QĐ-UBND"),
		chromedp.SetValue(chromedp.CSS("#f-decision\\.date"), "02/03/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-decision\\.signer"), "Nguyễn Văn Phó"),
		chromedp.Click(chromedp.CSS("#version-form button[type=submit]")), visible(".flash"))
	text(".flash", "lần 1")
	text("#postings-table", "KHLCNT được phê duyệt", "02/03/2026", "09/03/2026")

	do("record a result", chromedp.Navigate(page), visible("#result-form"),
		chromedp.SendKeys(chromedp.CSS("#f-r\\.decision\\.number"), "45/QĐ-BQLDA"),
		chromedp.SetValue(chromedp.CSS("#f-r\\.decision\\.date"), "04/05/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-r\\.decision\\.signer"), "Trần Văn Ban"),
		chromedp.SendKeys(chromedp.CSS("#f-winner"), "Công ty CP Xây dựng Kinh Bắc"),
		chromedp.SendKeys(chromedp.CSS("#f-winning_price"), "9.500.000.000"),
		chromedp.Click(chromedp.CSS("#result-form button[type=submit]")), visible(".flash"))
	text("#packages-table", "Công ty CP Xây dựng Kinh Bắc", "9.500.000.000 đ", "Tiết kiệm 5%")
	text("#postings-table", "Kết quả lựa chọn nhà thầu: Gói 01: Thi công xây dựng", "11/05/2026")

	do("record the plan's posting", chromedp.Navigate(page), visible("#postings-table form"),
		chromedp.SendKeys(chromedp.CSS("#postings-table form input[name=posted_on]"), "10/03/2026"),
		chromedp.Click(chromedp.CSS("#postings-table form button[type=submit]")), visible(".flash"))
	text("#postings-table", "Đăng tải muộn")
	b.shot("khlcnt-plan")
	for _, p := range problems() {
		if !strings.Contains(p, "status of 400") { // the refused package's page is a 400, as it should be
			t.Errorf("browser console: %s", p)
		}
	}
}

// addSelectionWorld is addSelectionProject with something in every part
// of its pages: an approved plan of two packages, a result, the plan
// posted late, a submitted report and an inspection.
func addSelectionWorld(t testing.TB, a *app) string {
	t.Helper()
	ctx := context.Background()
	code := addSelectionProject(t, a, "DA-AXE-01")
	tree, err := a.db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	unit, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	p, err := a.db.FindProjectByCode(ctx, tree.AgencyOf(unit), code)
	if err != nil {
		t.Fatal(err)
	}
	sys := audit.System("test")
	in := investment.PackageInput{Name: "Gói 01: Thi công xây dựng nhà học bộ môn và các hạng mục phụ trợ", Price: 9_000_000_000, Source: investment.SourceProvincial,
		Form: investment.FormOpenBidding, Method: investment.MethodOneStageOneEnvelope, Online: true,
		Start: investment.StartPeriod{Year: 2026, Quarter: 2}, Contract: investment.ContractAdjustedUnit, DurationDays: 365}
	k, err := a.db.AddPackage(ctx, sys, p.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Name, in.Price, in.Form, in.Contract, in.DurationDays = "Gói 02: Tư vấn giám sát", 300_000_000, investment.FormDirectAppointment, investment.ContractLumpSum, 400
	if _, err := a.db.AddPackage(ctx, sys, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.ApprovePlanVersion(ctx, sys, p.ID, investment.Decision{Number: "1250/QĐ-UBND", Date: "2026-03-02", Signer: "Nguyễn Văn Phó"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.RecordSelectionResult(ctx, sys, p.ID, k.ID, investment.SelectionResult{Winner: "Công ty Cổ phần Đầu tư và Xây dựng Kinh Bắc",
		WinningPrice: 8_550_000_000, Decision: investment.Decision{Number: "45/QĐ-BQLDA", Date: "2026-05-04", Signer: "Trần Văn Ban"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.SubmitSupervisionReport(ctx, sys, p.ID, "2026-Q1", investment.Submission{On: calendar.Date{Year: 2026, Month: 4, Day: 8}, Note: "Báo cáo quý I"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.RecordInspection(ctx, sys, p.ID, investment.Inspection{On: calendar.Date{Year: 2026, Month: 5, Day: 5}, Inspectors: "Phòng Khoa giáo – Văn xã",
		Findings: "Chậm bàn giao mặt bằng", Conclusion: "Đề nghị chủ đầu tư đẩy nhanh"}); err != nil {
		t.Fatal(err)
	}
	return code
}
