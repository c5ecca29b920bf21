package report

import (
	"fmt"
	"io"
	"strings"

	"congvu/internal/dossier"
)

// startForm lays out the top of an A5 form serving purpose: header, title
// from the form set in force at intake, then the dossier code.
func startForm(d FormData, purpose dossier.Purpose) (*page, error) {
	fs, f, err := d.form(purpose)
	if err != nil {
		return nil, err
	}
	title := f.Title
	if d.Code != "" {
		title += " " + d.Code
	}
	p, err := newPage(f.Paper, "P", title, d.issued(), footerFor(fs, f))
	if err != nil {
		return nil, err
	}
	p.header(d, 50, true)
	p.title(f.Title)
	return p, nil
}

// unitName is the issuing unit as written in a sentence.
func (d FormData) unitName() string {
	if u := strings.TrimSpace(d.Unit); u != "" {
		return u
	}
	return "Bộ phận tiếp nhận và trả kết quả"
}

// procedure is the procedure as printed: "Name (mã thủ tục 1.009645)".
func (d FormData) procedure() string {
	s := or(d.ProcedureName)
	if d.ProcedureCode != "" {
		s += " (mã thủ tục " + d.ProcedureCode + ")"
	}
	return s
}

// addressee is the "Kính gửi" line.
func (d FormData) addressee() string {
	if d.Addressee != "" {
		return d.Addressee
	}
	return or(d.Applicant.Name)
}

// signerOr is the right-hand signer: the data's, or the form's usual one.
func (d FormData) signerOr(title, hint string) signer {
	if d.SignerTitle != "" {
		title = d.SignerTitle
	}
	name := d.SignerName
	if name == "" {
		name = d.Officer
	}
	return signer{title, hint, name}
}

const signHint = "(Ký và ghi rõ họ tên)"

// applicantLines writes who filed the dossier.
func (p *page) applicantLines(d FormData) {
	a := d.Applicant
	if a.IDNumber != "" {
		label := "Số định danh cá nhân"
		if a.Organization {
			label = "Mã số thuế"
		}
		p.field(label, a.IDNumber, "")
	}
	p.field("Địa chỉ", a.Address, "")
	if a.Email != "" {
		p.line(span{"", "Số điện thoại: "}, span{"", or(a.Phone)}, span{"", "     Email: "}, span{"", a.Email})
	} else {
		p.field("Số điện thoại", a.Phone, "")
	}
}

// applicantName writes "Tiếp nhận hồ sơ của: NAME" within w, the name
// shrunk to fit two lines at most.
func (p *page) applicantName(d FormData, w float64) {
	const label = "Tiếp nhận hồ sơ của: "
	p.font("", p.size)
	lw := p.pdf.GetStringWidth(label) + 1
	lines := p.fitLines("B", p.size, 8, or(d.Applicant.Name), w-lw, 2)
	size, _ := p.pdf.GetFontSize()
	for i, l := range lines {
		p.pdf.SetX(p.left)
		p.font("", p.size)
		if i == 0 {
			p.pdf.CellFormat(lw, p.lh, label, "", 0, "L", false, 0, "")
		} else {
			p.pdf.SetX(p.left + lw)
		}
		p.font("B", size)
		p.pdf.CellFormat(w-lw, p.lh, l, "", 1, "L", false, 0, "")
	}
}

// WriteReceipt writes form 01, the Giấy tiếp nhận hồ sơ và hẹn trả kết quả,
// on A5: the dossier code with a QR code of LookupURL, the applicant, the
// papers received, the statutory time, the times received and appointed,
// where to collect the result, the fee, the entry in the tracking book and
// the signatures of the applicant and the receiving officer. The receipt is
// the applicant's copy, on one page: a long name or address, or many
// papers, shrink the body type (to 80 % at most) rather than push the
// signatures onto a second sheet.
func WriteReceipt(w io.Writer, d FormData) error {
	var p *page
	for _, scale := range []float64{1, 0.95, 0.9, 0.85, 0.8} {
		var err error
		if p, err = layoutReceipt(d, scale); err != nil {
			return err
		}
		if p.pdf.PageNo() == 1 {
			break
		}
	}
	return p.finish(w)
}

