package report

import (
	"io"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// FormData is everything a one-stop form prints. The writers use only the
// fields their form needs; an empty field prints as dots to be filled in by
// hand. Times print in Vietnam (UTC+7) as hh:mm dd/mm/yyyy.
type FormData struct {
	// Agency is the issuing authority (cơ quan chủ quản), "UBND tỉnh Bắc
	// Ninh"; Unit the body that issues the form, "Trung tâm Phục vụ hành
	// chính công" or "Bộ phận tiếp nhận và trả kết quả". Both print in
	// capitals in the header and as written in sentences.
	Agency, Unit string
	// Number is the document number printed as "Số: …", e.g. "125/TNHS".
	Number string
	// Place is the place of the date line: "Bắc Ninh".
	Place string
	// IssuedAt dates the form (the date line) and is the PDF's creation
	// date, which keeps the output deterministic. Zero falls back to
	// ReceivedAt.
	IssuedAt time.Time
	// FormSet is the set of forms of the regime the dossier started under.
	// Leave it zero to take dossier.FormSetFor(the date of ReceivedAt, or
	// of IssuedAt when ReceivedAt is zero).
	FormSet dossier.FormSet

	Code          string // mã hồ sơ
	Applicant     dossier.Applicant
	ProcedureCode string // national code, "1.009645"
	ProcedureName string
	Documents     []DocumentLine // thành phần hồ sơ received
	Sets          int            // số lượng hồ sơ (bộ)
	// StatutoryTime is the processing time under the law, as words:
	// "15 ngày làm việc".
	StatutoryTime string
	ReceivedAt    time.Time
	AppointedAt   time.Time // hẹn trả kết quả
	CollectAt     string    // where the result is collected (nơi trả kết quả)
	Fee           int64     // phí, lệ phí in đồng; 0 prints "Không thu phí, lệ phí"
	FeeMethod     string    // how it was paid: "Nộp tiền mặt", "Thanh toán trực tuyến"
	BookNo        string    // Sổ theo dõi hồ sơ: quyển số
	BookSeq       string    // Sổ theo dõi hồ sơ: số thứ tự
	Officer       string    // the receiving or guiding officer
	OfficerPhone  string
	// LookupURL is printed and drawn as a QR code on the receipt. The
	// receipt is the applicant's own copy: the caller decides whether the
	// URL carries the lookup secret; this package prints what it is given.
	LookupURL string
	// LookupSecret is the applicant's lookup secret, printed beside the
	// code; it exists only when the receipt is printed right after the
	// intake or a reissue (only its HMAC is stored). Empty, the receipt
	// says where to get a new one.
	LookupSecret string

	// Items is the numbered list of papers to add or correct (form 02).
	Items []string
	// Reason is the legal reason for a supplement, the specific reason for
	// a refusal, the cause of a delay or the ground for stopping.
	Reason string
	// SupplementDays is the applicant's deadline for a supplement, in
	// working days; 0 prints no deadline.
	SupplementDays int
	// NewAppointedAt is the new return time of an apology (form 04).
	NewAppointedAt time.Time
	// ProcedureInfoAt says where the applicant can read the procedure, on
	// the refusal: "Cổng Dịch vụ công quốc gia, mã thủ tục 1.009645".
	ProcedureInfoAt string

	// LeadBody and CoBodies head the process-control slip: the body in
	// charge and those consulted.
	LeadBody, CoBodies string
	// Slip holds the rows of the process-control slip, from dossier.Slip.
	Slip []dossier.SlipRow

	// Addressee is the "Kính gửi" line of the apology and the stop notice;
	// empty uses the applicant's name.
	Addressee string
	// SignerTitle and SignerName make the right-hand signature block; an
	// empty title takes the form's usual signer ("NGƯỜI TIẾP NHẬN HỒ SƠ",
	// "THỦ TRƯỞNG CƠ QUAN", …), an empty name takes Officer.
	SignerTitle, SignerName string
}

// DocumentLine is one paper received, as listed on the receipt.
type DocumentLine struct {
	Name     string
	Copy     dossier.CopyKind // bản chính, bản sao có chứng thực, …
	Quantity int
}

// formSet returns the form set the data names or the one in force at intake.
func (d FormData) formSet() dossier.FormSet {
	if d.FormSet.ID != "" {
		return d.FormSet
	}
	at := d.ReceivedAt
	if at.IsZero() {
		at = d.IssuedAt
	}
	if at.IsZero() {
		return dossier.FormSetFor(calendar.Date{Year: 1900, Month: time.January, Day: 1})
	}
	return dossier.FormSetFor(calendar.DateOf(at))
}

// issued returns the date of the form.
func (d FormData) issued() time.Time {
	if !d.IssuedAt.IsZero() {
		return d.IssuedAt
	}
	return d.ReceivedAt
}

// form returns the form of the data's set serving p, or an apperr.Invalid
// error when the set has none (the stop notice under TT 01/2018).
func (d FormData) form(p dossier.Purpose) (dossier.FormSet, dossier.Form, error) {
	fs := d.formSet()
	f, ok := fs.ForPurpose(p)
	if !ok {
		return fs, f, apperr.Invalidf("form", "bộ biểu mẫu %s không có mẫu %q", "the form set %s has no %q form", fs.Basis, string(p))
	}
	return fs, f, nil
}

// WriteForm writes the form serving purpose p under the data's form set:
// the dispatcher behind WriteReceipt, WriteSupplementRequest, WriteRefusal,
// WriteApology, WriteStopNotice and WriteControlSlip. The tracking book has
// rows of its own: see WriteTrackingBook. Errors: apperr.Invalid for a
// purpose the form set lacks; write errors as they come.
func WriteForm(w io.Writer, p dossier.Purpose, d FormData) error {
	switch p {
	case dossier.PurposeReceipt:
		return WriteReceipt(w, d)
	case dossier.PurposeSupplement:
		return WriteSupplementRequest(w, d)
	case dossier.PurposeRefusal:
		return WriteRefusal(w, d)
	case dossier.PurposeApology:
		return WriteApology(w, d)
	case dossier.PurposeStop:
		return WriteStopNotice(w, d)
	case dossier.PurposeSlip:
		return WriteControlSlip(w, d)
	}
	return apperr.Invalidf("form", "không có biểu mẫu %q", "no form %q", string(p))
}
