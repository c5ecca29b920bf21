package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Excel number formats of the cells WriteTable writes.
const (
	xlsxDate     = "dd/mm/yyyy"
	xlsxDateTime = "dd/mm/yyyy hh:mm"
)

// WriteTable writes one sheet named sheet: a bold header row, frozen, then
// the rows. Cells keep their type: integers and floats are numbers;
// calendar.Date and time.Time are real Excel dates shown dd/mm/yyyy (a
// time.Time with a time of day in Vietnam shows dd/mm/yyyy hh:mm); nil is an
// empty cell; anything else is written with fmt.Sprint. Column widths
// follow the longest value. The rows are streamed to the sheet.
func WriteTable(w io.Writer, sheet string, headers []string, rows [][]any) error {
	if sheet == "" {
		sheet = "Sheet1"
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return apperr.Invalidf("sheet", "tên trang tính không hợp lệ: %q", "invalid sheet name: %q", sheet)
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"E7E6E6"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(xlsxDate)})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	stamp, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(xlsxDateTime)})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	st := cellStyles{date: date, stamp: stamp}
	for _, s := range []struct {
		id  *int
		fmt string
	}{{&st.money, xlsxMoney}, {&st.count, xlsxCount}, {&st.rate, xlsxRate}} {
		if *s.id, err = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(s.fmt)}); err != nil {
			return fmt.Errorf("report: xlsx style: %w", err)
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}

	// Widths first: the stream writer wants them before any row.
	ncol := len(headers)
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	widths := make([]int, ncol)
	for i, h := range headers {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, v := range r {
			widths[i] = max(widths[i], cellWidth(v))
		}
	}
	for i, n := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(n+2, 6), 60))); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}

	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = excelize.Cell{StyleID: head, Value: nfc(h)}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	for n, r := range rows {
		cells := make([]any, len(r))
		for i, v := range r {
			cells[i] = xlsxCell(v, st)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("report: xlsx row %d: %w", n+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// excelTime turns an instant into Vietnam's wall clock as a zone-less time,
// which is what an Excel serial date holds.
func excelTime(t time.Time) time.Time {
	t = vn(t)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// cellStyles are the style ids of the typed cells of a table.
type cellStyles struct{ date, stamp, money, count, rate int }

// xlsxCell converts a value for the stream writer.
func xlsxCell(v any, st cellStyles) any {
	date, stamp := st.date, st.stamp
	switch x := v.(type) {
	case Money:
		return excelize.Cell{StyleID: st.money, Value: int64(x)}
	case Count:
		return excelize.Cell{StyleID: st.count, Value: int64(x)}
	case Rate:
		return excelize.Cell{StyleID: st.rate, Value: float64(x)}
	case calendar.Date:
		return excelize.Cell{StyleID: date, Value: time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC)}
	case time.Time:
		if x.IsZero() {
			return nil
		}
		t := excelTime(x)
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return excelize.Cell{StyleID: date, Value: t}
		}
		return excelize.Cell{StyleID: stamp, Value: t}
	case *time.Time:
		if x == nil {
			return nil
		}
		return xlsxCell(*x, st)
	case string:
		return nfc(x)
	case nil, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, bool:
		return x
	case fmt.Stringer:
		return nfc(x.String())
	}
	return fmt.Sprint(v)
}

// cellWidth estimates the characters a value takes on screen.
func cellWidth(v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case calendar.Date:
		return len(xlsxDate)
	case time.Time, *time.Time:
		return len(xlsxDateTime)
	case Money:
		n := utf8.RuneCountInString(fmt.Sprint(int64(x)))
		return n + n/3 + 2
	case Count:
		n := utf8.RuneCountInString(fmt.Sprint(int64(x)))
		return n + n/3
	case Rate:
		return 6
	case string:
		return utf8.RuneCountInString(x)
	}
	return utf8.RuneCountInString(fmt.Sprint(v))
}

// maxUnpacked bounds what an uploaded workbook may unpack to, so that a
// small file declaring huge parts (a zip bomb) is refused before anything is
// unpacked; a real import sheet of thousands of rows unpacks to a few MB.
const maxUnpacked = 100 << 20

// tooLarge reports whether the zip archive b declares more than maxUnpacked
// bytes in all. What is not a zip is left to excelize to refuse.
func tooLarge(b []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	var total uint64
	for _, f := range z.File {
		if f.UncompressedSize64 > maxUnpacked || total+f.UncompressedSize64 > maxUnpacked {
			return true
		}
		total += f.UncompressedSize64
	}
	return false
}

// ReadTable reads the rows of a sheet of an XLSX workbook, for imports (the
// catalogue of procedures, task lists): every cell as the text Excel shows,
// so a date formatted dd/mm/yyyy reads as "02/03/2026". An empty sheet name
// reads the first sheet. A number reads as Excel stores it, whatever its
// format shows (plainNumber): 1500000000 for a cell shown "1.500.000.000 đ".
// Trailing empty cells of a row are left out. Errors:
// apperr.Invalid when the file is not a workbook, would unpack to more than
// maxUnpacked, or has no such sheet.
func ReadTable(r io.Reader, sheet string) ([][]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, apperr.Invalidf("file", "không đọc được tệp tải lên", "could not read the uploaded file")
	}
	if tooLarge(b) {
		return nil, apperr.Invalidf("file", "bảng tính quá lớn khi giải nén: hơn %d MB", "the workbook is too large once unpacked: over %d MB", maxUnpacked>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnpacked})
	if err != nil {
		return nil, apperr.Invalidf("file", "tệp không phải bảng tính Excel (.xlsx) hợp lệ: %v", "not a valid Excel workbook (.xlsx): %v", err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		return nil, apperr.Invalidf("sheet", "không có trang tính %q", "no sheet %q", sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, apperr.Invalidf("file", "không đọc được trang tính %q: %v", "cannot read sheet %q: %v", sheet, err)
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, apperr.Invalidf("file", "không đọc được trang tính %q: %v", "cannot read sheet %q: %v", sheet, err)
	}
	for i, row := range rows {
		for j, shown := range row {
			if i < len(raw) && j < len(raw[i]) && plainNumber(shown, raw[i][j]) {
				row[j] = raw[i][j]
			}
		}
	}
	return rows, nil
}
