package work

import (
	"math"
	"testing"

	"congvu/internal/calendar"
)

func TestPlanAttainment(t *testing.T) {
	d := calendar.Date{Year: 2026, Month: 3, Day: 31}
	target := func(value float64, sum bool, actuals ...float64) Target {
		tg := Target{Name: "Chỉ tiêu", UnitOfMeasure: "%", TargetValue: value, Sum: sum}
		for _, v := range actuals {
			tg.Actuals = append(tg.Actuals, Actual{Date: d, Value: v})
		}
		return tg
	}
	cases := []struct {
		name    string
		targets []Target
		want    PlanAttainment
		ok      bool
	}{
		{"no targets", nil, PlanAttainment{}, false},
		{"one at 30%", []Target{target(95, false, 28.5)}, PlanAttainment{Targets: 1, Reported: 1, Mean: 0.3}, true},
		{"none reported", []Target{target(40, true), target(95, false)}, PlanAttainment{Targets: 2}, true},
		{"exceeding one does not make up for another",
			[]Target{target(40, true, 30, 30), target(100, false, 20)}, PlanAttainment{Targets: 2, Reported: 2, Reached: 1, Mean: 0.6}, true},
		{"an unreported target counts 0",
			[]Target{target(10, true, 10), target(10, true)}, PlanAttainment{Targets: 2, Reported: 1, Reached: 1, Mean: 0.5}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Plan{Targets: c.targets}.Attainment()
			if ok != c.ok || got.Targets != c.want.Targets || got.Reported != c.want.Reported || got.Reached != c.want.Reached ||
				math.Abs(got.Mean-c.want.Mean) > 1e-9 {
				t.Errorf("Attainment() = %+v, %v; want %+v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}
