package web_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/report"
)

// disbApp is the demo with two investors in the department's register,
// a project each with a 2026 provincial plan of 10 bn allocated locally,
// and a login for a staff member of the first investor ("chudautu").
type disbApp struct {
	*app
	agency int64
	ban    investment.Investor
}

func newDisbApp(t *testing.T) disbApp {
	t.Helper()
	a := newApp(t)
	ctx := context.Background()
	sys := audit.System("test")
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	d := disbApp{app: a, agency: agency}
	var err error
	if d.ban, err = a.db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: agency, Name: "Ban QLDA đầu tư xây dựng tỉnh", Kind: investment.InvestorBoard}); err != nil {
		t.Fatal(err)
	}
	xa, err := a.db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: agency, Name: "UBND xã Yên Phong", Kind: investment.InvestorCommune})
	if err != nil {
		t.Fatal(err)
	}
	for i, inv := range []investment.Investor{d.ban, xa} {
		code := "BN-000" + strconv.Itoa(i+1)
		if _, err := a.db.CreateProject(ctx, sys, investment.NewProject{AgencyID: agency, Code: code, Name: "Trường THPT Yên Phong số " + strconv.Itoa(i+1),
			InvestorID: inv.ID, Band: investment.BandK5, StartYear: 2026, EndYear: 2028,
			Capital: map[investment.Source]int64{investment.SourceProvincial: 20_000_000_000}}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.db.RecordCapitalPlan(ctx, investment.Reporter{AgencyID: agency, Actor: sys}, code, investment.PlanInput{Kind: investment.PlanAnnual,
			Year: 2026, Source: investment.SourceProvincial, AllocatedLocally: 10_000_000_000}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := a.db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: d.ban.UnitID, FullName: "Lê Thị Ban"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: d.ban.UnitID, Role: org.RoleInvestor, ValidFrom: "2025-07-01"}); err != nil {
		t.Fatal(err)
	}
	a.passwords["chudautu"] = "Mật-khẩu-thử-2026"
	if err := a.db.CreateAccount(ctx, sys, p.ID, "chudautu", a.passwords["chudautu"]); err != nil {
		t.Fatal(err)
	}
	return d
}

// disbSheet writes a filled template: rows of project, source, year,
// month, cumulative actual, estimate.
func disbSheet(t *testing.T, dir, name string, rows [][]any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteDisbursementTemplate(&buf, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(report.DisbursementSheet, "A"+strconv.Itoa(i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDisbursementImportBrowser: an investor's staff member uploads a
// month's workbook in Chromium; the preview names each wrong cell by row
// and column (another investor's project, a cumulative above the plan
// with both figures), nothing is recorded; the corrected file previews
// clean and its confirmation records every row.
func TestDisbursementImportBrowser(t *testing.T) {
	ctx, _ := newBrowserWithin(t, 90*time.Second)
	d := newDisbApp(t)
	base := d.srv.URL
	b := newBrowserSession(t, ctx)
	do, text := b.do, b.text
	dir := t.TempDir()
	month := int(time.Now().In(time.FixedZone("ICT", 7*3600)).Month())
	year := time.Now().In(time.FixedZone("ICT", 7*3600)).Year()
	wrong := disbSheet(t, dir, "giai-ngan-sai.xlsx", [][]any{
		{"BN-0001", "Ngân sách tỉnh", year, month, 12_345_678_901, 12_345_678_901},
		{"BN-0002", "provincial", year, month, 1_000_000, 2_000_000},
	})
	right := disbSheet(t, dir, "giai-ngan.xlsx", [][]any{
		{"BN-0001", "Ngân sách tỉnh", year, month, 1_234_567_000, 2_000_000_000},
	})

	b.logIn(base, "chudautu", d.passwords["chudautu"])
	do("the import page", chromedp.Navigate(base+"/investment/disbursements/import"), visible("#f-file"))
	text("main", "Tải mẫu báo cáo giải ngân", "trước ngày 15")
	do("upload the wrong file", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{wrong}), click("#import-check"), visible("#import-errors"))
	text("#import-errors", "2 trên 2 dòng có lỗi", "Chưa số liệu nào được ghi nhận")
	text("#import-rows", "Dòng 2, cột “Lũy kế giải ngân từ 01/01 đến hết tháng (đồng)”", "12.345.678.901 đ", "10.000.000.000 đ",
		"Dòng 3, cột “Mã dự án”")
	b.shot("disbursement-01-errors")
	if n := d.reportedNow(t, year, month); n != 0 {
		t.Fatalf("%d figures recorded by a refused import", n)
	}
	do("upload the right file", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{right}), click("#import-check"), visible("#import-ready"))
	text("#import-ready", "Tất cả 1 dòng hợp lệ")
	text("#import-rows", "BN-0001", "1.234.567.000 đ")
	b.shot("disbursement-02-ready")
	do("confirm", click("#import-confirm"), chromedp.WaitNotPresent(chromedp.CSS("#import-ready")), visible(".flash"))
	text(".flash", "Đã ghi nhận 1 dòng")
	if n := d.reportedNow(t, year, month); n != 1 {
		t.Fatalf("%d figures recorded, want 1", n)
	}
	_ = os.Remove(wrong)
}

// reportedNow counts the register's lines reported for the month.
func (d disbApp) reportedNow(t *testing.T, year, month int) int {
	t.Helper()
	lines, err := d.db.DisbursementLines(context.Background(), investment.StatsFilter{AgencyID: d.agency, Year: year, Month: month})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range lines {
		if l.Reported {
			n++
		}
	}
	return n
}
