package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// ReportRow is one line of the period report: a unit or a field (lĩnh vực)
// and its figures.
type ReportRow struct {
	Label  string
	Report dossier.Report
}

// reportColumns are the figure columns of Biểu II.06a in order, with the
// group each belongs to (DOMAIN.md §1.5).
var reportColumns = []struct {
	group, label string
	value        func(r dossier.Report) int
}{
	{"Số hồ sơ nhận giải quyết", "Tổng số", func(r dossier.Report) int { return r.Received.Total }},
	{"Số hồ sơ nhận giải quyết", "Trực tuyến", func(r dossier.Report) int { return r.Received.Online }},
	{"Số hồ sơ nhận giải quyết", "Trực tiếp, bưu chính", func(r dossier.Report) int { return r.Received.Direct }},
	{"Số hồ sơ nhận giải quyết", "Kỳ trước chuyển qua", func(r dossier.Report) int { return r.Received.CarriedOver }},
	{"Số hồ sơ đã giải quyết", "Tổng số", func(r dossier.Report) int { return r.Resolved.Total }},
	{"Số hồ sơ đã giải quyết", "Trước hạn", func(r dossier.Report) int { return r.Resolved.Early }},
	{"Số hồ sơ đã giải quyết", "Đúng hạn", func(r dossier.Report) int { return r.Resolved.OnTime }},
	{"Số hồ sơ đã giải quyết", "Quá hạn", func(r dossier.Report) int { return r.Resolved.Late }},
	{"Số hồ sơ đang giải quyết", "Tổng số", func(r dossier.Report) int { return r.InProgress.Total }},
	{"Số hồ sơ đang giải quyết", "Trong hạn", func(r dossier.Report) int { return r.InProgress.WithinDeadline }},
	{"Số hồ sơ đang giải quyết", "Quá hạn", func(r dossier.Report) int { return r.InProgress.Overdue }},
	{"Số hồ sơ rút, trả lại", "", func(r dossier.Report) int { return r.Withdrawn }},
}

// Rows of the report sheet.
const (
	reportHeadRow = 5 // group headers; labels on the next row, numbers on the one after
	reportDataRow = 8
)

// WriteDossierReport writes the period report on dossier handling, Biểu
// II.06a/VPCP/KSTT, for one set of figures over the report's own period
// (r.From–r.To). See WriteDossierReportRows for one line per unit or field.
func WriteDossierReport(w io.Writer, r dossier.Report, title string) error {
	return WriteDossierReportRows(w, title, r.From, r.To, []ReportRow{{Label: "Tổng số", Report: r}})
}

// WriteDossierReportRows writes Biểu II.06a with one line per row and, when
// there is more than one, a total line: a title, the period "từ ngày … đến
// ngày …", the official groups as merged header cells — received (total,
// online, in person/postal, carried over), resolved (total, early, on time,
// late), in progress (total, within deadline, overdue), withdrawn/returned —
// a line of column numbers, then the figures as numbers.
func WriteDossierReportRows(w io.Writer, title string, from, to calendar.Date, rows []ReportRow) error {
	var total *dossier.Report
	if len(rows) > 1 {
		t := dossier.Report{From: from, To: to}
		for _, r := range rows {
			t.Add(r.Report)
		}
		total = &t
	}
	return writeReport(w, title, from, to, []ReportSection{{Rows: rows}}, total)
}

// ReportSection is a titled part of Biểu II.06a: "I. Theo lĩnh vực" and
// its lines, "II. Theo đơn vị" and its lines.
type ReportSection struct {
	Title string
	Rows  []ReportRow
}

// WriteDossierReportSections writes Biểu II.06a as the official form lays
// it out: a line per field (lĩnh vực) and a line per unit, each list under
// its heading, then the total line, which is total (each list adds up to
// it, so it is not their sum).
func WriteDossierReportSections(w io.Writer, title string, total dossier.Report, sections []ReportSection) error {
	return writeReport(w, title, total.From, total.To, sections, &total)
}

// ReportSections are the two parts of Biểu II.06a, per field (I) and per
// unit (II), from the broken-down report's lines.
func ReportSections(byField, byUnit []dossier.ReportLine) []ReportSection {
	rows := func(ls []dossier.ReportLine) []ReportRow {
		out := make([]ReportRow, len(ls))
		for i, l := range ls {
			out[i] = ReportRow{Label: l.Label, Report: l.Report}
		}
		return out
	}
	return []ReportSection{{"I. Theo lĩnh vực", rows(byField)}, {"II. Theo đơn vị", rows(byUnit)}}
}

