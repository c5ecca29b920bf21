package web

import (
	"strings"
	"time"

	"congvu/internal/calendar"
)

// workingTimeText writes an amount of working time in words, in days of
// eight hours when it is whole days: "5 ngày làm việc", "2 ngày 3 giờ làm
// việc", "40 phút làm việc" ("5 working days" in English), never Go's
// "40h0m".
func workingTimeText(lang string, d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	m := int(d.Round(time.Minute) / time.Minute)
	days, h, mins := m/calendar.WorkdayMinutes, m%calendar.WorkdayMinutes/60, m%60
	if days > 0 && h == 0 && mins == 0 {
		if days == 1 {
			return sign + T(lang, "span.workday")
		}
		return sign + T(lang, "span.workdays", days)
	}
	var parts []string
	count := func(key string, n int) string { // "1 hour", "2 hours"
		if n == 1 {
			key += ".1"
		}
		return T(lang, key, n)
	}
	if days > 0 {
		parts = append(parts, count("span.days", days))
	}
	if h > 0 {
		parts = append(parts, count("span.hours", h))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, count("span.minutes", mins))
	}
	return sign + T(lang, "span.working", strings.Join(parts, " "))
}
