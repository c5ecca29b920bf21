package dossier

import (
	"slices"
	"strings"
	"testing"

	"congvu/internal/apperr"
)

// machine is the expected state machine, written out apart from machine.go.
var machine = map[Status]map[Action]Status{
	StatusNone:       {SubmitOnline: 1, Receive: 2},
	StatusRegistered: {Accept: 2, Refuse: 3, Withdraw: 7},
	StatusReceived: {Refuse: 3, Forward: 4, RequestSupplement: 5, RequestPayment: 6, Stop: 8,
		Apologize: 2, Complete: 9, Withdraw: 7},
	StatusRefused: {},
	StatusProcessing: {Forward: 4, RequestSupplement: 5, RequestPayment: 6, Stop: 8,
		Apologize: 4, Complete: 9, Withdraw: 7, ReturnForRework: 4},
	StatusSupplement: {ReceiveSupplement: 4, Stop: 8, Withdraw: 7},
	StatusPayment:    {ReceivePayment: 4, Stop: 8, Withdraw: 7},
	StatusWithdrawn:  {},
	StatusStopped:    {Resume: 4, Withdraw: 7},
	StatusResolved:   {ReturnResult: 10},
	StatusReturned:   {},
}

func TestEveryStatusAndAction(t *testing.T) {
	for _, s := range append([]Status{StatusNone}, Statuses...) {
		var want []string
		for _, a := range Actions {
			if _, ok := machine[s][a]; ok {
				want = append(want, string(a))
			}
		}
		if got := actionNames(Allowed(s)); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Errorf("Allowed(%d) = %v, want %v", s, got, want)
		}
		for _, a := range Actions {
			got, err := Next(s, a)
			if to, ok := machine[s][a]; ok {
				if err != nil || got != to {
					t.Errorf("Next(%d, %s) = %d, %v; want %d", s, a, got, err, to)
				}
				continue
			}
			e := apperr.As(err)
			if e == nil || e.Code != apperr.Conflict {
				t.Errorf("Next(%d, %s) = %d, %v; want a conflict", s, a, got, err)
				continue
			}
			if !slices.Equal(e.Allowed, want) && len(e.Allowed)+len(want) > 0 {
				t.Errorf("Next(%d, %s): Allowed = %v, want %v", s, a, e.Allowed, want)
			}
			if !strings.Contains(e.VI, s.Label("vi")) || !strings.Contains(e.EN, "cannot "+a.Label("en")) {
				t.Errorf("Next(%d, %s): messages %q / %q", s, a, e.VI, e.EN)
			}
		}
	}
}

func TestStatusGroups(t *testing.T) {
	paused := []Status{5, 6, 8}
	terminal := []Status{3, 7, 10}
	groups := map[Status]Group{1: GroupNotReceived, 2: GroupInProgress, 3: GroupNotReceived, 4: GroupInProgress,
		5: GroupSupplement, 6: GroupStopped, 7: GroupWithdrawn, 8: GroupStopped, 9: GroupResolved, 10: GroupResolved}
	for _, s := range Statuses {
		if s.Paused() != slices.Contains(paused, s) || s.Terminal() != slices.Contains(terminal, s) {
			t.Errorf("status %d: paused %v terminal %v", s, s.Paused(), s.Terminal())
		}
		if s.Terminal() != (len(machine[s]) == 0) {
			t.Errorf("status %d: terminal %v but %d actions", s, s.Terminal(), len(machine[s]))
		}
		if s.Group() != groups[s] || s.Group().Label("vi") == "" {
			t.Errorf("status %d: group %d", s, s.Group())
		}
		if !s.Valid() || s.Label("vi") == "" || s.Label("en") == "" {
			t.Errorf("status %d: labels", s)
		}
	}
	if Status(11).Valid() || StatusNone.Valid() || Status(11).Label("vi") != "Status(11)" {
		t.Error("out-of-range statuses")
	}
}

