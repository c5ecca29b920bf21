package web

import (
	"strconv"

	"congvu/internal/dossier"
)

// The return for rework (trả lại để xử lý lại) on the dossier page: the
// one entitled to the current step sends the dossier back to an earlier
// processing step, the previous one unless they choose another. It is
// drawn as a secondary action, after the one expected at the step, and
// asks for a confirmation: it undoes someone's work.

// StepOption is an earlier step in the return's select box.
type StepOption struct {
	Index int64 // as Form.Has compares
	Label string
}

// Secondary reports whether the action is offered as a secondary one: a
// plain button, behind a confirmation, not the step's main action.
func (f *ActionForm) Secondary() bool { return f.Action == dossier.ReturnForRework }

// Confirm reports whether the action's form asks for a confirmation.
func (f *ActionForm) Confirm() bool { return f.Danger() || f.Secondary() }

// reworkTargets fills the steps a return may go back to, nearest first,
// each with who handled it, and preselects the previous step.
func reworkTargets(b *BasePage, rec dossier.Record, f *ActionForm) {
	f.Rework = true
	st := rec.State
	for i := st.CurrentStep - 1; i >= dossier.FirstReworkStep; i-- {
		r := st.Steps[i]
		label := b.T("rework.step", i+1, r.Name)
		if r.Handler.Name != "" {
			label = b.T("rework.step.handler", i+1, r.Name, r.Handler.Name)
		}
		f.ReworkSteps = append(f.ReworkSteps, StepOption{Index: int64(i), Label: label})
	}
	if f.Form.Get("to_step") == "" && len(f.ReworkSteps) > 0 {
		f.Form.Values.Set("to_step", strconv.FormatInt(f.ReworkSteps[0].Index, 10))
	}
}

// reworkStepFromForm reads the chosen step; none means the previous one.
func reworkStepFromForm(f *Form) (int, error) {
	v := f.Get("to_step")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < dossier.FirstReworkStep {
		return 0, invalid("to_step", "rework.err.step")
	}
	return n, nil
}
