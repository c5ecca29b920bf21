package dossier

import (
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// simple is a procedure with a limit and two steps that share it (the
// second gets the rest), or fixed budgets for calendar days.
func simple(l calendar.Limit) Procedure {
	p := proc15()
	p.Limit = l
	second := l.Value - 0.5
	if l.Unit == calendar.CalendarDays {
		second = 3
	}
	p.Steps = []Step{{Name: "Bộ phận một cửa", UnitID: unitDesk, Role: org.RoleClerk, Budget: 0.5},
		{Name: "Phòng Đăng ký kinh doanh", UnitID: unitDivA, Budget: second}}
	return p
}

func TestDueAtReceipt(t *testing.T) {
	st := replay(t, proc15(), DefaultRules(), ev(Receive, "2026-03-02 08:00"))
	sameTime(t, "StatutoryDue", st.StatutoryDue, "2026-03-23 08:00")
	sameTime(t, "AppointedDue", st.AppointedDue, "2026-03-23 08:00")
	sameTime(t, "desk step due", st.Steps[0].Due, "2026-03-02 14:00") // 3.5 h in the morning, 0.5 h after lunch
	if st.Status != StatusReceived || st.Channel != ChannelDirect || st.CurrentStep != 0 || len(st.Steps) != 3 || st.Version != 1 {
		t.Errorf("state = %+v", st)
	}
	if st.Steps[0].Handler.Name != "Trần Thị Bình" || !st.Steps[1].StartedAt.IsZero() {
		t.Errorf("steps = %+v", st.Steps)
	}
}

func TestOnlineClockStartsAtAcceptance(t *testing.T) {
	st := replay(t, proc15(), DefaultRules(), ev(SubmitOnline, "2026-02-28 21:00"), ev(Accept, "2026-03-02 08:00"))
	sameTime(t, "SubmittedAt", st.SubmittedAt, "2026-02-28 21:00")
	sameTime(t, "ReceivedAt", st.ReceivedAt, "2026-03-02 08:00")
	sameTime(t, "StatutoryDue", st.StatutoryDue, "2026-03-23 08:00")
	if st.Channel != ChannelOnline {
		t.Errorf("channel = %s", st.Channel)
	}
}

func TestSupplementPauseMovesTheDueByItsWorkingTime(t *testing.T) {
	req := ev(RequestSupplement, "2026-03-04 10:00")
	req.SupplementDays = 5
	cal := testCal(t)
	st := replay(t, proc15(), DefaultRules(), ev(Receive, "2026-03-02 08:00"), req)
	if st.Status != StatusSupplement || !st.Paused() || !st.PausedAt.Equal(vn("2026-03-04 10:00")) {
		t.Fatalf("paused state = %+v", st)
	}
	sameTime(t, "SupplementDue", st.SupplementDue, "2026-03-11 10:00")
	sameTime(t, "due while paused", st.StatutoryDue, "2026-03-23 08:00")
	left, err := Remaining(st, cal, vn("2026-03-06 10:00"))
	if err != nil || left != 102*time.Hour {
		t.Errorf("Remaining while paused = %v, %v; want 102 h (120 h less 18 h used) frozen", left, err)
	}
	st2, err := Apply(proc15(), cal, st, ev(ReceiveSupplement, "2026-03-09 10:00"), DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if st2.PausedWorking != 3*calendar.WorkingDay || st2.Paused() || st2.Status != StatusProcessing {
		t.Errorf("PausedWorking = %v, paused %v, status %d", st2.PausedWorking, st2.Paused(), st2.Status)
	}
	sameTime(t, "StatutoryDue", st2.StatutoryDue, "2026-03-26 08:00")
	sameTime(t, "AppointedDue", st2.AppointedDue, "2026-03-26 08:00")
	sameTime(t, "desk step due", st2.Steps[0].Due, "2026-03-05 14:00")
	if st2.Steps[0].Paused != 3*calendar.WorkingDay {
		t.Errorf("step paused = %v", st2.Steps[0].Paused)
	}
	// The move is exactly the paused working time.
	if d, _ := cal.Between(st.StatutoryDue, st2.StatutoryDue); d != st2.PausedWorking {
		t.Errorf("due moved by %v, paused %v", d, st2.PausedWorking)
	}
}

func TestPauseAcrossTet2026(t *testing.T) {
	// 5 working days from Mon 9/2/2026 08:00: Tết runs 14–22/2, so the due
	// falls on Mon 23/2. A stop from Fri 13/2 10:00 to Mon 23/2 10:00 holds
	// 5 h on Friday and 3 h on Monday: one working day.
	p := simple(calendar.Limit{Value: 5, Unit: calendar.WorkingDays})
	st := replay(t, p, DefaultRules(), ev(Receive, "2026-02-09 08:00"))
	sameTime(t, "due", st.StatutoryDue, "2026-02-23 08:00")
	st = replay(t, p, DefaultRules(), ev(Receive, "2026-02-09 08:00"), fwd("2026-02-09 10:00", unitDivA, "Bình", "An"),
		ev(Stop, "2026-02-13 10:00"), ev(Resume, "2026-02-23 10:00"))
	if st.PausedWorking != calendar.WorkingDay {
		t.Errorf("PausedWorking = %v", st.PausedWorking)
	}
	sameTime(t, "due after the stop", st.StatutoryDue, "2026-02-24 08:00")
	// Payment requested during a supplement pause is one pause, not two.
	st = replay(t, p, DefaultRules(), ev(Receive, "2026-02-09 08:00"), ev(RequestSupplement, "2026-02-10 08:00"),
		ev(Stop, "2026-02-11 08:00"), ev(Resume, "2026-02-12 08:00"))
	if st.PausedWorking != 2*calendar.WorkingDay {
		t.Errorf("PausedWorking = %v", st.PausedWorking)
	}
}

func TestAfter15h(t *testing.T) {
	for _, c := range []struct {
		flag     bool
		received string
		due      string
	}{
		{true, "2026-03-02 15:30", "2026-03-03 17:00"},  // counts from Tue 07:00; a budget used up at closing is due then
		{false, "2026-03-02 15:30", "2026-03-03 15:30"}, // 1.5 h on Monday, 6.5 h on Tuesday
		{true, "2026-03-02 15:00", "2026-03-03 15:00"},  // 15:00 exactly is not after 15:00
		{true, "2026-03-06 16:00", "2026-03-09 17:00"},  // Friday after 15:00 counts from Monday
	} {
		p := Procedure(proc15())
		p.Limit = calendar.Limit{Value: 1, Unit: calendar.WorkingDays, After15h: c.flag}
		p.Steps = []Step{{Name: "Bộ phận một cửa", UnitID: unitDesk, Role: org.RoleClerk, Budget: 1}}
		st := replay(t, p, DefaultRules(), ev(Receive, c.received))
		sameTime(t, "due of "+c.received, st.StatutoryDue, c.due)
		sameTime(t, "step due of "+c.received, st.Steps[0].Due, c.due)
	}
}

func TestCalendarDayProcedure(t *testing.T) {
	p := simple(calendar.Limit{Value: 10, Unit: calendar.CalendarDays})
	if err := p.Validate(); err != nil {
		t.Fatalf("budgets are not summed for calendar days: %v", err)
	}
	st := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 10:00"))
	sameTime(t, "due", st.StatutoryDue, "2026-03-12 17:00")
	st = replay(t, p, DefaultRules(), ev(Receive, "2026-03-04 10:00")) // day 10 is Saturday 14/3
	sameTime(t, "due", st.StatutoryDue, "2026-03-16 17:00")
	sameTime(t, "desk step due", st.Steps[0].Due, "2026-03-04 16:00") // steps stay in working days
}

func TestApologize(t *testing.T) {
	p, cal := proc15(), testCal(t)
	base := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"))
	// due 2026-03-23 08:00
	st, err := Apply(p, cal, base, apologize("2026-03-20 16:00", "2026-03-27 17:00"), DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if st.Apologies != 1 || st.Status != StatusProcessing {
		t.Errorf("apologies %d status %d", st.Apologies, st.Status)
	}
	sameTime(t, "AppointedDue", st.AppointedDue, "2026-03-27 17:00")
	sameTime(t, "StatutoryDue", st.StatutoryDue, "2026-03-23 08:00")

	// After the due: refused.
	_, err = Apply(p, cal, base, apologize("2026-03-23 08:00", "2026-03-27 17:00"), DefaultRules())
	if e := wantCode(t, err, apperr.Conflict); contains(e.Allowed, "apologize") {
		t.Errorf("Allowed after the due = %v", e.Allowed)
	}
	// A new appointment not after the current one.
	_, err = Apply(p, cal, base, apologize("2026-03-20 16:00", "2026-03-23 08:00"), DefaultRules())
	wantCode(t, err, apperr.Invalid)
	// Without a reason.
	noReason := apologize("2026-03-20 16:00", "2026-03-27 17:00")
	noReason.Reason = ""
	_, err = Apply(p, cal, base, noReason, DefaultRules())
	wantCode(t, err, apperr.Invalid)
	// Twice: refused by default, allowed with MaxApologies 2.
	second := apologize("2026-03-26 09:00", "2026-04-03 17:00")
	_, err = Apply(p, cal, st, second, DefaultRules())
	if e := wantCode(t, err, apperr.Conflict); contains(e.Allowed, "apologize") || !contains(e.Allowed, "forward") {
		t.Errorf("Allowed after one apology = %v", e.Allowed)
	}
	two := Rules{MaxApologies: 2}
	st2, err := Apply(p, cal, st, second, two)
	if err != nil || st2.Apologies != 2 {
		t.Fatalf("second apology with MaxApologies 2: %v", err)
	}
	sameTime(t, "AppointedDue", st2.AppointedDue, "2026-04-03 17:00")
	// The second apology must come before the first new appointment.
	_, err = Apply(p, cal, st, apologize("2026-03-27 17:00", "2026-04-03 17:00"), two)
	wantCode(t, err, apperr.Conflict)
	// A lead of one working day: 20/3 16:00 is only 2 working hours before 23/3 08:00.
	_, err = Apply(p, cal, base, apologize("2026-03-20 16:00", "2026-03-27 17:00"), Rules{ApologyLeadDays: 1})
	wantCode(t, err, apperr.Conflict)
	if _, err = Apply(p, cal, base, apologize("2026-03-19 16:00", "2026-03-27 17:00"), Rules{ApologyLeadDays: 1}); err != nil {
		t.Errorf("apology a day ahead: %v", err)
	}
	// A dossier finished late counts as late even after the apology.
	fin := replay(t, p, DefaultRules(), ev(Receive, "2026-03-02 08:00"), fwd("2026-03-02 10:00", unitDivA, "Bình", "An"),
		apologize("2026-03-20 16:00", "2026-03-27 17:00"), fwd("2026-03-25 10:00", unitAgency, "An", "Giám đốc"),
		ev(Complete, "2026-03-26 10:00"))
	if got := Classify(fin); got != Late {
		t.Errorf("Classify after apology = %v, want Late", got)
	}
}

func TestWithdrawEndsThePause(t *testing.T) {
	st := replay(t, proc15(), DefaultRules(), ev(Receive, "2026-03-02 08:00"), ev(RequestPayment, "2026-03-03 08:00"),
		ev(Withdraw, "2026-03-04 08:00"))
	if st.Status != StatusWithdrawn || st.Paused() || st.PausedWorking != calendar.WorkingDay || st.WithdrawnAt.IsZero() {
		t.Errorf("state = %+v", st)
	}
	if len(st.Allowed(proc15(), DefaultRules(), time.Now())) != 0 {
		t.Error("a withdrawn dossier allows actions")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
