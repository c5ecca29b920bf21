package dossier

import (
	"slices"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// appraisal is an appraisal-like procedure in calendar days with one
// extension: the desk, division B handles, consults in parallel, reports,
// its head approves.
func appraisal() Procedure {
	return Procedure{
		Code: "9.000001", Name: "Thẩm định chủ trương đầu tư", Field: "Đầu tư công",
		Level: LevelPartial, Limit: calendar.Limit{Value: 30, Unit: calendar.CalendarDays},
		Steps: []Step{
			{Name: "Tiếp nhận", UnitID: unitDesk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Phòng chủ trì xử lý", UnitID: unitDivB, Role: org.RoleOfficial, Budget: 3},
			{Name: "Lấy ý kiến", UnitID: unitDivB, Role: org.RoleOfficial, Budget: 10, Kind: StepParallel},
			{Name: "Báo cáo thẩm định", UnitID: unitDivB, Role: org.RoleOfficial, Budget: 3, Kind: StepReport},
			{Name: "Trưởng phòng duyệt", UnitID: unitDivB, Role: org.RoleHead, Budget: 1},
		},
		Version: 1, EffectiveFrom: date("2025-01-01"), AgencyID: unitAgency, MaxExtensions: 1,
	}
}

func consult(at string, asks ...BranchAsk) Event {
	e := ev(Consult, at)
	e.UnitID, e.Branches = unitDivB, asks
	return e
}

func answer(at string, unit int64, v Verdict) Event {
	e := ev(AnswerConsultation, at)
	e.UnitID, e.Verdict, e.Reason = unit, v, "ý kiến của đơn vị"
	return e
}

func extend(at string, d float64) Event {
	e := ev(Extend, at)
	e.ExtendDays = d
	return e
}

func report(at string, v Verdict) Event {
	e := ev(AppraisalReport, at)
	e.Verdict, e.Reason, e.FileID = v, "Kết luận thẩm định", 42
	return e
}

// atConsultation: received Mon 2/3/2026 08:00, at the parallel step from
// Tue 3/3 08:00; units A and the team asked for 5 and 3 working days.
func atConsultation() []Event {
	return []Event{ev(Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 10:00", unitDivB, "Bình", "Bảo"),
		fwd("2026-03-03 08:00", unitDivB, "Bảo", "Bảo"),
		consult("2026-03-03 08:00", BranchAsk{unitDivA, 5}, BranchAsk{unitTeam, 3}),
	}
}

func TestParallelConsultation(t *testing.T) {
	p, cal := appraisal(), testCal(t)
	base := atConsultation()
	type check func(t *testing.T, st State, err error)
	conflict := func(t *testing.T, st State, err error) { t.Helper(); wantCode(t, err, apperr.Conflict) }
	cases := []struct {
		name   string
		events []Event
		last   Event // applied to the replayed events: checked by want
		want   check
	}{
		{"waits while a unit has time left", []Event{answer("2026-03-04 09:00", unitDivA, VerdictAgree)},
			fwd("2026-03-04 10:00", unitDivB, "Bảo", "Bảo"), conflict},
		{"all answered: goes on, both on time or early",
			[]Event{answer("2026-03-04 09:00", unitDivA, VerdictAgree), answer("2026-03-06 09:00", unitTeam, VerdictDisagree)},
			fwd("2026-03-06 10:00", unitDivB, "Bảo", "Bảo"),
			func(t *testing.T, st State, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if st.CurrentStep != 3 || len(st.Branches) != 2 {
					t.Fatalf("step %d branches %d", st.CurrentStep, len(st.Branches))
				}
				for _, b := range st.Branches {
					if !b.Closed || !b.Answered() || b.Late(vn("2026-03-20 08:00")) {
						t.Errorf("branch %d: %+v", b.UnitID, b)
					}
				}
				if st.Branches[1].Verdict != VerdictDisagree || st.Branches[1].Result(time.Time{}) != OnTime {
					t.Errorf("team: %+v result %v", st.Branches[1], st.Branches[1].Result(time.Time{}))
				}
			}},
		{"one late: after its time the dossier goes on, the unanswered unit late",
			[]Event{answer("2026-03-04 09:00", unitDivA, VerdictAgree)},
			fwd("2026-03-06 08:00", unitDivB, "Bảo", "Bảo"), // the team's 3 days ended Thu 5/3 17:00 … Fri 6/3 08:00
			func(t *testing.T, st State, err error) {
				if err != nil {
					t.Fatal(err)
				}
				team := st.Branches[1]
				sameTime(t, "team due", team.Due, "2026-03-06 08:00")
				if team.Answered() || !team.Closed || team.Result(time.Time{}) != Late {
					t.Errorf("team: %+v", team)
				}
				if len(st.OpenBranches()) != 0 {
					t.Error("open branches after the step")
				}
			}},
		{"an answer after the deadline is recorded, late",
			nil, answer("2026-03-09 09:00", unitTeam, VerdictAgree),
			func(t *testing.T, st State, err error) {
				if err != nil {
					t.Fatal(err)
				}
				b := st.Branches[1]
				if !b.Answered() || b.Result(time.Time{}) != Late || st.Status != StatusProcessing {
					t.Errorf("team: %+v status %d", b, st.Status)
				}
			}},
		{"a second answer of a unit is refused", []Event{answer("2026-03-04 09:00", unitDivA, VerdictAgree)},
			answer("2026-03-04 10:00", unitDivA, VerdictDisagree), conflict},
		{"a unit not asked cannot answer", nil, answer("2026-03-04 10:00", unitDesk, VerdictAgree), conflict},
		{"a unit asked twice at the step is refused", nil, consult("2026-03-03 09:00", BranchAsk{unitDivA, 2}),
			func(t *testing.T, st State, err error) { wantCode(t, err, apperr.Invalid) }},
		{"another unit may be asked later", nil, consult("2026-03-03 09:00", BranchAsk{unitAgency, 2}),
			func(t *testing.T, st State, err error) {
				if err != nil || len(st.OpenBranches()) != 3 {
					t.Fatalf("%v, %d open", err, len(st.OpenBranches()))
				}
			}},
		{"a completion request pauses the dossier and the branches",
			[]Event{ev(RequestSupplement, "2026-03-04 08:00")}, ev(ReceiveSupplement, "2026-03-06 08:00"),
			func(t *testing.T, st State, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if st.PausedWorking != 16*time.Hour {
					t.Errorf("paused %v", st.PausedWorking)
				}
				// 30 calendar days from Mon 2/3 end Wed 1/4 17:00; + 2 working days paused.
				sameTime(t, "StatutoryDue", st.StatutoryDue, "2026-04-03 17:00")
				sameTime(t, "team due", st.Branches[1].Due, "2026-03-10 08:00")
			}},
		{"a unit may answer while the dossier waits for the completion",
			[]Event{ev(RequestSupplement, "2026-03-04 08:00")}, answer("2026-03-04 09:00", unitDivA, VerdictAgree),
			func(t *testing.T, st State, err error) {
				if err != nil || st.Status != StatusSupplement || !st.Branches[0].Answered() {
					t.Fatalf("%v status %d", err, st.Status)
				}
			}},
		{"no consultation asked: cannot go on", nil, fwd("2026-03-03 07:00", unitDivB, "Bảo", "Bảo"), conflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events := append(slices.Clone(base), c.events...)
			if c.name == "no consultation asked: cannot go on" {
				events = slices.Clone(base[:3])
				c.last = fwd("2026-03-03 09:00", unitDivB, "Bảo", "Bảo")
			}
			st := replay(t, p, DefaultRules(), events...)
			next, err := Apply(p, cal, st, c.last, DefaultRules())
			c.want(t, next, err)
		})
	}
}

func TestAppraisalReportAndExtension(t *testing.T) {
	p, cal := appraisal(), testCal(t)
	events := append(atConsultation(), answer("2026-03-04 09:00", unitDivA, VerdictAgree),
		answer("2026-03-05 09:00", unitTeam, VerdictAgree), fwd("2026-03-05 10:00", unitDivB, "Bảo", "Bảo"))
	st := replay(t, p, DefaultRules(), events...)
	if slices.Contains(st.Allowed(p, DefaultRules(), vn("2026-03-05 11:00")), Forward) {
		t.Error("forward offered before the report")
	}
	if _, err := Apply(p, cal, st, fwd("2026-03-05 11:00", unitDivB, "Bảo", "Trưởng phòng"), DefaultRules()); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("forward without a report: %v", err)
	}
	st = replay(t, p, DefaultRules(), append(events, report("2026-03-06 09:00", VerdictConditional))...)
	if st.Report == nil || st.Report.Verdict != VerdictConditional || st.Report.FileID != 42 {
		t.Fatalf("report %+v", st.Report)
	}
	due := st.StatutoryDue
	sameTime(t, "due", due, "2026-04-01 17:00")

	// One extension of at most the same length, then a clear conflict.
	if _, err := Apply(p, cal, st, extend("2026-03-06 10:00", 31), DefaultRules()); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("longer than the limit: %v", err)
	}
	ext, err := Apply(p, cal, st, extend("2026-03-06 10:00", 30), DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	sameTime(t, "extended due", ext.StatutoryDue, "2026-05-04 17:00") // 1/5 is a holiday, 2–3/5 the weekend
	if ext.Extensions != 1 || slices.Contains(ext.Allowed(p, DefaultRules(), vn("2026-03-06 11:00")), Extend) {
		t.Errorf("extensions %d, allowed %v", ext.Extensions, ext.Allowed(p, DefaultRules(), vn("2026-03-06 11:00")))
	}
	_, err = Apply(p, cal, ext, extend("2026-03-06 11:00", 5), DefaultRules())
	if e := wantCode(t, err, apperr.Conflict); e.VI == "" || slices.Contains(e.Allowed, "extend") {
		t.Errorf("second extension: %+v", e)
	}
	// A procedure without extensions refuses the first.
	one := p
	one.MaxExtensions = 0
	if _, err := Apply(one, cal, st, extend("2026-03-06 10:00", 3), DefaultRules()); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("no extensions: %v", err)
	}
	// After the report the dossier goes on to the head and completes.
	st = replay(t, p, DefaultRules(), append(events, report("2026-03-06 09:00", VerdictAgree),
		fwd("2026-03-06 10:00", unitDivB, "Bảo", "Trưởng phòng"), ev(Complete, "2026-03-09 10:00"))...)
	if st.Status != StatusResolved || Classify(st) != Early {
		t.Errorf("status %d result %v", st.Status, Classify(st))
	}
}

