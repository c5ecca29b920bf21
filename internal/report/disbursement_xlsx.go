package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"congvu/internal/investment"
)

// The disbursement workbooks: the import template an investor fills in
// each month (NĐ 85/2025/NĐ-CP Art 49, TT 37/2025/TT-BTC: cumulative actual
// to the end of the month and the estimate to the end of the next, per
// project and capital source), and the export of the recorded figures.

// TemplateRow is a row the template comes filled with: a project and a
// source the investor owes a figure for, amounts left to fill in.
type TemplateRow struct {
	Project     string
	Source      investment.Source
	Year, Month int
}

// sourceNotes explains each capital source on the template's second sheet.
var sourceNotes = map[investment.Source]string{
	"central":    "Vốn ngân sách trung ương (kể cả vốn trong nước hỗ trợ có mục tiêu cho địa phương)",
	"provincial": "Vốn ngân sách cấp tỉnh (cân đối ngân sách, thu tiền sử dụng đất, xổ số kiến thiết, bội chi)",
	"commune":    "Vốn ngân sách cấp xã",
	"oda":        "Vốn ODA và vay ưu đãi của nhà tài trợ nước ngoài",
	"other":      "Các nguồn vốn đầu tư công khác",
}

// DisbursementSheet is the name of the template's data sheet.
const DisbursementSheet = "Giải ngân"

// WriteDisbursementTemplate writes the import template: the data sheet with
// its Vietnamese headers (investment.ImportColumns) and the rows given,
// amounts as money (xlsxMoney: 1.234.567 đ in a Vietnamese reader); a sheet listing the capital
// sources (the code or the name may be typed); a sheet of instructions.
func WriteDisbursementTemplate(w io.Writer, rows []TemplateRow) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := DisbursementSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"E7E6E6"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	amount, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(xlsxMoney)})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	for i, c := range investment.ImportColumns {
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = f.SetCellValue(sh, ref, nfc(c.Head))
	}
	_ = f.SetCellStyle(sh, "A1", "F1", head)
	_ = f.SetRowHeight(sh, 1, 45)
	_ = f.SetColWidth(sh, "A", "A", 18)
	_ = f.SetColWidth(sh, "B", "B", 22)
	_ = f.SetColWidth(sh, "C", "D", 8)
	_ = f.SetColWidth(sh, "E", "F", 24)
	for i, r := range rows {
		n := i + 2
		_ = f.SetSheetRow(sh, fmt.Sprintf("A%d", n), &[]any{nfc(r.Project), nfc(r.Source.Label("vi")), r.Year, r.Month})
	}
	_ = f.SetCellStyle(sh, "E2", fmt.Sprintf("F%d", max(len(rows)+1, 200)), amount)
	_ = f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	// The source column offers the sources' names.
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("B2:B%d", max(len(rows)+1, 2000)))
	var names []string
	for _, s := range investment.Sources {
		names = append(names, nfc(s.Label("vi")))
	}
	if err := dv.SetDropList(names); err == nil {
		_ = f.AddDataValidation(sh, dv)
	}

	src := "Nguồn vốn"
	if _, err := f.NewSheet(src); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	_ = f.SetSheetRow(src, "A1", &[]any{"Mã", "Tên nguồn vốn (ghi ở cột “Nguồn vốn”)", "Gồm"})
	_ = f.SetCellStyle(src, "A1", "C1", head)
	for i, s := range investment.Sources {
		_ = f.SetSheetRow(src, fmt.Sprintf("A%d", i+2), &[]any{string(s), nfc(s.Label("vi")), nfc(sourceNotes[s])})
	}
	_ = f.SetColWidth(src, "A", "A", 12)
	_ = f.SetColWidth(src, "B", "B", 38)
	_ = f.SetColWidth(src, "C", "C", 80)

	help := "Hướng dẫn"
	if _, err := f.NewSheet(help); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	for i, line := range []string{
		"Báo cáo giải ngân vốn đầu tư công hằng tháng (Nghị định 85/2025/NĐ-CP, Thông tư 37/2025/TT-BTC)",
		"Mỗi dòng là một dự án, một nguồn vốn, một tháng.",
		"Lũy kế giải ngân: số đã giải ngân từ ngày 01/01 đến hết tháng báo cáo, bằng đồng (số nguyên, không âm).",
		"Ước giải ngân: số ước giải ngân lũy kế đến hết tháng sau, không nhỏ hơn lũy kế đã giải ngân.",
		"Số liệu không được vượt kế hoạch vốn năm của dự án và nguồn vốn đó.",
		"Báo cáo tháng gửi trước ngày 15 của tháng sau.",
		"Khi tải lên, hệ thống kiểm tra từng dòng và chỉ ghi nhận khi mọi dòng đều đúng.",
	} {
		_ = f.SetCellValue(help, fmt.Sprintf("A%d", i+1), nfc(line))
	}
	_ = f.SetColWidth(help, "A", "A", 110)
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

// DisbursementExportRow is one recorded figure with its plans, for the export.
type DisbursementExportRow struct {
	Project, ProjectName, Investor string
	Source                         investment.Source
	Year, Month                    int
	investment.Totals              // the year's two plans and the month's figures
}

// WriteDisbursementTable writes the recorded figures of a month as a
// table: the import's six columns first (so the file can be edited and
// imported back into another month), then the project's name, the
// investor, the two plans and the two rates (Money and Rate cells).
func WriteDisbursementTable(w io.Writer, rows []DisbursementExportRow) error {
	var heads []string
	for _, c := range investment.ImportColumns {
		heads = append(heads, c.Head)
	}
	heads = append(heads, "Tên dự án", "Chủ đầu tư", "Kế hoạch vốn Thủ tướng Chính phủ giao (đồng)", "Kế hoạch vốn địa phương giao (đồng)",
		"Tỷ lệ so với kế hoạch Thủ tướng giao", "Tỷ lệ so với kế hoạch địa phương giao")
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Project, r.Source.Label("vi"), r.Year, r.Month, Money(r.CumulativeActual), Money(r.EstimateNext),
			r.ProjectName, r.Investor, Money(r.AssignedByPM), Money(r.AllocatedLocally),
			RateOf(r.CumulativeActual, r.AssignedByPM), RateOf(r.CumulativeActual, r.AllocatedLocally)}
	}
	return WriteTable(w, DisbursementSheet, heads, out)
}

// percentCell is v over plan in percent rounded to 0.1, or empty (nil)
// without a plan.
func percentCell(v, plan int64) any {
	if plan <= 0 {
		return nil
	}
	return float64(int64(float64(v)/float64(plan)*1000+0.5)) / 10
}
