// Package dashboard holds the figures of the director's, the deputies' and
// the heads' dashboard (issue #14 item 1) and the rules that turn counts
// into rates: tasks completed on time and late, obstacles raised, dossiers
// resolved on time and late (Biểu II.06a), the applicants' satisfaction,
// the QĐ 766/QĐ-TTg progress and satisfaction scores and the
// public-investment disbursement rate. The store fills them from rollups;
// nothing here counts records.
package dashboard

import (
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// Tasks is what happened to tasks in a period: completed on time (the
// completion's day not after the original deadline's), completed late, and
// obstacles raised.
type Tasks struct {
	OnTime, Late, Obstacles int
}

// Done is the tasks completed.
func (t Tasks) Done() int { return t.OnTime + t.Late }

// OnTimeShare is the share of completed tasks completed on time, 0 to 1;
// 1 when none was completed (nothing was late).
func (t Tasks) OnTimeShare() float64 {
	if t.Done() == 0 {
		return 1
	}
	return float64(t.OnTime) / float64(t.Done())
}

// Add sums two sets of task counts.
func (t Tasks) Add(o Tasks) Tasks {
	return Tasks{t.OnTime + o.OnTime, t.Late + o.Late, t.Obstacles + o.Obstacles}
}

// Dossiers is the dossiers resolved in a period by timeliness.
type Dossiers struct {
	Early, OnTime, Late int
}

// Resolved is the dossiers resolved.
func (d Dossiers) Resolved() int { return d.Early + d.OnTime + d.Late }

// OnTimeShare is the share resolved early or on time, 0 to 1; 1 when none.
func (d Dossiers) OnTimeShare() float64 {
	if d.Resolved() == 0 {
		return 1
	}
	return float64(d.Early+d.OnTime) / float64(d.Resolved())
}

// Add sums two sets of dossier counts.
func (d Dossiers) Add(o Dossiers) Dossiers {
	return Dossiers{d.Early + o.Early, d.OnTime + o.OnTime, d.Late + o.Late}
}

// Ratings is the applicants' ratings given in a period.
type Ratings struct {
	Satisfied, Acceptable, Dissatisfied int
}

// Total is the ratings given.
func (r Ratings) Total() int { return r.Satisfied + r.Acceptable + r.Dissatisfied }

// Add sums two sets of ratings.
func (r Ratings) Add(o Ratings) Ratings {
	return Ratings{r.Satisfied + o.Satisfied, r.Acceptable + o.Acceptable, r.Dissatisfied + o.Dissatisfied}
}

// Ratio is QĐ 766/QĐ-TTg's satisfaction with dossier handling [law,
// DOMAIN.md §1.6]: (dossiers rated − those rated dissatisfied) ÷ dossiers
// rated, 0 to 1. The dossiers "under authority" are taken to be those the
// applicants rated: congvu does not record complaints. 1 when none was rated.
func (r Ratings) Ratio() float64 {
	if r.Total() == 0 {
		return 1
	}
	return float64(r.Total()-r.Dissatisfied) / float64(r.Total())
}

// SatisfactionMax is the points of the satisfaction group of QĐ 766.
const SatisfactionMax = 18

// Score is the satisfaction group's points out of 18 as Ratio × 18: the
// weights of its three ratios are not verified (DOMAIN.md §1.6), and only
// the dossier ratio is recorded, so it stands for all three (UNVERIFIED,
// said so on the page).
func (r Ratings) Score() float64 { return r.Ratio() * SatisfactionMax }

// Month is a month of a year.
type Month struct {
	Year  int
	Month time.Month
}

// Key is the month as YYYY-MM, the prefix of the rollups' days.
func (m Month) Key() string { return calendar.Date{Year: m.Year, Month: m.Month, Day: 1}.String()[:7] }

// MonthOf is the month of a day.
func MonthOf(d calendar.Date) Month { return Month{d.Year, d.Month} }

// Months lists the months that a period touches, in order.
func Months(from, to calendar.Date) []Month {
	var out []Month
	for m := MonthOf(from); ; {
		out = append(out, m)
		if m == MonthOf(to) || len(out) > 240 {
			return out
		}
		if m.Month == time.December {
			m = Month{m.Year + 1, time.January}
		} else {
			m.Month++
		}
	}
}

// MonthLine is one month of the dashboard's charts.
type MonthLine struct {
	Month    Month
	Tasks    Tasks
	Dossiers Dossiers
	Ratings  Ratings
}

// UnitLine is one unit's figures: a unit directly below the one the
// dashboard is about (with the units below it and those it succeeded), or
// that unit itself for what it leads directly.
type UnitLine struct {
	UnitID   int64
	Tasks    Tasks
	Dossiers Dossiers
	Ratings  Ratings
}

// ProcedureLine is one procedure's dossiers.
type ProcedureLine struct {
	Code, Name string
	Dossiers   Dossiers
}

// Disbursement is the public-investment disbursement of the agency's
// register for the year of the period's end, up to that month, against the
// plan the Prime Minister assigned (đồng).
type Disbursement struct {
	Year         int
	Month        time.Month
	Plan, Actual int64
}

// Rate is the disbursement rate, 0 to 1 (and above); 0 without a plan.
func (d Disbursement) Rate() float64 {
	if d.Plan <= 0 {
		return 0
	}
	return float64(d.Actual) / float64(d.Plan)
}

// Figures is the whole dashboard of a unit for a period.
type Figures struct {
	From, To calendar.Date
	UnitID   int64
	Report   dossier.Report // the period report Biểu II.06a (its ProgressScore is QĐ 766's out of 20)
	Tasks    Tasks
	Ratings  Ratings
	// LateTasksNow and BlockedNow are the open tasks past their deadline's
	// day and those blocked by an obstacle, now (not at the period's end).
	LateTasksNow, BlockedNow int
	Months                   []MonthLine
	Units                    []UnitLine
	Procedures               []ProcedureLine // the most late first
	Disbursement             *Disbursement   // nil when the dashboard is not the agency's
}

// Dossiers is the period's resolved dossiers by timeliness.
func (f Figures) Dossiers() Dossiers {
	return Dossiers{f.Report.Resolved.Early, f.Report.Resolved.OnTime, f.Report.Resolved.Late}
}

// Preset is a named period ending today.
type Preset string

// The presets of the period picker.
const (
	ThisMonth   Preset = "month"   // tháng này
	ThisQuarter Preset = "quarter" // quý này
	SixMonths   Preset = "6m"      // 6 tháng gần nhất, this month included
	ThisYear    Preset = "year"    // năm nay
)

// Presets lists the presets in the picker's order.
func Presets() []Preset { return []Preset{ThisMonth, ThisQuarter, SixMonths, ThisYear} }

// Period is the preset's first and last day for today: from the first day
// of the month, the quarter, the month five months back, or the year, to
// today. Errors: apperr.Invalid on "period".
func (p Preset) Period(today calendar.Date) (calendar.Date, calendar.Date, error) {
	first := calendar.Date{Year: today.Year, Month: today.Month, Day: 1}
	switch p {
	case ThisMonth:
	case ThisQuarter:
		first.Month = (today.Month-1)/3*3 + 1
	case SixMonths:
		m := int(today.Month) - 5
		if m < 1 {
			first.Year, m = first.Year-1, m+12
		}
		first.Month = time.Month(m)
	case ThisYear:
		first.Month = time.January
	default:
		return first, today, apperr.Invalidf("period", "kỳ %q không có (tháng này, quý này, 6 tháng, năm nay)",
			"no period %q (month, quarter, 6m, year)", string(p))
	}
	return first, today, nil
}

// MaxDays is the longest period a dashboard covers.
const MaxDays = 3660

// CheckPeriod refuses a period that ends before it starts or is longer than
// ten years. Errors: apperr.Invalid on "to" or "from".
func CheckPeriod(from, to calendar.Date) error {
	if to.Before(from) {
		return apperr.Invalidf("to", "ngày cuối kỳ %s trước ngày đầu kỳ %s", "the last day %s is before the first %s", to.DMY(), from.DMY())
	}
	if to.Sub(from) > MaxDays {
		return apperr.Invalidf("from", "kỳ dài tối đa 10 năm", "a period is at most 10 years long")
	}
	return nil
}
