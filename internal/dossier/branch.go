package dossier

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// StepKind is what a step is besides a hand-off from one holder to the next.
type StepKind string

// The kinds of step.
const (
	// StepPlain is the ordinary step: one unit holds the dossier.
	StepPlain StepKind = ""
	// StepParallel is a step of several concurrent branches: the handler
	// asks several units at once (lấy ý kiến), each with its own time in
	// working days; the dossier waits at the step until every branch is
	// answered or its time is up. Luật Đầu tư công 58/2024/QH15 and NĐ
	// 85/2025/NĐ-CP have the appraising body consult the bodies concerned;
	// the same machinery carries any step of concurrent opinions.
	StepParallel StepKind = "parallel"
	// StepReport is the step whose holder records the conclusion of the
	// work (the appraisal report, báo cáo thẩm định): the dossier cannot
	// leave it before one is recorded.
	StepReport StepKind = "report"
)

// Valid reports whether k is a known kind of step.
func (k StepKind) Valid() bool { return k == StepPlain || k == StepParallel || k == StepReport }

// The step actions: they act on the step a dossier is at and leave its
// national status as it is (they are none of the portal's transitions).
const (
	// Consult opens branches at a parallel step: the units asked and the
	// working days each has (lấy ý kiến). Further units may be asked later
	// while the dossier is at the step.
	Consult Action = "consult"
	// AnswerConsultation records one consulted unit's answer: the opinion
	// (Reason), agree or disagree (Verdict), optionally a file; taken by
	// someone of that unit (CanAnswer). An answer after the branch's time
	// is recorded, and judged late.
	AnswerConsultation Action = "answer_consultation"
	// Extend extends the dossier's time limit (gia hạn) by ExtendDays, at
	// most the limit's own length, at most Procedure.MaxExtensions times,
	// before the due; a reason is required.
	Extend Action = "extend"
	// AppraisalReport records the conclusion at a report step: agree,
	// agree with conditions or disagree (Verdict), its text (Reason) and
	// optionally the signed report as a file.
	AppraisalReport Action = "appraisal_report"
)

// stepActions are the statuses each step action may be taken in.
var stepActions = map[Action][]Status{
	Consult:            {StatusProcessing},
	AnswerConsultation: {StatusProcessing, StatusSupplement},
	Extend:             {StatusReceived, StatusProcessing},
	AppraisalReport:    {StatusProcessing},
}

func stepActionIn(s Status, a Action) bool {
	for _, x := range stepActions[a] {
		if x == s {
			return true
		}
	}
	return false
}

// Verdict is the gist of an answer or a conclusion.
type Verdict string

// The verdicts: a consulted unit agrees or disagrees; an appraisal report
// concludes agree, agree with conditions, or disagree.
const (
	VerdictAgree       Verdict = "agree"       // Đồng ý
	VerdictConditional Verdict = "conditional" // Đồng ý có điều kiện
	VerdictDisagree    Verdict = "disagree"    // Không đồng ý
)

var verdictLabels = map[Verdict][2]string{
	VerdictAgree:       {"Đồng ý", "Agree"},
	VerdictConditional: {"Đồng ý có điều kiện", "Agree with conditions"},
	VerdictDisagree:    {"Không đồng ý", "Disagree"},
}

// Label names the verdict in "vi" or "en".
func (v Verdict) Label(lang string) string { return label(verdictLabels, v, lang) }

// BranchAsk is one unit asked on consult, with its time in working days.
type BranchAsk struct {
	UnitID int64
	Days   float64
}

// Branch is one consulted unit at a parallel step, as the history leaves it.
type Branch struct {
	Step    int // the index of the parallel step
	UnitID  int64
	AskedAt time.Time
	AskedBy Person
	Days    float64
	// Due is AskedAt plus Days of working time, moved by the dossier's
	// pauses as the step's own due is.
	Due        time.Time
	AnsweredAt time.Time // zero while unanswered
	AnsweredBy Person
	Verdict    Verdict
	Opinion    string
	FileID     int64
	// Closed says the step ended: an unanswered closed branch is recorded
	// as no answer (không có ý kiến), late.
	Closed bool
}

// Answered reports whether the unit answered.
func (b Branch) Answered() bool { return !b.AnsweredAt.IsZero() }

// Result judges the branch: an answer by dates against its due (early, on
// time, late); no answer at the end of the step is late; open and
// unanswered, within the deadline or overdue at now.
func (b Branch) Result(now time.Time) Result {
	switch {
	case b.Answered():
		return ByDates(b.AnsweredAt, b.Due)
	case b.Closed:
		return Late
	case calendar.DateOf(b.Due).Before(calendar.DateOf(now)):
		return Overdue
	}
	return WithinDeadline
}

