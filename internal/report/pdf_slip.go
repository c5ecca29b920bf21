package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"congvu/internal/dossier"
)

// WriteControlSlip writes the Phiếu kiểm soát quá trình giải quyết hồ sơ
// (form 05 of TT 01/2018, form 06 of TT 03/2025) on A5: a header naming the
// dossier, the applicant, the procedure, the times received and appointed,
// the lead and consulted bodies; then one row per hand-off from d.Slip —
// the body that gave and the body that took the dossier, the time handed
// over (hh:mm dd/mm/yyyy) with giver and receiver, the result of the step
// (Trước hạn / Đúng hạn / Quá hạn) and the note. The last hand-off of a
// completed dossier goes back to the desk, the body of the first row.
func WriteControlSlip(w io.Writer, d FormData) error {
	p, err := startForm(d, dossier.PurposeSlip)
	if err != nil {
		return err
	}
	p.font("I", 9.5)
	p.pdf.SetX(p.left)
	p.pdf.CellFormat(p.width, 4.5, "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", "", 1, "C", false, 0, "")
	p.pdf.Ln(1)
	p.field("Mã hồ sơ", d.Code, "B")
	p.line(span{"", "Người nộp hồ sơ: "}, span{"B", or(d.Applicant.Name)})
	p.field("Thủ tục hành chính", d.procedure(), "")
	p.line(span{"", "Nhận hồ sơ: "}, span{"", stamp(d.ReceivedAt)}, span{"", "    Hẹn trả kết quả: "}, span{"", stamp(d.AppointedAt)})
	p.field("Cơ quan (bộ phận) giải quyết hồ sơ", d.LeadBody, "")
	p.field("Cơ quan phối hợp giải quyết hồ sơ", d.CoBodies, "")
	p.pdf.Ln(1)

	rows := make([][]string, 0, len(d.Slip))
	for i, r := range d.Slip {
		to := ""
		switch {
		case i+1 < len(d.Slip):
			to = d.Slip[i+1].Body
		case !r.HandedAt.IsZero() && len(d.Slip) > 1:
			to = d.Slip[0].Body
		}
		body := fmt.Sprintf("%d. Giao: %s", i+1, r.Body)
		if to != "" {
			body += "\nNhận: " + to
		}
		when := "Đang giải quyết"
		if !r.HandedAt.IsZero() {
			when = stamp(r.HandedAt) + "\nNgười giao: " + or(r.Giver) + "\nNgười nhận: " + or(r.Receiver)
		}
		result := r.ResultLabel
		if result == "" {
			result = r.Result.Label("vi")
		}
		rows = append(rows, []string{body, when, result, r.Note})
	}
	p.table([]column{
		{"Tên cơ quan", 38, "L"},
		{"Thời gian giao, nhận hồ sơ", 40, "L"},
		{"Kết quả giải quyết hồ sơ (Trước hạn/ Đúng hạn/ Quá hạn)", 26, "C"},
		{"Ghi chú", p.width - 38 - 40 - 26, "L"},
	}, rows, 9, false)
	p.eSignatureHere()
	return p.finish(w)
}

// BookRow is one line of the Sổ theo dõi hồ sơ (form 06 of TT 01/2018,
// form 07 of TT 03/2025). Zero times print empty: the book is filled in as
// the dossier moves.
type BookRow struct {
	No            int
	Code          string
	Procedure     string
	Sets          int
	Applicant     string
	Address       string
	Phone         string
	LeadBody      string    // cơ quan chủ trì giải quyết
	ReceivedAt    time.Time // nhận hồ sơ
	AppointedAt   time.Time // hẹn trả kết quả
	TransferredAt time.Time // chuyển hồ sơ đến cơ quan giải quyết
	ResultBackAt  time.Time // nhận kết quả từ cơ quan giải quyết
	ReturnedAt    time.Time // trả kết quả cho tổ chức, cá nhân
	Signature     string    // ký nhận: usually left blank for a hand signature
	Note          string
}

// bookStamp prints an instant on two lines, time over date, to fit the
// book's narrow columns.
func bookStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strings.Replace(stamp(t), " ", "\n", 1)
}

// WriteTrackingBook writes the Sổ theo dõi hồ sơ on A4 landscape. head
// supplies the issuing body (Agency, Unit), the form set (FormSet, or the
// set in force at head.IssuedAt), the book number (BookNo), Place and
// IssuedAt; rows are printed in order, the column header repeated on every
// page.
func WriteTrackingBook(w io.Writer, head FormData, rows []BookRow) error {
	fs, f, err := head.form(dossier.PurposeBook)
	if err != nil {
		return err
	}
	p, err := newPage(f.Paper, "L", f.Title, head.issued(), footerFor(fs, f))
	if err != nil {
		return err
	}
	p.header(head, 90, false)
	p.title(f.Title, bookSub(head))
	cells := make([][]string, 0, len(rows))
	for i, r := range rows {
		no := r.No
		if no == 0 {
			no = i + 1
		}
		sets := ""
		if r.Sets > 0 {
			sets = fmt.Sprint(r.Sets)
		}
		addr := r.Address
		if r.Phone != "" {
			addr = strings.TrimSpace(addr + "\nĐT: " + r.Phone)
		}
		cells = append(cells, []string{fmt.Sprint(no), r.Code, r.Procedure, sets, r.Applicant, addr, r.LeadBody,
			bookStamp(r.ReceivedAt), bookStamp(r.AppointedAt), bookStamp(r.TransferredAt),
			bookStamp(r.ResultBackAt), bookStamp(r.ReturnedAt), r.Signature, r.Note})
	}
	p.table([]column{
		{"STT", 9, "C"},
		{"Mã hồ sơ", 38, "L"},
		{"Tên thủ tục hành chính", 32, "L"},
		{"Số lượng hồ sơ (bộ)", 12, "C"},
		{"Tên tổ chức, cá nhân", 25, "L"},
		{"Địa chỉ, số điện thoại", 26, "L"},
		{"Cơ quan chủ trì giải quyết", 24, "L"},
		{"Nhận hồ sơ", 17, "C"},
		{"Hẹn trả kết quả", 17, "C"},
		{"Chuyển hồ sơ đến cơ quan giải quyết", 17, "C"},
		{"Nhận kết quả từ cơ quan giải quyết", 17, "C"},
		{"Trả kết quả cho tổ chức, cá nhân", 17, "C"},
		{"Ký nhận", 12, "C"},
		{"Ghi chú", 14, "L"},
	}, cells, 8, true)
	return p.finish(w)
}

// bookSub is the line under the book's title.
func bookSub(head FormData) string {
	s := "Quyển số: " + or(head.BookNo)
	if !head.IssuedAt.IsZero() {
		s += fmt.Sprintf(" — Năm %d", vn(head.IssuedAt).Year())
	}
	return s
}