func TestOwnLimitAtReceipt(t *testing.T) {
	p := appraisal()
	e := ev(Receive, "2026-03-02 08:00")
	e.Limit = &calendar.Limit{Value: 45, Unit: calendar.CalendarDays}
	st := replay(t, p, DefaultRules(), e)
	sameTime(t, "due", st.StatutoryDue, "2026-04-16 17:00")
	if st.Limit.Value != 45 {
		t.Errorf("limit %v", st.Limit)
	}
	bad := ev(Forward, "2026-03-02 09:00")
	bad.Limit = e.Limit
	if _, err := Apply(p, testCal(t), st, bad, DefaultRules()); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("a limit on forward: %v", err)
	}
}

func TestStepActionsLeaveOtherProceduresAlone(t *testing.T) {
	p := proc15()
	st := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"))
	for _, a := range []Action{Consult, AnswerConsultation, Extend, AppraisalReport} {
		if slices.Contains(st.Allowed(p, DefaultRules(), vn("2026-03-02 11:00")), a) {
			t.Errorf("%s offered on a one-stop procedure", a)
		}
	}
	if _, err := Apply(p, testCal(t), st, consult("2026-03-02 11:00", BranchAsk{unitDivB, 2}), DefaultRules()); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("consult on a plain step: %v", err)
	}
}