// Late reports whether the branch is, or was, late at now.
func (b Branch) Late(now time.Time) bool { r := b.Result(now); return r == Late || r == Overdue }

// Conclusion is the result recorded at a report step.
type Conclusion struct {
	Step    int
	Verdict Verdict
	Text    string
	FileID  int64
	At      time.Time
	By      Person
}

// OpenBranches returns the branches of the current step not yet answered
// and not closed.
func (s State) OpenBranches() []Branch {
	var out []Branch
	for _, b := range s.Branches {
		if b.Step == s.CurrentStep && !b.Closed && !b.Answered() {
			out = append(out, b)
		}
	}
	return out
}

// StepBranches returns the branches asked at the current step in this pass.
func (s State) StepBranches() []Branch {
	var out []Branch
	for _, b := range s.Branches {
		if b.Step == s.CurrentStep && !b.Closed {
			out = append(out, b)
		}
	}
	return out
}

// waiting reports whether the dossier must still wait at a parallel step
// at now: no unit was asked yet, or one is unanswered with time left.
func (s State) waiting(p Procedure, now time.Time) bool {
	if s.CurrentStep >= len(p.Steps) || p.Steps[s.CurrentStep].Kind != StepParallel {
		return false
	}
	asked := s.StepBranches()
	if len(asked) == 0 {
		return true
	}
	for _, b := range asked {
		if !b.Answered() && now.Before(b.Due) {
			return true
		}
	}
	return false
}

// reportMissing reports whether the current step is a report step with no
// conclusion recorded in this pass.
func (s State) reportMissing(p Procedure) bool {
	if s.CurrentStep >= len(p.Steps) || p.Steps[s.CurrentStep].Kind != StepReport {
		return false
	}
	r, ok := s.Current()
	return !ok || s.Report == nil || s.Report.Step != s.CurrentStep || s.Report.At.Before(r.StartedAt)
}

// stepActionsAllowed returns the step actions possible now, in the order of
// Actions.
func (s State) stepActionsAllowed(p Procedure, now time.Time) []Action {
	var out []Action
	kind := StepPlain
	if s.CurrentStep < len(p.Steps) {
		kind = p.Steps[s.CurrentStep].Kind
	}
	for _, a := range []Action{Consult, AnswerConsultation, Extend, AppraisalReport} {
		if !stepActionIn(s.Status, a) {
			continue
		}
		switch {
		case a == Consult && kind != StepParallel,
			a == AnswerConsultation && len(s.OpenBranches()) == 0,
			a == Extend && (s.Extensions >= p.MaxExtensions || !now.Before(s.StatutoryDue)),
			a == AppraisalReport && kind != StepReport:
			continue
		}
		out = append(out, a)
	}
	return out
}

// checkBranchEvent validates the step actions' own fields.
func (ev *Event) checkBranchEvent() error {
	if len(ev.Branches) > 0 && ev.Action != Consult {
		return apperr.Invalidf("branches", "chỉ khi lấy ý kiến mới nêu đơn vị được hỏi", "only a consultation names units to ask")
	}
	if ev.ExtendDays != 0 && ev.Action != Extend {
		return apperr.Invalidf("extend_days", "chỉ khi gia hạn mới nêu số ngày gia hạn", "only an extension has days to add")
	}
	if ev.Limit != nil && ev.Action != Receive && ev.Action != Accept {
		return apperr.Invalidf("limit", "thời hạn riêng của hồ sơ chỉ đặt khi tiếp nhận", "a dossier's own time limit is set only at receipt")
	}
	if ev.Limit != nil {
		if err := ev.Limit.Validate(); err != nil {
			return calendarErr("limit", err)
		}
	}
	if ev.FileID < 0 || ev.FileID != 0 && ev.Action != AnswerConsultation && ev.Action != AppraisalReport {
		return apperr.Invalidf("file_id", "chỉ ý kiến hoặc báo cáo thẩm định mới kèm tệp", "only an answer or a report carries a file")
	}
	switch ev.Action {
	case Consult:
		if len(ev.Branches) == 0 {
			return apperr.Invalidf("branches", "cần chọn ít nhất một đơn vị để lấy ý kiến", "choose at least one unit to consult")
		}
		if len(ev.Branches) > 50 {
			return apperr.Invalidf("branches", "lấy ý kiến tối đa 50 đơn vị một lần", "at most 50 units at once")
		}
		seen := map[int64]bool{}
		for _, b := range ev.Branches {
			if b.UnitID <= 0 || seen[b.UnitID] {
				return apperr.Invalidf("branches", "đơn vị được hỏi không hợp lệ hoặc bị trùng", "a consulted unit is invalid or repeated")
			}
			seen[b.UnitID] = true
			if !(b.Days > 0) || b.Days > 366 {
				return apperr.Invalidf("branches", "thời hạn trả lời phải từ 0,5 đến 366 ngày làm việc", "the time to answer must be more than 0 and at most 366 working days")
			}
		}
	case AnswerConsultation:
		if ev.Verdict != VerdictAgree && ev.Verdict != VerdictDisagree {
			return apperr.Invalidf("verdict", "cần chọn đồng ý hoặc không đồng ý", "choose agree or disagree")
		}
		if ev.UnitID <= 0 {
			return apperr.Invalidf("unit_id", "cần nêu đơn vị trả lời", "the answering unit is required")
		}
	case AppraisalReport:
		if _, ok := verdictLabels[ev.Verdict]; !ok {
			return apperr.Invalidf("verdict", "cần chọn kết luận: đồng ý, đồng ý có điều kiện hoặc không đồng ý", "choose the conclusion: agree, agree with conditions or disagree")
		}
	case Extend:
		if !(ev.ExtendDays > 0) || ev.ExtendDays > 10000 {
			return apperr.Invalidf("extend_days", "số ngày gia hạn phải lớn hơn 0", "the extension needs more than 0 days")
		}
	default:
		if ev.Verdict != "" {
			return apperr.Invalidf("verdict", "chỉ ý kiến hoặc báo cáo thẩm định mới có kết luận", "only an answer or a report has a verdict")
		}
	}
	return nil
}

