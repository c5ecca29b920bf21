package dossier

import (
	"errors"
	"slices"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Apply checks one new event against the state and returns the state after
// it; st is not changed. It is what recording an action runs, and what Replay
// runs for each event. The event's RecordedAt is the "now" of the check.
//
// Errors, all *apperr.Error:
//   - Invalid: a malformed event (unknown action, At missing or after
//     RecordedAt or before the previous event's At, a reason missing where
//     the form needs one, a new appointment that is not after the current
//     one, a forward to another unit than the step's), or a procedure that
//     does not validate or is not the version the dossier started under;
//   - Conflict: the action is not possible now (the status does not allow
//     it, forward from the last step, complete before it, an apology after
//     the appointed due or beyond Rules.MaxApologies, a Seq out of turn);
//     Allowed lists the actions possible at the event's At.
//
// The clock (DOMAIN.md §1.4): at receipt (receive) or acceptance (accept)
// the due instant is cal.Due(At, p.Limit); a pause (5, 6, 8) stops it, and
// on resumption StatutoryDue, AppointedDue and the current step's due move
// forward by the working time of the pause, cal.Between(pausedAt, resumedAt).
func Apply(p Procedure, cal *calendar.Calendar, st State, ev Event, rules Rules) (State, error) {
	if cal == nil {
		return st, errors.New("dossier: Apply needs a calendar")
	}
	// Validate a copy: Validate trims in place, and p's slices may be shared
	// by concurrent requests.
	q := p
	q.Steps, q.Documents = slices.Clone(p.Steps), slices.Clone(p.Documents)
	if err := q.Validate(); err != nil {
		return st, err
	}
	if st.Version > 0 && (p.Version != st.ProcedureVersion || st.Steps != nil && len(st.Steps) != len(p.Steps)) {
		return st, apperr.Invalidf("procedure_version", "hồ sơ giải quyết theo phiên bản %d của thủ tục",
			"the dossier follows version %d of the procedure", st.ProcedureVersion)
	}
	if err := ev.check(); err != nil {
		return st, err
	}
	if ev.Seq != 0 && ev.Seq != st.Version+1 {
		return st, &apperr.Error{Code: apperr.Conflict, Field: "seq", Allowed: actionNames(st.Allowed(p, rules, ev.At)),
			VI: "Hồ sơ vừa được người khác cập nhật; hãy tải lại", EN: "The dossier was just changed by someone else; reload it"}
	}
	to, ok := transitions[st.Status][ev.Action]
	if !ok && stepActionIn(st.Status, ev.Action) {
		to, ok = st.Status, true // a step action leaves the status as it is
	}
	if !ok {
		return st, notAllowed(st.Status, ev.Action, st.Allowed(p, rules, ev.At))
	}
	if !st.LastAt.IsZero() && ev.At.Before(st.LastAt) {
		return st, apperr.Invalidf("at", "thời điểm %s trước thao tác liền trước (%s)",
			"%s is before the previous action (%s)", stamp(ev.At), stamp(st.LastAt))
	}
	ns := st.clone()
	if st.Version == 0 {
		ns.ProcedureVersion = p.Version
	}
	if err := ns.effect(p, cal, ev, rules); err != nil {
		return st, err
	}
	ns.Status, ns.LastAt, ns.Version = to, ev.At, st.Version+1
	return ns, nil
}

// effect applies what an action does to the clock and the steps.
func (s *State) effect(p Procedure, cal *calendar.Calendar, ev Event, rules Rules) error {
	last := len(p.Steps) - 1
	switch ev.Action {
	case SubmitOnline:
		s.Channel, s.SubmittedAt = ChannelOnline, ev.At
	case Receive, Accept:
		if ev.Action == Receive {
			s.Channel = ev.Channel
		}
		return s.start(p, cal, ev)
	case Refuse:
		s.RefusedAt = ev.At
	case Forward:
		if s.CurrentStep >= last {
			return s.stateConflict(p, rules, ev, "Đây là bước cuối cùng: hãy hoàn thành xử lý thay vì chuyển tiếp",
				"This is the last step: complete the dossier instead of forwarding it")
		}
		next := p.Steps[s.CurrentStep+1]
		unit := ev.ToUnitID
		switch {
		case unit == 0:
			unit = next.UnitID
		case next.UnitID != 0 && unit != next.UnitID:
			return apperr.Invalidf("to_unit_id", "bước «%s» do đơn vị khác giải quyết", "step %q is handled by another unit", next.Name)
		}
		if unit == 0 {
			return apperr.Invalidf("to_unit_id", "cần chọn đơn vị nhận hồ sơ", "choose the unit that receives the dossier")
		}
		if err := s.leaveStep(p, ev, rules); err != nil {
			return err
		}
		if err := s.endStep(cal, ev); err != nil {
			return err
		}
		s.CurrentStep++
		r := &s.Steps[s.CurrentStep]
		r.UnitID, r.StartedAt, r.Handler = unit, ev.At, Person{ev.ToPersonID, ev.ToPersonName}
		due, err := cal.AddWorkingDays(ev.At, r.Budget)
		if err != nil {
			return calendarErr("at", err)
		}
		r.Due = due
	case RequestSupplement, RequestPayment, Stop:
		if s.PausedAt == nil {
			at := ev.At
			s.PausedAt = &at
		}
		if ev.SupplementDays > 0 {
			due, err := cal.AddWorkingDays(ev.At, float64(ev.SupplementDays))
			if err != nil {
				return calendarErr("supplement_days", err)
			}
			s.SupplementDue = due
		}
	case ReceiveSupplement, ReceivePayment, Resume:
		return s.resume(cal, ev.At)
	case Apologize:
		return s.apologize(p, cal, ev, rules)
	case Complete:
		if s.CurrentStep < last {
			return s.stateConflict(p, rules, ev, "Hồ sơ chưa đến bước cuối cùng: hãy chuyển xử lý tiếp",
				"The dossier has not reached the last step: forward it first")
		}
		if err := s.leaveStep(p, ev, rules); err != nil {
			return err
		}
		if err := s.endStep(cal, ev); err != nil {
			return err
		}
		s.CompletedAt = ev.At
	case ReturnForRework:
		if err := s.returnForRework(p, cal, ev, rules); err != nil {
			return err
		}
		s.closeStepBranches(ev)
	case Consult:
		return s.consult(p, cal, ev, rules)
	case AnswerConsultation:
		return s.answer(p, ev, rules)
	case Extend:
		return s.extend(p, cal, ev, rules)
	case AppraisalReport:
		return s.report(p, ev, rules)
	case ReturnResult:
		s.ReturnedAt = ev.At
	case Withdraw:
		if err := s.resume(cal, ev.At); err != nil {
			return err
		}
		s.WithdrawnAt = ev.At
	}
	return nil
}

// start sets the clock and the first step at receipt or acceptance.
func (s *State) start(p Procedure, cal *calendar.Calendar, ev Event) error {
	s.Limit = p.Limit
	if ev.Limit != nil {
		s.Limit = *ev.Limit
	}
	due, err := cal.Due(ev.At, s.Limit)
	if err != nil {
		return calendarErr("at", err)
	}
	s.ReceivedAt, s.StatutoryDue, s.AppointedDue = ev.At, due, due
	s.Steps = make([]StepRecord, len(p.Steps))
	for i, st := range p.Steps {
		s.Steps[i] = StepRecord{Index: i, Name: st.Name, UnitID: st.UnitID, Budget: st.Budget}
	}
	first := &s.Steps[0]
	if first.UnitID == 0 {
		first.UnitID = ev.UnitID
	}
	first.StartedAt, first.Handler = ev.At, Person{ev.ActorID, ev.ActorName}
	// The first step counts from where the dossier's clock starts, so that on
	// time at every step means on time overall.
	begin, err := clockStart(cal, ev.At, s.Limit.After15h)
	if err != nil {
		return calendarErr("at", err)
	}
	if first.Due, err = cal.AddWorkingDays(begin, first.Budget); err != nil {
		return calendarErr("at", err)
	}
	s.CurrentStep = 0
	return nil
}

// clockStart is where counting begins for something received at t: the next
// opening, or with the after-15:00 rule and a receipt after 15:00 the first
// opening of the next working day (as calendar.Due does).
func clockStart(cal *calendar.Calendar, t time.Time, after15h bool) (time.Time, error) {
	local := t.In(calendar.VN)
	if after15h && local.Sub(calendar.DateOf(t).Time()) > 15*time.Hour {
		return cal.NextOpening(calendar.DateOf(t).AddDays(1).Time())
	}
	return cal.NextOpening(t)
}

// endStep closes the current step at the event: its hand-off, the working
// time spent and its result by dates.
func (s *State) endStep(cal *calendar.Calendar, ev Event) error {
	r := &s.Steps[s.CurrentStep]
	spent, err := cal.Between(r.StartedAt, ev.At)
	if err != nil {
		return calendarErr("at", err)
	}
	r.EndedAt, r.Spent = ev.At, spent-r.Paused
	r.Giver, r.Receiver = Person{ev.ActorID, ev.ActorName}, Person{ev.ToPersonID, ev.ToPersonName}
	r.Result, r.Note = ByDates(ev.At, r.Due), ev.Note
	return nil
}

// resume ends the running pause, if any, at t and moves the dues forward by
// its working time.
func (s *State) resume(cal *calendar.Calendar, t time.Time) error {
	if s.PausedAt == nil {
		return nil
	}
	d, err := cal.Between(*s.PausedAt, t)
	if err != nil {
		return calendarErr("at", err)
	}
	s.PausedAt = nil
	if d <= 0 {
		return nil // AddWorking(t, 0) would move a due at a closing time to the next opening
	}
	s.PausedWorking += d
	r := &s.Steps[s.CurrentStep]
	r.Paused += d
	for _, t := range []*time.Time{&s.StatutoryDue, &s.AppointedDue, &r.Due} {
		if *t, err = cal.AddWorking(*t, d); err != nil {
			return calendarErr("at", err)
		}
	}
	return s.moveBranchDues(cal, d)
}

// apologize checks and applies an apology with a new appointment (form 04).
func (s *State) apologize(p Procedure, cal *calendar.Calendar, ev Event, rules Rules) error {
	if s.Apologies >= rules.maxApologies() {
		return s.stateConflict(p, rules, ev, "Hồ sơ đã được xin lỗi và hẹn lại đủ số lần cho phép",
			"The dossier has already had as many new appointments as allowed")
	}
	deadline := s.AppointedDue
	if rules.ApologyLeadDays > 0 {
		// The apology is due ApologyLeadDays of working time before the appointment.
		lead, err := cal.Between(ev.At, s.AppointedDue)
		if err != nil {
			return calendarErr("at", err)
		}
		if lead < time.Duration(rules.ApologyLeadDays*float64(calendar.WorkingDay)) {
			deadline = ev.At // too late: fall through to the conflict below
		}
	}
	if !ev.At.Before(deadline) {
		return s.stateConflict(p, rules, ev, "Chỉ được xin lỗi và hẹn lại trước thời hạn hẹn trả "+stamp(s.AppointedDue),
			"An apology must come before the appointed time, "+stamp(s.AppointedDue))
	}
	if !ev.NewDue.After(s.AppointedDue) {
		return apperr.Invalidf("new_due", "ngày hẹn mới phải sau ngày hẹn hiện tại (%s)",
			"the new appointment must be after the current one (%s)", stamp(s.AppointedDue))
	}
	s.AppointedDue = *ev.NewDue
	s.Apologies++
	return nil
}

// stateConflict is the 409 for an action the status allows but the dossier's
// position does not.
func (s *State) stateConflict(p Procedure, rules Rules, ev Event, vi, en string) *apperr.Error {
	return &apperr.Error{Code: apperr.Conflict, Field: "action", VI: vi, EN: en,
		Allowed: actionNames(s.Allowed(p, rules, ev.At))}
}

func actionNames(as []Action) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}
