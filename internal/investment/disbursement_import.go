package investment

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/fold"
)

// Importing a month's disbursement from a workbook (Luật Đầu tư công
// 58/2024/QH15 Art 15 and NĐ 85/2025/NĐ-CP Art 49 with TT 37/2025/TT-BTC:
// each investor reports, per project and capital source, the cumulative
// actual since 1 January to the end of the month and the estimate to the end
// of the next month). The sheet has one row per project, source and month;
// ParseDisbursementSheet reads the cells and CheckImport checks each line
// against what the store knows, so that the preview names every wrong cell
// and nothing is recorded until every row is right.

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
	Errors           []RowError
}

// RowError is one wrong cell of an imported sheet, in both languages.
type RowError struct {
	Row    int
	Column string // the column's key (ImportColumns)
	VI, EN string
}

func (l *ImportLine) bad(col, vi, en string) {
	l.Errors = append(l.Errors, RowError{Row: l.Row, Column: col, VI: vi, EN: en})
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
		if s, ok := ParseSource(cell("source")); ok {
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

// Dong formats an amount as the agency's documents write money:
// 1234567 → "1.234.567 đ".
func Dong(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + " đ"
}

// ImportProject is what CheckImport knows of a project named by the sheet.
type ImportProject struct {
	ID         int64
	Code       string
	InvestorID int64
	// Plans are the year's capital plans by source: the plan assigned by
	// the Prime Minister and the plan allocated locally.
	Plans map[PlanKey]PlanPair
}

// PlanKey is a year and a capital source.
type PlanKey struct {
	Year   int
	Source Source
}

// PlanPair is a year's two denominators for one project and source.
type PlanPair struct {
	AssignedByPM, AllocatedLocally int64
}

// Ceiling is the most that may be disbursed against the pair: the larger
// of the two plans (the locally allocated plan may exceed the Prime
// Minister's by the province's own capital, or fall short of it).
func (p PlanPair) Ceiling() int64 { return max(p.AssignedByPM, p.AllocatedLocally) }

// MonthKey names one figure: a project, a source and a month.
type MonthKey struct {
	ProjectID   int64
	Source      Source
	Year, Month int
}

// ImportScope is what the lines are checked against.
type ImportScope struct {
	Now time.Time // the current instant: months after the current month in Vietnam are refused
	// Projects by code (every project the sheet names that exists).
	Projects map[string]ImportProject
	// InvestorID, when not 0, is the only investor whose projects the
	// importer may report (an investor's staff).
	InvestorID int64
	// Recorded holds the months already recorded.
	Recorded map[MonthKey]bool
}

// CheckImport checks every line against the scope and adds its errors:
// an unknown project, a project of another investor, a month after the
// current one, the same month twice in the sheet or already recorded, a
// cumulative actual or an estimate above the year's plan (with the figures),
// an estimate below the actual. It returns the number of lines with errors.
func CheckImport(lines []ImportLine, sc ImportScope) int {
	now := sc.Now.In(calendar.VN)
	cur := now.Year()*12 + int(now.Month()) - 1
	seen := map[MonthKey]int{}
	bad := 0
	for i := range lines {
		l := &lines[i]
		p, ok := sc.Projects[l.Project]
		switch {
		case l.Project == "":
		case !ok:
			l.bad("project", f("Không có dự án mã “%s”", l.Project), f("no project with code %q", l.Project))
		case sc.InvestorID != 0 && p.InvestorID != sc.InvestorID:
			l.bad("project", f("Dự án “%s” thuộc chủ đầu tư khác: chỉ được báo cáo dự án của đơn vị mình", l.Project), f("project %q belongs to another investor: you may report only your own projects", l.Project))
			ok = false
		}
		if l.Year != 0 && l.Month != 0 && l.Year*12+l.Month-1 > cur {
			l.badf("month", "Tháng %02d/%d chưa đến: chỉ báo cáo đến tháng hiện tại (%02d/%d)", "%02d/%d is in the future: report up to the current month (%02d/%d)",
				l.Month, l.Year, int(now.Month()), now.Year(), l.Month, l.Year, int(now.Month()), now.Year())
		}
		if ok && l.Source != "" && l.Year != 0 && l.Month != 0 {
			k := MonthKey{p.ID, l.Source, l.Year, l.Month}
			if first, dup := seen[k]; dup {
				l.badf("month", "Trùng với dòng %d: dự án “%s”, nguồn %s, tháng %02d/%d đã có trong tệp", "same as row %d: project %q, source %s, %02d/%d is already in the file",
					first, l.Project, l.Source.Label(), l.Month, l.Year, first, l.Project, l.Source, l.Month, l.Year)
			} else {
				seen[k] = l.Row
			}
			if sc.Recorded[k] {
				l.badf("month", "Dự án “%s”, nguồn %s, tháng %02d/%d đã được báo cáo trước đây", "project %q, source %s, %02d/%d is already recorded",
					l.Project, l.Source.Label(), l.Month, l.Year, l.Project, l.Source, l.Month, l.Year)
			}
			plan, has := p.Plans[PlanKey{l.Year, l.Source}]
			switch {
			case !has:
				l.badf("source", "Dự án “%s” không có kế hoạch vốn năm %d từ nguồn %s", "project %q has no %d capital plan from source %s",
					l.Project, l.Year, l.Source.Label(), l.Project, l.Year, l.Source)
			case l.CumulativeActual > plan.Ceiling():
				l.badf("cumulative_actual", "Lũy kế giải ngân %s vượt kế hoạch vốn năm %d là %s", "the cumulative actual %s exceeds the %d plan of %s",
					Dong(l.CumulativeActual), l.Year, Dong(plan.Ceiling()), Dong(l.CumulativeActual), l.Year, Dong(plan.Ceiling()))
			case l.EstimateNext > plan.Ceiling():
				l.badf("estimate_next", "Ước giải ngân %s vượt kế hoạch vốn năm %d là %s", "the estimate %s exceeds the %d plan of %s",
					Dong(l.EstimateNext), l.Year, Dong(plan.Ceiling()), Dong(l.EstimateNext), l.Year, Dong(plan.Ceiling()))
			}
		}
		if l.EstimateNext < l.CumulativeActual && !l.has("estimate_next") && !l.has("cumulative_actual") {
			l.badf("estimate_next", "Ước giải ngân đến hết tháng sau (%s) nhỏ hơn lũy kế đã giải ngân (%s)", "the estimate to the end of the next month (%s) is below the cumulative actual (%s)",
				Dong(l.EstimateNext), Dong(l.CumulativeActual), Dong(l.EstimateNext), Dong(l.CumulativeActual))
		}
		if len(l.Errors) > 0 {
			bad++
		}
	}
	return bad
}

func (l *ImportLine) has(col string) bool {
	for _, e := range l.Errors {
		if e.Column == col {
			return true
		}
	}
	return false
}
