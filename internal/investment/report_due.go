package investment

import (
	"fmt"
	"time"

	"congvu/internal/calendar"
)

// The monthly disbursement report is due before the 15th (NĐ 85/2025/NĐ-CP
// Art 49 with TT 37/2025/TT-BTC): a month's figures (cumulative actual to
// its end, estimate to the end of the next) reach the department by the
// 14th of the next month. The rule counts calendar days in Vietnam, not
// working days: from 00:00 on the 15th an investor that has not reported
// the month before is late, and is reminded once for that month.

// ReportDueDay is the day of the month from which last month's report is late.
const ReportDueDay = 15

// Period is a year and a month.
type Period struct{ Year, Month int }

// Prev is the month before.
func (p Period) Prev() Period {
	if p.Month == 1 {
		return Period{p.Year - 1, 12}
	}
	return Period{p.Year, p.Month - 1}
}

// Next is the month after.
func (p Period) Next() Period {
	if p.Month == 12 {
		return Period{p.Year + 1, 1}
	}
	return Period{p.Year, p.Month + 1}
}

// Due is the instant the report of month p is late: 00:00 in Vietnam on
// the 15th of the next month.
func (p Period) Due() time.Time {
	n := p.Next()
	return time.Date(n.Year, time.Month(n.Month), ReportDueDay, 0, 0, 0, 0, calendar.VN)
}

// PeriodOf is the month of the instant t in Vietnam.
func PeriodOf(t time.Time) Period {
	t = t.In(calendar.VN)
	return Period{t.Year(), int(t.Month())}
}

// LateMonth is the month whose report is late at t, if any: last month,
// from the 15th of this month on.
func LateMonth(t time.Time) (Period, bool) {
	p := PeriodOf(t).Prev()
	return p, !t.Before(p.Due())
}

// MissingReport is an investor late with a month's report.
type MissingReport struct {
	InvestorID int64
	Period     Period
	Missing    int // figures (project × source) not reported
}

// ReminderKey identifies the one reminder of an investor's month (the
// jobs add the person it goes to), so that a scan run twice sends it once.
func ReminderKey(investorID int64, p Period) string {
	return fmt.Sprintf("disbursement_reminder:%d:%04d-%02d", investorID, p.Year, p.Month)
}
