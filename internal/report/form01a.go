package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"congvu/internal/investment"
)

// Biểu 01a/TTKHN (TT 37/2025/TT-BTC under NĐ 85/2025/NĐ-CP Art 49): the
// monthly report on the year's public investment capital, per capital
// source and project, as XLSX and as PDF. The layout is the best known
// one, not checked against the circular (investment.Form01aNote is printed
// under the title of both).

// Form01aHead is who reports, where and when.
type Form01aHead struct {
	Agency   string // the authority above the reporting body, "UBND TỈNH BẮC NINH"
	Unit     string // the reporting body
	Place    string
	IssuedAt time.Time
}

// form01aCols are the figure columns, with their group header: each is
// an amount, or a rate of an amount against a plan.
var form01aCols = []struct {
	group, label string
	amount, plan func(t investment.Totals) int64 // plan nil: the column is the amount
}{
	{"plan", "Thủ tướng Chính phủ giao", pmPlan, nil},
	{"plan", "Địa phương giao", localPlan, nil},
	{"actual", "Số vốn", actual, nil},
	{"actual", "Tỷ lệ so với kế hoạch Thủ tướng giao (%)", actual, pmPlan},
	{"actual", "Tỷ lệ so với kế hoạch địa phương giao (%)", actual, localPlan},
	{"estimate", "Số vốn", estimate, nil},
	{"estimate", "Tỷ lệ so với kế hoạch Thủ tướng giao (%)", estimate, pmPlan},
	{"estimate", "Tỷ lệ so với kế hoạch địa phương giao (%)", estimate, localPlan},
}

func pmPlan(t investment.Totals) int64    { return t.AssignedByPM }
func localPlan(t investment.Totals) int64 { return t.AllocatedLocally }
func actual(t investment.Totals) int64    { return t.CumulativeActual }
func estimate(t investment.Totals) int64  { return t.EstimateNext }

// form01aText is a figure as the PDF prints it.
func form01aText(c int, t investment.Totals) string {
	col := form01aCols[c]
	if col.plan == nil {
		return grouped(col.amount(t))
	}
	return pct(col.amount(t), col.plan(t))
}

// form01aCell is a figure as the workbook holds it.
func form01aCell(c int, t investment.Totals) any {
	col := form01aCols[c]
	if col.plan == nil {
		return col.amount(t)
	}
	return percentCell(col.amount(t), col.plan(t))
}

// form01aGroups names the column groups for the month reported.
func form01aGroups(p investment.Period) map[string]string {
	n := p.Next()
	return map[string]string{
		"plan":     fmt.Sprintf("Kế hoạch vốn năm %d", p.Year),
		"actual":   fmt.Sprintf("Giải ngân từ 01/01/%d đến hết ngày %s", p.Year, lastDay(p)),
		"estimate": fmt.Sprintf("Ước giải ngân đến hết ngày %s", lastDay(n)),
	}
}

// Form01aTitle is the report's title.
func Form01aTitle(p investment.Period) string {
	return fmt.Sprintf("Báo cáo tình hình thực hiện, giải ngân kế hoạch vốn đầu tư công năm %d", p.Year)
}

func form01aSub(p investment.Period) string {
	return fmt.Sprintf("Tháng %02d năm %d — báo cáo trước ngày %s", p.Month, p.Year, p.Due().Format("02/01/2006"))
}

// lastDay is the last day of month p as dd/mm/yyyy.
func lastDay(p investment.Period) string {
	return time.Date(p.Year, time.Month(p.Month)+1, 0, 0, 0, 0, 0, time.UTC).Format("02/01/2006")
}

// grouped writes a whole number with dots between thousands.
func grouped(n int64) string { return strings.TrimSuffix(money(n), " đồng") }

// pct writes v over plan in percent with one decimal and a comma: "40,5";
// "-" without a plan.
func pct(v, plan int64) string {
	p, ok := percentCell(v, plan).(float64)
	if !ok {
		return "-"
	}
	return strings.Replace(strconv.FormatFloat(p, 'f', 1, 64), ".", ",", 1)
}

