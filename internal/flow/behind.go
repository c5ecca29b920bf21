package flow

import "congvu/internal/calendar"

// Figure names a figure of a step that lists the dossiers behind it.
type Figure string

// The figures with dossiers behind them.
const (
	FigPasses     Figure = "passes"      // a pass through the step ended in the period
	FigOverBudget Figure = "over_budget" // ... and took longer than its budget
	FigReturned   Figure = "returned"    // ... and ended with a return for rework
	FigLateCaused Figure = "late_caused" // completed late in the period, laid to the step
)

// Figures lists them.
var Figures = []Figure{FigPasses, FigOverBudget, FigReturned, FigLateCaused}

// Valid reports whether f is one of Figures.
func (f Figure) Valid() bool {
	for _, g := range Figures {
		if f == g {
			return true
		}
	}
	return false
}

// Behind reports whether a dossier, recounted (Recount), is behind figure
// f of step for the days from to to: a pass (or the late completion) in
// the period, at a unit of units when units is not nil.
func Behind(f Figure, step int, units map[int64]bool, from, to calendar.Date, passes []Pass, late *Late) bool {
	in := func(d calendar.Date, unit int64) bool {
		return !d.Before(from) && !to.Before(d) && (units == nil || units[unit])
	}
	if f == FigLateCaused {
		return late != nil && late.Step == step && in(calendar.DateOf(late.At), late.UnitID)
	}
	for _, p := range passes {
		if p.Step != step || !in(calendar.DateOf(p.EndedAt), p.UnitID) {
			continue
		}
		if f == FigPasses || f == FigOverBudget && p.OverBudget() || f == FigReturned && p.Returned() {
			return true
		}
	}
	return false
}
