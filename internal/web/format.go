package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"congvu/internal/org"
)

// timeNow is the clock when Deps gives none.
var timeNow = time.Now

// vn is Vietnam's time, UTC+7 with no daylight saving: every instant is
// shown in it, whatever the server's zone.
var vn = time.FixedZone("ICT", 7*3600)

// funcs are the template functions: formatting in the Vietnamese manner
// (dd/mm/yyyy, HH:MM, 1.234.567) in both languages, as the agency's
// documents write them.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"date":     fmtDate,
		"time":     fmtTime,
		"datetime": func(t time.Time) string { return fmtDate(t) + " " + fmtTime(t) },
		"isodate":  fmtISODate,
		"num":      fmtNum,
		"absurl":   s.absURL,
		"decimal":  fmtDecimal,
		"dmy":      dmyText,
		"asset":    s.static.url,
		"field":    newField,
		"deref":    derefString,
		"card":     s.renderCard,
	}
}

// fmtDate writes an instant's date in Hà Nội as dd/mm/yyyy.
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vn).Format("02/01/2006")
}

// fmtTime writes an instant's time of day in Hà Nội as HH:MM.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vn).Format("15:04")
}

// fmtISODate turns a calendar date "2025-03-01" into "01/03/2025"; other
// text is returned as it is.
func fmtISODate(d string) string {
	t, err := time.Parse(org.DateLayout, d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}

// fmtNum groups the digits of an integer with dots: 1.234.567.
func fmtNum(v any) string {
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case int32:
		n = int64(x)
	default:
		return ""
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// todayISO is the date in Hà Nội at t, as YYYY-MM-DD.
func todayISO(t time.Time) string { return t.In(vn).Format(org.DateLayout) }
