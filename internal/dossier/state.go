package dossier

import (
	"fmt"
	"slices"
	"time"

	"congvu/internal/calendar"
)

// State is a dossier as its history leaves it. Zero instants mean "not yet".
type State struct {
	Status  Status
	Channel Channel
	// ProcedureVersion is the version of the procedure the dossier started
	// under; every later event must be applied with that version.
	ProcedureVersion int
	// SubmittedAt is when an online dossier was filed (status 1).
	SubmittedAt time.Time
	// ReceivedAt is when the dossier was received: at the desk (receive),
	// or when an online filing was accepted (accept). The clock starts here.
	ReceivedAt time.Time
	// StatutoryDue is the due instant under the law (hạn giải quyết), moved
	// forward by the working time of every pause. Statistics judge by it.
	StatutoryDue time.Time
	// AppointedDue is the return time promised to the applicant (ngày hẹn
	// trả): StatutoryDue unless an apology set a new appointment.
	AppointedDue time.Time
	// PausedAt is when the running pause began (statuses 5, 6, 8), or nil.
	PausedAt *time.Time
	// PausedWorking is the working time of all finished pauses.
	PausedWorking time.Duration
	// SupplementDue is the applicant's own deadline for the last supplement
	// requested, tracked apart from the dossier's due; zero when none.
	SupplementDue time.Time
	Apologies     int // apologies made (form 04)
	// CurrentStep indexes Steps: the step that holds the dossier now.
	CurrentStep int
	// Steps has one record per step of the procedure, filled in as the
	// dossier moves; steps not reached have a zero StartedAt.
	Steps       []StepRecord
	RefusedAt   time.Time
	CompletedAt time.Time
	ReturnedAt  time.Time
	WithdrawnAt time.Time
	// Limit is the dossier's time limit: the procedure's, or the one set at
	// receipt (Event.Limit). An extension may be at most its length.
	Limit calendar.Limit
	// Extensions counts the extensions made (Extend).
	Extensions int
	// Branches are the consulted units of parallel steps, every pass kept
	// (branch.go).
	Branches []Branch
	// Report is the last conclusion recorded at a report step, or nil.
	Report *Conclusion
	// LastAt is the At of the last event; the next may not be earlier.
	LastAt time.Time
	// Version is the number of events applied.
	Version int
}

// Replay folds a dossier's events, in order, into its State, checking each
// as Apply does. The error names the event at fault and wraps the
// *apperr.Error (a *calendar.Error is turned into one).
func Replay(p Procedure, cal *calendar.Calendar, events []Event, rules Rules) (State, error) {
	var st State
	for _, ev := range events {
		next, err := Apply(p, cal, st, ev, rules)
		if err != nil {
			return st, fmt.Errorf("dossier: event %d (%s): %w", st.Version+1, ev.Action, err)
		}
		st = next
	}
	return st, nil
}

// Paused reports whether the clock is stopped.
func (s State) Paused() bool { return s.PausedAt != nil }

// Open reports whether the dossier is received and not yet finished.
func (s State) Open() bool { return s.Status.Open() }

// Current returns the record of the step holding the dossier, and false
// before receipt.
func (s State) Current() (StepRecord, bool) {
	if s.CurrentStep < 0 || s.CurrentStep >= len(s.Steps) {
		return StepRecord{}, false
	}
	return s.Steps[s.CurrentStep], true
}

// Allowed returns the actions possible now: those the state machine allows in
// the status, less forward from the last step, complete before it, and
// return_for_rework before a step after the first processing step, and
// apologize once the apologies are used up or the appointed due has passed at
// now. The apology's lead time (Rules.ApologyLeadDays) is checked by Apply.
func (s State) Allowed(p Procedure, rules Rules, now time.Time) []Action {
	var out []Action
	last := s.CurrentStep >= len(p.Steps)-1
	for _, a := range Allowed(s.Status) {
		switch {
		case a == Forward && last, a == Complete && !last:
			continue
		case a == ReturnForRework && s.CurrentStep < FirstReworkStep+1:
			continue
		case a == Apologize && (s.Apologies >= rules.maxApologies() || !now.Before(s.AppointedDue)):
			continue
		case (a == Forward || a == Complete) && (s.waiting(p, now) || s.reportMissing(p)):
			continue
		}
		out = append(out, a)
	}
	return append(out, s.stepActionsAllowed(p, now)...)
}

// clone copies s deeply enough that changing the copy leaves s alone.
func (s State) clone() State {
	s.Steps = slices.Clone(s.Steps)
	s.Branches = slices.Clone(s.Branches)
	if s.Report != nil {
		r := *s.Report
		s.Report = &r
	}
	if s.PausedAt != nil {
		t := *s.PausedAt
		s.PausedAt = &t
	}
	return s
}
