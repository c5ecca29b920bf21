package dossier

import (
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

func as(id int64, role org.Role, unit int64) *auth.Subject {
	return &auth.Subject{PersonID: id, Name: string(role), Grants: []auth.Grant{{Role: role, UnitID: unit}}}
}

var (
	clerkDesk  = as(1, org.RoleClerk, unitDesk)
	clerkDivA  = as(2, org.RoleClerk, unitDivA) // a clerk posted outside the desk
	officialA  = as(3, org.RoleOfficial, unitDivA)
	officialB  = as(4, org.RoleOfficial, unitDivB)
	officialT  = as(5, org.RoleOfficial, unitTeam) // in a team below division A
	headA      = as(6, org.RoleHead, unitDivA)
	deputyA    = as(7, org.RoleDeputyHead, unitDivA)
	headB      = as(8, org.RoleHead, unitDivB)
	director   = as(9, org.RoleDirector, unitAgency)
	deputyDir  = as(10, org.RoleDeputyDirector, unitAgency)
	inspector  = as(11, org.RoleInspector, unitAgency)
	admin      = as(12, org.RoleAdmin, unitAgency)
	outsider   = as(13, org.RoleDirector, unitOther)
	clerkOther = as(14, org.RoleClerk, unitOther)
)

func testPolicy() *auth.Policy {
	p := auth.NewPolicy()
	RegisterPolicy(p)
	return p
}

func TestCanActMatrix(t *testing.T) {
	p := proc15() // desk (clerk) → division A → director's signature (agency)
	sNew := State{}
	sDesk := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"))
	sA := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"))
	sLead := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"),
		fwd("2026-03-10 10:00", unitAgency, "An", "Giám đốc"))

	// Step 1 left to "any unit of the agency", assigned to division B on forward.
	open := proc15()
	open.Steps = append([]Step(nil), p.Steps...)
	open.Steps[1].UnitID = 0
	sOpenDesk := replay(t, open, DefaultRules(), ev(Receive, "2026-03-02 08:00"))
	sOpenB := replay(t, open, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivB, "Bình", "Bảo"))
	// A desk left open too: any clerk of the agency receives.
	anyDesk := proc15()
	anyDesk.Steps = append([]Step(nil), p.Steps...)
	anyDesk.Steps[0].UnitID = 0

	type row struct {
		who    *auth.Subject
		p      Procedure
		st     State
		action Action
		want   bool
	}
	var rows []row
	add := func(pr Procedure, st State, a Action, yes []*auth.Subject, no []*auth.Subject) {
		for _, s := range yes {
			rows = append(rows, row{s, pr, st, a, true})
		}
		for _, s := range no {
			rows = append(rows, row{s, pr, st, a, false})
		}
	}
	everyoneBut := func(yes ...*auth.Subject) []*auth.Subject {
		var out []*auth.Subject
		for _, s := range []*auth.Subject{clerkDesk, clerkDivA, officialA, officialB, officialT, headA, deputyA, headB,
			director, deputyDir, inspector, admin, outsider, clerkOther} {
			in := false
			for _, y := range yes {
				in = in || y == s
			}
			if !in {
				out = append(out, s)
			}
		}
		return out
	}
	intake := []*auth.Subject{clerkDesk, admin}
	add(p, sNew, SubmitOnline, nil, everyoneBut())
	add(p, sNew, Receive, intake, everyoneBut(intake...))
	add(p, sNew, Accept, intake, everyoneBut(intake...))
	add(p, sDesk, Refuse, intake, everyoneBut(intake...))
	add(p, sDesk, Forward, intake, everyoneBut(intake...)) // the desk step is the clerk's
	add(p, sDesk, RequestSupplement, intake, everyoneBut(intake...))
	handlersA := []*auth.Subject{officialA, headA, deputyA, director, deputyDir}
	for _, a := range []Action{Forward, RequestSupplement, RequestPayment, Stop, Resume} {
		add(p, sA, a, handlersA, everyoneBut(handlersA...))
	}
	// The desk takes in what the applicant brings to the counter.
	takersA := append([]*auth.Subject{clerkDesk, admin}, handlersA...)
	for _, a := range []Action{ReceiveSupplement, ReceivePayment} {
		add(p, sA, a, takersA, everyoneBut(takersA...))
	}
	lead := []*auth.Subject{director, deputyDir}
	add(p, sLead, Complete, lead, everyoneBut(lead...))
	apologizersA := []*auth.Subject{headA, deputyA, director, deputyDir}
	add(p, sA, Apologize, apologizersA, everyoneBut(apologizersA...))
	add(p, sLead, Apologize, lead, everyoneBut(lead...))
	add(p, sLead, ReturnResult, intake, everyoneBut(intake...))
	add(p, sA, Withdraw, intake, everyoneBut(intake...))
	add(open, sOpenDesk, Forward, intake, everyoneBut(intake...))
	handlersB := []*auth.Subject{officialB, headB, director, deputyDir}
	add(open, sOpenB, Complete, nil, nil) // not at the last step: Apply refuses, CanAct does not care
	add(open, sOpenB, RequestPayment, handlersB, everyoneBut(handlersB...))
	anyClerk := []*auth.Subject{clerkDesk, clerkDivA, admin}
	add(anyDesk, sNew, Receive, anyClerk, everyoneBut(anyClerk...))

	pol, tree := testPolicy(), testTree()
	for _, r := range rows {
		err := CanAct(r.who, tree, pol, r.st, r.p, r.action)
		if got := err == nil; got != r.want {
			t.Errorf("%s (unit %d) %s at step %d: allowed %v, want %v (%v)",
				r.who.Name, r.who.Grants[0].UnitID, r.action, r.st.CurrentStep, got, r.want, err)
		}
		if err != nil && apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("%s %s: %v, want forbidden", r.who.Name, r.action, err)
		}
	}
	if err := CanAct(nil, tree, pol, sA, p, Forward); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("anonymous: %v", err)
	}
	if err := CanAct(headA, tree, pol, sA, p, "archive"); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("unknown action: %v", err)
	}
}

