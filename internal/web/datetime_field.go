package web

import (
	"regexp"
	"strings"
	"time"

	"congvu/internal/org"
)

// Dates and times are typed as text, not in the browser's own date and
// time pickers: those show mm/dd/yyyy and AM/PM in an English browser,
// whatever the page's language. The field template draws a "date" or
// "time" field as a text input with a pattern, a placeholder and a hint,
// and the server reads dd/mm/yyyy (a calendar.ParseDate or org.ParseDate)
// and HH:MM on 24 hours (parseClock).

const (
	datePattern = `[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}`
	timePattern = `([01]?[0-9]|2[0-3]):[0-5][0-9]`
)

// Typed reports whether the field is a date or a time typed as text.
func (v fieldView) Typed() bool { return v.Type == "date" || v.Type == "time" }

// Pattern is the typed field's HTML pattern.
func (v fieldView) Pattern() string {
	if v.Type == "time" {
		return timePattern
	}
	return datePattern
}

// Placeholder shows the shape to type.
func (v fieldView) Placeholder() string {
	if v.Type == "time" {
		return "HH:MM"
	}
	return "dd/mm/yyyy"
}

// TypedHint is the field's hint, which for a date or a time always says
// how to write it.
func (v fieldView) TypedHint() string {
	shape := "dd/mm/yyyy"
	if v.Type == "time" {
		shape = "HH:MM (24h)"
	}
	switch {
	case v.Hint == "":
		return shape
	case strings.Contains(v.Hint, "dd/mm/yyyy") || strings.Contains(v.Hint, ":"):
		return v.Hint
	}
	return v.Hint + " — " + shape
}

// Value is the field's current value; a date kept as yyyy-mm-dd (a
// default, or a form sent by a script) is shown as dd/mm/yyyy.
func (v fieldView) Value() string {
	s := v.Form.Values.Get(v.Name)
	if v.Type == "date" {
		return dmyText(s)
	}
	return s
}

// dmyText writes an ISO date as dd/mm/yyyy; other text is left as it is.
func dmyText(s string) string {
	if t, err := time.Parse(org.DateLayout, strings.TrimSpace(s)); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}

// todayDMY is the date in Hà Nội at t, as dd/mm/yyyy, the way a date
// field is filled in.
func todayDMY(t time.Time) string { return t.In(vn).Format("02/01/2006") }

var clockRe = regexp.MustCompile(`^([01]?[0-9]|2[0-3])[:hH.]([0-5][0-9])$`)

// parseClock reads a time of day on 24 hours, "14:30" (also "14h30" and
// "14.30", as people write it); "2:30 PM" is refused: the form says HH:MM.
func parseClock(s string) (hour, minute int, ok bool) {
	m := clockRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	t, err := time.Parse("15:04", pad2(m[1])+":"+m[2])
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
