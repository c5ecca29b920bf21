package inspection

import (
	"fmt"
	"strings"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/work"
)

// Subject is what an inspection samples.
type Subject string

// The subjects.
const (
	SubjectDossier Subject = "dossier" // hồ sơ thủ tục hành chính
	SubjectTask    Subject = "task"    // nhiệm vụ
	SubjectProject Subject = "project" // dự án đầu tư công
)

var subjectLabels = map[Subject][2]string{
	SubjectDossier: {"Hồ sơ thủ tục hành chính", "Administrative dossiers"},
	SubjectTask:    {"Nhiệm vụ", "Tasks"},
	SubjectProject: {"Dự án đầu tư công", "Public investment projects"},
}

// Subjects lists the subjects in the order a form offers them.
var Subjects = []Subject{SubjectDossier, SubjectTask, SubjectProject}

// Valid reports whether s is one of the subjects.
func (s Subject) Valid() bool { _, ok := subjectLabels[s]; return ok }

// Label names the subject in "vi" or "en".
func (s Subject) Label(lang string) string { return pick(subjectLabels[s], lang) }

// Verdict is the answer of one checklist item for one sampled item.
type Verdict string

// The verdicts. Pending is an item the records cannot decide, waiting for
// the inspector's hand; NA one that does not apply to this item (no
// supplement was asked, so none lacked a reason).
const (
	Pass    Verdict = "pass"
	Fail    Verdict = "fail"
	NA      Verdict = "na"
	Pending Verdict = "pending"
)

var verdictLabels = map[Verdict][2]string{
	Pass:    {"Đạt", "Met"},
	Fail:    {"Không đạt", "Not met"},
	NA:      {"Không áp dụng", "Not applicable"},
	Pending: {"Chưa đánh giá", "Not yet assessed"},
}

// Valid reports whether v is one of the verdicts.
func (v Verdict) Valid() bool { _, ok := verdictLabels[v]; return ok }

// Label names the verdict in "vi" or "en".
func (v Verdict) Label(lang string) string { return pick(verdictLabels[v], lang) }

// Code names one item of the checklist.
type Code string

// The items. The computed ones read the records; the manual ones
// (Criterion.Manual) are the inspector's to answer.
const (
	// Dossiers (NĐ 61/2018, NĐ 107/2021, QĐ 766; TT 01/2018, TT 03/2025).
	StepsInBudget        Code = "steps_in_budget"        // mỗi bước trong thời gian quy định
	ReceiptIssued        Code = "receipt_issued"         // phiếu tiếp nhận (mẫu 01) và các mẫu đúng bộ mẫu
	ApologyBeforeDue     Code = "apology_before_due"     // xin lỗi, hẹn lại trước hạn khi trễ
	SupplementWithReason Code = "supplement_with_reason" // yêu cầu bổ sung nêu rõ lý do, nội dung
	RefusalWithReason    Code = "refusal_with_reason"    // từ chối tiếp nhận nêu rõ lý do
	ResultOnTime         Code = "result_on_time"         // kết quả giải quyết đúng hạn
	PapersArchived       Code = "papers_archived"        // hồ sơ lưu đủ thành phần (by hand)
	ResultLawful         Code = "result_lawful"          // kết quả đúng quy định (by hand)
	// Tasks (QĐ giao việc; NĐ 335/2025 on reviews and delays).
	TaskReviewed       Code = "task_reviewed"        // kết quả được người giao việc nghiệm thu
	TaskOnTime         Code = "task_on_time"         // hoàn thành đúng hạn ban đầu (hoặc miễn trừ)
	ExtensionBeforeDue Code = "extension_before_due" // đề nghị gia hạn trước khi hết hạn
	ReturnsWithReason  Code = "returns_with_reason"  // trả lại có lý do
	ObstaclesResolved  Code = "obstacles_resolved"   // vướng mắc được tháo gỡ
	ProductAsRequired  Code = "product_as_required"  // sản phẩm đúng yêu cầu (by hand)
	// Projects: the records of investment procedure are not congvu's to
	// judge, so every item is the inspector's.
	ProcedureFollowed  Code = "procedure_followed"   // trình tự, thủ tục đầu tư đúng quy định
	SupervisionFiled   Code = "supervision_filed"    // báo cáo giám sát, đánh giá đầy đủ
	DisbursementOnPlan Code = "disbursement_on_plan" // giải ngân theo kế hoạch
)

// Criterion is one item of the checklist as the form prints it.
type Criterion struct {
	Code    Code
	Subject Subject
	Manual  bool // filled by hand: the records cannot say
	VI, EN  string
}