func TestCanViewAndStats(t *testing.T) {
	p := proc15()
	sA := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"))
	pol, tree := testPolicy(), testTree()
	for _, c := range []struct {
		who        *auth.Subject
		view, stat bool
	}{
		{clerkDesk, true, false},
		{clerkDivA, true, false},
		{officialA, true, false},
		{officialB, false, false}, // the dossier never reached division B
		{officialT, false, false},
		{headA, true, true},
		{deputyA, true, true},
		{headB, false, true}, // statistics of division B, not this dossier
		{director, true, true},
		{deputyDir, true, true},
		{inspector, true, true},
		{admin, true, false},
		{outsider, false, true}, // statistics of the other agency
	} {
		if got := CanView(c.who, tree, pol, sA, p) == nil; got != c.view {
			t.Errorf("%s (unit %d) view: %v, want %v", c.who.Name, c.who.Grants[0].UnitID, got, c.view)
		}
		unit := c.who.Grants[0].UnitID
		if got := pol.Can(c.who, tree, PermStats, auth.Resource{UnitID: unit}); got != c.stat {
			t.Errorf("%s stats on own unit: %v, want %v", c.who.Name, got, c.stat)
		}
	}
	if pol.Can(headA, tree, PermStats, auth.Resource{UnitID: unitDivB}) {
		t.Error("a head sees only the statistics of the division")
	}
	if err := CanView(nil, tree, pol, sA, p); apperr.CodeOf(err) != apperr.Unauthorized {
		t.Errorf("anonymous view: %v", err)
	}
}

