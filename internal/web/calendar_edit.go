package web

// Editing the working-time calendar: a day of a year's national table, the
// 24/11 setting and the national default office hours, for the system
// operator only (ManageNationalCalendar; an agency's administrator is told
// who keeps them); the agency's own office hours for its administrator
// (ManageCalendar). Every change is journalled by the store; a year
// without an official table first receives the statutory projection, so
// that one edit does not drop its holidays.

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
)

// authorizeNational authorises an edit of the national table, which
// belongs to no agency: the system operator's (auth.ScopeNational).
func (s *Server) authorizeNational(r *http.Request) error {
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	return s.deps.Policy.Authorize(httpx.SubjectFrom(r.Context()), tree, auth.ManageNationalCalendar, auth.Resource{})
}

// calendarURL is the page of a year, where an edit returns.
func calendarURL(year int) string { return "/calendar?year=" + strconv.Itoa(year) }

// formYear is the year a form was posted from (a hidden field), or the
// current year.
func (s *Server) formYear(f *Form) int {
	y, err := parseYear(f.Get("year"), s.deps.Now())
	if err != nil {
		return s.deps.Now().In(vn).Year()
	}
	return y
}

// handleCalendarDaySet adds or replaces one day of a year's table. The
// store checks the whole resulting table (a working Saturday must be a
// Saturday, a compensatory day off a weekday) and writes nothing when it
// fails; its message is shown next to the date.
func (s *Server) handleCalendarDaySet(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	if err := s.authorizeNational(r); err != nil {
		return err
	}
	f := newForm(r.PostForm, dayFields...)
	year := s.formYear(f)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(calendarInvalid(err, "schedule", "date", "year", "date"), httpx.Lang(r))
		return s.calendarPage(w, r, httpx.Status(err), year, calendarForms{day: f})
	}
	d, err := calendar.ParseDate(f.Get("date"))
	if err != nil {
		return fail(calendarInvalid(err))
	}
	year = d.Year
	kind, err := calendar.ParseKind(f.Get("kind"))
	if err != nil {
		return fail(invalid("kind", "err.choose"))
	}
	e := calendar.Entry{Date: d, Kind: kind, Name: f.Get("name"), NameEN: f.Get("name_en")}
	if err := s.deps.Store.SetCalendarDay(r.Context(), actor(httpx.SubjectFrom(r.Context())), e); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.calendar.day.set", fmtCalDate(d))
	return redirect(w, r, calendarURL(d.Year))
}

// handleCalendarDayDelete removes one day from its year's table.
func (s *Server) handleCalendarDayDelete(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorizeNational(r); err != nil {
		return err
	}
	d, err := calendar.ParseDate(r.PathValue("date"))
	if err != nil {
		return calendarInvalid(err)
	}
	if err := confirmed(r); err != nil {
		return err
	}
	if err := s.deps.Store.DeleteCalendarDay(r.Context(), actor(httpx.SubjectFrom(r.Context())), d); err != nil {
		return err
	}
	s.flash(w, "flash.calendar.day.deleted", fmtCalDate(d))
	return redirect(w, r, calendarURL(d.Year))
}

// handleCalendarSettings turns the 24/11 day off on or off (UNVERIFIED,
// NQ 80-NQ/TW 2026; DOMAIN.md §2).
func (s *Server) handleCalendarSettings(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	if err := s.authorizeNational(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	on := f.Get("culture_24_11") != ""
	if err := s.deps.Store.SetCultureDay24Nov(r.Context(), actor(httpx.SubjectFrom(r.Context())), on); err != nil {
		return err
	}
	key := "flash.calendar.culture.off"
	if on {
		key = "flash.calendar.culture.on"
	}
	s.flash(w, key)
	return redirect(w, r, calendarURL(s.formYear(f)))
}

// handleCalendarHours replaces the user's own agency's office hours; see
// saveHours.
func (s *Server) handleCalendarHours(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	agency, err := s.requestAgency(r, auth.ManageCalendar)
	if err != nil {
		return err
	}
	return s.saveHours(w, r, agency, "flash.calendar.hours")
}

// handleNationalHours replaces the national default office hours, those of
// every agency without its own: the system operator's.
func (s *Server) handleNationalHours(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	if err := s.authorizeNational(r); err != nil {
		return err
	}
	return s.saveHours(w, r, 0, "flash.cal.hours.natl")
}

// saveHours replaces an agency's office hours (0: the national default)
// with the seasons of the form: rows of "from MM-DD", "to MM-DD" and
// periods such as "07:00-11:30, 13:30-17:00"; blank rows are ignored. The
// calendar checks that every season totals 8 hours and that the seasons
// cover the year. The caller has authorised the change.
func (s *Server) saveHours(w http.ResponseWriter, r *http.Request, agency int64, flash string) error {
	f := newForm(r.PostForm, hoursFields()...)
	h, err := parseHours(f)
	if err == nil {
		err = calendarInvalid(h.Validate())
	}
	if err == nil {
		err = s.deps.Store.SetOfficeHours(r.Context(), actor(httpx.SubjectFrom(r.Context())), agency, h)
	}
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.calendarPage(w, r, httpx.Status(err), s.formYear(f), calendarForms{hours: f})
	}
	s.flash(w, flash)
	return redirect(w, r, calendarURL(s.formYear(f)))
}

