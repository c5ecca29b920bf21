package investment

import (
	"fmt"
	"strconv"
	"strings"

	"congvu/internal/fold"
)

// Importing a month's disbursement from a workbook (Luật Đầu tư công
// 58/2024/QH15 Art 15 and NĐ 85/2025/NĐ-CP Art 49 with TT 37/2025/TT-BTC:
// each investor reports, per project and capital source, the cumulative
// actual since 1 January to the end of the month and the estimate to the end
// of the next month). The sheet has one row per project, source and month;
// ParseDisbursementSheet reads the cells and marks the rows the file holds
// twice; the store then judges the rest exactly as one figure entered by
// hand (store.RecordDisbursements, DecideFigure), and CellErrors turns its
// refusals back into cells, so that the preview names every wrong cell and
// nothing is recorded until every row is right.

// MaxImportLines bounds one disbursement workbook: the province's whole
// monthly report (a few thousand projects by source) fits.
const MaxImportLines = 20000

// ImportColumn is one column of the disbursement template.
type ImportColumn struct {
	Key  string // project, source, year, month, cumulative_actual, estimate_next
	Head string // the Vietnamese header of the template
	EN   string // the English name, for the API's error rows
}

// ImportColumns are the template's columns, in order.
var ImportColumns = []ImportColumn{
	{"project", "Mã dự án", "project code"},
	{"source", "Nguồn vốn", "capital source"},
	{"year", "Năm", "year"},
	{"month", "Tháng", "month"},
	{"cumulative_actual", "Lũy kế giải ngân từ 01/01 đến hết tháng (đồng)", "cumulative actual to the end of the month (đồng)"},
	{"estimate_next", "Ước giải ngân đến hết tháng sau (đồng)", "estimate to the end of the next month (đồng)"},
}

// ImportHead is the header of the column with the given key.
func ImportHead(key string) string {
	for _, c := range ImportColumns {
		if c.Key == key {
			return c.Head
		}
	}
	return key
}

// ImportLine is one row of the sheet, read.
type ImportLine struct {
	Row              int // the sheet's row number; the header is row 1
	Project          string
	Source           Source
	Year, Month      int
	CumulativeActual int64
	EstimateNext     int64
	Errors           []CellError
}

// CellError is one wrong cell of an imported sheet, in both languages.
type CellError struct {
	Row    int
	Column string // the column's key (ImportColumns)
	VI, EN string
}

func (l *ImportLine) bad(col, vi, en string) {
	l.Errors = append(l.Errors, CellError{Row: l.Row, Column: col, VI: vi, EN: en})
}

// badf adds an error whose arguments are given twice, first for the
// Vietnamese message, then for the English one.
func (l *ImportLine) badf(col, vi, en string, args ...any) {
	n := len(args) / 2
	l.bad(col, fmt.Sprintf(vi, args[:n]...), fmt.Sprintf(en, args[n:]...))
}

