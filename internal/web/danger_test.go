package web

import (
	"slices"
	"testing"

	"congvu/internal/dossier"
	"congvu/internal/work"
)

// TestOrderActions: the action expected at the step leads, the
// destructive ones come last, the others keep the machine's order.
func TestOrderActions(t *testing.T) {
	d := func(as ...dossier.Action) []*ActionForm {
		var out []*ActionForm
		for _, a := range as {
			out = append(out, &ActionForm{Action: a})
		}
		return out
	}
	ids := func(fs []*ActionForm) []dossier.Action {
		var out []dossier.Action
		for _, f := range fs {
			out = append(out, f.Action)
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		in, want []dossier.Action
	}{
		{"at the desk, forward before refuse",
			[]dossier.Action{dossier.Refuse, dossier.Forward, dossier.RequestSupplement, dossier.Stop, dossier.Withdraw},
			[]dossier.Action{dossier.Forward, dossier.RequestSupplement, dossier.Refuse, dossier.Stop, dossier.Withdraw}},
		{"an online dossier: accept first",
			[]dossier.Action{dossier.Accept, dossier.Refuse, dossier.Withdraw},
			[]dossier.Action{dossier.Accept, dossier.Refuse, dossier.Withdraw}},
		{"the last step: complete before the apology and the stop",
			[]dossier.Action{dossier.RequestSupplement, dossier.Stop, dossier.Apologize, dossier.Complete, dossier.Withdraw},
			[]dossier.Action{dossier.Complete, dossier.RequestSupplement, dossier.Apologize, dossier.Stop, dossier.Withdraw}},
		{"a stopped dossier: resume first",
			[]dossier.Action{dossier.Resume, dossier.Withdraw},
			[]dossier.Action{dossier.Resume, dossier.Withdraw}},
	} {
		fs := d(tc.in...)
		orderDossierActions(fs)
		if got := ids(fs); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}

	tasks := []*TaskActionForm{{Action: work.ActionCancel}, {Action: work.ActionAccept}, {Action: work.ActionReturn}}
	orderTaskActions(tasks)
	if tasks[0].Action != work.ActionAccept || tasks[1].Action != work.ActionReturn || tasks[2].Action != work.ActionCancel {
		t.Errorf("task actions: %v %v %v", tasks[0].Action, tasks[1].Action, tasks[2].Action)
	}
	for _, a := range []dossier.Action{dossier.Refuse, dossier.Stop, dossier.Withdraw} {
		if !(&ActionForm{Action: a}).Danger() {
			t.Errorf("%s is not drawn as destructive", a)
		}
	}
	if (&ActionForm{Action: dossier.Forward}).Danger() || (&TaskActionForm{Action: work.ActionReturn}).Danger() {
		t.Error("forward or return drawn as destructive")
	}
}