// writeReport lays the sheet out: sections of numbered lines, and the
// total line when total is set.
func writeReport(w io.Writer, title string, from, to calendar.Date, sections []ReportSection, total *dossier.Report) error {
	const sheet = "II.06a"
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	last := 2 + len(reportColumns) // STT, label, figures
	col := func(c int) string { s, _ := excelize.ColumnNumberToName(c); return s }
	cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
	lastCol := col(last)

	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	var styleErr error
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil && styleErr == nil {
			styleErr = err
		}
		return id
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	sTitle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: center})
	sItalic := style(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: center})
	sForm := style(&excelize.Style{Font: &excelize.Font{Italic: true}})
	sHead := style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: center, Border: border,
		Fill: excelize.Fill{Type: "pattern", Color: []string{"E7E6E6"}, Pattern: 1}})
	sNum := style(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: center, Border: border})
	sCell := style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	sInt := style(&excelize.Style{Border: border, NumFmt: 3, Alignment: &excelize.Alignment{Horizontal: "right"}})
	sTotal := style(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}})
	sTotalInt := style(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 3})
	if styleErr != nil {
		return fmt.Errorf("report: xlsx style: %w", styleErr)
	}

	set := func(ref string, v any) { _ = f.SetCellValue(sheet, ref, v) }
	merge := func(a, b string, v any, s int) {
		if a != b {
			_ = f.MergeCell(sheet, a, b)
		}
		set(a, v)
		_ = f.SetCellStyle(sheet, a, b, s)
	}

	set("A1", "Biểu số II.06a/VPCP/KSTT")
	_ = f.SetCellStyle(sheet, "A1", "A1", sForm)
	merge("A2", lastCol+"2", nfc(title), sTitle)
	merge("A3", lastCol+"3", fmt.Sprintf("Kỳ báo cáo: từ ngày %s đến ngày %s", ddmmyyyy(from), ddmmyyyy(to)), sItalic)
	set(lastCol+"4", "Đơn vị tính: hồ sơ")
	_ = f.SetCellStyle(sheet, lastCol+"4", lastCol+"4", sForm)

	h := reportHeadRow
	merge(cell(1, h), cell(1, h+1), "STT", sHead)
	merge(cell(2, h), cell(2, h+1), "Đơn vị, lĩnh vực giải quyết", sHead)
	for i := 0; i < len(reportColumns); {
		g := reportColumns[i].group
		j := i
		for j+1 < len(reportColumns) && reportColumns[j+1].group == g {
			j++
		}
		if reportColumns[i].label == "" { // a group of one column spans both header rows
			merge(cell(3+i, h), cell(3+i, h+1), g, sHead)
		} else {
			merge(cell(3+i, h), cell(3+j, h), g, sHead)
			for k := i; k <= j; k++ {
				merge(cell(3+k, h+1), cell(3+k, h+1), reportColumns[k].label, sHead)
			}
		}
		i = j + 1
	}
	for c := 1; c <= last; c++ {
		merge(cell(c, h+2), cell(c, h+2), fmt.Sprintf("(%d)", c), sNum)
	}
	_ = f.SetRowHeight(sheet, h, 32)
	_ = f.SetRowHeight(sheet, h+1, 32)
	_ = f.SetColWidth(sheet, "A", "A", 6)
	_ = f.SetColWidth(sheet, "B", "B", 36)
	_ = f.SetColWidth(sheet, "C", lastCol, 11)

	r := reportDataRow
	for _, sec := range sections {
		if sec.Title != "" {
			merge(cell(1, r), cell(last, r), nfc(sec.Title), sTotal)
			r++
		}
		for i, row := range sec.Rows {
			set(cell(1, r), i+1)
			set(cell(2, r), nfc(row.Label))
			_ = f.SetCellStyle(sheet, cell(1, r), cell(2, r), sCell)
			for k, c := range reportColumns {
				set(cell(3+k, r), c.value(row.Report))
			}
			_ = f.SetCellStyle(sheet, cell(3, r), cell(last, r), sInt)
			r++
		}
	}
	if total != nil {
		merge(cell(1, r), cell(2, r), "Tổng cộng", sTotal)
		for k, c := range reportColumns {
			set(cell(3+k, r), c.value(*total))
		}
		_ = f.SetCellStyle(sheet, cell(3, r), cell(last, r), sTotalInt)
	}
	_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: reportDataRow - 1,
		TopLeftCell: cell(3, reportDataRow), ActivePane: "bottomRight"})
	_ = f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), Size: ptr(9)}) // 9 = A4
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}