// Criteria lists every checklist item, by subject, in the printed order.
var Criteria = []Criterion{
	{StepsInBudget, SubjectDossier, false, "Mỗi bước xử lý trong thời gian quy định", "Each step within its time budget"},
	{ReceiptIssued, SubjectDossier, false, "Phát hành giấy tiếp nhận và các phiếu đúng bộ mẫu đang áp dụng", "Receipt and forms issued from the form set in force"},
	{ApologyBeforeDue, SubjectDossier, false, "Hồ sơ trễ hạn có văn bản xin lỗi, hẹn lại trước ngày hẹn trả", "A late dossier has its apology before the appointed date"},
	{SupplementWithReason, SubjectDossier, false, "Yêu cầu bổ sung nêu rõ nội dung, lý do", "Supplement requests state what and why"},
	{RefusalWithReason, SubjectDossier, false, "Từ chối tiếp nhận nêu rõ lý do", "Refusals state their reason"},
	{ResultOnTime, SubjectDossier, false, "Kết quả giải quyết trước hoặc đúng hạn", "Result on time or early"},
	{PapersArchived, SubjectDossier, true, "Hồ sơ được lưu đủ thành phần theo quy định", "The dossier's papers are kept in full"},
	{ResultLawful, SubjectDossier, true, "Kết quả giải quyết đúng quy định pháp luật", "The result complies with the law"},
	{TaskReviewed, SubjectTask, false, "Kết quả được người giao việc xem xét, nghiệm thu", "The result was reviewed by the assigner"},
	{TaskOnTime, SubjectTask, false, "Hoàn thành đúng hạn được giao (hoặc có nguyên nhân khách quan được xác nhận)", "Done by the original deadline (or an objective cause confirmed)"},
	{ExtensionBeforeDue, SubjectTask, false, "Đề nghị gia hạn trước khi hết hạn", "Extensions asked before the deadline"},
	{ReturnsWithReason, SubjectTask, false, "Trả lại để làm lại có nêu lý do", "Returns for rework state their reason"},
	{ObstaclesResolved, SubjectTask, false, "Khó khăn, vướng mắc được tháo gỡ", "Obstacles resolved"},
	{ProductAsRequired, SubjectTask, true, "Sản phẩm đúng yêu cầu được giao", "The product is what was asked"},
	{ProcedureFollowed, SubjectProject, true, "Trình tự, thủ tục đầu tư đúng quy định", "The investment procedure was followed"},
	{SupervisionFiled, SubjectProject, true, "Báo cáo giám sát, đánh giá đầu tư đầy đủ, đúng hạn", "Supervision reports filed in full and on time"},
	{DisbursementOnPlan, SubjectProject, true, "Giải ngân theo kế hoạch vốn được giao", "Disbursement follows the capital plan"},
}

// CriterionOf returns the criterion of a code.
func CriterionOf(c Code) (Criterion, bool) {
	for _, k := range Criteria {
		if k.Code == c {
			return k, true
		}
	}
	return Criterion{}, false
}

// Label names the item in "vi" or "en".
func (c Code) Label(lang string) string {
	k, _ := CriterionOf(c)
	return pick([2]string{k.VI, k.EN}, lang)
}

// Check is one item of one sampled item's checklist.
type Check struct {
	Code    Code
	Verdict Verdict
	// Detail says why, in Vietnamese: the late steps, the forms issued,
	// what the inspector wrote.
	Detail string
	Manual bool
}

// manual returns the pending manual items of subject.
func manual(s Subject) []Check {
	var out []Check
	for _, k := range Criteria {
		if k.Subject == s && k.Manual {
			out = append(out, Check{Code: k.Code, Verdict: Pending, Manual: true})
		}
	}
	return out
}

