package web

import (
	"net/http"
	"slices"

	"congvu/internal/dossier"
	"congvu/internal/work"
)

// The action pages (dossier.html, task.html) put the action expected at
// the current step first and the destructive ones last, drawn in a danger
// style, each behind a confirmation box the browser requires before it
// submits (HTML "required": no script, so it works under the
// Content-Security-Policy and with scripts off). Issue #12: a clerk who
// meant to forward a dossier must not refuse it with the same red button.

// confirmed refuses a destructive action posted without its ticked box
// (confirm=yes): the browser requires the box, and so does the server, so
// that a form posted by other means (a stale page, a script, a browser
// without "required") cannot refuse, withdraw, cancel, delete or remove by
// accident. The refusal is a 400 naming the field; nothing is changed.
// The JSON API, for scripts, does not ask.
func confirmed(r *http.Request) error {
	if r.PostFormValue("confirm") != "yes" {
		return invalid("confirm", "confirm.err.missing")
	}
	return nil
}

// dossierDanger are the dossier actions that end or halt the handling.
var dossierDanger = []dossier.Action{dossier.Refuse, dossier.Stop, dossier.Withdraw}

// dossierExpected are the actions that move a dossier on, most expected
// first: the desk accepts an online dossier, returns a result, a step is
// completed or forwarded, the applicant's supplement or payment arrives.
var dossierExpected = []dossier.Action{dossier.Accept, dossier.ReturnResult, dossier.Complete,
	dossier.Forward, dossier.ReceiveSupplement, dossier.ReceivePayment, dossier.Resume}

// Danger reports whether the action ends or halts the dossier's handling.
func (f *ActionForm) Danger() bool { return slices.Contains(dossierDanger, f.Action) }

// orderDossierActions sorts the forms: expected actions first, in the
// order of dossierExpected, then the others as the machine lists them,
// then the destructive ones.
func orderDossierActions(forms []*ActionForm) {
	rank := func(f *ActionForm) int {
		if i := slices.Index(dossierExpected, f.Action); i >= 0 {
			return i
		}
		if f.Danger() {
			return 200
		}
		return 100
	}
	slices.SortStableFunc(forms, func(a, b *ActionForm) int { return rank(a) - rank(b) })
}

// Danger reports whether the task action ends the task for good.
func (f *TaskActionForm) Danger() bool { return f.Action == work.ActionCancel }

// orderTaskActions moves the destructive task actions to the end; the
// machine already lists the others in the order of the work.
func orderTaskActions(forms []*TaskActionForm) {
	slices.SortStableFunc(forms, func(a, b *TaskActionForm) int {
		switch {
		case a.Danger() == b.Danger():
			return 0
		case a.Danger():
			return 1
		}
		return -1
	})
}