// hoursFields are the fields of the office-hours form: from1, to1,
// periods1, from2, ...
func hoursFields() []string {
	var out []string
	for i := 1; i <= maxSeasons; i++ {
		n := strconv.Itoa(i)
		out = append(out, "from"+n, "to"+n, "periods"+n)
	}
	return out
}

// parseHours reads the seasons of the office-hours form.
func parseHours(f *Form) (calendar.OfficeHours, error) {
	var h calendar.OfficeHours
	for i := 1; i <= maxSeasons; i++ {
		n := strconv.Itoa(i)
		from, to, periods := f.Get("from"+n), f.Get("to"+n), f.Get("periods"+n)
		if from == "" && to == "" && periods == "" {
			continue
		}
		var se calendar.Season
		var err error
		if se.From, err = parseMonthDay("from"+n, from); err != nil {
			return h, err
		}
		if se.To, err = parseMonthDay("to"+n, to); err != nil {
			return h, err
		}
		for _, p := range strings.FieldsFunc(periods, func(r rune) bool { return r == ',' || r == ';' }) {
			per, err := calendar.ParsePeriod(p)
			if err != nil {
				return h, calendarInvalid(err, "office_hours", "periods"+n)
			}
			se.Periods = append(se.Periods, per)
		}
		if len(se.Periods) == 0 {
			return h, invalid("periods"+n, "cal.err.periods")
		}
		sort.Slice(se.Periods, func(a, b int) bool { return se.Periods[a].Start < se.Periods[b].Start })
		h.Seasons = append(h.Seasons, se)
	}
	if len(h.Seasons) == 0 {
		return h, invalid("", "cal.err.noseason")
	}
	return h, nil
}

// parseMonthDay reads a season bound written MM-DD.
func parseMonthDay(field, v string) (calendar.MonthDay, error) {
	t, err := time.Parse("01-02", v)
	if err != nil {
		return calendar.MonthDay{}, invalid(field, "cal.err.monthday", v)
	}
	return calendar.MonthDay{Month: t.Month(), Day: t.Day()}, nil
}

// hoursForm fills the office-hours form with the hours in force.
func hoursForm(h calendar.OfficeHours) *Form {
	v := url.Values{}
	for i, se := range h.Seasons {
		n := strconv.Itoa(i + 1)
		ps := make([]string, len(se.Periods))
		for j, p := range se.Periods {
			ps[j] = fmt.Sprintf("%02d:%02d-%02d:%02d", p.Start/60, p.Start%60, p.End/60, p.End%60)
		}
		v.Set("from"+n, fmt.Sprintf("%02d-%02d", int(se.From.Month), se.From.Day))
		v.Set("to"+n, fmt.Sprintf("%02d-%02d", int(se.To.Month), se.To.Day))
		v.Set("periods"+n, strings.Join(ps, ", "))
	}
	return newForm(v, hoursFields()...)
}

// hoursRows numbers the season rows to show: those filled in, and one
// blank row more (at least minHourRows).
func hoursRows(f *Form) []int {
	last := 0
	for i := 1; i <= maxSeasons; i++ {
		n := strconv.Itoa(i)
		if f.Get("from"+n) != "" || f.Get("to"+n) != "" || f.Get("periods"+n) != "" || f.Err("from"+n) != "" || f.Err("to"+n) != "" || f.Err("periods"+n) != "" {
			last = i
		}
	}
	rows := min(max(last+1, minHourRows), maxSeasons)
	out := make([]int, rows)
	for i := range out {
		out[i] = i + 1
	}
	return out
}
