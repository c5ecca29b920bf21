package calendar

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The words for an amount of working time, in Vietnamese and in English,
// which the pages, the API and the CLI write instead of Go's "40h0m"
// (issue #12: no developer text reaches users). A working day is
// WorkdayMinutes long (8 hours [practice, DOMAIN.md §1.4]).
var durationWords = map[string][2]string{
	"workday":   {"1 ngày làm việc", "1 working day"},
	"workdays":  {"%d ngày làm việc", "%d working days"},
	"days":      {"%d ngày", "%d days"},
	"hours":     {"%d giờ", "%d hours"},
	"minutes":   {"%d phút", "%d minutes"},
	"days.1":    {"%d ngày", "%d day"},
	"hours.1":   {"%d giờ", "%d hour"},
	"minutes.1": {"%d phút", "%d minute"},
	"working":   {"%s làm việc", "%s of working time"},
}

func durationWord(lang, key string, args ...any) string {
	w := durationWords[key][0]
	if lang == "en" {
		w = durationWords[key][1]
	}
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, args...)
}

// WorkingTimeText writes an amount of working time in words, in days of
// eight hours when it is whole days: "5 ngày làm việc", "2 ngày 3 giờ làm
// việc", "40 phút làm việc" ("5 working days" when lang is "en"), to the
// minute.
func WorkingTimeText(lang string, d time.Duration) string {
	sign, m := signedMinutes(d)
	days, h, mins := m/WorkdayMinutes, m%WorkdayMinutes/60, m%60
	if days > 0 && h == 0 && mins == 0 {
		if days == 1 {
			return sign + durationWord(lang, "workday")
		}
		return sign + durationWord(lang, "workdays", days)
	}
	return sign + hoursMinutes(lang, days, h, mins)
}

// WorkingHoursText writes an amount of working time in hours and minutes,
// never in days: "40 giờ làm việc", "13 giờ 20 phút làm việc" ("40 hours of
// working time" when lang is "en").
func WorkingHoursText(lang string, d time.Duration) string {
	sign, m := signedMinutes(d)
	return sign + hoursMinutes(lang, 0, m/60, m%60)
}

// Hours is d in hours, to two decimals: 13h20m is 13.33.
func Hours(d time.Duration) float64 { return math.Round(d.Hours()*100) / 100 }

func signedMinutes(d time.Duration) (string, int) {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	m := int(d.Round(time.Minute) / time.Minute)
	if m == 0 {
		sign = ""
	}
	return sign, m
}

func hoursMinutes(lang string, days, h, mins int) string {
	var parts []string
	count := func(key string, n int) string { // "1 hour", "2 hours"
		if n == 1 {
			key += ".1"
		}
		return durationWord(lang, key, n)
	}
	if days > 0 {
		parts = append(parts, count("days", days))
	}
	if h > 0 {
		parts = append(parts, count("hours", h))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, count("minutes", mins))
	}
	return durationWord(lang, "working", strings.Join(parts, " "))
}
