package dashboard

import (
	"math"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

func day(y int, m time.Month, d int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: d} }

func TestPresets(t *testing.T) {
	cases := []struct {
		p        Preset
		today    calendar.Date
		from, to calendar.Date
	}{
		{ThisMonth, day(2026, 5, 14), day(2026, 5, 1), day(2026, 5, 14)},
		{ThisQuarter, day(2026, 5, 14), day(2026, 4, 1), day(2026, 5, 14)},
		{ThisQuarter, day(2026, 12, 3), day(2026, 10, 1), day(2026, 12, 3)},
		{ThisQuarter, day(2026, 1, 1), day(2026, 1, 1), day(2026, 1, 1)},
		{SixMonths, day(2026, 5, 14), day(2025, 12, 1), day(2026, 5, 14)},
		{SixMonths, day(2026, 6, 30), day(2026, 1, 1), day(2026, 6, 30)},
		{ThisYear, day(2026, 12, 3), day(2026, 1, 1), day(2026, 12, 3)},
	}
	for _, c := range cases {
		from, to, err := c.p.Period(c.today)
		if err != nil || from != c.from || to != c.to {
			t.Errorf("%s on %s: %s–%s %v, want %s–%s", c.p, c.today, from, to, err, c.from, c.to)
		}
	}
	if _, _, err := Preset("week").Period(day(2026, 5, 14)); apperr.As(err) == nil || apperr.As(err).Field != "period" {
		t.Errorf("unknown preset: %v", err)
	}
}

func TestCheckPeriod(t *testing.T) {
	if err := CheckPeriod(day(2026, 3, 2), day(2026, 3, 1)); apperr.As(err) == nil || apperr.As(err).Field != "to" {
		t.Errorf("to before from: %v", err)
	}
	if err := CheckPeriod(day(2010, 1, 1), day(2026, 1, 1)); apperr.As(err) == nil || apperr.As(err).Field != "from" {
		t.Errorf("too long: %v", err)
	}
	if err := CheckPeriod(day(2026, 3, 1), day(2026, 3, 1)); err != nil {
		t.Errorf("one day: %v", err)
	}
}

func TestMonths(t *testing.T) {
	got := Months(day(2025, 11, 20), day(2026, 2, 3))
	want := []string{"2025-11", "2025-12", "2026-01", "2026-02"}
	if len(got) != len(want) {
		t.Fatalf("months %v", got)
	}
	for i, m := range got {
		if m.Key() != want[i] {
			t.Errorf("month %d: %s, want %s", i, m.Key(), want[i])
		}
	}
}

// The rates, worked by hand.
func TestRates(t *testing.T) {
	cases := []struct {
		name      string
		got, want float64
	}{
		{"tasks 3 of 4 on time", Tasks{OnTime: 3, Late: 1, Obstacles: 5}.OnTimeShare(), 0.75},
		{"no task done", Tasks{Obstacles: 2}.OnTimeShare(), 1},
		{"dossiers early and on time count", Dossiers{Early: 2, OnTime: 1, Late: 1}.OnTimeShare(), 0.75},
		{"no dossier", Dossiers{}.OnTimeShare(), 1},
		{"satisfaction (10 − 2) ÷ 10", Ratings{Satisfied: 6, Acceptable: 2, Dissatisfied: 2}.Ratio(), 0.8},
		{"satisfaction score 0.8 × 18", Ratings{Satisfied: 6, Acceptable: 2, Dissatisfied: 2}.Score(), 14.4},
		{"no rating", Ratings{}.Score(), 18},
		{"disbursement 1.2 of 4 billion", Disbursement{Plan: 4_000_000_000, Actual: 1_200_000_000}.Rate(), 0.3},
		{"no plan", Disbursement{Actual: 5}.Rate(), 0},
	}
	for _, c := range cases {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}