// f is fmt.Sprintf.
func f(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// SheetError is wrong about the sheet as a whole (no header, no rows, too many).
type SheetError struct{ VI, EN string }

func (e *SheetError) Error() string { return e.EN }

// ParseDisbursementSheet reads the data rows of a sheet whose first row is
// the header (the columns are found by their headers, diacritics and case
// ignored, or by their keys). Blank rows are skipped. Each cell is checked
// on its own (a known source, a year, a month 1–12, amounts that are whole
// non-negative numbers of đồng); CheckImport checks the rest.
func ParseDisbursementSheet(cells [][]string) ([]ImportLine, error) {
	if len(cells) < 2 {
		return nil, &SheetError{"Bảng tính không có dòng số liệu nào dưới dòng tiêu đề", "the sheet has no data row below its header"}
	}
	cols := map[string]int{}
	for i, h := range cells[0] {
		k := fold.String(strings.TrimSpace(h))
		for _, c := range ImportColumns {
			if k == fold.String(c.Head) || k == c.Key {
				cols[c.Key] = i
			}
		}
	}
	for _, c := range ImportColumns {
		if _, ok := cols[c.Key]; !ok {
			return nil, &SheetError{fmt.Sprintf("Thiếu cột “%s” ở dòng tiêu đề: hãy dùng mẫu tải về", c.Head),
				fmt.Sprintf("the header has no column %q: use the template", c.Head)}
		}
	}
	var out []ImportLine
	for i, line := range cells[1:] {
		cell := func(key string) string {
			if c := cols[key]; c < len(line) {
				return strings.TrimSpace(line[c])
			}
			return ""
		}
		blank := true
		for _, v := range line {
			blank = blank && strings.TrimSpace(v) == ""
		}
		if blank {
			continue
		}
		if len(out) == MaxImportLines {
			return nil, &SheetError{fmt.Sprintf("Quá nhiều dòng: tối đa %d dòng mỗi lần nhập", MaxImportLines),
				fmt.Sprintf("too many rows: at most %d at a time", MaxImportLines)}
		}
		l := ImportLine{Row: i + 2, Project: cell("project")}
		if l.Project == "" {
			l.bad("project", "Chưa ghi mã dự án", "the project code is empty")
		}
		if s, ok := SourceOfCell(cell("source")); ok {
			l.Source = s
		} else if cell("source") == "" {
			l.bad("source", "Chưa ghi nguồn vốn", "the capital source is empty")
		} else {
			l.bad("source", f("Nguồn vốn “%s” không có trong danh mục (xem trang “Nguồn vốn”)", cell("source")), f("unknown capital source %q (see the sheet of sources)", cell("source")))
		}
		l.Year = wholeCell(&l, "year", cell("year"), "Năm", "year", 2000, 2100)
		l.Month = wholeCell(&l, "month", cell("month"), "Tháng", "month", 1, 12)
		l.CumulativeActual = amountCell(&l, "cumulative_actual", cell("cumulative_actual"))
		l.EstimateNext = amountCell(&l, "estimate_next", cell("estimate_next"))
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, &SheetError{"Bảng tính không có dòng số liệu nào dưới dòng tiêu đề", "the sheet has no data row below its header"}
	}
	return out, nil
}

// wholeCell reads a small whole number in [lo, hi].
func wholeCell(l *ImportLine, col, v, vi, en string, lo, hi int) int {
	if v == "" {
		l.bad(col, f("Chưa ghi %s", strings.ToLower(vi)), f("the %s is empty", en))
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
	if err != nil || n < lo || n > hi {
		l.bad(col, f("%s “%s” không hợp lệ: cần một số nguyên từ %d đến %d", vi, v, lo, hi), f("invalid %s %q: a whole number from %d to %d is needed", en, v, lo, hi))
		return 0
	}
	return n
}

// amountCell reads an amount of đồng.
func amountCell(l *ImportLine, col, v string) int64 {
	n, err := ParseDong(v)
	switch err {
	case nil:
		return n
	case errEmpty:
		l.bad(col, "Chưa ghi số tiền", "the amount is empty")
	case errNegative:
		l.bad(col, f("Số tiền “%s” âm: số tiền không được nhỏ hơn 0", v), f("the amount %q is negative", v))
	case errFraction:
		l.bad(col, f("Số tiền “%s” không phải số nguyên đồng", v), f("the amount %q is not a whole number of đồng", v))
	default:
		l.bad(col, f("Số tiền “%s” không đọc được: ghi số nguyên đồng, ví dụ 1.234.567", v), f("cannot read the amount %q: write whole đồng, e.g. 1.234.567", v))
	}
	return 0
}

type parseErr string

func (e parseErr) Error() string { return string(e) }

const (
	errEmpty    parseErr = "empty"
	errNegative parseErr = "negative"
	errFraction parseErr = "fraction"
	errSyntax   parseErr = "syntax"
	errRange    parseErr = "range"
)

// maxDong bounds one amount: a thousand trillion đồng, far above any
// province's yearly capital, and safe in int64 sums of thousands of rows.
const maxDong = 1_000_000_000_000_000

// ParseDong reads an amount of whole đồng as a workbook shows it:
// "1234567", "1.234.567", "1,234,567" (Excel's own grouping), "1 234 567",
// with or without "đ"/"đồng". A decimal part other than zeros ("12,5",
// "1234.56") is refused as not whole; a leading minus as negative.
func ParseDong(s string) (int64, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for _, w := range []string{"đồng", "vnđ", "vnd", "đ", "₫"} {
		if strings.HasSuffix(v, w) {
			v = strings.TrimSpace(strings.TrimSuffix(v, w))
			break
		}
	}
	v = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, v)
	if v == "" {
		return 0, errEmpty
	}
	neg := false
	if v[0] == '-' || v[0] == '+' {
		neg, v = v[0] == '-', v[1:]
	}
	if v == "" {
		return 0, errSyntax
	}
	if strings.ContainsAny(v, "eE") { // 1.2E+10, as a general cell may show a large number
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, errSyntax
		}
		if f != float64(int64(f)) {
			return 0, errFraction
		}
		v = strconv.FormatInt(int64(f), 10)
	}
	digits := func(x string) bool {
		for _, r := range x {
			if r < '0' || r > '9' {
				return false
			}
		}
		return x != ""
	}
	var whole string
	switch {
	case digits(v):
		whole = v
	case grouped(v, '.') || grouped(v, ','):
		whole = strings.NewReplacer(".", "", ",", "").Replace(v)
	default:
		// One decimal separator: whole only when the decimals are zeros.
		i := strings.LastIndexAny(v, ".,")
		if i < 0 {
			return 0, errSyntax
		}
		head, frac := v[:i], v[i+1:]
		if !digits(frac) || !(digits(head) || grouped(head, '.') || grouped(head, ',')) || strings.ContainsRune(head, rune(v[i])) {
			return 0, errSyntax
		}
		if strings.Trim(frac, "0") != "" {
			if neg {
				return 0, errNegative
			}
			return 0, errFraction
		}
		whole = strings.NewReplacer(".", "", ",", "").Replace(head)
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n > maxDong {
		return 0, errRange
	}
	if neg && n != 0 {
		return 0, errNegative
	}
	return n, nil
}

// grouped reports whether v is digits grouped by threes with sep: "1.234.567".
func grouped(v string, sep byte) bool {
	parts := strings.Split(v, string(sep))
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if (i > 0 && len(p) != 3) || p == "" {
			return false
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

// SourceOfCell reads a capital source as the template's cell holds it:
// its code ("provincial") or its Vietnamese or English name, case and
// diacritics ignored ("Ngân sách tỉnh", "ngan sach tinh").
func SourceOfCell(v string) (Source, bool) {
	k := fold.String(strings.TrimSpace(v))
	for _, s := range Sources {
		if k == string(s) || k == fold.String(s.Label("vi")) || k == fold.String(s.Label("en")) {
			return s, true
		}
	}
	return "", false
}

// MarkDuplicates adds an error to every line repeating an earlier line's
// project, source and month, naming the earlier row. It returns the number
// of lines with errors.
func MarkDuplicates(lines []ImportLine) int {
	type key struct {
		project     string
		source      Source
		year, month int
	}
	seen := map[key]int{}
	bad := 0
	for i := range lines {
		l := &lines[i]
		if l.Project != "" && l.Source != "" && l.Year != 0 && l.Month != 0 {
			k := key{l.Project, l.Source, l.Year, l.Month}
			if first, dup := seen[k]; dup {
				l.badf("month", "Trùng với dòng %d: dự án “%s”, nguồn %s, tháng %02d/%d đã có trong tệp", "same as row %d: project %q, source %s, %02d/%d is already in the file",
					first, l.Project, l.Source.Label("vi"), l.Month, l.Year, first, l.Project, l.Source.Label("en"), l.Month, l.Year)
			} else {
				seen[k] = l.Row
			}
		}
		if len(l.Errors) > 0 {
			bad++
		}
	}
	return bad
}

// FigureRows are the lines without errors as the batch the store judges
// and records; each keeps its sheet row as its Line. A sheet is recorded
// only when this is every line; until then the store's judgement of these
// names the rest of the errors in the same preview.
func FigureRows(lines []ImportLine) []FigureRow {
	out := make([]FigureRow, 0, len(lines))
	for _, l := range lines {
		if len(l.Errors) == 0 {
			out = append(out, FigureRow{Line: l.Row, ProjectCode: l.Project, FigureInput: FigureInput{Year: l.Year, Month: l.Month, Source: l.Source,
				CumulativeActual: l.CumulativeActual, EstimateNext: l.EstimateNext}})
		}
	}
	return out
}

// CellErrors puts the store's refusals of a batch (one per refused row)
// on the lines they were made from, in the column the refusal names: a
// project unknown or another investor's in the project column, a duplicate
// month or a closed year in the month or year column, a cumulative above
// the plan in its own. It returns the number of lines with errors.
func CellErrors(lines []ImportLine, be *BatchError) int {
	byRow := map[int]int{}
	for i, l := range lines {
		byRow[l.Row] = i
	}
	for _, r := range be.Rows {
		i, ok := byRow[r.Line]
		if !ok || r.Err == nil {
			continue
		}
		col := "project"
		for _, c := range ImportColumns {
			if c.Key == r.Err.Field {
				col = c.Key
			}
		}
		lines[i].bad(col, r.Err.Message("vi"), r.Err.Message("en"))
	}
	bad := 0
	for _, l := range lines {
		if len(l.Errors) > 0 {
			bad++
		}
	}
	return bad
}