// TestStepRole: a step assigned to a role is taken by that role, a role on
// its level (the deputy who signs on behalf) or above; an official of the
// unit cannot complete the head's approval step, and is told which step
// and which role.
func TestStepRole(t *testing.T) {
	p := proc15()
	p.Steps = append([]Step(nil), p.Steps...)
	p.Steps[1].Role, p.Steps[1].Budget = org.RoleOfficial, 13
	p.Steps = append(p.Steps[:2], append([]Step{{Name: "Trưởng phòng phê duyệt", UnitID: unitDivA, Role: org.RoleHead, Budget: 1}}, p.Steps[2:]...)...)
	sOfficial := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"))
	sHead := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"),
		fwd("2026-03-05 10:00", unitDivA, "An", "Trưởng phòng"))
	pol, tree := testPolicy(), testTree()
	for _, c := range []struct {
		who  *auth.Subject
		st   State
		a    Action
		want bool
	}{
		{officialA, sOfficial, Forward, true},
		{headA, sOfficial, Forward, true},
		{deputyA, sOfficial, RequestSupplement, true},
		{officialA, sHead, Forward, false},
		{officialA, sHead, RequestSupplement, false},
		{officialA, sHead, Stop, false},
		{officialT, sHead, Forward, false},
		{headA, sHead, Forward, true},
		{deputyA, sHead, Forward, true},
		{director, sHead, Forward, true},
		{deputyDir, sHead, Forward, true},
		{headB, sHead, Forward, false},
		{clerkDesk, sHead, Forward, false},
		{clerkDesk, sHead, ReceiveSupplement, true},
	} {
		err := CanAct(c.who, tree, pol, c.st, p, c.a)
		if got := err == nil; got != c.want {
			t.Errorf("%s %s at step %d: allowed %v, want %v (%v)", c.who.Name, c.a, c.st.CurrentStep, got, c.want, err)
		}
		if err != nil && apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("%s %s: %v, want forbidden", c.who.Name, c.a, err)
		}
	}
	err := CanAct(officialA, tree, pol, sHead, p, Forward)
	e := apperr.As(err)
	if e == nil || !strings.Contains(e.Message("vi"), "Trưởng phòng phê duyệt") || !strings.Contains(e.Message("vi"), "Trưởng phòng (hoặc cấp trên)") {
		t.Errorf("refusal does not name the step and the role: %v", err)
	}
	// A step of the agency's leaders is not a division head's.
	sLead := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"),
		fwd("2026-03-05 10:00", unitDivA, "An", "Trưởng phòng"), fwd("2026-03-06 10:00", unitAgency, "Trưởng phòng", "Giám đốc"))
	for _, who := range []*auth.Subject{headA, deputyA, officialA} {
		if err := CanAct(who, tree, pol, sLead, p, Complete); err == nil {
			t.Errorf("%s completed the director's step", who.Name)
		}
	}
}

func TestRoleMayTakeStep(t *testing.T) {
	for _, c := range []struct {
		have, need org.Role
		want       bool
	}{
		{org.RoleOfficial, "", true},
		{org.RoleOfficial, org.RoleOfficial, true},
		{org.RoleOfficial, org.RoleHead, false},
		{org.RoleDeputyHead, org.RoleHead, true},
		{org.RoleHead, org.RoleDeputyHead, true},
		{org.RoleHead, org.RoleDirector, false},
		{org.RoleDeputyDirector, org.RoleDirector, true},
		{org.RoleDirector, org.RoleHead, true},
		{org.RoleClerk, org.RoleOfficial, false},
		{org.RoleInspector, org.RoleInspector, true},
		{org.RoleDirector, org.RoleInspector, false},
		{org.RoleAdmin, org.RoleHead, false},
	} {
		if got := RoleMayTakeStep(c.have, c.need); got != c.want {
			t.Errorf("RoleMayTakeStep(%s, %s) = %v, want %v", c.have, c.need, got, c.want)
		}
	}
}

func TestCanReissueSecret(t *testing.T) {
	p := proc15()
	sA := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"))
	pol, tree := testPolicy(), testTree()
	for who, want := range map[*auth.Subject]bool{clerkDesk: true, admin: true, clerkDivA: false, officialA: false, headA: false,
		director: false, clerkOther: false} {
		if got := CanReissueSecret(who, tree, pol, sA, p) == nil; got != want {
			t.Errorf("%s (unit %d): %v, want %v", who.Name, who.Grants[0].UnitID, got, want)
		}
	}
}