// consult opens the branches of a parallel step.
func (s *State) consult(p Procedure, cal *calendar.Calendar, ev Event, rules Rules) error {
	if p.Steps[s.CurrentStep].Kind != StepParallel {
		return s.stateConflict(p, rules, ev, "Bước hiện tại không phải bước lấy ý kiến", "The current step is not a consultation step")
	}
	open := map[int64]bool{}
	for _, b := range s.StepBranches() {
		open[b.UnitID] = true
	}
	for _, a := range ev.Branches {
		if open[a.UnitID] {
			return apperr.Invalidf("branches", "đơn vị số %d đã được lấy ý kiến ở bước này", "unit %d was already consulted at this step", a.UnitID)
		}
		due, err := cal.AddWorkingDays(ev.At, a.Days)
		if err != nil {
			return calendarErr("branches", err)
		}
		s.Branches = append(s.Branches, Branch{Step: s.CurrentStep, UnitID: a.UnitID, AskedAt: ev.At,
			AskedBy: Person{ev.ActorID, ev.ActorName}, Days: a.Days, Due: due})
	}
	return nil
}

// answer records a consulted unit's answer.
func (s *State) answer(p Procedure, ev Event, rules Rules) error {
	for i := range s.Branches {
		b := &s.Branches[i]
		if b.Step != s.CurrentStep || b.Closed || b.UnitID != ev.UnitID {
			continue
		}
		if b.Answered() {
			return s.stateConflict(p, rules, ev, "Đơn vị này đã trả lời ý kiến", "This unit has already answered")
		}
		if strings.TrimSpace(ev.Reason) == "" {
			return apperr.Invalidf("reason", "cần ghi nội dung ý kiến", "the opinion is required")
		}
		b.AnsweredAt, b.AnsweredBy = ev.At, Person{ev.ActorID, ev.ActorName}
		b.Verdict, b.Opinion, b.FileID = ev.Verdict, ev.Reason, ev.FileID
		return nil
	}
	return s.stateConflict(p, rules, ev, "Đơn vị này không được lấy ý kiến ở bước hiện tại", "This unit is not consulted at the current step")
}

// leaveStep checks that the dossier may leave a parallel or report step at
// the event and closes the step's branches: the unanswered ones are
// recorded as no answer.
func (s *State) leaveStep(p Procedure, ev Event, rules Rules) error {
	if s.waiting(p, ev.At) {
		if len(s.StepBranches()) == 0 {
			return s.stateConflict(p, rules, ev, "Chưa lấy ý kiến đơn vị nào ở bước này", "No unit has been consulted at this step yet")
		}
		return s.stateConflict(p, rules, ev, "Còn đơn vị chưa trả lời ý kiến và chưa hết hạn trả lời: hãy chờ",
			"A consulted unit has not answered and its time is not up yet: wait for it")
	}
	if s.reportMissing(p) {
		return s.stateConflict(p, rules, ev, "Chưa có báo cáo thẩm định: hãy ghi kết luận trước", "No report recorded yet: record the conclusion first")
	}
	for i := range s.Branches {
		if s.Branches[i].Step == s.CurrentStep {
			s.Branches[i].Closed = true
		}
	}
	return nil
}

