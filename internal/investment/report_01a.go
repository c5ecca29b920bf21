package investment

import (
	"cmp"
	"slices"
)

// Biểu 01a/TTKHN (TT 37/2025/TT-BTC, under NĐ 85/2025/NĐ-CP Art 49): the
// monthly report of the year's plan capital, per capital source and
// project — the year's plan (both denominators), the cumulative actual from
// 1 January to the end of the month, the estimate to the end of the next
// month, and the rates of each against each plan. The exact layout of the
// circular's form has not been checked against its text (DOMAIN.md §4 does
// not give it): this is the best-known layout, and every rendering says so.

// Form01aNote says, in plain Vietnamese, that the layout is not verified.
const Form01aNote = "Mẫu biểu này được dựng theo bố cục thường dùng của Biểu 01a/TTKHN; bố cục chưa được đối chiếu với văn bản Thông tư 37/2025/TT-BTC."

// Form01aInput is one project and source's figures for the month.
type Form01aInput struct {
	ProjectCode, ProjectName string
	Investor                 string
	Source                   Source
	Plan                     PlanPair
	CumulativeActual         int64
	EstimateNext             int64
}

// Figures are the sums a line or a total carries, with their rates.
type Figures struct {
	Plan             PlanPair
	CumulativeActual int64
	EstimateNext     int64
}

// ActualVsPM and the others are the form's four rates.
func (f Figures) ActualVsPM() Rate      { return RateOf(f.CumulativeActual, f.Plan.AssignedByPM) }
func (f Figures) ActualVsLocal() Rate   { return RateOf(f.CumulativeActual, f.Plan.AllocatedLocally) }
func (f Figures) EstimateVsPM() Rate    { return RateOf(f.EstimateNext, f.Plan.AssignedByPM) }
func (f Figures) EstimateVsLocal() Rate { return RateOf(f.EstimateNext, f.Plan.AllocatedLocally) }

func (f *Figures) add(g Figures) {
	f.Plan.AssignedByPM += g.Plan.AssignedByPM
	f.Plan.AllocatedLocally += g.Plan.AllocatedLocally
	f.CumulativeActual += g.CumulativeActual
	f.EstimateNext += g.EstimateNext
}

// Form01aLine is one project's line under its source.
type Form01aLine struct {
	No                       int // 1, 2, … within the source
	ProjectCode, ProjectName string
	Investor                 string
	Figures
}

// Form01aSection is one capital source: its projects and their total.
type Form01aSection struct {
	Roman  string // I, II, …
	Source Source
	Lines  []Form01aLine
	Total  Figures
}

// Form01a is the whole report of a month.
type Form01a struct {
	Period   Period
	Sections []Form01aSection
	Total    Figures
}

// BuildForm01a groups the month's figures by source (in the order of
// Sources) and project code, with a total per source and in all.
func BuildForm01a(p Period, in []Form01aInput) Form01a {
	out := Form01a{Period: p}
	by := map[Source][]Form01aInput{}
	for _, x := range in {
		by[x.Source] = append(by[x.Source], x)
	}
	for _, s := range Sources {
		xs := by[s]
		if len(xs) == 0 {
			continue
		}
		slices.SortStableFunc(xs, func(a, b Form01aInput) int { return cmp.Compare(a.ProjectCode, b.ProjectCode) })
		sec := Form01aSection{Roman: roman(len(out.Sections) + 1), Source: s}
		for i, x := range xs {
			l := Form01aLine{No: i + 1, ProjectCode: x.ProjectCode, ProjectName: x.ProjectName, Investor: x.Investor,
				Figures: Figures{Plan: x.Plan, CumulativeActual: x.CumulativeActual, EstimateNext: x.EstimateNext}}
			sec.Lines = append(sec.Lines, l)
			sec.Total.add(l.Figures)
		}
		out.Total.add(sec.Total)
		out.Sections = append(out.Sections, sec)
	}
	return out
}

// roman writes 1–39 in Roman numerals, as the form numbers its sections.
func roman(n int) string {
	var s string
	for ; n >= 10; n -= 10 {
		s += "X"
	}
	return s + [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}[n]
}
