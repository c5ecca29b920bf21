package work

import (
	"testing"
	"time"
)

func TestDeadlineFrom(t *testing.T) {
	cal := testCalendar(t)
	cases := []struct {
		name     string
		assigned string
		spec     DeadlineSpec
		want     string // in Vietnam's time; "" for an error
	}{
		// A date: the close of office hours that day.
		{"a working day", "2026-02-23 09:00", DeadlineSpec{Date: date("2026-02-27")}, "2026-02-27 17:00"},
		{"the day of assignment", "2026-02-23 09:00", DeadlineSpec{Date: date("2026-02-23")}, "2026-02-23 17:00"},
		{"a Saturday of Tết moves to Monday's close", "2026-02-11 09:00", DeadlineSpec{Date: date("2026-02-21")}, "2026-02-23 17:00"},
		{"a Tết weekday moves past the holiday", "2026-02-11 09:00", DeadlineSpec{Date: date("2026-02-17")}, "2026-02-23 17:00"},
		{"a plain Sunday moves to Monday", "2026-03-02 09:00", DeadlineSpec{Date: date("2026-03-08")}, "2026-03-09 17:00"},
		{"the worked Saturday 10/1/2026 is a working day", "2026-01-05 09:00", DeadlineSpec{Date: date("2026-01-10")}, "2026-01-10 17:00"},
		// N working days: Thu 12/2 09:00 has 6 hours left (Thu), Fri 13/2 8
		// (14); Tết runs Sat 14/2–Sun 22/2; Mon 23 (22), Tue 24 (30), Wed 25
		// (38), and 2 more hours on Thu 26/2: 09:00.
		{"5 working days across Tết 2026", "2026-02-12 09:00", DeadlineSpec{WorkingDays: days(5)}, "2026-02-26 09:00"},
		// Fri 13/2 16:00: 1 hour that day, 3 more after Tết: Mon 23/2 10:00.
		{"half a day across Tết", "2026-02-13 16:00", DeadlineSpec{WorkingDays: days(0.5)}, "2026-02-23 10:00"},
		// Assigned after hours: counting starts at the next opening.
		{"assigned after hours", "2026-03-06 18:30", DeadlineSpec{WorkingDays: days(1)}, "2026-03-09 17:00"},
		{"a date before the assignment", "2026-03-06 09:00", DeadlineSpec{Date: date("2026-03-05")}, ""},
		{"the same day, assigned after the close", "2026-03-06 17:30", DeadlineSpec{Date: date("2026-03-06")}, ""},
		{"both forms", "2026-03-06 09:00", DeadlineSpec{Date: date("2026-03-10"), WorkingDays: days(2)}, ""},
		{"neither", "2026-03-06 09:00", DeadlineSpec{}, ""},
		{"zero days", "2026-03-06 09:00", DeadlineSpec{WorkingDays: days(0)}, ""},
		{"beyond the calendar", "2199-12-30 09:00", DeadlineSpec{WorkingDays: days(10)}, ""},
	}
	for _, c := range cases {
		got, err := DeadlineFrom(cal, at(c.assigned), c.spec)
		if c.want == "" {
			if code(err) != "invalid" || asErr(err).Field != "deadline" {
				t.Errorf("%s: %v, %v; want invalid deadline", c.name, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(at(c.want)) || got.Location() != time.UTC {
			t.Errorf("%s: %v, %v; want %s", c.name, got.In(at(c.want).Location()), err, c.want)
		}
	}
}

func TestNewTaskValidate(t *testing.T) {
	cal := testCalendar(t)
	ok := func() NewTask {
		return NewTask{AgencyID: 2, Title: "  Tham mưu kế hoạch thực hiện Chỉ thị 09/CT-UBND  ", Product: "Kế hoạch trình Giám đốc",
			LeadUnitID: 3, LeadPersonID: lead, AssignerID: assigner, AssignedAt: at("2026-03-02 08:00"),
			Deadline: DeadlineSpec{Date: date("2026-03-13")}}
	}
	cases := []struct {
		name  string
		edit  func(*NewTask)
		field string // "" valid
	}{
		{"valid", func(*NewTask) {}, ""},
		{"title too short", func(n *NewTask) { n.Title = "ab" }, "title"},
		{"title too long", func(n *NewTask) { n.Title = string(make([]rune, 301)) }, "title"},
		{"no product", func(n *NewTask) { n.Product = "" }, "product"},
		{"no lead person", func(n *NewTask) { n.LeadPersonID = 0 }, "lead_person_id"},
		{"no lead unit", func(n *NewTask) { n.LeadUnitID = 0 }, "lead_unit_id"},
		{"no assigner", func(n *NewTask) { n.AssignerID = 0 }, "assigner_id"},
		{"assigner leads", func(n *NewTask) { n.AssignerID = lead }, "lead_person_id"},
		{"weight 0 is the default", func(n *NewTask) { n.Weight = 0 }, ""},
		{"weight 10", func(n *NewTask) { n.Weight = 10 }, ""},
		{"weight over 10", func(n *NewTask) { n.Weight = 10.5 }, "weight"},
		{"negative weight", func(n *NewTask) { n.Weight = -1 }, "weight"},
		{"bad priority", func(n *NewTask) { n.Priority = "asap" }, "priority"},
		{"deadline before assignment", func(n *NewTask) { n.Deadline = DeadlineSpec{Date: date("2026-03-01")} }, "deadline"},
		{"lead also coordinates", func(n *NewTask) { n.Coordinators = []Coordination{{UnitID: 4, PersonID: ptr(lead)}} }, "coordinators[0].person_id"},
		{"coordinator twice", func(n *NewTask) { n.Coordinators = []Coordination{{UnitID: 4}, {UnitID: 4}} }, "coordinators[1]"},
		{"coordinating unit missing", func(n *NewTask) { n.Coordinators = []Coordination{{}} }, "coordinators[0].unit_id"},
		{"blank checklist item", func(n *NewTask) { n.Checklist = []string{"Bước 1", " "} }, "checklist[1]"},
	}
	for _, c := range cases {
		n := ok()
		c.edit(&n)
		tk, err := n.Build(cal)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if code(err) != "invalid" || asErr(err).Field != c.field {
			t.Errorf("%s: %v (field %q), want invalid %q", c.name, err, asErr(err).Field, c.field)
		}
		_ = tk
	}
	tk, _ := ok().Build(cal)
	if tk.Title != "Tham mưu kế hoạch thực hiện Chỉ thị 09/CT-UBND" || tk.Weight != 1 || tk.Priority != PriorityNormal ||
		tk.State != StateAssigned || !tk.Deadline.Equal(at("2026-03-13 17:00")) || tk.OriginalDeadline != tk.Deadline ||
		tk.AssignedOn() != *date("2026-03-02") {
		t.Errorf("built task = %+v", tk)
	}
}