// WriteForm01aXLSX writes Biểu 01a/TTKHN as a workbook on A4 landscape:
// the form's name, the title and the month, the note that the layout is
// not verified, the unit (đồng), a two-level header with column numbers,
// then per source a heading line with its total and its projects, then the
// grand total.
func WriteForm01aXLSX(w io.Writer, head Form01aHead, form investment.Form01a) error {
	const sheet = "01a-TTKHN"
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
	last := 3 + len(form01aCols) + 1 // STT, project, investor, figures, note
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
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	sTitle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}, Alignment: center})
	sItalic := style(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: center})
	sForm := style(&excelize.Style{Font: &excelize.Font{Italic: true}})
	sBold := style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: center})
	sHead := style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: center, Border: border,
		Fill: excelize.Fill{Type: "pattern", Color: []string{"E7E6E6"}, Pattern: 1}})
	sNum := style(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: center, Border: border})
	sCell := style(&excelize.Style{Border: border, Alignment: wrap})
	sInt := style(&excelize.Style{Border: border, NumFmt: 3})
	sRate := style(&excelize.Style{Border: border, NumFmt: 2})
	sTot := style(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, Alignment: wrap})
	sTotInt := style(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 3})
	sTotRate := style(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 2})
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
	p := form.Period
	merge(cell(1, 1), cell(4, 1), nfc(upper(head.Agency)), sBold)
	merge(cell(1, 2), cell(4, 2), nfc(upper(head.Unit)), sBold)
	merge(cell(last-2, 1), cell(last, 1), "Biểu số 01a/TTKHN", sForm)
	merge(cell(1, 4), cell(last, 4), nfc(upper(Form01aTitle(p))), sTitle)
	merge(cell(1, 5), cell(last, 5), nfc(form01aSub(p)), sItalic)
	merge(cell(1, 6), cell(last, 6), nfc("("+investment.Form01aNote+")"), sItalic)
	merge(cell(last-2, 7), cell(last, 7), "Đơn vị tính: đồng", sForm)
	_ = f.SetRowHeight(sheet, 6, 30)

	h := 8
	merge(cell(1, h), cell(1, h+1), "STT", sHead)
	merge(cell(2, h), cell(2, h+1), "Nguồn vốn, danh mục dự án", sHead)
	merge(cell(3, h), cell(3, h+1), "Chủ đầu tư", sHead)
	groups := form01aGroups(p)
	for i := 0; i < len(form01aCols); {
		j := i
		for j+1 < len(form01aCols) && form01aCols[j+1].group == form01aCols[i].group {
			j++
		}
		merge(cell(4+i, h), cell(4+j, h), nfc(groups[form01aCols[i].group]), sHead)
		for k := i; k <= j; k++ {
			merge(cell(4+k, h+1), cell(4+k, h+1), nfc(form01aCols[k].label), sHead)
		}
		i = j + 1
	}
	merge(cell(last, h), cell(last, h+1), "Ghi chú", sHead)
	for c := 1; c <= last; c++ {
		merge(cell(c, h+2), cell(c, h+2), fmt.Sprintf("(%d)", c), sNum)
	}
	_ = f.SetRowHeight(sheet, h, 32)
	_ = f.SetRowHeight(sheet, h+1, 58)
	_ = f.SetColWidth(sheet, "A", "A", 6)
	_ = f.SetColWidth(sheet, "B", "B", 40)
	_ = f.SetColWidth(sheet, "C", "C", 24)
	for k, c := range form01aCols {
		col, _ := excelize.ColumnNumberToName(4 + k)
		width := 18.0
		if strings.HasPrefix(c.label, "Tỷ lệ") {
			width = 11
		}
		_ = f.SetColWidth(sheet, col, col, width)
	}

	figures := func(r int, fg investment.Totals, total bool) {
		for k, c := range form01aCols {
			set(cell(4+k, r), form01aCell(k, fg))
			s := sInt
			if strings.HasPrefix(c.label, "Tỷ lệ") {
				s = sRate
			}
			if total {
				s = map[int]int{sInt: sTotInt, sRate: sTotRate}[s]
			}
			_ = f.SetCellStyle(sheet, cell(4+k, r), cell(4+k, r), s)
		}
		_ = f.SetCellStyle(sheet, cell(last, r), cell(last, r), sCell)
	}
	r := h + 3
	merge(cell(1, r), cell(3, r), "TỔNG SỐ", sTot)
	figures(r, form.Total, true)
	r++
	for _, sec := range form.Sections {
		set(cell(1, r), sec.Roman)
		set(cell(2, r), nfc(sec.Source.Label("vi")))
		_ = f.SetCellStyle(sheet, cell(1, r), cell(3, r), sTot)
		figures(r, sec.Total, true)
		r++
		for _, l := range sec.Lines {
			set(cell(1, r), l.No)
			set(cell(2, r), nfc(projectLabel(l)))
			set(cell(3, r), nfc(l.Investor))
			_ = f.SetCellStyle(sheet, cell(1, r), cell(3, r), sCell)
			figures(r, l.Totals, false)
			r++
		}
	}
	r++
	merge(cell(last-3, r), cell(last, r), nfc(dateLine(head.Place, head.IssuedAt)), sItalic)
	merge(cell(last-3, r+1), cell(last, r+1), "THỦ TRƯỞNG ĐƠN VỊ", sBold)
	_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: h + 2, TopLeftCell: cell(3, h+3), ActivePane: "bottomRight"})
	_ = f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), Size: ptr(9), FitToWidth: ptr(1), FitToHeight: ptr(0)})
	_ = f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)})
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

