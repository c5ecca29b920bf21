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
	Totals                   // the year's two plans, the cumulative actual and the estimate
}

// Form01aLine is one project's line under its source.
type Form01aLine struct {
	No                       int // 1, 2, … within the source
	ProjectCode, ProjectName string
	Investor                 string
	Totals
}

// Form01aSection is one capital source: its projects and their total.
type Form01aSection struct {
	Roman  string // I, II, …
	Source Source
	Lines  []Form01aLine
	Total  Totals
}

// Form01a is the whole report of a month.
type Form01a struct {
	Period   Period
	Sections []Form01aSection
	Total    Totals
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
			l := Form01aLine{No: i + 1, ProjectCode: x.ProjectCode, ProjectName: x.ProjectName, Investor: x.Investor, Totals: x.Totals}
			sec.Lines = append(sec.Lines, l)
			sec.Total = sec.Total.Add(l.Totals)
		}
		out.Total = out.Total.Add(sec.Total)
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
