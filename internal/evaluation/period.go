package evaluation

import (
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/work"
)

// ParsePeriod reads the period of an evaluation within year: "3" or "03"
// is March, "q2" or "Q2" the second quarter (NĐ 335/2025: evaluations are
// monthly or quarterly). Errors: apperr.Invalid on "period".
func ParsePeriod(year int, s string) (work.Period, error) {
	s = strings.TrimSpace(s)
	bad := apperr.Invalidf("period", "kỳ đánh giá phải là tháng 1–12 hoặc quý q1–q4, không phải %q",
		"the period is a month 1–12 or a quarter q1–q4, not %q", s)
	if len(s) > 3 || s == "" {
		return work.Period{}, bad
	}
	p := work.MonthPeriod(year, 0)
	digits := s
	if s[0] == 'q' || s[0] == 'Q' {
		p.Kind, digits = work.PeriodQuarter, s[1:]
	}
	n, err := strconv.Atoi(digits)
	if err != nil || digits == "" || digits[0] == '+' || digits[0] == '-' {
		return work.Period{}, bad
	}
	if p.Kind == work.PeriodQuarter {
		p.Quarter = n
	} else {
		p.Month = n
	}
	if err := p.Validate(); err != nil {
		if apperr.As(err).Field == "period.year" {
			return work.Period{}, err
		}
		return work.Period{}, bad
	}
	return p, nil
}

// PeriodParam writes p the way ParsePeriod reads it: "3", "q2".
func PeriodParam(p work.Period) string {
	if p.Kind == work.PeriodQuarter {
		return "q" + strconv.Itoa(p.Quarter)
	}
	return strconv.Itoa(p.Month)
}