func projectLabel(l investment.Form01aLine) string {
	if l.ProjectName == "" {
		return l.ProjectCode
	}
	return l.ProjectName + " (" + l.ProjectCode + ")"
}

// WriteForm01aPDF writes Biểu 01a/TTKHN on A4 landscape: the issuing body
// and the national motto, the title, the month and its due date, the note
// that the layout is not verified, the table (header repeated on each
// page, the grand total first, each source's total in capitals above its
// projects), the date line and the signature.
func WriteForm01aPDF(w io.Writer, head Form01aHead, form investment.Form01a) error {
	p := form.Period
	pg, err := newPage("A4", "L", Form01aTitle(p), head.IssuedAt, "Biểu số 01a/TTKHN — Thông tư 37/2025/TT-BTC (bố cục chưa được đối chiếu)")
	if err != nil {
		return err
	}
	pg.header(FormData{Agency: head.Agency, Unit: head.Unit, Place: head.Place, IssuedAt: head.IssuedAt}, 90, true)
	pg.title(Form01aTitle(p), form01aSub(p))
	pg.font("I", 8.5)
	pg.pdf.SetX(pg.left)
	pg.pdf.MultiCell(pg.width, 4, nfc(investment.Form01aNote), "", "C", false)
	pg.pdf.SetX(pg.left)
	pg.pdf.CellFormat(pg.width, 5, "Đơn vị tính: đồng", "", 1, "R", false, 0, "")
	cols := []column{{"STT", 9, "C"}, {"Nguồn vốn, danh mục dự án", 50, "L"}, {"Chủ đầu tư", 28, "L"}}
	n := p.Next()
	short := []string{
		fmt.Sprintf("Kế hoạch năm %d Thủ tướng giao", p.Year), fmt.Sprintf("Kế hoạch năm %d địa phương giao", p.Year),
		fmt.Sprintf("Giải ngân 01/01 đến %s", lastDay(p)), "Tỷ lệ so KH Thủ tướng giao (%)", "Tỷ lệ so KH địa phương giao (%)",
		fmt.Sprintf("Ước giải ngân đến %s", lastDay(n)), "Tỷ lệ ước so KH Thủ tướng giao (%)", "Tỷ lệ ước so KH địa phương giao (%)",
	}
	for i, c := range form01aCols {
		width := 26.0
		if strings.HasPrefix(c.label, "Tỷ lệ") {
			width = 17
		}
		cols = append(cols, column{short[i], width, "R"})
	}
	used := 0.0
	for _, c := range cols {
		used += c.width
	}
	cols = append(cols, column{"Ghi chú", pg.width - used, "L"})
	row := func(no, name, investor string, fg investment.Totals) []string {
		out := []string{no, name, investor}
		for k := range form01aCols {
			out = append(out, form01aText(k, fg))
		}
		return append(out, "")
	}
	rows := [][]string{row("", "TỔNG SỐ", "", form.Total)}
	for _, sec := range form.Sections {
		rows = append(rows, row(sec.Roman, upper(sec.Source.Label("vi")), "", sec.Total))
		for _, l := range sec.Lines {
			rows = append(rows, row(strconv.Itoa(l.No), projectLabel(l), l.Investor, l.Totals))
		}
	}
	pg.table(cols, rows, 7, true)
	pg.signatures(nil, signer{title: "Thủ trưởng đơn vị", hint: "(Ký, ghi rõ họ tên, đóng dấu)"})
	return pg.finish(w)
}
