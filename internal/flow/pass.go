package flow

import (
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// End is the ToStep of a pass that completed the dossier: the graph's sink.
const End = -1

// Pass is one passage of a dossier through a step: from the hand-off that
// brought it in (the receipt for the desk) to the one that sent it on
// (forward, complete, or a return for rework to an earlier step). A step
// a dossier is returned to is passed again, and each pass counts.
type Pass struct {
	Step    int
	UnitID  int64 // the unit that handled the step
	ToStep  int   // where the dossier went: the next step, an earlier one on a return, End on completion
	EndedAt time.Time
	// Spent is the step's working time, pauses excluded (StepRecord.Spent).
	Spent time.Duration
	// Wait is the working time from the hand-off in to the pick-up: the
	// first action recorded at the step after the hand-off in, other than
	// the hand-off out. With no such action the records do not say when
	// the receiver took it up; the receiver was named at the hand-off (the
	// slip has them sign for it), so the pass counts as all handling.
	Wait   time.Duration
	Budget time.Duration // the step's budget in working time
}

// Handling is the pass's working time less its waiting.
func (p Pass) Handling() time.Duration { return p.Spent - p.Wait }

// OverBudget reports whether the pass took longer than its budget.
func (p Pass) OverBudget() bool { return p.Budget > 0 && p.Spent > p.Budget }

// Overrun is the working time beyond the budget: what the step lost.
func (p Pass) Overrun() time.Duration {
	if !p.OverBudget() {
		return 0
	}
	return p.Spent - p.Budget
}

// Returned reports whether the pass ended with a return for rework.
func (p Pass) Returned() bool { return p.ToStep != End && p.ToStep <= p.Step }

// Ended returns the pass that the last of events ended, given the states
// before (old) and after it (st), and false when that event ended none.
// events is the dossier's history up to and including that event.
func Ended(cal *calendar.Calendar, old, st dossier.State, events []dossier.Event) (Pass, bool, error) {
	n := len(events)
	if n == 0 || old.Steps == nil || old.CurrentStep < 0 || old.CurrentStep >= len(st.Steps) {
		return Pass{}, false, nil
	}
	ev := events[n-1]
	to := st.CurrentStep
	switch ev.Action {
	case dossier.Forward, dossier.ReturnForRework:
	case dossier.Complete:
		to = End
	default:
		return Pass{}, false, nil
	}
	r := st.Steps[old.CurrentStep]
	if !r.Done() {
		return Pass{}, false, nil
	}
	p := Pass{Step: old.CurrentStep, UnitID: r.UnitID, ToStep: to, EndedAt: r.EndedAt, Spent: r.Spent,
		Budget: time.Duration(r.Budget*float64(calendar.WorkingDay) + 0.5)}
	if pick, ok := pickUp(events[:n-1]); ok && pick.After(r.StartedAt) {
		w, err := cal.Between(r.StartedAt, pick)
		if err != nil {
			return p, false, err
		}
		p.Wait = min(max(w, 0), max(p.Spent, 0))
	}
	return p, true, nil
}

// pickUp is the instant of the first action after the last hand-off in of
// before (the events up to, not including, the hand-off out), if any.
func pickUp(before []dossier.Event) (time.Time, bool) {
	for j := len(before) - 1; j >= 0; j-- {
		switch before[j].Action {
		case dossier.Receive, dossier.Accept, dossier.Forward, dossier.ReturnForRework:
			if j+1 < len(before) {
				return before[j+1].At, true
			}
			return time.Time{}, false
		}
	}
	return time.Time{}, false
}

// LateCause is the step a late dossier is laid to, with its unit, once the
// event from old to st completed it late (dossier.Classify): the step whose
// last pass ran furthest over its budget, the first of equals; when none
// ran over (the time went in pauses' ends or extensions' edges), the step
// that took the longest. false when the event did not complete it late.
func LateCause(old, st dossier.State) (step int, unit int64, ok bool) {
	if !old.CompletedAt.IsZero() || st.CompletedAt.IsZero() || dossier.Classify(st) != dossier.Late {
		return 0, 0, false
	}
	best, bestOver, bestSpent := -1, time.Duration(0), time.Duration(-1)
	for i, r := range st.Steps {
		if !r.Done() {
			continue
		}
		over := r.Spent - time.Duration(r.Budget*float64(calendar.WorkingDay)+0.5)
		switch {
		case over > 0 && over > bestOver:
			best, bestOver = i, over
		case bestOver == 0 && r.Spent > bestSpent:
			best, bestSpent = i, r.Spent
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, st.Steps[best].UnitID, true
}

// Late is a late dossier laid to a step (LateCause), on the day it was
// completed.
type Late struct {
	Step   int
	UnitID int64
	At     time.Time
}

// Recount replays a dossier's history and returns every pass it made and,
// if it was completed late, the step it is laid to: what the rollups hold
// of it. It is the slow path the rollups replace, kept for the tests that
// compare them and for the backfill of dossiers recorded before them.
func Recount(p dossier.Procedure, cal *calendar.Calendar, events []dossier.Event, rules dossier.Rules) ([]Pass, *Late, error) {
	var passes []Pass
	var late *Late
	var st dossier.State
	for i, ev := range events {
		next, err := dossier.Apply(p, cal, st, ev, rules)
		if err != nil {
			return nil, nil, err
		}
		ps, ok, err := Ended(cal, st, next, events[:i+1])
		if err != nil {
			return nil, nil, err
		}
		if ok {
			passes = append(passes, ps)
		}
		if step, unit, ok := LateCause(st, next); ok {
			late = &Late{Step: step, UnitID: unit, At: next.CompletedAt}
		}
		st = next
	}
	return passes, late, nil
}
