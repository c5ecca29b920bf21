package report

import (
	"fmt"
	"io"
	"strings"

	"congvu/internal/inspection"
)

// ConclusionNames are the names the conclusion of an inspection prints,
// which the inspection keeps only as ids.
type ConclusionNames struct {
	Agency, Unit string // "UBND TỈNH BẮC NINH", "SỞ TÀI CHÍNH"
	Place        string
	Units        []string         // the inspected units
	People       map[int64]string // owners of the recommendations
	Lead         string           // the team's lead
}

// InspectionConclusion lays out the conclusion of an inspection (kết luận
// kiểm tra) as an administrative document, as a review is: the scope and
// how the sample was drawn (with its seed, so that anyone may draw it
// again), the checklist's tally by criterion, the findings, the
// conclusion's text and the recommendations with who carries each out by
// when. Before the conclusion it is a draft.
func InspectionConclusion(in inspection.Inspection, n ConclusionNames) ReviewDoc {
	scope := ReviewSection{Heading: "I. PHẠM VI, ĐỐI TƯỢNG KIỂM TRA", Paras: []string{
		fmt.Sprintf("Đơn vị được kiểm tra: %s.", strings.Join(n.Units, "; ")),
		fmt.Sprintf("Đối tượng: %s từ ngày %s đến ngày %s.", strings.ToLower(in.Subject.Label("vi")), ddmmyyyy(in.From), ddmmyyyy(in.To)),
		fmt.Sprintf("Chọn ngẫu nhiên %d trên tổng số %d bằng hạt giống số %d (cùng hạt giống cho lại đúng mẫu này).", len(in.Items), in.Population, in.Seed),
	}}
	tally := ReviewSection{Heading: "II. KẾT QUẢ KIỂM TRA VIỆC CHẤP HÀNH QUY TRÌNH", Head: []string{"Nội dung kiểm tra", "Đạt", "Không đạt", "Không áp dụng"}}
	for _, s := range inspection.Summarize(in.Items) {
		tally.Rows = append(tally.Rows, []string{s.Code.Label("vi"), fmt.Sprint(s.Pass), fmt.Sprint(s.Fail), fmt.Sprint(s.NA + s.Pending)})
	}
	refs := map[int64]string{}
	for _, it := range in.Items {
		refs[it.RefID] = it.Ref
	}
	findings := ReviewSection{Heading: "III. NHỮNG TỒN TẠI, VI PHẠM PHÁT HIỆN QUA KIỂM TRA"}
	for _, f := range in.Findings {
		t := fmt.Sprintf("%d. %s: %s", f.Seq, f.Severity.Label("vi"), f.Text)
		if r := refs[f.RefID]; r != "" {
			t += " (" + r + ")"
		}
		findings.Paras = append(findings.Paras, t)
	}
	if len(findings.Paras) == 0 {
		findings.Paras = []string{"Không phát hiện tồn tại, vi phạm."}
	}
	recs := ReviewSection{Heading: "V. KIẾN NGHỊ", Head: []string{"Kiến nghị", "Người thực hiện", "Hạn", "Nhiệm vụ"}}
	for _, r := range in.Recommendations {
		recs.Rows = append(recs.Rows, []string{fmt.Sprintf("%d. %s", r.Seq, r.Text), n.People[r.OwnerPersonID], ddmmyyyy(r.Due), fmt.Sprintf("#%d", r.TaskID)})
	}
	if len(recs.Rows) == 0 {
		recs = ReviewSection{Heading: "V. KIẾN NGHỊ", Paras: []string{"Không có kiến nghị."}}
	}
	c := in.Conclusion
	signer := c.Signer
	if signer == "" {
		signer = n.Lead
	}
	return ReviewDoc{
		Agency: n.Agency, Unit: n.Unit, Number: c.Number, Place: n.Place, IssuedAt: c.IssuedAt,
		Title: in.Title,
		Sections: []ReviewSection{scope, tally, findings,
			{Heading: "IV. KẾT LUẬN", Paras: paragraphs(c.Text)}, recs},
		Recipients: []string{"Các đơn vị được kiểm tra;", "Giám đốc Sở (để báo cáo);", "Lưu: VT, đoàn kiểm tra."},
		SignerRole: "TRƯỞNG ĐOÀN KIỂM TRA", Signer: signer, Draft: in.Status != inspection.Concluded,
	}
}

// conclusionKind is the name of the document, above its title.
const conclusionKind = "Kết luận kiểm tra"

// WriteConclusionPDF writes the conclusion of an inspection on A4.
func WriteConclusionPDF(w io.Writer, d ReviewDoc) error {
	return writeAdminPDF(w, d, conclusionKind)
}

// WriteConclusionDOCX writes the conclusion of an inspection as a Word
// document in the same layout as a review's, for the team to edit and
// sign as the agency does its documents.
func WriteConclusionDOCX(w io.Writer, d ReviewDoc) error {
	d.Kind = conclusionKind
	return WriteReviewDOCX(w, d)
}
