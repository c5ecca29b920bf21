package dossier

import (
	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// FirstReworkStep is the earliest step a dossier can be returned to for
// rework (trả lại để xử lý lại): the first processing step. Step 0 is the
// desk, which does not redo the substance; sending the papers back to the
// applicant is a supplement request (form 02) or a refusal (form 03), not
// an internal return.
const FirstReworkStep = 1

// ReworkTarget is the step a return for rework from the current step goes
// back to: toStep, or the previous step when toStep is 0. It must be a
// processing step before the current one.
func (s State) ReworkTarget(toStep int) (int, bool) {
	if toStep == 0 {
		toStep = s.CurrentStep - 1
	}
	return toStep, toStep >= FirstReworkStep && toStep < s.CurrentStep && toStep < len(s.Steps)
}

// returnForRework ends the current step with a hand-back and reopens the
// earlier step for the unit and handler who held it before. Nothing moves
// the dossier's own dues: a return is internal work, and the statutory
// clock keeps running (DOMAIN.md §1.4 pauses only for 5, 6 and 8). The
// reopened step gets its budget again from now, so that its own due says
// when the redo is expected; the records of the steps after it keep their
// previous pass until the dossier is forwarded to them again.
func (s *State) returnForRework(p Procedure, cal *calendar.Calendar, ev Event, rules Rules) error {
	if s.CurrentStep <= FirstReworkStep {
		return s.stateConflict(p, rules, ev, "Hồ sơ đang ở bước xử lý đầu tiên: không có bước trước để trả lại",
			"The dossier is at the first processing step: there is no earlier step to return it to")
	}
	to, ok := s.ReworkTarget(ev.ToStep)
	if !ok {
		return apperr.Invalidf("to_step", "chỉ trả lại được cho một bước xử lý trước bước hiện tại (từ bước %d đến bước %d)",
			"a dossier returns only to a processing step before the current one (steps %d to %d)", FirstReworkStep+1, s.CurrentStep)
	}
	back := s.Steps[to]
	if ev.ToUnitID != 0 && ev.ToUnitID != back.UnitID || ev.ToPersonID != 0 && ev.ToPersonID != back.Handler.ID {
		return apperr.Invalidf("to_unit_id", "hồ sơ trả lại cho đơn vị và người đã xử lý bước «%s»",
			"a returned dossier goes to the unit and person who handled step %q", back.Name)
	}
	e := ev
	e.ToPersonID, e.ToPersonName = back.Handler.ID, back.Handler.Name
	if err := s.endStep(cal, e); err != nil {
		return err
	}
	due, err := cal.AddWorkingDays(ev.At, back.Budget)
	if err != nil {
		return calendarErr("at", err)
	}
	s.CurrentStep = to
	s.Steps[to] = StepRecord{Index: back.Index, Name: back.Name, UnitID: back.UnitID, Handler: back.Handler,
		StartedAt: ev.At, Budget: back.Budget, Due: due}
	return nil
}