// DossierChecks computes a dossier's checklist from its record, now being
// when the inspection looks (an open dossier past its due is late now).
func DossierChecks(rec dossier.Record, now time.Time) []Check {
	s := rec.State
	var out []Check

	// Each ended step against its own due (StepRecord.Result, by dates).
	var late []string
	ended := 0
	for _, st := range s.Steps {
		if !st.Done() {
			continue
		}
		ended++
		if st.Result == dossier.Late {
			late = append(late, fmt.Sprintf("bước %d (%s)", st.Index+1, st.Name))
		}
	}
	switch {
	case ended == 0:
		out = append(out, Check{Code: StepsInBudget, Verdict: NA, Detail: "Chưa có bước nào kết thúc"})
	case len(late) > 0:
		out = append(out, Check{Code: StepsInBudget, Verdict: Fail, Detail: "Quá thời gian quy định: " + strings.Join(late, ", ")})
	default:
		out = append(out, Check{Code: StepsInBudget, Verdict: Pass, Detail: fmt.Sprintf("%d bước trong thời gian quy định", ended)})
	}

	// The forms: each action that issues one under the set in force for
	// the dossier (kept for its whole life), the receipt first.
	fs := dossier.FormSetFor(calendar.DateOf(firstNonZero(s.ReceivedAt, s.SubmittedAt, rec.CreatedAt)))
	var forms []string
	receipt, missing := false, []string{}
	for _, ev := range rec.Events {
		if ev.Action == dossier.Receive || ev.Action == dossier.Accept {
			receipt = true
		}
		if f, ok := fs.ForAction(ev.Action); ok {
			forms = append(forms, "mẫu "+f.Code())
		} else if ev.Action == dossier.Stop {
			missing = append(missing, "dừng giải quyết (bộ mẫu "+fs.ID+" không có mẫu: văn bản lập tay)")
		}
	}
	switch {
	case s.ReceivedAt.IsZero():
		out = append(out, Check{Code: ReceiptIssued, Verdict: NA, Detail: "Hồ sơ chưa được tiếp nhận"})
	case !receipt:
		out = append(out, Check{Code: ReceiptIssued, Verdict: Fail, Detail: "Không có giấy tiếp nhận và hẹn trả kết quả"})
	default:
		d := "Theo bộ mẫu " + fs.ID + ": " + strings.Join(forms, ", ")
		if len(missing) > 0 {
			d += "; " + strings.Join(missing, "; ")
		}
		out = append(out, Check{Code: ReceiptIssued, Verdict: Pass, Detail: d})
	}

	// Late (finished late, or open past its statutory due): an apology
	// must have been made; Apply refuses one after the appointed date, so
	// one recorded was in time.
	result := dossier.Classify(s)
	open := s.CompletedAt.IsZero() && s.RefusedAt.IsZero() && s.WithdrawnAt.IsZero()
	lateNow := result == dossier.Late || open && !s.StatutoryDue.IsZero() && s.PausedAt == nil && now.After(s.StatutoryDue)
	switch {
	case !lateNow:
		out = append(out, Check{Code: ApologyBeforeDue, Verdict: NA, Detail: "Hồ sơ không trễ hạn"})
	case s.Apologies > 0:
		out = append(out, Check{Code: ApologyBeforeDue, Verdict: Pass, Detail: fmt.Sprintf("%d văn bản xin lỗi, hẹn lại", s.Apologies)})
	default:
		out = append(out, Check{Code: ApologyBeforeDue, Verdict: Fail, Detail: "Trễ hạn mà không có văn bản xin lỗi, hẹn lại"})
	}

	out = append(out, withReason(rec.Events, dossier.RequestSupplement, SupplementWithReason, "yêu cầu bổ sung"))
	out = append(out, withReason(rec.Events, dossier.Refuse, RefusalWithReason, "từ chối tiếp nhận"))

	switch result {
	case dossier.ResultNone:
		out = append(out, Check{Code: ResultOnTime, Verdict: NA, Detail: "Chưa có kết quả"})
	case dossier.Late:
		out = append(out, Check{Code: ResultOnTime, Verdict: Fail, Detail: "Giải quyết quá hạn"})
	default:
		out = append(out, Check{Code: ResultOnTime, Verdict: Pass, Detail: result.Label("vi")})
	}
	return append(out, manual(SubjectDossier)...)
}

// withReason checks that every event of action states its reason.
func withReason(evs []dossier.Event, a dossier.Action, c Code, what string) Check {
	n, bare := 0, 0
	for _, ev := range evs {
		if ev.Action != a {
			continue
		}
		n++
		if strings.TrimSpace(ev.Reason) == "" {
			bare++
		}
	}
	switch {
	case n == 0:
		return Check{Code: c, Verdict: NA, Detail: "Không có " + what}
	case bare > 0:
		return Check{Code: c, Verdict: Fail, Detail: fmt.Sprintf("%d/%d lần %s không nêu lý do", bare, n, what)}
	}
	return Check{Code: c, Verdict: Pass, Detail: fmt.Sprintf("%d lần %s, đều nêu lý do", n, what)}
}

