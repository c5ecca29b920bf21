package store_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
)

// FuzzParseCatalogueRows feeds the catalogue import any sheet (rows split
// on U+001E, cells on U+001F, so that cells may hold new lines as the
// documents and steps columns do). A refusal is a *CatalogueError naming a
// real row and column of every wrong cell; what is accepted is valid, of
// the importing agency, with steps in current units, and survives an export
// (CatalogueRows, WriteTable, ReadTable) and a second import unchanged.
func FuzzParseCatalogueRows(f *testing.F) {
	header := "Mã thủ tục (code)\x1fTên thủ tục (name)\x1fLĩnh vực (field)\x1fMức độ (level)\x1fThời hạn (time limit)\x1fĐơn vị tính (unit)\x1fNhận sau 15 giờ\x1fPhí\x1fHiệu lực từ\x1fThành phần hồ sơ\x1fQuy trình"
	for _, rows := range []string{
		"1.009645\x1fThẩm định kế hoạch lựa chọn nhà thầu\x1fĐấu thầu\x1fMột phần\x1f20\x1fngày làm việc\x1fcó\x1f0\x1f01/01/2025\x1f" +
			"Tờ trình đề nghị | Bản chính | 1\nBáo cáo thẩm định | Bản sao có chứng thực | 2\x1f" +
			"Tiếp nhận | VP | clerk | 0,5\nThẩm định | ĐT | Chuyên viên | 18,5\nTrả kết quả | 3 | clerk | 1",
		"2.001234\x1fCấp giấy phép xây dựng\x1f\x1fToàn trình\x1f15\x1fngày\x1fkhông\x1f50.000 đ\x1f2025-03-01\x1f\x1fTiếp nhận | | | 1",
		"1.009645\x1fThẩm định\x1f\x1fbốn\x1fnửa\x1ftuần\x1fcó lẽ\x1f-5\x1f30/02/2025\x1fTờ trình | bản nháp | 0\x1fThẩm định | Văn phòng | giám đốc | x",
		"1.009645\x1fThẩm định\x1f\x1f3\x1f1e308\x1fworking days\x1f1\x1f99999999999999999999\x1f1/1/2025\x1f\x1fBước | Phòng cũ | | 1",
		"\x1f\x1f\n\x1e  \x1f\t",
	} {
		f.Add(header + "\x1e" + rows)
	}
	f.Add("")
	tree := fuzzTree()
	const agency = 1
	f.Fuzz(func(t *testing.T, sheet string) {
		var rows [][]string
		if sheet != "" {
			for _, line := range strings.Split(sheet, "\x1e") {
				rows = append(rows, strings.Split(line, "\x1f"))
			}
		}
		procs, err := store.ParseCatalogueRows(tree, agency, rows)
		if err != nil {
			var ce *store.CatalogueError
			if !errors.As(err, &ce) || !apperr.Is(err, apperr.Invalid) || len(ce.Rows) == 0 {
				t.Fatalf("%q: %T %v is not a CatalogueError", sheet, err, err)
			}
			for _, re := range ce.Rows {
				if re.Row < 1 || re.Row > max(len(rows), 2) || !slices.Contains(catalogueKeys, re.Column) || re.VI == "" || re.EN == "" {
					t.Fatalf("%q: row error %+v names no cell of the sheet", sheet, re)
				}
			}
			return
		}
		for _, p := range procs {
			if err := p.Validate(); err != nil || p.AgencyID != agency {
				t.Fatalf("%q: accepted %+v, which is invalid (%v) or of agency %d", sheet, p, err, p.AgencyID)
			}
			for _, s := range p.Steps {
				if u, ok := tree.Unit(s.UnitID); s.UnitID != 0 && (!ok || !u.Current()) {
					t.Fatalf("%q: step %q in unit %d, which is not current", sheet, s.Name, s.UnitID)
				}
			}
		}
		var buf bytes.Buffer
		headers := strings.Split(header, "\x1f")
		if err := report.WriteTable(&buf, store.CatalogueSheet, headers, store.CatalogueRows(tree, procs)); err != nil {
			t.Fatalf("%q: export: %v", sheet, err)
		}
		back, err := report.ReadTable(bytes.NewReader(buf.Bytes()), "")
		if err != nil {
			t.Fatalf("%q: reading the export: %v", sheet, err)
		}
		again, err := store.ParseCatalogueRows(tree, agency, back)
		if err != nil || !reflect.DeepEqual(again, procs) {
			t.Fatalf("%q: imported %+v; its export %q imports as %+v, %v", sheet, procs, back, again, err)
		}
	})
}

// catalogueKeys are the sheet's column keys, which row errors name.
var catalogueKeys = []string{"code", "name", "field", "level", "limit", "unit", "after_15h", "fee", "effective_from", "documents", "steps"}

// fuzzTree is an agency with a desk, two divisions (one ended) and a
// neighbouring agency whose division shares a name with the desk.
func fuzzTree() *org.Tree {
	p := func(id int64) *int64 { return &id }
	ended := "2024-12-31"
	return org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Code: "000.00.06.H56", Name: "Sở Tài chính", ShortName: "STC", ValidFrom: "2020-01-01"},
		{ID: 2, AgencyID: 1, ParentID: p(1), Kind: org.KindDivision, Name: "Phòng Đấu thầu", ShortName: "ĐT", ValidFrom: "2020-01-01"},
		{ID: 3, AgencyID: 1, ParentID: p(1), Kind: org.KindDesk, Name: "Văn phòng", ShortName: "VP", ValidFrom: "2020-01-01"},
		{ID: 4, AgencyID: 1, ParentID: p(1), Kind: org.KindDivision, Name: "Phòng cũ", ValidFrom: "2020-01-01", ValidTo: &ended},
		{ID: 10, AgencyID: 10, Kind: org.KindAgency, Code: "000.00.07.H56", Name: "Sở Xây dựng", ShortName: "SXD", ValidFrom: "2020-01-01"},
		{ID: 11, AgencyID: 10, ParentID: p(10), Kind: org.KindDivision, Name: "Văn phòng", ValidFrom: "2020-01-01"},
	})
}
