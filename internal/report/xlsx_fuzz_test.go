package report

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Fuzz targets for the workbooks people upload (the catalogue of
// procedures, task lists): ReadTable must turn any bytes into rows or an
// Invalid error about the file, and what WriteTable writes must read back
// as the same text. `go test` runs the seeds; scripts/fuzz runs them with
// -fuzz.

// seedWorkbook is a small real workbook like an exported catalogue.
func seedWorkbook(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	err := WriteTable(&buf, "Danh mục thủ tục", []string{"Mã thủ tục (code)", "Tên thủ tục (name)", "Thời hạn (time limit)", "Hiệu lực từ (effective from)"},
		[][]any{{"1.009645", "Thẩm định kế hoạch lựa chọn nhà thầu", 20, calendar.Date{Year: 2025, Month: time.January, Day: 1}},
			{"2.001234", "Cấp giấy phép\nxây dựng", 0.5, nil}})
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// zipOf is a zip archive holding the given files.
func zipOf(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func FuzzReadTable(f *testing.F) {
	book := seedWorkbook(f)
	f.Add(book)
	f.Add(book[:len(book)/2])
	f.Add([]byte("not a workbook"))
	f.Add([]byte{})
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18))) // an empty zip
	f.Add(zipOf(f, map[string]string{"[Content_Types].xml": "<Types", "xl/workbook.xml": "<workbook><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"}))
	f.Add(zipOf(f, map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1048577"><c r="XFE1" t="s"><v>99</v></c></row></sheetData></worksheet>`}))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := ReadTable(bytes.NewReader(b), "")
		if err != nil {
			if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || (e.Field != "file" && e.Field != "sheet") || e.VI == "" || e.EN == "" {
				t.Fatalf("ReadTable: %T %v is not an Invalid error about the file", err, err)
			}
			return
		}
		for _, row := range rows {
			for _, c := range row {
				if !utf8.ValidString(c) {
					t.Fatalf("ReadTable gave the cell %q, not UTF-8", c)
				}
			}
		}
	})
}

// FuzzTableRoundTrip checks that text a workbook export writes (text the
// store can hold: valid UTF-8 without control characters other than new
// lines and tabs) reads back as the same text, in NFC, so that an
// exported catalogue re-imports unchanged.
func FuzzTableRoundTrip(f *testing.F) {
	f.Add("Mã thủ tục", "1.009645", "Thẩm định kế hoạch\nlựa chọn nhà thầu")
	f.Add("Phí", "50.000 đ", "Bản sao có chứng thực | 1")
	f.Add("Tên", " khoảng trắng ", "a\tb")
	f.Add("_x0041_", "<&>\"'", "=1+1")
	f.Fuzz(func(t *testing.T, head, a, b string) {
		for _, s := range []string{head, a, b} {
			if !storable(s) {
				return
			}
		}
		var buf bytes.Buffer
		if err := WriteTable(&buf, "Danh mục", []string{head}, [][]any{{a, b}}); err != nil {
			t.Fatalf("WriteTable(%q, %q, %q): %v", head, a, b, err)
		}
		rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "")
		if err != nil {
			t.Fatalf("ReadTable of WriteTable(%q, %q, %q): %v", head, a, b, err)
		}
		want := [][]string{{norm.NFC.String(head)}, {norm.NFC.String(a), norm.NFC.String(b)}}
		// ReadTable leaves out trailing empty cells and rows.
		for i := range want {
			for len(want[i]) > 0 && want[i][len(want[i])-1] == "" {
				want[i] = want[i][:len(want[i])-1]
			}
		}
		for len(want) > 0 && len(want[len(want)-1]) == 0 {
			want = want[:len(want)-1]
		}
		if !equalRows(rows, want) {
			t.Fatalf("WriteTable then ReadTable: %q, want %q", rows, want)
		}
	})
}

// storable reports whether s is text the store holds (apperr.Text's rule).
func storable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// TestReadTableUnzipLimit: a small upload that declares a huge sheet (a zip
// bomb) is refused before anything is unpacked, instead of being written
// out to a temporary file of gigabytes (excelize's default limit is 16 GB).
func TestReadTableUnzipLimit(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, size := range map[string]uint64{"[Content_Types].xml": 100, "xl/workbook.xml": 100, "xl/worksheets/sheet1.xml": 4 << 30} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: size, CompressedSize64: 5})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<x/>\n"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := ReadTable(bytes.NewReader(buf.Bytes()), "")
	if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "file" || !strings.Contains(e.EN, "too large") {
		t.Fatalf("ReadTable of a zip bomb: %v, want an invalid file that is too large", err)
	}
}
