package investment

import (
	"time"

	"congvu/internal/apperr"
)

// Curve is the target disbursement curve (đường mục tiêu giải ngân): for
// each month, the share of the year's plan to be disbursed by its end
// (e.g. 30% by 30 June). No law fixes it — the Government and the province
// set targets each year — so it is data an administrator edits, in force
// from its EffectiveYear until a later curve replaces it, and the pages
// say it is not verified against a legal text (DOMAIN.md §0). Projects
// whose rate at the end of a month is below the curve's target for that
// month are flagged.
type Curve struct {
	EffectiveYear int
	// Against says which plan the curve is measured against: "pm" (the
	// plan assigned by the Prime Minister, the national yardstick) or
	// "local" (the plan allocated locally).
	Against Denominator
	// Targets are the cumulative targets at the end of January..December,
	// in basis points (3000 = 30%), never decreasing.
	Targets [12]int
}

// Denominator names one of the two plans rates are measured against.
type Denominator string

// The two denominators.
const (
	AgainstPM    Denominator = "pm"
	AgainstLocal Denominator = "local"
)

// DefaultCurve is the curve congvu starts with, UNVERIFIED: 30% by 30/6
// and 95% by 31/12, rising in steps between, against the plan assigned by
// the Prime Minister.
func DefaultCurve() Curve {
	return Curve{EffectiveYear: 2026, Against: AgainstPM,
		Targets: [12]int{300, 700, 1200, 1700, 2300, 3000, 3800, 4600, 5500, 6500, 8000, 9500}}
}

// Validate checks a curve: a year, a denominator, and targets from 0 to
// 100% that never go down from one month to the next.
func (c Curve) Validate() error {
	if err := validYear("effective_year", c.EffectiveYear); err != nil {
		return err
	}
	if c.Against != AgainstPM && c.Against != AgainstLocal {
		return apperr.Invalidf("against", "Mẫu số %q không hợp lệ (pm hoặc local)", "Unknown denominator %q (pm or local)", c.Against)
	}
	for i, t := range c.Targets {
		field := "target_" + itoa(i+1)
		if t < 0 || t > 10000 {
			return apperr.Invalidf(field, "Mục tiêu tháng %d phải từ 0%% đến 100%%", "The target of month %d must be from 0%% to 100%%", i+1)
		}
		if i > 0 && t < c.Targets[i-1] {
			return apperr.Invalidf(field, "Mục tiêu tháng %d không được thấp hơn tháng %d", "The target of month %d may not be below month %d's", i+1, i)
		}
	}
	return nil
}

// Target is the cumulative target at the end of month m, in basis points.
func (c Curve) Target(m time.Month) int {
	if m < time.January || m > time.December {
		return 0
	}
	return c.Targets[m-1]
}

// Plan is the denominator the curve is measured against in t.
func (c Curve) Plan(t Totals) int64 {
	if c.Against == AgainstLocal {
		return t.AllocatedLocally
	}
	return t.AssignedByPM
}

// Below reports whether totals t at the end of month m are below the
// curve: a plan to measure against, and a cumulative actual under the
// month's share of it. A project without a plan is not flagged.
func (c Curve) Below(t Totals, m time.Month) bool {
	plan := c.Plan(t)
	return plan > 0 && float64(t.CumulativeActual)*10000 < float64(plan)*float64(c.Target(m))
}

// CurveFor picks, among curves, the one in force for year: the latest
// EffectiveYear not after it; DefaultCurve when none is.
func CurveFor(curves []Curve, year int) Curve {
	best, found := Curve{}, false
	for _, c := range curves {
		if c.EffectiveYear <= year && (!found || c.EffectiveYear > best.EffectiveYear) {
			best, found = c, true
		}
	}
	if !found {
		return DefaultCurve()
	}
	return best
}
