package report

import (
	"bytes"
	"testing"
	"time"
)

// TestEvaluationForm: the evaluation form prints, on one A4 page, the
// person and period, the common criteria, every task with how it counted,
// the formula with its figures, the total and level, and the steps.
func TestEvaluationForm(t *testing.T) {
	f := EvaluationForm{Agency: "UBND tỉnh Bắc Ninh", Unit: "Sở Tài chính tỉnh Bắc Ninh", Place: "Bắc Ninh",
		IssuedAt: time.Date(2026, 4, 2, 3, 0, 0, 0, time.UTC), Person: "Nguyễn Thị Minh Nguyệt", PersonUnit: "Phòng Khoa giáo – Văn xã",
		Period: "Tháng 3/2026", Basis: "Nghị định số 335/2025/NĐ-CP", RuleVersion: "nd335-2026-01", State: "Đã phê duyệt",
		Grade: "Hoàn thành tốt nhiệm vụ (HTTNV)",
		Criteria: [][4]string{{"Chính trị, đạo đức, ý thức tổ chức kỷ luật", "10", "9", "9"}, {"Năng lực, thái độ phục vụ Nhân dân", "10", "9", "8"},
			{"Tinh thần đổi mới, sáng tạo, dám nghĩ, dám làm", "10", "10", "10"}},
		Tasks: [][8]string{{"Tờ trình dự toán ngân sách năm 2027", "2", "20/03/2026", "18/03/2026", "0", "50%", "50%", "50%"},
			{"Báo cáo quý I", "1", "20/03/2026", "23/03/2026 (trễ hạn)", "1", "25%", "18,75%", "18,75%"},
			{"Thẩm định dự án", "1", "20/03/2026", "Chưa", "0", "0%", "0%", "0%"}},
		Formula: "70 × (75% + 68,75% + 68,75%) ÷ 3 = 49,58", CommonTotal: "27", TaskPoints: "49,58", Total: "76,58",
		Notes: []string{"Cách cộng ba mục thành 70 điểm chưa được đối chiếu với văn bản gốc."},
		Steps: []string{"01/04/2026 08:15 — Tự đánh giá — Nguyễn Thị Minh Nguyệt"}, Assessor: "Trần Văn Hùng", Approver: "Nguyễn Văn Thắng"}
	var buf bytes.Buffer
	if err := WriteEvaluationForm(&buf, f); err != nil {
		t.Fatal(err)
	}
	if n := pageCount(buf.Bytes()); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
	if w, h := pageSize(t, buf.Bytes()); w < 209 || w > 211 || h < 296 || h > 298 {
		t.Errorf("page %v × %v mm, want A4", w, h)
	}
	path := writeOut(t, "phieu-danh-gia.pdf", buf.Bytes())
	text, ok := pdftotext(t, path)
	if !ok {
		return
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", "Tháng 3/2026",
		"Nguyễn Thị Minh Nguyệt", "Báo cáo quý I", "18,75%", "70 × (75% + 68,75% + 68,75%) ÷ 3 = 49,58", "27 + 49,58 = 76,58",
		"Hoàn thành tốt nhiệm vụ (HTTNV)", "Tự đánh giá", "NGƯỜI ĐỨNG ĐẦU CƠ QUAN", "Nguyễn Văn Thắng"} {
		if !bytes.Contains([]byte(text), []byte(want)) {
			t.Errorf("the form lacks %q:\n%s", want, text)
		}
	}
}
