package notify

import (
	"testing"

	"congvu/internal/apperr"
)

func TestOf(t *testing.T) {
	cases := map[string]Kind{
		"dossier_forwarded": DossierForwarded, "dossier_overdue": DossierOverdue, "digest": Digest,
		"task_assigned": TaskAssigned, "due_soon": TaskDue, "due_today": TaskDue, "overdue": TaskOverdue,
		"return": TaskReturned, "submit": TaskUpdate, "raise_obstacle": TaskUpdate, "": TaskUpdate,
	}
	for stored, want := range cases {
		if got := Of(stored); got != want {
			t.Errorf("Of(%q) = %q, want %q", stored, got, want)
		}
	}
}

func TestSettings(t *testing.T) {
	s := Settings{DossierDueSoon: false, TaskUpdate: false}
	cases := map[string]bool{"dossier_due_soon": false, "dossier_forwarded": true, "submit": false, "accept": false, "due_today": true, "return": true}
	for stored, want := range cases {
		if got := s.Email(stored); got != want {
			t.Errorf("Email(%q) = %v, want %v", stored, got, want)
		}
	}
	if !(Settings{}).Email("accept") || !(Settings{}).Email("dossier_overdue") {
		t.Error("before any choice, every kind goes by e-mail")
	}
	if f := s.Full(); len(f) != len(Kinds) || f[DossierDueSoon] || !f[Digest] {
		t.Errorf("Full = %v", f)
	}
	err := Settings{"nonsense": true}.Validate()
	if e := apperr.As(err); e == nil || e.Field != "email.nonsense" || e.Code != apperr.Invalid {
		t.Errorf("Validate: %v", err)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
}
