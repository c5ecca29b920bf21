package investment

import (
	"errors"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

func d(y int, m time.Month, day int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: day} }

func code(err error) apperr.Code {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	if err == nil {
		return ""
	}
	return apperr.Internal
}

func field(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Field
	}
	return ""
}

func TestDisbursementDeadline(t *testing.T) {
	dec := Decision{Number: "12/QĐ-UBND", Date: "2027-01-20", Signer: "Chủ tịch UBND tỉnh"}
	ext := &Extension{Year: 2026, Until: d(2027, 6, 30), Decision: dec}
	for _, c := range []struct {
		name   string
		year   int
		ext    *Extension
		today  calendar.Date
		want   calendar.Date
		closed bool
	}{
		{"in the year", 2026, nil, d(2026, 12, 2), d(2027, 1, 31), false},
		{"on the deadline", 2026, nil, d(2027, 1, 31), d(2027, 1, 31), false},
		{"the day after", 2026, nil, d(2027, 2, 1), d(2027, 1, 31), true},
		{"extended, within", 2026, ext, d(2027, 6, 30), d(2027, 6, 30), false},
		{"extended, after", 2026, ext, d(2027, 7, 1), d(2027, 6, 30), true},
	} {
		if got := DisbursementDeadline(c.year, c.ext); got != c.want {
			t.Errorf("%s: deadline %v, want %v", c.name, got, c.want)
		}
		if got := YearClosed(c.year, c.ext, c.today); got != c.closed {
			t.Errorf("%s: closed %v, want %v", c.name, got, c.closed)
		}
	}
}

func TestExtensionValidate(t *testing.T) {
	dec := Decision{Number: "12/QĐ-UBND", Date: "2027-01-20", Signer: "Chủ tịch UBND tỉnh"}
	for _, c := range []struct {
		name  string
		e     Extension
		field string
	}{
		{"to December next year", Extension{2026, d(2027, 12, 31), dec}, ""},
		{"past December next year", Extension{2026, d(2028, 1, 1), dec}, "until"},
		{"not after the deadline", Extension{2026, d(2027, 1, 31), dec}, "until"},
		{"no date", Extension{2026, calendar.Date{}, dec}, "until"},
		{"no decision number", Extension{2026, d(2027, 3, 1), Decision{Date: dec.Date, Signer: dec.Signer}}, "decision_number"},
		{"no signer", Extension{2026, d(2027, 3, 1), Decision{Number: "1", Date: dec.Date}}, "decision_signer"},
	} {
		if got := field(c.e.Validate()); got != c.field {
			t.Errorf("%s: field %q, want %q", c.name, got, c.field)
		}
	}
}

func TestDecidePlan(t *testing.T) {
	dec := &Decision{Number: "45/QĐ-UBND", Date: "2026-07-01", Signer: "Nguyễn Văn A"}
	cur := &CapitalPlan{ProjectID: 7, Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: 100, AllocatedLocally: 120, Version: 1}
	today := d(2026, 12, 2)
	for _, c := range []struct {
		name    string
		prev    *CapitalPlan
		in      PlanInput
		today   calendar.Date
		code    apperr.Code
		field   string
		version int
	}{
		{"first plan", nil, PlanInput{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: 100, AllocatedLocally: 120}, today, "", "", 1},
		{"medium term", nil, PlanInput{Kind: PlanMediumTerm, Year: 2026, Source: SourceCentral, AssignedByPM: 1000, AllocatedLocally: 1000}, d(2030, 12, 1), "", "", 1},
		{"medium term, other year", nil, PlanInput{Kind: PlanMediumTerm, Year: 2027, Source: SourceCentral}, today, apperr.Invalid, "year", 0},
		{"negative pm", nil, PlanInput{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: -1}, today, apperr.Invalid, "assigned_by_pm", 0},
		{"negative local", nil, PlanInput{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AllocatedLocally: -5}, today, apperr.Invalid, "allocated_locally", 0},
		{"unknown source", nil, PlanInput{Kind: PlanAnnual, Year: 2026, Source: "bank"}, today, apperr.Invalid, "source", 0},
		{"closed year", nil, PlanInput{Kind: PlanAnnual, Year: 2025, Source: SourceProvincial}, today, apperr.Conflict, "year", 0},
		{"last day before closing", nil, PlanInput{Kind: PlanAnnual, Year: 2025, Source: SourceProvincial}, d(2026, 1, 31), "", "", 1},
		{"adjustment without decision", cur, PlanInput{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: 90, AllocatedLocally: 120}, today, apperr.Invalid, "decision_number", 0},
		{"adjustment", cur, PlanInput{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: 90, AllocatedLocally: 120, Decision: dec}, today, "", "", 2},
		{"adjustment changing nothing", cur, PlanInput{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: 100, AllocatedLocally: 120, Decision: dec}, today, apperr.Conflict, "allocated_locally", 0},
	} {
		p, err := DecidePlan(c.prev, c.in, nil, c.today)
		if code(err) != c.code || field(err) != c.field {
			t.Errorf("%s: %v, want %s on %q", c.name, err, c.code, c.field)
			continue
		}
		if err == nil && p.Version != c.version {
			t.Errorf("%s: version %d, want %d", c.name, p.Version, c.version)
		}
	}
}

