package investment

import (
	"strings"

	"congvu/internal/apperr"
	"testing"
	"time"

	"congvu/internal/calendar"
)

var importHeader = []string{"Mã dự án", "Nguồn vốn", "Năm", "Tháng", "Lũy kế giải ngân từ 01/01 đến hết tháng (đồng)", "Ước giải ngân đến hết tháng sau (đồng)"}

func TestParseDong(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		err  error
	}{
		{"1234567", 1234567, nil},
		{"1.234.567", 1234567, nil},
		{"1,234,567", 1234567, nil},
		{"1 234 567 đ", 1234567, nil},
		{"1.234.567 đồng", 1234567, nil},
		{"0", 0, nil},
		{"-0", 0, nil},
		{"1234567.00", 1234567, nil},
		{"1.234.567,00", 1234567, nil},
		{"1.2345678E+10", 12345678000, nil},
		{"", 0, errEmpty},
		{"-5", 0, errNegative},
		{"-1.234.567", 0, errNegative},
		{"12,5", 0, errFraction},
		{"1234.56", 0, errFraction},
		{"1.5E+0", 0, errFraction},
		{"abc", 0, errSyntax},
		{"1.23.4", 0, errSyntax},
		{"1,234.567", 0, errFraction},
		{"99999999999999999999", 0, errRange},
	} {
		got, err := ParseDong(c.in)
		if got != c.want || err != c.err {
			t.Errorf("ParseDong(%q) = %d, %v; want %d, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestParseSheetRows(t *testing.T) {
	for _, c := range []struct {
		name string
		row  []string
		col  string // "" when the row is right
		msg  string // part of the Vietnamese message
	}{
		{"right", []string{"DA-01", "provincial", "2026", "4", "1.000.000", "2.000.000"}, "", ""},
		{"source by name", []string{"DA-01", "Ngân sách tỉnh", "2026", "4", "1000000", "2000000"}, "", ""},
		{"source folded", []string{"DA-01", "ngan sach trung uong", "2026", "4", "1,000,000", "0"}, "", ""},
		{"empty project", []string{"", "provincial", "2026", "4", "1", "1"}, "project", "Chưa ghi mã dự án"},
		{"unknown source", []string{"DA-01", "bonds", "2026", "4", "1", "1"}, "source", "Nguồn vốn “bonds” không có trong danh mục"},
		{"empty source", []string{"DA-01", "", "2026", "4", "1", "1"}, "source", "Chưa ghi nguồn vốn"},
		{"negative", []string{"DA-01", "provincial", "2026", "4", "-5", "1"}, "cumulative_actual", "âm"},
		{"fraction", []string{"DA-01", "provincial", "2026", "4", "1", "2,5"}, "estimate_next", "không phải số nguyên"},
		{"words", []string{"DA-01", "provincial", "2026", "4", "một triệu", "1"}, "cumulative_actual", "không đọc được"},
		{"empty amount", []string{"DA-01", "provincial", "2026", "4", "", "1"}, "cumulative_actual", "Chưa ghi số tiền"},
		{"month 13", []string{"DA-01", "provincial", "2026", "13", "1", "1"}, "month", "từ 1 đến 12"},
		{"bad year", []string{"DA-01", "provincial", "năm nay", "4", "1", "1"}, "year", "Năm “năm nay” không hợp lệ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines, err := ParseDisbursementSheet([][]string{importHeader, c.row})
			if err != nil {
				t.Fatal(err)
			}
			errs := lines[0].Errors
			if c.col == "" {
				if len(errs) > 0 {
					t.Fatalf("errors on a right row: %+v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Column != c.col || errs[0].Row != 2 || !strings.Contains(errs[0].VI, c.msg) || errs[0].EN == "" {
				t.Fatalf("errors = %+v, want one on row 2, column %s, saying %q", errs, c.col, c.msg)
			}
		})
	}
}

func TestMarkDuplicates(t *testing.T) {
	lines, err := ParseDisbursementSheet([][]string{importHeader,
		{"DA-01", "provincial", "2026", "4", "1", "1"},
		{},
		{"DA-01", "Ngân sách tỉnh", "2026", "4", "2", "2"},
		{"DA-01", "provincial", "2026", "2", "2", "2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := MarkDuplicates(lines); n != 1 {
		t.Fatalf("%d rows with errors, want 1: %+v", n, lines)
	}
	if e := lines[1].Errors; len(e) != 1 || e[0].Row != 4 || !strings.Contains(e[0].VI, "Trùng với dòng 2") {
		t.Fatalf("row 4's errors = %+v", e)
	}
}

func TestCellErrors(t *testing.T) {
	lines, _ := ParseDisbursementSheet([][]string{importHeader,
		{"DA-01", "provincial", "2026", "4", "1", "1"},
		{"DA-02", "provincial", "2026", "4", "1", "1"},
		{"DA-03", "oda", "2026", "3", "1", "1"},
		{"DA-04", "oda", "2026", "13", "1", "1"},
	})
	rows := FigureRows(lines)
	if len(rows) != 3 || rows[2].Line != 4 || rows[2].Source != "oda" || rows[2].Month != 3 {
		t.Fatalf("rows %+v", rows)
	}
	n := CellErrors(lines, &BatchError{Rows: []RowError{
		{Index: 1, Line: 3, Err: apperr.Forbiddenf("Dự án thuộc chủ đầu tư khác", "another investor's project")},
		{Index: 2, Line: 4, Err: apperr.Invalidf("cumulative_actual", "Lũy kế giải ngân %s vượt", "above %s", FormatDong(12345678))},
	}})
	if n != 3 || len(lines[0].Errors) != 0 || lines[1].Errors[0].Column != "project" || lines[2].Errors[0].Column != "cumulative_actual" ||
		!strings.Contains(lines[2].Errors[0].VI, "12.345.678 đ") {
		t.Fatalf("%d: %+v", n, lines)
	}
}

func TestParseSheetErrors(t *testing.T) {
	for name, cells := range map[string][][]string{
		"empty":     nil,
		"only head": {importHeader},
		"no source": {{"Mã dự án", "Năm", "Tháng", "Lũy kế giải ngân từ 01/01 đến hết tháng (đồng)", "Ước giải ngân đến hết tháng sau (đồng)"}, {"x"}},
		"blank":     {importHeader, {"", " "}},
	} {
		if _, err := ParseDisbursementSheet(cells); err == nil {
			t.Errorf("%s: no error", name)
		} else if e, ok := err.(*SheetError); !ok || e.VI == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Headers without diacritics, in another order, or as keys.
	lines, err := ParseDisbursementSheet([][]string{{"thang", "nam", "ma du an", "source", "cumulative_actual", "estimate_next"}, {"4", "2026", "DA-01", "oda", "1", "2"}})
	if err != nil || lines[0].Project != "DA-01" || lines[0].Month != 4 || lines[0].Year != 2026 || lines[0].EstimateNext != 2 {
		t.Fatalf("lines %+v, %v", lines, err)
	}
}

func TestLateMonth(t *testing.T) {
	at := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
		return t
	}
	for _, c := range []struct {
		now  string
		want Period
		late bool
	}{
		{"2026-05-14 23:59", Period{2026, 4}, false},
		{"2026-05-15 00:00", Period{2026, 4}, true},
		{"2026-01-20 08:00", Period{2025, 12}, true},
	} {
		p, late := LateMonth(at(c.now))
		if p != c.want || late != c.late {
			t.Errorf("LateMonth(%s) = %v %v, want %v %v", c.now, p, late, c.want, c.late)
		}
	}
	if k := ReminderKey(3, Period{2026, 4}); k != "disbursement_reminder:3:2026-04" {
		t.Errorf("key %q", k)
	}
}

func inv(id int64, name string, pm, local, actual int64) InvestorTotals {
	return InvestorTotals{InvestorID: id, Name: name, Totals: Totals{AssignedByPM: pm, AllocatedLocally: local, CumulativeActual: actual}}
}

func TestRankInvestors(t *testing.T) {
	got := RankInvestors([]InvestorTotals{
		inv(1, "Ban A", 100, 200, 50), // 50% vs PM, 25% local
		inv(2, "Ban B", 100, 100, 80), // 80%, 80%
		inv(3, "Xã C", 0, 0, 0),       // no plan
		inv(4, "Ban D", 200, 160, 40), // 20%, 25%
		inv(5, "Ban E", 0, 100, 10),   // -, 10%
	}, AgainstLocal)
	var order []int64
	var ranks []int
	for _, r := range got {
		order = append(order, r.InvestorID)
		ranks = append(ranks, r.Rank)
	}
	if want := []int64{2, 1, 4, 5, 3}; !equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	if want := []int{1, 2, 2, 4, 0}; !equal(ranks, want) {
		t.Fatalf("ranks %v, want %v", ranks, want)
	}
	byPM := RankInvestors([]InvestorTotals{inv(1, "A", 100, 200, 50), inv(5, "E", 0, 100, 10), inv(2, "B", 100, 100, 80)}, ParseDenominator("pm"))
	if byPM[0].InvestorID != 2 || byPM[2].InvestorID != 5 || byPM[2].Rank != 0 || byPM[0].RateVsPM() != 0.8 {
		t.Fatalf("by PM %+v", byPM)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBuildForm01a(t *testing.T) {
	f := BuildForm01a(Period{2026, 4}, []Form01aInput{
		{ProjectCode: "B", Source: "provincial", Totals: Totals{0, 100, 40, 60}},
		{ProjectCode: "A", Source: "provincial", Totals: Totals{0, 100, 10, 20}},
		{ProjectCode: "C", Source: "central", Totals: Totals{200, 100, 50, 100}},
	})
	if len(f.Sections) != 2 || f.Sections[0].Source != "central" || f.Sections[1].Roman != "II" || f.Sections[1].Lines[0].ProjectCode != "A" {
		t.Fatalf("sections %+v", f.Sections)
	}
	if f.Sections[1].Total.CumulativeActual != 50 || f.Total != (Totals{200, 300, 100, 180}) {
		t.Fatalf("totals %+v %+v", f.Sections[1].Total, f.Total)
	}
	if r := f.Total.RateVsLocal(); r != 100.0/300 {
		t.Fatalf("rate %v", r)
	}
}