// extend moves the dossier's dues by an extension.
func (s *State) extend(p Procedure, cal *calendar.Calendar, ev Event, rules Rules) error {
	if s.Extensions >= p.MaxExtensions {
		if p.MaxExtensions == 0 {
			return s.stateConflict(p, rules, ev, "Thủ tục này không cho gia hạn", "This procedure allows no extension")
		}
		return s.stateConflict(p, rules, ev, "Hồ sơ đã được gia hạn đủ số lần cho phép (một lần)", "The dossier has already been extended as many times as allowed (once)")
	}
	if !ev.At.Before(s.StatutoryDue) {
		return s.stateConflict(p, rules, ev, "Chỉ gia hạn được trước khi hết thời hạn "+stamp(s.StatutoryDue),
			"An extension must come before the time limit ends, "+stamp(s.StatutoryDue))
	}
	l := s.Limit
	if ev.ExtendDays > l.Value {
		return apperr.Invalidf("extend_days", "gia hạn tối đa bằng thời hạn giải quyết (%s ngày)", "an extension may not exceed the time limit (%[1]s days)", days(l.Value))
	}
	ext := calendar.Limit{Value: ev.ExtendDays, Unit: l.Unit}
	if err := ext.Validate(); err != nil {
		return calendarErr("extend_days", err)
	}
	for _, t := range []*time.Time{&s.StatutoryDue, &s.AppointedDue} {
		var err error
		if l.Unit == calendar.WorkingDays {
			*t, err = cal.AddWorkingDays(*t, ev.ExtendDays)
		} else {
			*t, err = cal.Due(*t, ext)
		}
		if err != nil {
			return calendarErr("extend_days", err)
		}
	}
	s.Extensions++
	return nil
}

// report records the conclusion at a report step.
func (s *State) report(p Procedure, ev Event, rules Rules) error {
	if p.Steps[s.CurrentStep].Kind != StepReport {
		return s.stateConflict(p, rules, ev, "Bước hiện tại không phải bước lập báo cáo thẩm định", "The current step is not the report step")
	}
	if strings.TrimSpace(ev.Reason) == "" {
		return apperr.Invalidf("reason", "cần ghi nội dung báo cáo thẩm định", "the report's text is required")
	}
	s.Report = &Conclusion{Step: s.CurrentStep, Verdict: ev.Verdict, Text: ev.Reason, FileID: ev.FileID,
		At: ev.At, By: Person{ev.ActorID, ev.ActorName}}
	return nil
}

// moveBranchDues moves the dues of the open branches by a pause's working
// time, as the step's own due moves.
func (s *State) moveBranchDues(cal *calendar.Calendar, d time.Duration) error {
	for i := range s.Branches {
		b := &s.Branches[i]
		if b.Closed || b.Answered() {
			continue
		}
		var err error
		if b.Due, err = cal.AddWorking(b.Due, d); err != nil {
			return calendarErr("at", err)
		}
	}
	return nil
}

// closeStepBranches closes, on a return for rework, the branches of the
// step returned from (if it was a parallel one still waiting): a step
// reached again asks afresh.
func (s *State) closeStepBranches(ev Event) {
	for i := range s.Branches {
		if s.Branches[i].Step > s.CurrentStep {
			s.Branches[i].Closed = true
		}
	}
}

// CanAnswer decides whether the subject may answer the consultation of
// unit at the current step: someone holding dossier.handle through a
// membership of that unit or a unit below it. The agency's leaders, whose
// grants cover every unit, do not answer for a division: a consulted
// unit's opinion is its own. Errors: apperr.Unauthorized, apperr.Forbidden.
func CanAnswer(s *auth.Subject, tree *org.Tree, pol *auth.Policy, st State, unit int64) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	for _, u := range AnswerableBranches(s, tree, pol, st) {
		if u == unit {
			return nil
		}
	}
	return apperr.Forbiddenf("Chỉ cán bộ của đơn vị được lấy ý kiến mới trả lời ý kiến của đơn vị đó",
		"Only the staff of a consulted unit answer for it")
}

// AnswerableBranches returns the units of the open branches of the current
// step that the subject may answer for (CanAnswer), in the order asked.
func AnswerableBranches(s *auth.Subject, tree *org.Tree, pol *auth.Policy, st State) []int64 {
	if s == nil {
		return nil
	}
	var out []int64
	for _, b := range st.OpenBranches() {
		own := *s
		own.Grants = nil
		for _, g := range s.Grants {
			if g.UnitID != 0 && tree.Within(g.UnitID, b.UnitID) {
				own.Grants = append(own.Grants, g)
			}
		}
		if len(own.Grants) > 0 && pol.Can(&own, tree, PermHandle, auth.Resource{UnitID: b.UnitID}) {
			out = append(out, b.UnitID)
		}
	}
	return out
}