// layoutReceipt lays the receipt out with the body type at scale.
func layoutReceipt(d FormData, scale float64) (*page, error) {
	p, err := startForm(d, dossier.PurposeReceipt)
	if err != nil {
		return nil, err
	}
	p.size, p.lh = bodySize*scale, lineH*scale
	pdf := p.pdf

	// The identification block, with the QR code at its right.
	const qrSize = 24.0
	top := pdf.GetY()
	if d.LookupURL != "" {
		pdf.SetRightMargin(p.right + qrSize + 3)
	}
	p.field("Mã hồ sơ", d.Code, "B")
	if d.LookupSecret != "" {
		p.field("Mã tra cứu", d.LookupSecret, "B")
	} else {
		// Only the secret's HMAC is kept: a reprint cannot carry it.
		p.font("I", 8.5)
		pdf.SetX(p.left)
		pdf.MultiCell(p.width-qrSize-3, 3.8, nfc("Mã tra cứu: in trên giấy tiếp nhận cấp lần đầu; nếu mất, đề nghị Bộ phận tiếp nhận cấp lại mã tra cứu."), "", "L", false)
	}
	p.applicantName(d, p.width-qrSize-3)
	p.applicantLines(d)
	pdf.SetRightMargin(p.right)
	if d.LookupURL != "" {
		textEnd := pdf.GetY()
		x := p.left + p.width - qrSize
		if err := p.qrCode(d.LookupURL, x, top, qrSize); err != nil {
			return nil, err
		}
		pdf.SetXY(x-3, top+qrSize)
		p.font("I", 7)
		pdf.CellFormat(qrSize+6, 3, "Quét mã để tra cứu hồ sơ", "", 0, "C", false, 0, "")
		pdf.SetY(max(textEnd, top+qrSize+3.5))
	}
	p.field("Nội dung yêu cầu giải quyết", d.procedure(), "B")

	p.line(span{"", "1. Thành phần hồ sơ nộp gồm:"})
	rows := make([][]string, 0, len(d.Documents))
	for i, doc := range d.Documents {
		q := ""
		if doc.Quantity > 0 {
			q = fmt.Sprint(doc.Quantity)
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), doc.Name, doc.Copy.Label("vi"), q})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"1", blank, "", ""})
	}
	p.table([]column{
		{"STT", 9, "C"},
		{"Tên giấy tờ", p.width - 9 - 34 - 15, "L"},
		{"Hình thức", 34, "L"},
		{"Số lượng", 15, "C"},
	}, rows, 9*scale, false)

	sets := blank
	if d.Sets > 0 {
		sets = fmt.Sprintf("%02d", d.Sets)
	}
	p.line(span{"", "2. Số lượng hồ sơ: "}, span{"", sets + " bộ."})
	p.line(span{"", "3. Thời gian giải quyết hồ sơ theo quy định: "}, span{"", or(d.StatutoryTime) + "."})
	p.line(span{"", "4. Thời gian nhận hồ sơ: "}, span{"B", stamp(d.ReceivedAt)}, span{"", "."})
	p.line(span{"", "5. Thời gian trả kết quả giải quyết hồ sơ: "}, span{"B", stamp(d.AppointedAt)}, span{"", "."})
	p.line(span{"", "6. Đăng ký nhận kết quả tại: "}, span{"", or(d.CollectAt) + "."})
	fee := "Không thu phí, lệ phí"
	if d.Fee > 0 {
		fee = money(d.Fee)
	}
	if d.FeeMethod != "" {
		fee += " (" + d.FeeMethod + ")"
	}
	p.line(span{"", "7. Phí, lệ phí: "}, span{"", fee + "."})
	p.line(span{"I", "Vào Sổ theo dõi hồ sơ, Quyển số: "}, span{"I", or(d.BookNo)},
		span{"I", "   Số thứ tự: "}, span{"I", or(d.BookSeq)})
	if d.LookupURL != "" {
		pdf.SetX(p.left)
		p.font("I", 8)
		pdf.MultiCell(p.width, 3.8, nfc("Tra cứu hồ sơ: "+d.LookupURL), "", "L", false)
	}

	p.signatures(&signer{"Người nộp hồ sơ", signHint, d.Applicant.Name},
		d.signerOr("Người tiếp nhận hồ sơ", signHint))
	return p, nil
}

// WriteSupplementRequest writes form 02, the Phiếu yêu cầu bổ sung, hoàn
// thiện hồ sơ: the numbered list of Items to add or correct, the Reason,
// the applicant's deadline when SupplementDays is set, and the officer to
// contact.
func WriteSupplementRequest(w io.Writer, d FormData) error {
	p, err := startForm(d, dossier.PurposeSupplement)
	if err != nil {
		return err
	}
	p.field("Mã hồ sơ", d.Code, "B")
	p.line(span{"", "Hồ sơ của: "}, span{"B", or(d.Applicant.Name)})
	p.applicantLines(d)
	p.field("Nội dung yêu cầu giải quyết", d.procedure(), "B")
	p.para("", fmt.Sprintf("Ngày %s, %s đã tiếp nhận hồ sơ của Ông/Bà. Sau khi xem xét, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
		dmy(d.ReceivedAt), d.unitName()))
	p.list(d.Items)
	p.line(span{"", "Lý do: "}, span{"", or(d.Reason)})
	if d.SupplementDays > 0 {
		p.para("", fmt.Sprintf("Thời hạn bổ sung, hoàn thiện hồ sơ: trong %d ngày làm việc kể từ ngày nhận Phiếu này.", d.SupplementDays))
	}
	p.para("", fmt.Sprintf("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với %s, số điện thoại %s để được hướng dẫn.",
		or(d.Officer), or(d.OfficerPhone)))
	p.signatures(nil, d.signerOr("Người hướng dẫn", signHint))
	return p.finish(w)
}

