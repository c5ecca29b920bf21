package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/inspection"
)

func TestConclusionPDF(t *testing.T) {
	in := inspection.Inspection{ID: 3, Title: "Kiểm tra việc giải quyết hồ sơ quý I năm 2026", Subject: inspection.SubjectDossier,
		From: calendar.Date{Year: 2026, Month: 1, Day: 1}, To: calendar.Date{Year: 2026, Month: 3, Day: 31}, Population: 120, Seed: 20260401,
		Status: inspection.Concluded,
		Items: []inspection.Item{
			{RefID: 1, Ref: "000.00.15.H27-260105-0001", Checks: []inspection.Check{{Code: inspection.StepsInBudget, Verdict: inspection.Fail}, {Code: inspection.ApologyBeforeDue, Verdict: inspection.Fail}}},
			{RefID: 2, Ref: "000.00.15.H27-260210-0007", Checks: []inspection.Check{{Code: inspection.StepsInBudget, Verdict: inspection.Pass}, {Code: inspection.ApologyBeforeDue, Verdict: inspection.NA}}},
		},
		Findings: []inspection.Finding{{Seq: 1, RefID: 1, Text: "Hồ sơ trễ hạn không có văn bản xin lỗi", Severity: inspection.Major}},
		Recommendations: []inspection.Recommendation{{Seq: 1, Text: "Chấn chỉnh việc xin lỗi khi trễ hạn", OwnerPersonID: 9,
			Due: calendar.Date{Year: 2026, Month: 5, Day: 15}, TaskID: 41}},
		Conclusion: inspection.Conclusion{Number: "03/KL-TTr", On: calendar.Date{Year: 2026, Month: 4, Day: 10}, Signer: "Bùi Văn Khải",
			Text: "Đơn vị cơ bản chấp hành quy trình.\nCòn hồ sơ trễ hạn chưa xin lỗi.", IssuedAt: time.Date(2026, 4, 10, 3, 0, 0, 0, time.UTC)},
	}
	d := InspectionConclusion(in, ConclusionNames{Agency: "UBND tỉnh Bắc Ninh", Unit: "Sở Tài chính", Place: "Bắc Ninh",
		Units: []string{"Phòng Quản lý ngân sách"}, People: map[int64]string{9: "Trần Văn Hùng"}})
	if d.Draft || d.Number != "03/KL-TTr" || len(d.Sections) != 5 || d.Sections[1].Rows[0][2] != "1" {
		t.Fatalf("document %+v", d)
	}
	var doc bytes.Buffer
	if err := WriteConclusionDOCX(&doc, d); err != nil {
		t.Fatal(err)
	}
	docx := docxText(t, doc.Bytes())
	for _, w := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 03/KL-TTr", "KẾT LUẬN KIỂM TRA", "Kiểm tra việc giải quyết hồ sơ quý I năm 2026",
		"hạt giống số 20260401", "Chấn chỉnh việc xin lỗi khi trễ hạn", "15/05/2026", "TRƯỞNG ĐOÀN KIỂM TRA", "Bùi Văn Khải"} {
		if !strings.Contains(docx, w) {
			t.Errorf("the DOCX lacks %q:\n%s", w, docx)
		}
	}
	if strings.Contains(docx, "BÁO CÁO") {
		t.Errorf("the conclusion is titled as a report:\n%s", docx)
	}
	var buf bytes.Buffer
	if err := WriteConclusionPDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	text, ok := pdftotext(t, writeOut(t, "ket-luan-kiem-tra.pdf", buf.Bytes()))
	if !ok {
		return
	}
	for _, w := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 03/KL-TTr", "KẾT LUẬN KIỂM TRA", "hạt giống số 20260401",
		"Hồ sơ trễ hạn không có văn bản xin lỗi", "Trần Văn Hùng", "15/05/2026", "TRƯỞNG ĐOÀN KIỂM TRA", "Bùi Văn Khải"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
}