// TaskChecks computes a task's checklist from its history.
func TaskChecks(h work.TaskWithHistory, now time.Time) []Check {
	t := h.Task
	var out []Check
	passed := 0
	for _, r := range h.Reviews {
		if r.Passed {
			passed++
		}
	}
	switch {
	case t.State == work.StateDone && passed > 0:
		out = append(out, Check{Code: TaskReviewed, Verdict: Pass, Detail: fmt.Sprintf("Nghiệm thu sau %d lần xem xét", len(h.Reviews))})
	case t.State == work.StateDone:
		out = append(out, Check{Code: TaskReviewed, Verdict: Fail, Detail: "Hoàn thành mà không có nghiệm thu"})
	case t.State == work.StateSubmitted:
		out = append(out, Check{Code: TaskReviewed, Verdict: NA, Detail: "Đang chờ nghiệm thu"})
	default:
		out = append(out, Check{Code: TaskReviewed, Verdict: NA, Detail: "Chưa trình kết quả"})
	}

	exempt := false
	for _, e := range h.Exemptions {
		if e.Kind == work.ExemptDelay {
			exempt = true
		}
	}
	switch {
	case h.CompletedAt != nil && !h.CompletedAt.After(t.OriginalDeadline):
		out = append(out, Check{Code: TaskOnTime, Verdict: Pass, Detail: "Hoàn thành đúng hạn"})
	case h.CompletedAt == nil && !t.State.Terminal() && !now.After(t.OriginalDeadline):
		out = append(out, Check{Code: TaskOnTime, Verdict: NA, Detail: "Chưa đến hạn"})
	case t.State == work.StateCancelled:
		out = append(out, Check{Code: TaskOnTime, Verdict: NA, Detail: "Nhiệm vụ đã hủy"})
	case exempt:
		out = append(out, Check{Code: TaskOnTime, Verdict: Pass, Detail: "Trễ hạn có nguyên nhân khách quan được xác nhận"})
	default:
		out = append(out, Check{Code: TaskOnTime, Verdict: Fail, Detail: "Trễ so với hạn được giao ban đầu"})
	}

	if len(h.Extensions) == 0 {
		out = append(out, Check{Code: ExtensionBeforeDue, Verdict: NA, Detail: "Không đề nghị gia hạn"})
	} else {
		after := 0
		for _, x := range h.Extensions {
			if x.RequestedAt.After(x.Previous) {
				after++
			}
		}
		if after > 0 {
			out = append(out, Check{Code: ExtensionBeforeDue, Verdict: Fail, Detail: fmt.Sprintf("%d/%d đề nghị gia hạn sau khi đã hết hạn", after, len(h.Extensions))})
		} else {
			out = append(out, Check{Code: ExtensionBeforeDue, Verdict: Pass, Detail: fmt.Sprintf("%d đề nghị gia hạn, đều trước hạn", len(h.Extensions))})
		}
	}

	returns, bare := 0, 0
	for _, r := range h.Reviews {
		if !r.Passed {
			returns++
			if strings.TrimSpace(r.Reason) == "" {
				bare++
			}
		}
	}
	switch {
	case returns == 0:
		out = append(out, Check{Code: ReturnsWithReason, Verdict: NA, Detail: "Không bị trả lại"})
	case bare > 0:
		out = append(out, Check{Code: ReturnsWithReason, Verdict: Fail, Detail: fmt.Sprintf("%d/%d lần trả lại không nêu lý do", bare, returns)})
	default:
		out = append(out, Check{Code: ReturnsWithReason, Verdict: Pass, Detail: fmt.Sprintf("%d lần trả lại, đều nêu lý do", returns)})
	}

	switch open := len(h.OpenObstacles()); {
	case len(h.Obstacles) == 0:
		out = append(out, Check{Code: ObstaclesResolved, Verdict: NA, Detail: "Không có vướng mắc"})
	case open > 0:
		out = append(out, Check{Code: ObstaclesResolved, Verdict: Fail, Detail: fmt.Sprintf("%d/%d vướng mắc chưa được tháo gỡ", open, len(h.Obstacles))})
	default:
		out = append(out, Check{Code: ObstaclesResolved, Verdict: Pass, Detail: fmt.Sprintf("%d vướng mắc đã được tháo gỡ", len(h.Obstacles))})
	}
	return append(out, manual(SubjectTask)...)
}

// ProjectChecks is a project's checklist: every item by hand.
func ProjectChecks() []Check { return manual(SubjectProject) }

// Tally counts the verdicts of a list of checks.
func Tally(cs []Check) map[Verdict]int {
	out := map[Verdict]int{}
	for _, c := range cs {
		out[c.Verdict]++
	}
	return out
}

func firstNonZero(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func pick(l [2]string, lang string) string {
	if lang == "en" {
		return l[1]
	}
	return l[0]
}
