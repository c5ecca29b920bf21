package dossier

import (
	"fmt"
	"time"

	"congvu/internal/calendar"
)

// Purpose is what a one-stop form is for, independent of its number, which
// changed between the form sets.
type Purpose string

// The purposes.
const (
	PurposeReceipt    Purpose = "receipt"    // Giấy tiếp nhận hồ sơ và hẹn trả kết quả
	PurposeSupplement Purpose = "supplement" // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
	PurposeRefusal    Purpose = "refusal"    // Phiếu từ chối tiếp nhận giải quyết hồ sơ
	PurposeApology    Purpose = "apology"    // xin lỗi và hẹn lại / đề nghị gia hạn
	PurposeStop       Purpose = "stop"       // Thông báo dừng giải quyết hồ sơ (TT 03/2025 only)
	PurposeSlip       Purpose = "slip"       // Phiếu kiểm soát quá trình giải quyết hồ sơ
	PurposeBook       Purpose = "book"       // Sổ theo dõi hồ sơ
)

// Form is one printed form (biểu mẫu) of a form set.
type Form struct {
	Number  int // 1–7, printed as "Mẫu số 01"
	Purpose Purpose
	Title   string // Vietnamese title, as in the circular
	TitleEN string
	Paper   string // "A5"; the tracking book "A4" [law]
	// Actions are the actions that issue the form; none for the slip and
	// the tracking book, which are kept rather than issued.
	Actions []Action
}

// Code returns the form's number as printed: "01".
func (f Form) Code() string { return fmt.Sprintf("%02d", f.Number) }

// FormSet is the set of one-stop forms of one circular, in force from a date.
type FormSet struct {
	ID            string // "TT01/2018", "TT03/2025"
	Basis         string // the circular, in full
	EffectiveFrom calendar.Date
	Forms         []Form
}

// ForAction returns the form an action issues under this set, if any: stop
// has a form only under TT 03/2025.
func (fs FormSet) ForAction(a Action) (Form, bool) {
	for _, f := range fs.Forms {
		for _, x := range f.Actions {
			if x == a {
				return f, true
			}
		}
	}
	return Form{}, false
}

// ForPurpose returns the form serving a purpose under this set, if any.
func (fs FormSet) ForPurpose(p Purpose) (Form, bool) {
	for _, f := range fs.Forms {
		if f.Purpose == p {
			return f, true
		}
	}
	return Form{}, false
}

// FormSets returns the form sets in force over time, oldest first
// (DOMAIN.md §1.1). It returns fresh values each call: callers may keep and
// change them.
func FormSets() []FormSet {
	receipt := Form{1, PurposeReceipt, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Receipt and appointment slip", "A5", []Action{Receive, Accept}}
	supplement := Form{2, PurposeSupplement, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Request to supplement and complete the dossier", "A5", []Action{RequestSupplement}}
	refusal := Form{3, PurposeRefusal, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Refusal to accept the dossier", "A5", []Action{Refuse}}
	const slipVI, slipEN = "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Process-control slip"
	const bookVI, bookEN = "Sổ theo dõi hồ sơ", "Dossier tracking book"
	return []FormSet{{
		ID:    "TT01/2018",
		Basis: "Thông tư 01/2018/TT-VPCP",
		// Signed 23/11/2018, in force from 08/01/2019 (UNVERIFIED): only a
		// label, as FormSetFor gives this set to any date before the next.
		EffectiveFrom: calendar.Date{Year: 2019, Month: time.January, Day: 8},
		Forms: []Form{receipt, supplement, refusal,
			{4, PurposeApology, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "Apology and new appointment slip", "A5", []Action{Apologize}},
			{5, PurposeSlip, slipVI, slipEN, "A5", nil},
			{6, PurposeBook, bookVI, bookEN, "A4", nil},
		},
	}, {
		ID:            "TT03/2025",
		Basis:         "Thông tư 03/2025/TT-VPCP",
		EffectiveFrom: calendar.Date{Year: 2025, Month: time.September, Day: 15},
		Forms: []Form{receipt, supplement, refusal,
			{4, PurposeApology, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", "Letter of apology and request to extend the processing time", "A5", []Action{Apologize}},
			{5, PurposeStop, "Thông báo dừng giải quyết hồ sơ", "Notice of stopping the processing of the dossier", "A5", []Action{Stop}},
			{6, PurposeSlip, slipVI, slipEN, "A5", nil},
			{7, PurposeBook, bookVI, bookEN, "A4", nil},
		},
	}}
}

// FormSetFor returns the form set for a dossier received on intake: the
// latest set in force on that day, and the oldest for any earlier day. A
// dossier keeps its set for its whole life.
func FormSetFor(intake calendar.Date) FormSet {
	sets := FormSets()
	out := sets[0]
	for _, fs := range sets[1:] {
		if !fs.EffectiveFrom.After(intake) {
			out = fs
		}
	}
	return out
}