// WriteRefusal writes form 03, the Phiếu từ chối tiếp nhận giải quyết hồ
// sơ: the applicant, the procedure, the specific Reason and where to read
// the procedure (ProcedureInfoAt).
func WriteRefusal(w io.Writer, d FormData) error {
	p, err := startForm(d, dossier.PurposeRefusal)
	if err != nil {
		return err
	}
	if d.Code != "" {
		p.field("Mã hồ sơ", d.Code, "B")
	}
	p.line(span{"", d.unitName() + " tiếp nhận hồ sơ của: "}, span{"B", or(d.Applicant.Name)})
	p.applicantLines(d)
	p.field("Nội dung yêu cầu giải quyết", d.procedure(), "B")
	p.para("", "Qua xem xét, "+d.unitName()+" thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:")
	p.para("B", or(d.Reason))
	if d.ProcedureInfoAt != "" {
		p.para("", "Ông/Bà có thể tham khảo quy định của thủ tục hành chính tại: "+d.ProcedureInfoAt+".")
	}
	p.para("", "Xin thông báo để Ông/Bà được biết và thực hiện./.")
	p.signatures(&signer{"Người nộp hồ sơ", signHint, d.Applicant.Name},
		d.signerOr("Người tiếp nhận hồ sơ", signHint))
	return p.finish(w)
}

// WriteApology writes form 04: under TT 01/2018 the Phiếu xin lỗi và hẹn
// lại ngày trả kết quả, under TT 03/2025 the Văn bản xin lỗi và đề nghị gia
// hạn thời gian giải quyết. It states when the dossier was received, its
// code and procedure, the original appointment, the Reason for the delay,
// the apology and the NewAppointedAt, and is signed by the head of the body
// at fault.
func WriteApology(w io.Writer, d FormData) error {
	p, err := startForm(d, dossier.PurposeApology)
	if err != nil {
		return err
	}
	fs := d.formSet()
	p.line(span{"", "Kính gửi: "}, span{"B", d.addressee()})
	p.para("", fmt.Sprintf("Ngày %s, %s tiếp nhận giải quyết hồ sơ của Ông/Bà về thủ tục %s; mã hồ sơ: %s.",
		dmy(d.ReceivedAt), d.unitName(), d.procedure(), or(d.Code)))
	p.line(span{"", "Thời hạn trả kết quả giải quyết hồ sơ: "}, span{"B", stamp(d.AppointedAt)}, span{"", "."})
	p.para("", "Tuy nhiên đến nay, "+d.unitName()+" chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.")
	p.line(span{"", "Lý do: "}, span{"", or(d.Reason)})
	if fs.ID == "TT01/2018" {
		p.para("", "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. "+d.unitName()+" xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào: "+stamp(d.NewAppointedAt)+".")
	} else {
		p.para("", "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. "+d.unitName()+" trân trọng xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ đến: "+stamp(d.NewAppointedAt)+".")
	}
	p.para("", "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.")
	p.signatures(nil, d.signerOr("Thủ trưởng cơ quan", "(Ký, ghi rõ họ tên và đóng dấu)"))
	return p.finish(w)
}

// WriteStopNotice writes form 05 of TT 03/2025, the Thông báo dừng giải
// quyết hồ sơ, with the ground for stopping (Reason). The form does not
// exist under TT 01/2018: asking for it for a dossier received under that
// circular is an apperr.Invalid error.
func WriteStopNotice(w io.Writer, d FormData) error {
	p, err := startForm(d, dossier.PurposeStop)
	if err != nil {
		return err
	}
	p.line(span{"", "Kính gửi: "}, span{"B", d.addressee()})
	p.para("", fmt.Sprintf("Ngày %s, %s tiếp nhận giải quyết hồ sơ của Ông/Bà về thủ tục %s; mã hồ sơ: %s.",
		dmy(d.ReceivedAt), d.unitName(), d.procedure(), or(d.Code)))
	p.para("", d.unitName()+" thông báo dừng giải quyết hồ sơ nêu trên.")
	p.line(span{"", "Lý do: "}, span{"", or(d.Reason)})
	p.para("", "Xin thông báo để Ông/Bà được biết./.")
	p.signatures(nil, d.signerOr("Thủ trưởng cơ quan", "(Ký, ghi rõ họ tên và đóng dấu)"))
	return p.finish(w)
}
