package dossier

// Action is something done to a dossier; each Event records one.
type Action string

// The actions. The form each issues depends on the form set (see forms.go).
const (
	// SubmitOnline: the applicant files on the portal; creates status 1.
	SubmitOnline Action = "submit_online"
	// Receive: the desk takes a dossier in person or by post; creates
	// status 2 directly and starts the clock (form 01).
	Receive Action = "receive"
	// Accept: the desk accepts an online filing, 1 → 2; the clock starts
	// now (form 01).
	Accept Action = "accept"
	// Refuse: the dossier is not accepted, 1 or 2 → 3 (form 03); a reason is
	// required.
	Refuse Action = "refuse"
	// Forward: hand-off to the next step (chuyển xử lý), 2 or 4 → 4, naming
	// the receiving unit and person.
	Forward Action = "forward"
	// RequestSupplement: ask the applicant to add or correct papers, 2 or 4
	// → 5 (form 02); pauses the clock; the list of what to add is required.
	RequestSupplement Action = "request_supplement"
	// ReceiveSupplement: the papers came, 5 → 4; the clock resumes.
	ReceiveSupplement Action = "receive_supplement"
	// RequestPayment: ask the applicant to pay a financial obligation, 2 or
	// 4 → 6; pauses the clock.
	RequestPayment Action = "request_payment"
	// ReceivePayment: the obligation was paid, 6 → 4; the clock resumes.
	ReceivePayment Action = "receive_payment"
	// Stop: processing is stopped (dừng giải quyết), 2, 4, 5 or 6 → 8 (form
	// 05 under TT 03/2025); pauses the clock; a reason is required.
	Stop Action = "stop"
	// Resume: processing continues after a stop, 8 → 4.
	Resume Action = "resume"
	// Apologize: apology and new appointment (xin lỗi và hẹn lại), 2 or 4 →
	// same status (form 04); only before the appointed due, at most
	// Rules.MaxApologies times; a reason and a new due are required.
	Apologize Action = "apologize"
	// Complete: the last step has the result, 2 or 4 → 9.
	Complete Action = "complete"
	// ReturnResult: the desk hands the result over, 9 → 10.
	ReturnResult Action = "return_result"
	// Withdraw: the applicant withdraws the dossier, 1, 2, 4, 5, 6 or 8 → 7.
	Withdraw Action = "withdraw"
	// ReturnForRework: the one entitled to act on a step after the first
	// processing step (typically the head's approval or the leader's
	// signature) sends the dossier back to an earlier processing step
	// (trả lại để xử lý lại), 4 → 4; a reason is required. It is internal
	// to the agency: the clock keeps running (it is not one of the pauses
	// of DOMAIN.md §1.4) and the public timeline does not show it.
	ReturnForRework Action = "return_for_rework"
)

// Actions lists every action in the order they are offered to users.
var Actions = []Action{SubmitOnline, Receive, Accept, Refuse, Forward, RequestSupplement, ReceiveSupplement,
	RequestPayment, ReceivePayment, Stop, Resume, Apologize, Complete, ReturnResult, Withdraw, ReturnForRework,
	Consult, AnswerConsultation, Extend, AppraisalReport}

var actionLabels = map[Action][2]string{
	SubmitOnline:       {"nộp trực tuyến", "submit online"},
	Receive:            {"tiếp nhận trực tiếp", "receive at the desk"},
	Accept:             {"tiếp nhận", "accept"},
	Refuse:             {"từ chối tiếp nhận", "refuse"},
	Forward:            {"chuyển xử lý", "forward"},
	RequestSupplement:  {"yêu cầu bổ sung", "request a supplement"},
	ReceiveSupplement:  {"nhận bổ sung", "receive the supplement"},
	RequestPayment:     {"yêu cầu thực hiện nghĩa vụ tài chính", "request payment"},
	ReceivePayment:     {"xác nhận đã thực hiện nghĩa vụ tài chính", "confirm payment"},
	Stop:               {"dừng giải quyết", "stop"},
	Resume:             {"tiếp tục giải quyết", "resume"},
	Apologize:          {"xin lỗi và hẹn lại", "apologise and set a new date"},
	Complete:           {"hoàn thành xử lý", "complete"},
	ReturnResult:       {"trả kết quả", "return the result"},
	Withdraw:           {"rút hồ sơ", "withdraw"},
	ReturnForRework:    {"trả lại để xử lý lại", "return for rework"},
	Consult:            {"lấy ý kiến các đơn vị", "consult units"},
	AnswerConsultation: {"trả lời ý kiến", "answer the consultation"},
	Extend:             {"gia hạn thời hạn", "extend the time limit"},
	AppraisalReport:    {"lập báo cáo thẩm định", "record the appraisal report"},
}

// Valid reports whether a is a known action.
func (a Action) Valid() bool { _, ok := actionLabels[a]; return ok }

// Label names the action in "vi" or "en".
func (a Action) Label(lang string) string {
	if l := label(actionLabels, a, lang); l != "" {
		return l
	}
	return string(a)
}

// NeedsReason reports whether the action's form must state a reason: the
// refusal (form 03), the supplement request (form 02: what to add and why),
// the apology (form 04: the cause of the delay), the stop notice, and a
// return for rework (what the earlier step must redo).
func (a Action) NeedsReason() bool {
	switch a {
	case Refuse, RequestSupplement, Apologize, Stop, ReturnForRework, AnswerConsultation, Extend, AppraisalReport:
		return true
	}
	return false
}

// Pauses reports whether the action stops the clock.
func (a Action) Pauses() bool { return a == RequestSupplement || a == RequestPayment || a == Stop }

// Resumes reports whether the action restarts the clock.
func (a Action) Resumes() bool { return a == ReceiveSupplement || a == ReceivePayment || a == Resume }
