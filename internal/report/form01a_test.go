package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"congvu/internal/investment"
)

func sample01a() (Form01aHead, investment.Form01a) {
	head := Form01aHead{Agency: "UBND tỉnh Bắc Ninh", Unit: "Sở Tài chính", Place: "Bắc Ninh", IssuedAt: time.Date(2026, 5, 8, 3, 0, 0, 0, time.UTC)}
	form := investment.BuildForm01a(investment.Period{Year: 2026, Month: 4}, []investment.Form01aInput{
		{ProjectCode: "BN-0001", ProjectName: "Cải tạo đường tỉnh 295B đoạn qua xã Tân Chi", Investor: "Ban Quản lý dự án đầu tư xây dựng tỉnh", Source: "provincial",
			Totals: investment.Totals{AllocatedLocally: 85_000_000_000, CumulativeActual: 34_000_000_000, EstimateNext: 42_500_000_000}},
		{ProjectCode: "BN-0002", ProjectName: "Trường THPT Lạng Giang số 3", Investor: "UBND xã Lạng Giang", Source: "central",
			Totals: investment.Totals{AssignedByPM: 20_000_000_000, AllocatedLocally: 18_000_000_000, CumulativeActual: 1_234_567_000, EstimateNext: 2_000_000_000}},
	})
	return head, form
}

func TestForm01aPDF(t *testing.T) {
	head, form := sample01a()
	var buf bytes.Buffer
	if err := WriteForm01aPDF(&buf, head, form); err != nil {
		t.Fatal(err)
	}
	if w, h := pageSize(t, buf.Bytes()); !near(w, 297) || !near(h, 210) {
		t.Fatalf("page %gx%g mm, want A4 landscape", w, h)
	}
	path := writeOut(t, "form01a.pdf", buf.Bytes())
	text, ok := pdftotext(t, path)
	if !ok {
		return
	}
	for _, want := range []string{
		"BÁO CÁO TÌNH HÌNH THỰC HIỆN, GIẢI NGÂN KẾ HOẠCH VỐN ĐẦU TƯ CÔNG NĂM 2026",
		"Tháng 04 năm 2026", "trước ngày 15/05/2026",
		"chưa được đối chiếu",
		"Kế hoạch năm 2026 Thủ tướng giao", "Giải ngân 01/01 đến 30/04/2026", "Ước giải ngân đến 31/05/2026",
		"NGÂN SÁCH TRUNG ƯƠNG", "NGÂN SÁCH TỈNH",
		"Trường THPT Lạng Giang số 3", "85.000.000.000", "34.000.000.000", "40,0", "6,2", "6,9", "50,0",
		"TỔNG SỐ", "103.000.000.000", "35.234.567.000", "Bắc Ninh, ngày 08 tháng 5 năm 2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}

func TestForm01aXLSX(t *testing.T) {
	head, form := sample01a()
	var buf bytes.Buffer
	if err := WriteForm01aXLSX(&buf, head, form); err != nil {
		t.Fatal(err)
	}
	writeOut(t, "form01a.xlsx", buf.Bytes())
	rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "01a-TTKHN")
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Biểu số 01a/TTKHN", "chưa được đối chiếu", "TỔNG SỐ", "Ngân sách tỉnh", "Cải tạo đường tỉnh 295B đoạn qua xã Tân Chi (BN-0001)", "|34000000000|", "|40|"} {
		if !strings.Contains(all, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, all)
		}
	}
	// As shown: amounts grouped, rates with two decimals (excelize shows
	// them the en-US way; a Vietnamese reader sees 34.000.000.000 and 40,00).
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	shown, err := f.GetRows("01a-TTKHN")
	if err != nil {
		t.Fatal(err)
	}
	all = ""
	for _, r := range shown {
		all += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"34,000,000,000", "40.00"} {
		if !strings.Contains(all, want) {
			t.Errorf("the sheet does not show %q:\n%s", want, all)
		}
	}
}

func TestDisbursementTemplateReadsBack(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDisbursementTemplate(&buf, []TemplateRow{{Project: "BN-0001", Source: "provincial", Year: 2026, Month: 4}}); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := investment.ParseDisbursementSheet(rows)
	if err != nil {
		t.Fatal(err)
	}
	// The amounts are left to fill in: the one row asks for them.
	if len(lines) != 1 || lines[0].Source != "provincial" || lines[0].Month != 4 || len(lines[0].Errors) != 2 {
		t.Fatalf("lines %+v", lines)
	}
	src, err := ReadTable(bytes.NewReader(buf.Bytes()), "Nguồn vốn")
	if err != nil || len(src) != 1+len(investment.Sources) {
		t.Fatalf("sources sheet %v, %v", src, err)
	}
}

func TestDisbursementTableRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	err := WriteDisbursementTable(&buf, []DisbursementExportRow{{Project: "BN-0001", ProjectName: "Đường", Investor: "Ban", Source: "provincial",
		Year: 2026, Month: 4, Totals: investment.Totals{AllocatedLocally: 100, CumulativeActual: 40, EstimateNext: 50}}})
	if err != nil {
		t.Fatal(err)
	}
	writeOut(t, "disbursements.xlsx", buf.Bytes())
	rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := investment.ParseDisbursementSheet(rows)
	if err != nil || len(lines) != 1 || lines[0].CumulativeActual != 40 || len(lines[0].Errors) != 0 || rows[1][11] != "0.4" {
		t.Fatalf("rows %v lines %+v %v", rows, lines, err)
	}
}
