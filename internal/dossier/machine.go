package dossier

import (
	"strings"

	"congvu/internal/apperr"
)

// transitions is the state machine: from a status, an action leads to a
// status. StatusNone is the state before the first event.
var transitions = map[Status]map[Action]Status{
	StatusNone:       {SubmitOnline: StatusRegistered, Receive: StatusReceived},
	StatusRegistered: {Accept: StatusReceived, Refuse: StatusRefused, Withdraw: StatusWithdrawn},
	StatusReceived: {Refuse: StatusRefused, Forward: StatusProcessing, RequestSupplement: StatusSupplement,
		RequestPayment: StatusPayment, Stop: StatusStopped, Apologize: StatusReceived,
		Complete: StatusResolved, Withdraw: StatusWithdrawn},
	StatusProcessing: {Forward: StatusProcessing, RequestSupplement: StatusSupplement,
		RequestPayment: StatusPayment, Stop: StatusStopped, Apologize: StatusProcessing,
		Complete: StatusResolved, Withdraw: StatusWithdrawn, ReturnForRework: StatusProcessing},
	StatusSupplement: {ReceiveSupplement: StatusProcessing, Stop: StatusStopped, Withdraw: StatusWithdrawn},
	StatusPayment:    {ReceivePayment: StatusProcessing, Stop: StatusStopped, Withdraw: StatusWithdrawn},
	StatusStopped:    {Resume: StatusProcessing, Withdraw: StatusWithdrawn},
	StatusResolved:   {ReturnResult: StatusReturned},
}

// Allowed returns the actions the state machine allows in a status, in the
// order of Actions; none for a terminal status. It looks at the status only:
// State.Allowed also weighs the step reached and the apologies made.
func Allowed(s Status) []Action {
	var out []Action
	for _, a := range Actions {
		if _, ok := transitions[s][a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// Next returns the status an action leads to from s. An action the machine
// does not allow in s is an apperr.Conflict whose Allowed lists the actions
// allowed in s.
func Next(s Status, a Action) (Status, error) {
	if to, ok := transitions[s][a]; ok {
		return to, nil
	}
	return 0, notAllowed(s, a, Allowed(s))
}

// notAllowed builds the 409 for an action refused in status s, naming the
// actions that are allowed instead.
func notAllowed(s Status, a Action, allowed []Action) *apperr.Error {
	e := &apperr.Error{Code: apperr.Conflict, Field: "action", Allowed: []string{}}
	vi, en := make([]string, len(allowed)), make([]string, len(allowed))
	for i, x := range allowed {
		e.Allowed = append(e.Allowed, string(x))
		vi[i], en[i] = x.Label("vi"), x.Label("en")
	}
	e.VI = "Hồ sơ đang ở trạng thái «" + s.Label("vi") + "»: không thể " + a.Label("vi") + "."
	e.EN = "The dossier is " + strings.ToLower(s.Label("en")) + ": cannot " + a.Label("en") + "."
	if len(allowed) == 0 {
		e.VI += " Không còn thao tác nào."
		e.EN += " No action is possible."
	} else {
		e.VI += " Có thể: " + strings.Join(vi, ", ") + "."
		e.EN += " Allowed: " + strings.Join(en, ", ") + "."
	}
	return e
}

// DefaultMaxApologies is how many new appointments a dossier may get.
// UNVERIFIED (DOMAIN.md §1.1): one is the common reading; keep it
// configurable through Rules.
const DefaultMaxApologies = 1

// Rules are the configurable parts of the machine, kept as data because
// their legal standing is uncertain or changes.
type Rules struct {
	// MaxApologies is how many times a dossier may be apologised for (form
	// 04); ≤ 0 means DefaultMaxApologies.
	MaxApologies int
	// ApologyLeadDays is how many working days before the appointed due the
	// apology must at the latest be issued. [press] says one day; the
	// default 0 only requires it before the due.
	ApologyLeadDays float64
}

// DefaultRules returns the rules congvu ships with.
func DefaultRules() Rules { return Rules{MaxApologies: DefaultMaxApologies} }

func (r Rules) maxApologies() int {
	if r.MaxApologies <= 0 {
		return DefaultMaxApologies
	}
	return r.MaxApologies
}
