package dossier

import (
	"slices"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// reworkProc is desk → division A's official (step 1) → division A's
// head's approval (step 2) → the director's signature (step 3).
func reworkProc() Procedure {
	p := proc15()
	p.Steps = []Step{
		{Name: "Bộ phận một cửa", UnitID: unitDesk, Role: org.RoleClerk, Budget: 0.5},
		{Name: "Chuyên viên thẩm định", UnitID: unitDivA, Role: org.RoleOfficial, Budget: 12},
		{Name: "Trưởng phòng phê duyệt", UnitID: unitDivA, Role: org.RoleHead, Budget: 2},
		{Name: "Lãnh đạo Sở ký", UnitID: unitAgency, Role: org.RoleDirector, Budget: 0.5},
	}
	return p
}

// reworkRun brings the dossier to step n (1, 2 or 3) of reworkProc.
func reworkRun(t *testing.T, n int) []Event {
	t.Helper()
	evs := []Event{ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An")}
	if n >= 2 {
		evs = append(evs, fwd("2026-03-05 10:00", unitDivA, "An", "Trưởng phòng"))
	}
	if n >= 3 {
		evs = append(evs, fwd("2026-03-06 10:00", unitAgency, "Trưởng phòng", "Giám đốc"))
	}
	return evs
}

func rework(at string, toStep int, reason string) Event {
	e := ev(ReturnForRework, at)
	e.ToStep, e.Reason = toStep, reason
	return e
}

func TestReturnForRework(t *testing.T) {
	p := reworkProc()
	for _, c := range []struct {
		name   string
		at     int // the step the dossier is at
		ev     Event
		code   apperr.Code // "" for success
		field  string
		toStep int // the step reached
	}{
		{"head returns to the previous step", 2, rework("2026-03-06 09:00", 0, "Thiếu ý kiến của Phòng Đấu thầu"), "", "", 1},
		{"director returns to the previous step", 3, rework("2026-03-09 09:00", 0, "Sai số liệu"), "", "", 2},
		{"director returns two steps back", 3, rework("2026-03-09 09:00", 1, "Thẩm định lại"), "", "", 1},
		{"reason required", 2, rework("2026-03-06 09:00", 0, "  "), apperr.Invalid, "reason", 0},
		{"not to the desk", 2, rework("2026-03-06 09:00", 0, "x"), "", "", 1},
		{"to the desk refused", 3, func() Event { e := rework("2026-03-09 09:00", 0, "x"); e.ToStep = -1; return e }(), apperr.Invalid, "to_step", 0},
		{"not to the current step", 2, rework("2026-03-06 09:00", 2, "x"), apperr.Invalid, "to_step", 0},
		{"not forward", 2, rework("2026-03-06 09:00", 3, "x"), apperr.Invalid, "to_step", 0},
		{"nothing before the first processing step", 1, rework("2026-03-03 09:00", 0, "x"), apperr.Conflict, "action", 0},
		{"another unit than the earlier step's", 2, func() Event { e := rework("2026-03-06 09:00", 0, "x"); e.ToUnitID = unitDivB; return e }(), apperr.Invalid, "to_unit_id", 0},
		{"to_step on another action", 2, func() Event { e := fwd("2026-03-06 09:00", unitAgency, "", ""); e.ToStep = 1; return e }(), apperr.Invalid, "to_step", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := replay(t, p, DefaultRules(), reworkRun(t, c.at)...)
			st, err := Apply(p, testCal(t), before, c.ev, DefaultRules())
			if c.code != "" {
				e := wantCode(t, err, c.code)
				if e.Field != c.field {
					t.Fatalf("field %q, want %q (%v)", e.Field, c.field, err)
				}
				if c.field == "reason" && !strings.Contains(e.Message("vi"), "lý do") {
					t.Errorf("message %q does not name the reason", e.Message("vi"))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.Status != StatusProcessing || st.CurrentStep != c.toStep {
				t.Fatalf("status %d step %d, want 4 at step %d", st.Status, st.CurrentStep, c.toStep)
			}
			back, was := st.Steps[c.toStep], before.Steps[c.toStep]
			if back.UnitID != was.UnitID || back.Handler != was.Handler || back.Done() || !back.StartedAt.Equal(c.ev.At) {
				t.Errorf("reopened step %+v, was %+v", back, was)
			}
			left := st.Steps[before.CurrentStep]
			if !left.Done() || left.Receiver != was.Handler {
				t.Errorf("the step returned from did not end with a hand-back to %v: %+v", was.Handler, left)
			}
			// Not a pause: the dossier's dues do not move.
			if !st.StatutoryDue.Equal(before.StatutoryDue) || !st.AppointedDue.Equal(before.AppointedDue) || st.Paused() {
				t.Errorf("dues moved: %v → %v", before.StatutoryDue, st.StatutoryDue)
			}
			// Replay agrees, and the dossier goes on from there.
			again := replay(t, p, DefaultRules(), append(reworkRun(t, c.at), c.ev)...)
			if again.CurrentStep != st.CurrentStep || again.Version != st.Version {
				t.Errorf("replay: step %d v%d, apply: step %d v%d", again.CurrentStep, again.Version, st.CurrentStep, st.Version)
			}
			next := fwd("2026-03-10 09:00", p.Steps[c.toStep+1].UnitID, "An", "Trưởng phòng")
			if _, err := Apply(p, testCal(t), st, next, DefaultRules()); err != nil {
				t.Errorf("forward after the return: %v", err)
			}
		})
	}
}

func TestReturnForReworkAllowed(t *testing.T) {
	p := reworkProc()
	for n, want := range map[int]bool{1: false, 2: true, 3: true} {
		st := replay(t, p, DefaultRules(), reworkRun(t, n)...)
		if got := slices.Contains(st.Allowed(p, DefaultRules(), vn("2026-03-09 08:00")), ReturnForRework); got != want {
			t.Errorf("at step %d: return offered %v, want %v", n, got, want)
		}
	}
	desk := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"))
	if slices.Contains(desk.Allowed(p, DefaultRules(), vn("2026-03-02 09:00")), ReturnForRework) {
		t.Error("return offered at the desk")
	}
}

// TestCanReturnForRework: the one entitled to the step returns from it
// (RoleMayTakeStep: the step's role or above), nobody else.
func TestCanReturnForRework(t *testing.T) {
	p := reworkProc()
	pol, tree := testPolicy(), testTree()
	atHead := replay(t, p, DefaultRules(), reworkRun(t, 2)...)
	atLead := replay(t, p, DefaultRules(), reworkRun(t, 3)...)
	for _, c := range []struct {
		who  *auth.Subject
		st   State
		want bool
	}{
		{headA, atHead, true},
		{deputyA, atHead, true},
		{director, atHead, true},
		{officialA, atHead, false},
		{officialT, atHead, false},
		{headB, atHead, false},
		{clerkDesk, atHead, false},
		{outsider, atHead, false},
		{director, atLead, true},
		{deputyDir, atLead, true},
		{headA, atLead, false},
		{officialA, atLead, false},
	} {
		err := CanAct(c.who, tree, pol, c.st, p, ReturnForRework)
		if got := err == nil; got != c.want {
			t.Errorf("%s at step %d: allowed %v, want %v (%v)", c.who.Name, c.st.CurrentStep, got, c.want, err)
		}
		if err != nil && apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("%s: %v, want forbidden", c.who.Name, err)
		}
	}
}
