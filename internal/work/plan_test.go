package work

import (
	"math"
	"testing"
)

func TestPeriod(t *testing.T) {
	cases := []struct {
		p          Period
		start, end string
		vi, en     string
	}{
		{YearPeriod(2026), "2026-01-01", "2026-12-31", "Năm 2026", "2026"},
		{QuarterPeriod(2026, 2), "2026-04-01", "2026-06-30", "Quý II/2026", "Q2 2026"},
		{QuarterPeriod(2026, 4), "2026-10-01", "2026-12-31", "Quý IV/2026", "Q4 2026"},
		{MonthPeriod(2028, 2), "2028-02-01", "2028-02-29", "Tháng 2/2028", "February 2028"},
		{MonthPeriod(2026, 12), "2026-12-01", "2026-12-31", "Tháng 12/2026", "December 2026"},
	}
	for _, c := range cases {
		if err := c.p.Validate(); err != nil {
			t.Fatal(err)
		}
		if c.p.Start().String() != c.start || c.p.End().String() != c.end || c.p.Label("vi") != c.vi || c.p.Label("en") != c.en {
			t.Errorf("%+v: %s–%s %q %q", c.p, c.p.Start(), c.p.End(), c.p.Label("vi"), c.p.Label("en"))
		}
	}
	for _, c := range []struct {
		p     Period
		field string
	}{
		{QuarterPeriod(2026, 5), "period.quarter"},
		{MonthPeriod(2026, 0), "period.month"},
		{Period{Kind: "week", Year: 2026}, "period.kind"},
		{YearPeriod(1800), "period.year"},
	} {
		if asErr(c.p.Validate()).Field != c.field {
			t.Errorf("%+v: %v, want %s", c.p, c.p.Validate(), c.field)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	ok := func() Plan {
		return Plan{AgencyID: 2, OwnerUnitID: 3, Title: "Kế hoạch thực hiện Chỉ thị 09/CT-UBND năm 2026", Period: YearPeriod(2026),
			Source: SourceDocument{Number: "09/CT-UBND", Date: *date("2016-09-27"), Issuer: "UBND tỉnh Bắc Ninh",
				Title: "Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp tỉnh Bắc Ninh"},
			Targets: []Target{{Name: "Tỷ lệ hồ sơ giải quyết đúng hạn", UnitOfMeasure: "%", TargetValue: 100}}}
	}
	cases := []struct {
		name  string
		edit  func(*Plan)
		field string
	}{
		{"valid", func(*Plan) {}, ""},
		{"no source is fine", func(p *Plan) { p.Source = SourceDocument{} }, ""},
		{"decree number", func(p *Plan) { p.Source.Number = "335/2025/NĐ-CP" }, ""},
		{"decision number", func(p *Plan) { p.Source.Number = "733/QĐ-TTg" }, ""},
		{"bad number", func(p *Plan) { p.Source.Number = "CT-UBND 09" }, "source.number"},
		{"source without issuer", func(p *Plan) { p.Source.Issuer = "" }, "source.issuer"},
		{"source without date", func(p *Plan) { p.Source.Date = p.Source.Date.AddDays(0); p.Source.Date.Month = 13 }, "source.date"},
		{"short title", func(p *Plan) { p.Title = "KH" }, "title"},
		{"no owner", func(p *Plan) { p.OwnerUnitID = 0 }, "owner_unit_id"},
		{"bad month", func(p *Plan) { p.Period = MonthPeriod(2026, 13) }, "period.month"},
		{"target 0", func(p *Plan) { p.Targets[0].TargetValue = 0 }, "targets[0].target_value"},
		{"target NaN", func(p *Plan) { p.Targets[0].TargetValue = math.NaN() }, "targets[0].target_value"},
		{"no unit of measure", func(p *Plan) { p.Targets[0].UnitOfMeasure = "" }, "targets[0].unit_of_measure"},
		{"negative actual", func(p *Plan) {
			p.Targets[0].Actuals = []Actual{{Label: "Tháng 1/2026", Date: *date("2026-01-31"), Value: -1}}
		}, "targets[0].actuals[0].value"},
		{"actual without date", func(p *Plan) { p.Targets[0].Actuals = []Actual{{Value: 1}} }, "targets[0].actuals[0].date"},
	}
	for _, c := range cases {
		p := ok()
		c.edit(&p)
		err := p.Validate()
		if (c.field == "" && err != nil) || (c.field != "" && (code(err) != "invalid" || asErr(err).Field != c.field)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.field)
		}
	}
}

func TestAttainment(t *testing.T) {
	months := []Actual{
		{Label: "Tháng 2/2026", Date: *date("2026-02-28"), Value: 30, Evidence: "Báo cáo số 12/BC-STC"},
		{Label: "Tháng 1/2026", Date: *date("2026-01-31"), Value: 12},
		{Label: "Tháng 3/2026", Date: *date("2026-03-31"), Value: 45},
	}
	cases := []struct {
		name string
		t    Target
		want float64
		ok   bool
	}{
		// A cumulative ratio (tỷ lệ giải ngân lũy kế): the latest report, 45% of 95%.
		{"latest", Target{TargetValue: 95, Actuals: months}, 45.0 / 95, true},
		// A flow (hồ sơ thẩm định trong tháng): 12 + 30 + 45 = 87 of 80, exceeded.
		{"sum", Target{TargetValue: 80, Sum: true, Actuals: months}, 87.0 / 80, true},
		{"no actuals", Target{TargetValue: 80}, 0, false},
		{"no target", Target{Actuals: months}, 0, false},
	}
	for _, c := range cases {
		got, ok := c.t.Attainment()
		if ok != c.ok || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: %v %v, want %v %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
