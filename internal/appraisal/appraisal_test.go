package appraisal

import (
	"testing"

	"congvu/internal/calendar"
)

func TestDefaultLimitsAndPick(t *testing.T) {
	on := calendar.Date{Year: 2026, Month: 3, Day: 2}
	cases := []struct {
		kind  Kind
		group string
		days  float64
	}{
		{Policy, "national", 90}, {Policy, "A", 45}, {Policy, "B", 30}, {Policy, "C", 30},
		{Project, "A", 45}, {Project, "C", 30}, {Plan, "A", 20}, {Plan, "C", 20},
	}
	for _, c := range cases {
		r, err := PickLimit(nil, c.kind.ProcedureCode(), c.group, on)
		if err != nil || r.Limit.Value != c.days || r.Limit.Unit != calendar.CalendarDays || r.Verified {
			t.Errorf("%s %s: %+v %v", c.kind, c.group, r, err)
		}
	}
	if _, err := PickLimit(nil, Policy.ProcedureCode(), "D", on); err == nil {
		t.Error("group D")
	}
	if _, err := PickLimit(nil, "1.009645", "A", on); err == nil {
		t.Error("a one-stop procedure")
	}
	// An agency's rule overrides the default from its date, not before.
	own := []LimitRule{{ProcedureCode: Policy.ProcedureCode(), Group: "B", EffectiveFrom: calendar.Date{Year: 2026, Month: 1, Day: 1},
		Limit: calendar.Limit{Value: 25, Unit: calendar.CalendarDays}, Verified: true}}
	if r, _ := PickLimit(own, Policy.ProcedureCode(), "B", on); r.Limit.Value != 25 || !r.Verified {
		t.Errorf("own rule %+v", r)
	}
	if r, _ := PickLimit(own, Policy.ProcedureCode(), "B", calendar.Date{Year: 2025, Month: 6, Day: 1}); r.Limit.Value != 30 {
		t.Errorf("before the own rule %+v", r)
	}
	for _, k := range Kinds {
		p := k.Procedure(1, 2, 3, DefaultsFrom)
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", k, err)
		}
		if got, ok := KindOf(p.Code); !ok || got != k {
			t.Errorf("KindOf(%s)", p.Code)
		}
	}
}