func TestCanAnswer(t *testing.T) {
	p := appraisal()
	st := replay(t, p, DefaultRules(), atConsultation()...)
	pol, tree := testPolicy(), testTree()
	headT := as(20, org.RoleHead, unitTeam)
	cases := []struct {
		who  *auth.Subject
		unit int64
		ok   bool
	}{
		{officialA, unitDivA, true},
		{headA, unitDivA, true},
		{officialT, unitTeam, true},
		{headT, unitTeam, true},
		{officialT, unitDivA, false}, // the team does not answer for its division
		{officialA, unitTeam, false}, // nor the division for a team below it: each answers its own
		{officialB, unitDivA, false}, // the handling unit does not answer for the consulted one
		{headB, unitTeam, false},
		{director, unitDivA, false}, // the agency's leaders do not answer for a division
		{outsider, unitDivA, false},
		{clerkOther, unitTeam, false},
		{clerkDesk, unitDivA, false},
		{nil, unitDivA, false},
	}
	for _, c := range cases {
		err := CanAnswer(c.who, tree, pol, st, c.unit)
		if (err == nil) != c.ok {
			t.Errorf("%v answering for %d: %v", c.who, c.unit, err)
		}
		if c.who != nil {
			if acted := CanAct(c.who, tree, pol, st, p, AnswerConsultation); (acted == nil) != (len(AnswerableBranches(c.who, tree, pol, st)) > 0) {
				t.Errorf("%v: CanAct %v", c.who, acted)
			}
		}
	}
	// The consulted unit reads the dossier it is asked about.
	if err := CanView(officialT, tree, pol, st, p); err != nil {
		t.Errorf("consulted team cannot view: %v", err)
	}
	if err := CanView(outsider, tree, pol, st, p); err == nil {
		t.Error("another agency views")
	}
	// Extending is the head's: the handling division's official may not.
	if err := CanAct(officialB, tree, pol, st, p, Extend); err == nil {
		t.Error("an official extends")
	}
	if err := CanAct(headB, tree, pol, st, p, Extend); err != nil {
		t.Errorf("the head cannot extend: %v", err)
	}
	if err := CanAct(officialB, tree, pol, st, p, Consult); err != nil {
		t.Errorf("the handler cannot consult: %v", err)
	}
	if err := CanAct(officialA, tree, pol, st, p, Consult); err == nil {
		t.Error("a consulted unit consults")
	}
}
