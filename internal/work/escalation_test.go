package work

import "testing"

// An obstacle raised on Thu 5/3/2026 at 10:00 with the default 2 working
// days: Thu has 5 working hours left (10:00–11:30, 13:30–17:00), Fri 6/3
// 8 (13); Sat and Sun do not count; 3 more on Mon 9/3 from 07:00: level 1
// (the assigner) at Mon 9/3 10:00. Two working days more: level 2 (the
// assigner's superior) at Wed 11/3 10:00.
func TestEscalationAcrossAWeekend(t *testing.T) {
	cal := testCalendar(t)
	r := DefaultRules()
	h := newTask(t, cal, 7, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-31")}, 1)
	h = must(t, h, ev(ActionStart), asLead, "2026-03-02 09:00")
	h = must(t, h, note(ActionRaiseObstacle, "Chờ ý kiến thẩm định của Sở Xây dựng"), asLead, "2026-03-05 10:00")

	level, due, err := EscalationDue(cal, h.Obstacles[0], r)
	if err != nil || level != 1 || !due.Equal(at("2026-03-09 10:00")) {
		t.Fatalf("level 1: %d at %v, %v", level, due.In(at("2026-03-09 10:00").Location()), err)
	}
	if evs, _ := DueEscalations(cal, h, r, at("2026-03-09 09:59")); len(evs) != 0 {
		t.Errorf("escalated a minute early: %+v", evs)
	}
	evs, err := DueEscalations(cal, h, r, at("2026-03-09 10:00"))
	if err != nil || len(evs) != 1 || evs[0].Level != 1 || evs[0].Ref != 2 {
		t.Fatalf("due at 10:00: %+v %v", evs, err)
	}
	h = must(t, h, evs[0], asSystem, "2026-03-09 10:05")
	if o := h.Obstacles[0]; o.EscalationLevel != 1 || !o.EscalatedAt.Equal(at("2026-03-09 10:05")) {
		t.Errorf("after level 1: %+v", o)
	}
	if _, _, err := Apply(h, evs[0], asSystem, at("2026-03-09 10:06")); code(err) != "conflict" {
		t.Errorf("the same escalation twice: %v", err)
	}

	level, due, _ = EscalationDue(cal, h.Obstacles[0], r)
	if level != 2 || !due.Equal(at("2026-03-11 10:00")) {
		t.Fatalf("level 2: %d at %v", level, due)
	}
	evs, _ = DueEscalations(cal, h, r, at("2026-03-12 08:00")) // the job ran late: still level 2, once
	h = must(t, h, evs[0], asSystem, "2026-03-12 08:00")
	if level, _, _ = EscalationDue(cal, h.Obstacles[0], r); level != 0 {
		t.Errorf("beyond level 2: %d", level)
	}

	// A configured 1 working day: level 1 on Fri 6/3 at 10:00.
	if _, due, _ = EscalationDue(cal, Obstacle{RaisedAt: at("2026-03-05 10:00")}, Rules{EscalateAfter: 1, DueSoonDays: 3}); !due.Equal(at("2026-03-06 10:00")) {
		t.Errorf("1 working day: %v", due)
	}
	// Resolved: nothing due.
	if level, _, _ := EscalationDue(cal, Obstacle{RaisedAt: at("2026-03-05 10:00"), ResolvedAt: ptr(at("2026-03-05 11:00"))}, r); level != 0 {
		t.Errorf("resolved obstacle escalates")
	}
	if _, _, err := EscalationDue(cal, Obstacle{RaisedAt: at("2026-03-05 10:00")}, Rules{}); code(err) != "invalid" {
		t.Errorf("zero rules: %v", err)
	}
}

// A task due Fri 13/3/2026 at 17:00: due soon from the day its date is
// within 3 working days (Tue 10/3), due today on 13/3, overdue from Sat 14/3.
func TestReminders(t *testing.T) {
	cal := testCalendar(t)
	h := newTask(t, cal, 42, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-13")}, 1)
	r := DefaultRules()
	cases := []struct {
		now  string
		want ReminderKind // "" none
	}{
		{"2026-03-06 09:00", ""},
		{"2026-03-09 16:59", ""}, // Tue, Wed, Thu are the next 3 working days
		{"2026-03-10 07:00", DueSoon},
		{"2026-03-12 17:00", DueSoon},
		{"2026-03-13 08:00", DueToday},
		{"2026-03-13 23:00", DueToday}, // dates, not hours
		{"2026-03-14 00:00", Overdue},
		{"2026-04-01 09:00", Overdue},
	}
	for _, c := range cases {
		got := Reminders(cal, h.Task, r, at(c.now))
		switch {
		case c.want == "" && len(got) != 0:
			t.Errorf("%s: %+v, want none", c.now, got)
		case c.want != "" && (len(got) != 1 || got[0].Kind != c.want):
			t.Errorf("%s: %+v, want %s", c.now, got, c.want)
		case c.want != "" && got[0].Key != "task:42:"+string(c.want)+":2026-03-13":
			t.Errorf("%s: key %q", c.now, got[0].Key)
		}
	}
	// Over a weekend: due Mon 16/3, the next 3 working days from Wed 11/3
	// are Thu, Fri and Mon.
	h2 := newTask(t, cal, 43, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-16")}, 1)
	if got := Reminders(cal, h2.Task, r, at("2026-03-11 09:00")); len(got) != 1 || got[0].Kind != DueSoon {
		t.Errorf("over the weekend: %+v", got)
	}
	// Submitted, done or cancelled tasks are not chased.
	h = must(t, h, ev(ActionStart), asLead, "2026-03-02 09:00")
	h = must(t, h, note(ActionSubmit, "Báo cáo"), asLead, "2026-03-12 09:00")
	if got := Reminders(cal, h.Task, r, at("2026-03-16 09:00")); len(got) != 0 {
		t.Errorf("submitted task chased: %+v", got)
	}
	// An approved extension moves the reminders, with new keys.
	h3 := newTask(t, cal, 44, "2026-03-02 08:00", DeadlineSpec{Date: date("2026-03-13")}, 1)
	h3 = must(t, h3, Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-20 17:00")), Reason: "Chờ số liệu"}, asLead, "2026-03-11 09:00")
	h3 = must(t, h3, Event{Action: ActionDecideExtension, Approved: ptr(true)}, asAssigner, "2026-03-11 10:00")
	if got := Reminders(cal, h3.Task, r, at("2026-03-16 09:00")); len(got) != 0 {
		t.Errorf("after the extension, 16/3: %+v", got)
	}
	if got := Reminders(cal, h3.Task, r, at("2026-03-20 09:00")); len(got) != 1 || got[0].Key != "task:44:due_today:2026-03-20" {
		t.Errorf("after the extension, 20/3: %+v", got)
	}
}