func TestApplyConflictsNameTheAllowedActions(t *testing.T) {
	p, cal := proc15(), testCal(t)
	st := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"))
	_, err := Apply(p, cal, st, ev(Accept, "2026-03-02 09:00"), DefaultRules())
	e := wantCode(t, err, apperr.Conflict)
	want := []string{"refuse", "forward", "request_supplement", "request_payment", "stop", "apologize", "withdraw"}
	if !slices.Equal(e.Allowed, want) {
		t.Errorf("Allowed = %v, want %v (no complete before the last step)", e.Allowed, want)
	}
	// Complete before the last step: the status allows it, the position does not.
	_, err = Apply(p, cal, st, ev(Complete, "2026-03-02 09:00"), DefaultRules())
	if e := wantCode(t, err, apperr.Conflict); slices.Contains(e.Allowed, "complete") {
		t.Errorf("Allowed = %v", e.Allowed)
	}
	// Forward past the last step.
	st = replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 10:00", unitDivA, "Bình", "An"), fwd("2026-03-10 10:00", unitAgency, "An", "Giám đốc"))
	_, err = Apply(p, cal, st, fwd("2026-03-11 10:00", unitDesk, "Giám đốc", "Bình"), DefaultRules())
	if e := wantCode(t, err, apperr.Conflict); !slices.Contains(e.Allowed, "complete") || slices.Contains(e.Allowed, "forward") {
		t.Errorf("Allowed = %v", e.Allowed)
	}
}

func TestApplyChecksTheEvent(t *testing.T) {
	p, cal := proc15(), testCal(t)
	st := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"))
	future := ev(Forward, "2026-03-03 08:00")
	future.ToUnitID, future.RecordedAt = unitDivA, vn("2026-03-02 09:00")
	noReason := ev(Refuse, "2026-03-02 09:00")
	noReason.Reason = "  "
	wrongUnit := fwd("2026-03-02 09:00", unitDivB, "Bình", "An")
	noUnit := Procedure(p)
	noUnit.Steps = append([]Step(nil), p.Steps...)
	noUnit.Steps[1].UnitID = 0
	badSeq := fwd("2026-03-02 09:00", unitDivA, "Bình", "An")
	badSeq.Seq = 5
	v2 := p
	v2.Version = 2
	cases := []struct {
		name  string
		p     Procedure
		ev    Event
		code  apperr.Code
		field string
	}{
		{"in the future", p, future, apperr.Invalid, "at"},
		{"before the previous event", p, fwd("2026-03-02 07:59", unitDivA, "Bình", "An"), apperr.Invalid, "at"},
		{"refusal without reason", p, noReason, apperr.Invalid, "reason"},
		{"forward to another unit", p, wrongUnit, apperr.Invalid, "to_unit_id"},
		{"forward with no unit", noUnit, fwd("2026-03-02 09:00", 0, "Bình", "An"), apperr.Invalid, "to_unit_id"},
		{"seq out of turn", p, badSeq, apperr.Conflict, "seq"},
		{"other procedure version", v2, fwd("2026-03-02 09:00", unitDivA, "Bình", "An"), apperr.Invalid, "procedure_version"},
		{"unknown action", p, ev("archive", "2026-03-02 09:00"), apperr.Invalid, "action"},
		{"supplement days on forward", p, func() Event { e := fwd("2026-03-02 09:00", unitDivA, "", ""); e.SupplementDays = 3; return e }(), apperr.Invalid, "supplement_days"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Apply(c.p, cal, st, c.ev, DefaultRules())
			if e := wantCode(t, err, c.code); e.Field != c.field {
				t.Errorf("field = %q, want %q (%v)", e.Field, c.field, err)
			}
		})
	}
	// A unit left open by the procedure is taken from the forward.
	e := fwd("2026-03-02 09:00", unitDivB, "Bình", "An")
	next, err := Apply(noUnit, cal, st, e, DefaultRules())
	if err != nil || next.Steps[1].UnitID != unitDivB || next.Version != 2 || next.Status != StatusProcessing {
		t.Errorf("open unit: %+v, %v", next.Steps[1], err)
	}
	if st.Version != 1 || st.Status != StatusReceived {
		t.Error("Apply changed its input")
	}
}
