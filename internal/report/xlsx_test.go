package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

func TestWriteTableRoundTrip(t *testing.T) {
	headers := []string{"Mã hồ sơ", "Người nộp", "Số bộ", "Phí", "Ngày nhận", "Hẹn trả", "Ghi chú"}
	rows := [][]any{
		{"000.00.06.H05-260302-0042", "Nguyễn Thị Hương Giang", 1, int64(1234567), calendar.Date{Year: 2026, Month: time.March, Day: 2}, at(2026, time.April, 15, 16, 0), nil},
		{"000.00.06.H05-260302-0043", "Công ty TNHH Đầu tư Bắc Ninh", 2, 0.5, at(2026, time.March, 3, 0, 0), time.Time{}, "Quá hạn"},
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, "Hồ sơ", headers, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "Hồ sơ"
	get := func(ref string) string {
		v, err := f.GetCellValue(sh, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"A1": "Mã hồ sơ", "B2": "Nguyễn Thị Hương Giang", "C2": "1", "D2": "1234567",
		"E2": "02/03/2026", "F2": "15/04/2026 16:00", "E3": "03/03/2026", "F3": "", "G3": "Quá hạn", "D3": "0.5",
	} {
		if got := get(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	// Numbers and dates are stored as numbers, not text.
	for _, ref := range []string{"C2", "D2", "E2", "F2"} {
		typ, err := f.GetCellType(sh, ref)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s has type %v, want a number", ref, typ)
		}
	}
	raw, _ := f.GetCellValue(sh, "E2", excelize.Options{RawCellValue: true})
	if raw != "46083" { // 2026-03-02 as an Excel serial day
		t.Errorf("E2 raw = %q, want the serial 46083", raw)
	}
	// The header is bold and frozen.
	st, _ := f.GetCellStyle(sh, "A1")
	if s, err := f.GetStyle(st); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header style %+v, %v: want bold", s, err)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v: want the first row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(sh, "B"); w < 20 {
		t.Errorf("column B is %.0f wide, want it to fit the longest name", w)
	}

	got, err := ReadTable(bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1][1] != "Nguyễn Thị Hương Giang" || got[1][4] != "02/03/2026" {
		t.Errorf("ReadTable = %q", got)
	}
}

func TestReadTableErrors(t *testing.T) {
	if _, err := ReadTable(bytes.NewReader([]byte("not a workbook")), ""); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("garbage: %v, want invalid", err)
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, "A", []string{"x"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadTable(bytes.NewReader(buf.Bytes()), "B"); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("missing sheet: %v, want invalid", err)
	}
}

func TestWriteDossierReport(t *testing.T) {
	var a, b dossier.Report
	a.Received.Total, a.Received.Online, a.Received.Direct, a.Received.CarriedOver = 10, 4, 5, 1
	a.Resolved.Total, a.Resolved.Early, a.Resolved.OnTime, a.Resolved.Late = 6, 2, 3, 1
	a.InProgress.Total, a.InProgress.WithinDeadline, a.InProgress.Overdue = 3, 2, 1
	a.Withdrawn = 1
	b.Received.Total, b.Received.Direct = 2, 2
	b.InProgress.Total, b.InProgress.WithinDeadline = 2, 2
	from, to := calendar.Date{Year: 2026, Month: time.January, Day: 1}, calendar.Date{Year: 2026, Month: time.March, Day: 31}

	var buf bytes.Buffer
	err := WriteDossierReportRows(&buf, "Tình hình giải quyết hồ sơ thủ tục hành chính", from, to,
		[]ReportRow{{"Ban Quản lý các khu công nghiệp", a}, {"Sở Tài chính", b}})
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("CONGVU_REPORT_OUT"); out != "" {
		_ = os.WriteFile(filepath.Join(out, "II.06a.xlsx"), buf.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "II.06a"
	for ref, want := range map[string]string{
		"A1": "Biểu số II.06a/VPCP/KSTT",
		"A3": "Kỳ báo cáo: từ ngày 01/01/2026 đến ngày 31/03/2026",
		"C5": "Số hồ sơ nhận giải quyết", "G5": "Số hồ sơ đã giải quyết", "K5": "Số hồ sơ đang giải quyết",
		"N5": "Số hồ sơ rút, trả lại", "D6": "Trực tuyến", "E6": "Trực tiếp, bưu chính", "F6": "Kỳ trước chuyển qua",
		"H6": "Trước hạn", "I6": "Đúng hạn", "J6": "Quá hạn", "L6": "Trong hạn", "M6": "Quá hạn", "N7": "(14)",
		"B8": "Ban Quản lý các khu công nghiệp", "C8": "10", "D8": "4", "J8": "1", "N8": "1",
		"B9": "Sở Tài chính", "C9": "2", "L9": "2",
		"A10": "Tổng cộng", "C10": "12", "E10": "7", "K10": "5", "L10": "4",
	} {
		if got, _ := f.GetCellValue(sh, ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"C5:F5": false, "G5:J5": false, "K5:M5": false, "N5:N6": false, "A5:A6": false}
	for _, m := range merged {
		ref := m.GetStartAxis() + ":" + m.GetEndAxis()
		if _, ok := want[ref]; ok {
			want[ref] = true
		}
	}
	for ref, ok := range want {
		if !ok {
			t.Errorf("header %s not merged", ref)
		}
	}

	// One report: one line, no total.
	buf.Reset()
	a.From, a.To = from, to
	if err := WriteDossierReport(&buf, a, "Báo cáo quý I"); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "II.06a")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 || rows[7][1] != "Tổng số" || rows[7][2] != "10" {
		t.Errorf("single report rows = %q", rows)
	}
}

// TestTypedNumbers: money, counts and rates have one format each, a plain
// int (a year) is never grouped, and ReadTable gives back the numbers as
// stored, whatever their format shows, while dates still read dd/mm/yyyy.
func TestTypedNumbers(t *testing.T) {
	var buf bytes.Buffer
	row := []any{2026, Money(1_500_000_000), Count(12345), Rate(0.4), RateOf(1, 0), calendar.Date{Year: 2026, Month: 3, Day: 9}, Money(-2500)}
	if err := WriteTable(&buf, "Số", []string{"Năm", "Tiền", "Số lượng", "Tỷ lệ", "Không mẫu số", "Ngày", "Âm"}, [][]any{row}); err != nil {
		t.Fatal(err)
	}
	writeOut(t, "typed-numbers.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct{ cell, fmt string }{{"A2", ""}, {"B2", xlsxMoney}, {"C2", xlsxCount}, {"D2", xlsxRate}, {"F2", xlsxDate}, {"G2", xlsxMoney}} {
		id, err := f.GetCellStyle("Số", c.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if got != c.fmt {
			t.Errorf("%s: format %q, want %q", c.cell, got, c.fmt)
		}
	}
	rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026", "1500000000", "12345", "0.4", "", "09/03/2026", "-2500"}
	if len(rows) != 2 || strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("read back %q, want %q", rows[1], want)
	}
}

func TestPlainNumber(t *testing.T) {
	for _, c := range []struct {
		shown, raw string
		want       bool
	}{
		{"1,500,000,000 đ", "1500000000", true},
		{"40.0%", "0.4", true},
		{"09/03/2026", "46090", false},
		{"08:30", "0.354166666666667", false},
		{"2026", "2026", false},
		{"BN-0001", "BN-0001", false},
		{"", "", false},
		{"-2,500 đ", "-2500", true},
		{"1.5E+10", "15000000000", true},
	} {
		if got := plainNumber(c.shown, c.raw); got != c.want {
			t.Errorf("plainNumber(%q, %q) = %v", c.shown, c.raw, got)
		}
	}
}
