package work

import (
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// The people of the tests: the lead (chuyên viên, Phòng KGVX = unit 3), the
// assigner (head of KGVX), a coordinator (unit 4), the assigner's superior
// (deputy director), a stranger (unit 7).
const (
	lead     int64 = 10
	assigner int64 = 20
	coord    int64 = 30
	superior int64 = 40
	stranger int64 = 50
)

var (
	asLead     = Actor{PersonID: lead}
	asAssigner = Actor{PersonID: assigner}
	asCoord    = Actor{PersonID: coord}
	asSuperior = Actor{PersonID: superior, SuperiorOfAssigner: true}
	asStranger = Actor{PersonID: stranger}
	asSystem   = Actor{}
)

func testCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// at parses "2026-03-05 10:00" in Vietnam's time.
func at(s string) time.Time {
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
	if err != nil {
		panic(err)
	}
	return v
}

func date(s string) *calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func days(n float64) *float64 { return &n }

// newTask assigns a task to lead, with one coordinator, at assigned with the
// given deadline, and returns it with an empty history.
func newTask(t *testing.T, cal *calendar.Calendar, id int64, assigned string, spec DeadlineSpec, weight float64) TaskWithHistory {
	t.Helper()
	n := NewTask{
		AgencyID: 2, Title: "Báo cáo tình hình giải ngân vốn đầu tư công", Product: "Báo cáo trình UBND tỉnh",
		LeadUnitID: 3, LeadPersonID: lead, AssignerID: assigner, AssignedAt: at(assigned), Deadline: spec, Weight: weight,
		Coordinators: []Coordination{{UnitID: 4, PersonID: ptr(coord)}},
		Checklist:    []string{"Thu thập số liệu", "Dự thảo báo cáo"},
	}
	tk, err := n.Build(cal)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	tk.ID = id
	h, err := Replay(tk, nil)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// must applies ev and fails the test on error.
func must(t *testing.T, h TaskWithHistory, ev Event, a Actor, now string) TaskWithHistory {
	t.Helper()
	out, _, err := Apply(h, ev, a, at(now))
	if err != nil {
		t.Fatalf("%s at %s: %v", ev.Action, now, err)
	}
	return out
}

func code(err error) apperr.Code { return apperr.CodeOf(err) }

func ev(a Action) Event { return Event{Action: a} }

func note(a Action, s string) Event { return Event{Action: a, Note: s} }

func reason(a Action, s string) Event { return Event{Action: a, Reason: s} }

func asErr(err error) *apperr.Error {
	if e := apperr.As(err); e != nil {
		return e
	}
	return &apperr.Error{}
}