func TestDecideFigure(t *testing.T) {
	plan := &CapitalPlan{Kind: PlanAnnual, Year: 2026, Source: SourceProvincial, AssignedByPM: 1_000_000, AllocatedLocally: 1_234_000}
	have := &Figure{Year: 2026, Month: 3, Source: SourceProvincial, CumulativeActual: 500, Version: 1}
	today := d(2026, 12, 2)
	ok := FigureInput{Year: 2026, Month: 3, Source: SourceProvincial, CumulativeActual: 400_000, EstimateNext: 500_000}
	with := func(f func(*FigureInput)) FigureInput { in := ok; f(&in); return in }
	for _, c := range []struct {
		name  string
		in    FigureInput
		ctx   FigureContext
		code  apperr.Code
		field string
		text  string
	}{
		{"a month", ok, FigureContext{Plan: plan, Today: today}, "", "", ""},
		{"the current month", with(func(i *FigureInput) { i.Month = 12 }), FigureContext{Plan: plan, Today: today}, "", "", ""},
		{"next month", with(func(i *FigureInput) { i.Month = 1; i.Year = 2027 }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "month", "01/2027"},
		{"month 13", with(func(i *FigureInput) { i.Month = 13 }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "month", ""},
		{"negative actual", with(func(i *FigureInput) { i.CumulativeActual = -1 }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "cumulative_actual", ""},
		{"negative estimate", with(func(i *FigureInput) { i.EstimateNext = -1 }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "estimate_next", ""},
		{"unknown source", with(func(i *FigureInput) { i.Source = "x" }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "source", ""},
		{"no plan", ok, FigureContext{Today: today}, apperr.Invalid, "source", ""},
		{"above the plan", with(func(i *FigureInput) { i.CumulativeActual = 1_234_567 }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "cumulative_actual", "1.234.567 đ vượt kế hoạch vốn địa phương phân bổ 1.234.000 đ"},
		{"at the plan", with(func(i *FigureInput) { i.CumulativeActual = 1_234_000 }), FigureContext{Plan: plan, Today: today}, "", "", ""},
		{"duplicate", ok, FigureContext{Existing: have, Plan: plan, Today: today}, apperr.Conflict, "month", "đính chính"},
		{"correction", with(func(i *FigureInput) { i.Correction = true; i.Reason = "Sai số" }), FigureContext{Existing: have, Plan: plan, Today: today}, "", "", ""},
		{"correction without reason", with(func(i *FigureInput) { i.Correction = true }), FigureContext{Existing: have, Plan: plan, Today: today}, apperr.Invalid, "reason", ""},
		{"correction of nothing", with(func(i *FigureInput) { i.Correction = true; i.Reason = "x" }), FigureContext{Plan: plan, Today: today}, apperr.Invalid, "correction", ""},
		{"closed year", with(func(i *FigureInput) { i.Year = 2025 }), FigureContext{Plan: plan, Today: today}, apperr.Conflict, "year", ""},
	} {
		f, err := DecideFigure(c.in, c.ctx)
		if code(err) != c.code || field(err) != c.field {
			t.Errorf("%s: %v, want %s on %q", c.name, err, c.code, c.field)
			continue
		}
		if c.text != "" {
			var ae *apperr.Error
			errors.As(err, &ae)
			if !strings.Contains(ae.VI, c.text) && !strings.Contains(ae.EN, c.text) {
				t.Errorf("%s: %q does not say %q", c.name, ae.VI, c.text)
			}
		}
		if c.name == "correction" && f.Version != 2 {
			t.Errorf("correction: version %d, want 2", f.Version)
		}
	}
}

func TestRates(t *testing.T) {
	for _, c := range []struct {
		t             Totals
		vsPM, vsLocal float64
	}{
		{Totals{AssignedByPM: 1000, AllocatedLocally: 800, CumulativeActual: 400}, 0.4, 0.5},
		{Totals{AssignedByPM: 0, AllocatedLocally: 800, CumulativeActual: 400}, 0, 0.5},
		{Totals{}, 0, 0},
		{Totals{AssignedByPM: 3, AllocatedLocally: 3, CumulativeActual: 3}, 1, 1},
	} {
		if got := c.t.RateVsPM(); got != c.vsPM {
			t.Errorf("%+v: vs PM %v, want %v", c.t, got, c.vsPM)
		}
		if got := c.t.RateVsLocal(); got != c.vsLocal {
			t.Errorf("%+v: vs local %v, want %v", c.t, got, c.vsLocal)
		}
	}
}

func TestCurve(t *testing.T) {
	c := DefaultCurve()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		t     Totals
		m     time.Month
		below bool
	}{
		{Totals{AssignedByPM: 1000, CumulativeActual: 299}, time.June, true},
		{Totals{AssignedByPM: 1000, CumulativeActual: 300}, time.June, false},
		{Totals{AssignedByPM: 0, CumulativeActual: 0}, time.June, false},
		{Totals{AssignedByPM: 1000, AllocatedLocally: 5000, CumulativeActual: 950}, time.December, false},
	} {
		if got := c.Below(x.t, x.m); got != x.below {
			t.Errorf("%+v at %v: below %v, want %v", x.t, x.m, got, x.below)
		}
	}
	local := c
	local.Against = AgainstLocal
	if !local.Below(Totals{AssignedByPM: 1000, AllocatedLocally: 5000, CumulativeActual: 950}, time.December) {
		t.Error("against the local plan 950 of 5000 is below 95%")
	}
	bad := c
	bad.Targets[6] = 100
	if field(bad.Validate()) != "target_7" {
		t.Errorf("a falling target: %v", bad.Validate())
	}
	bad = c
	bad.Targets[11] = 10001
	if field(bad.Validate()) != "target_12" {
		t.Errorf("above 100%%: %v", bad.Validate())
	}
	c27 := Curve{EffectiveYear: 2027, Against: AgainstLocal}
	if got := CurveFor([]Curve{c, c27}, 2026); got.EffectiveYear != 2026 {
		t.Errorf("2026 takes the 2026 curve, got %d", got.EffectiveYear)
	}
	if got := CurveFor([]Curve{c, c27}, 2030); got.EffectiveYear != 2027 {
		t.Errorf("2030 takes the 2027 curve, got %d", got.EffectiveYear)
	}
}

func TestCarrySpan(t *testing.T) {
	for _, c := range []struct {
		reported []time.Month
		m        time.Month
		to       time.Month
	}{
		{nil, 3, 12},
		{[]time.Month{1, 2}, 3, 12},
		{[]time.Month{1, 6}, 3, 5},
		{[]time.Month{3, 4}, 3, 3},
		{[]time.Month{12}, 11, 11},
		{[]time.Month{5, 9, 7}, 3, 4},
	} {
		if from, to := CarrySpan(c.reported, c.m); from != c.m || to != c.to {
			t.Errorf("%v, %d: %d..%d, want %d..%d", c.reported, c.m, from, to, c.m, c.to)
		}
	}
}

func TestFormatDong(t *testing.T) {
	for v, want := range map[int64]string{0: "0 đ", 999: "999 đ", 1000: "1.000 đ", 1234567: "1.234.567 đ", -1500000: "-1.500.000 đ"} {
		if got := formatDong(v); got != want {
			t.Errorf("%d: %q, want %q", v, got, want)
		}
	}
}
