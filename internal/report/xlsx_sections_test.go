package report

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// TestWriteDossierReportSections: a line per field and per unit under
// their headings, then the total, which each section adds up to, column by
// column, as read back from the sheet.
func TestWriteDossierReportSections(t *testing.T) {
	from, to := calendar.Date{Year: 2026, Month: time.January, Day: 1}, calendar.Date{Year: 2026, Month: time.March, Day: 31}
	mk := func(online, direct, early, late, open, withdrawn int) dossier.Report {
		var r dossier.Report
		r.Received.Online, r.Received.Direct = online, direct
		r.Received.Total = online + direct
		r.Resolved.Early, r.Resolved.Late, r.Resolved.Total = early, late, early+late
		r.InProgress.Total, r.InProgress.WithinDeadline = open, open
		r.Withdrawn = withdrawn
		return r
	}
	fields := []ReportRow{{"Đầu tư tại Việt Nam", mk(3, 4, 2, 1, 3, 1)}, {"Đấu thầu", mk(1, 2, 1, 0, 2, 0)}}
	units := []ReportRow{{"Phòng Kinh tế đối ngoại", mk(2, 3, 2, 0, 2, 1)}, {"Phòng Đấu thầu", mk(2, 3, 1, 1, 3, 0)}}
	total := dossier.Report{From: from, To: to}
	for _, r := range fields {
		total.Add(r.Report)
	}
	var buf bytes.Buffer
	if err := WriteDossierReportSections(&buf, "Tình hình giải quyết", total, []ReportSection{
		{"I. Theo lĩnh vực", fields}, {"II. Theo đơn vị", units}}); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadTable(bytes.NewReader(buf.Bytes()), "II.06a")
	if err != nil {
		t.Fatal(err)
	}
	// Rows from reportDataRow (8): heading, 2 fields, heading, 2 units, total.
	if len(rows) != 14 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if rows[7][0] != "I. Theo lĩnh vực" || rows[8][1] != "Đầu tư tại Việt Nam" || rows[10][0] != "II. Theo đơn vị" ||
		rows[12][1] != "Phòng Đấu thầu" || rows[13][0] != "Tổng cộng" {
		t.Fatalf("layout %q", rows[7:])
	}
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("not a number: %q", s)
		}
		return n
	}
	for col := 2; col < 2+len(reportColumns); col++ {
		want := num(rows[13][col])
		for _, sec := range [][2]int{{8, 9}, {11, 12}} {
			if got := num(rows[sec[0]][col]) + num(rows[sec[1]][col]); got != want {
				t.Errorf("column %d: lines %d-%d add up to %d, total %d", col+1, sec[0]+1, sec[1]+1, got, want)
			}
		}
	}
	if num(rows[13][2]) != 10 {
		t.Errorf("total received %s, want 10", rows[13][2])
	}
}
