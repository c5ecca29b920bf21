package report

import (
	"io"
	"time"
)

// EvaluationForm is the filled evaluation form of one civil servant for a
// month or a quarter (phiếu đánh giá, xếp loại chất lượng công chức; NĐ
// 335/2025/NĐ-CP, NĐ 90/2020/NĐ-CP before 2026), every figure already
// written out by the caller in the Vietnamese manner.
type EvaluationForm struct {
	Agency, Unit, Place string    // the issuing body and the date line's place
	IssuedAt            time.Time // the date line and the PDF's creation date
	Person, PersonUnit  string
	Period              string // "Tháng 3/2026"
	Basis, RuleVersion  string
	State, Grade        string
	// Criteria are the common criteria: name, maximum, self-assessed, assessed.
	Criteria [][4]string
	// Tasks are the task lines: title, weight, deadline, completed, returns,
	// quantity, quality, progress (as shares of the item).
	Tasks       [][8]string
	Formula     string // the task points with the figures put in
	CommonTotal string
	TaskPoints  string
	Total       string
	Notes       []string // unit factor, discipline, the unverified parts
	Steps       []string // "02/04/2026 08:15 — Tự đánh giá — Nguyễn Văn A"
	Assessor    string
	Approver    string
}

// WriteEvaluationForm writes the form on A4 portrait: the header of an
// administrative document, the person and period, the common criteria,
// every task and how it counted, the totals and level, the workflow's
// steps, and the signatures of the official, the head and the director.
func WriteEvaluationForm(w io.Writer, f EvaluationForm) error {
	p, err := newPage("A4", "P", "Phiếu đánh giá, xếp loại chất lượng công chức", f.IssuedAt, "Căn cứ: "+f.Basis+" — phiên bản quy tắc "+f.RuleVersion)
	if err != nil {
		return err
	}
	p.header(FormData{Agency: f.Agency, Unit: f.Unit, Place: f.Place, IssuedAt: f.IssuedAt}, 80, true)
	p.title("Phiếu đánh giá, xếp loại chất lượng công chức", f.Period)
	p.field("Họ và tên", f.Person, "B")
	p.field("Đơn vị", f.PersonUnit, "")
	p.field("Trạng thái", f.State, "")
	p.pdf.Ln(1)
	p.line(span{"B", "I. Tiêu chí chung (30 điểm)"})
	rows := make([][]string, 0, len(f.Criteria))
	for _, c := range f.Criteria {
		rows = append(rows, []string{c[0], c[1], c[2], c[3]})
	}
	rows = append(rows, []string{"Cộng", "30", "", f.CommonTotal})
	p.table([]column{{"Tiêu chí", 100, "L"}, {"Tối đa", 22, "C"}, {"Tự đánh giá", 34, "C"}, {"Lãnh đạo đánh giá", 34, "C"}}, rows, 9, false)
	p.line(span{"B", "II. Kết quả thực hiện nhiệm vụ (70 điểm)"})
	rows = rows[:0]
	for _, t := range f.Tasks {
		rows = append(rows, t[:])
	}
	p.table([]column{{"Nhiệm vụ", 54, "L"}, {"Hệ số", 14, "C"}, {"Hạn", 20, "C"}, {"Hoàn thành", 20, "C"}, {"Trả lại", 14, "C"},
		{"Số lượng", 22, "C"}, {"Chất lượng", 24, "C"}, {"Tiến độ", 22, "C"}}, rows, 8, false)
	if f.Formula != "" {
		p.field("Điểm kết quả thực hiện nhiệm vụ", f.Formula, "B")
	}
	p.pdf.Ln(1)
	p.line(span{"B", "III. Tổng điểm và xếp loại"})
	p.field("Tổng điểm", f.CommonTotal+" + "+f.TaskPoints+" = "+f.Total, "B")
	p.field("Mức xếp loại", f.Grade, "B")
	for _, n := range f.Notes {
		p.para("I", n)
	}
	if len(f.Steps) > 0 {
		p.pdf.Ln(1)
		p.line(span{"B", "IV. Quá trình đánh giá"})
		p.list(f.Steps)
	}
	p.signatures(&signer{title: "Lãnh đạo đơn vị", hint: "(Ký, ghi rõ họ tên)", name: f.Assessor},
		signer{title: "Người đứng đầu cơ quan", hint: "(Ký, ghi rõ họ tên, đóng dấu)", name: f.Approver})
	return p.finish(w)
}
