package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
)

// The working-time calendar: the national yearly holiday tables and shared
// settings that the system operator keeps (ManageNationalCalendar; Labour
// Code 2019 Art. 111–112 and each year's announced schedule), the caller's
// agency's office hours, and the computations every deadline uses, in the
// caller's agency's calendar. Each agency's own overrides are in
// calendar_agency.go.

func (s *Server) calendarRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/calendar/years/{year}", ID: "getCalendarYear", Tag: "calendar",
			Access:   access.Login(),
			Summary:  "A year's days off and swapped Saturdays (ViewCalendar): the official table, or the statutory projection when none was entered.",
			Response: calendarYearResponse{}, Status: http.StatusOK, Handle: s.handleCalendarYear},
		{Method: "GET", Pattern: "/api/v1/calendar/days/{date}", ID: "getCalendarDay", Tag: "calendar",
			Access:   access.Login(),
			Summary:  "Whether a day is a working day, and why not (ViewCalendar).",
			Response: calendarDayResponse{}, Status: http.StatusOK, Handle: s.handleCalendarDay},
		{Method: "PUT", Pattern: "/api/v1/calendar/days/{date}", ID: "setCalendarDay", Tag: "calendar",
			Access:  access.May("calendar.national.manage", "operator: system").Note(calendarNational),
			Summary: "Add or replace a holiday, compensatory day off or swapped working Saturday of the national table (ManageNationalCalendar: the system operator). A year without an official table starts from the projection.",
			Request: calendarDayRequest{}, Response: calendarDayResponse{}, Status: http.StatusOK, Handle: s.handleCalendarDaySet},
		{Method: "DELETE", Pattern: "/api/v1/calendar/days/{date}", ID: "deleteCalendarDay", Tag: "calendar",
			Access:   access.May("calendar.national.manage", "operator: system").Note(calendarNational),
			Summary:  "Remove a day from its year's national table (ManageNationalCalendar: the system operator).",
			Response: calendarDayResponse{}, Status: http.StatusOK, Handle: s.handleCalendarDayDelete},
		{Method: "GET", Pattern: "/api/v1/calendar/settings", ID: "getCalendarSettings", Tag: "calendar",
			Access:   access.Login(),
			Summary:  "The 24/11 setting, the national default office hours and the caller's agency's office hours (ViewCalendar).",
			Response: calendarSettingsResponse{}, Status: http.StatusOK, Handle: s.handleCalendarSettings},
		{Method: "PUT", Pattern: "/api/v1/calendar/settings", ID: "setCalendarSettings", Tag: "calendar",
			Access:  access.May("calendar.national.manage", "operator: system").Note(calendarNational + " Checked with the national 24/11 setting; the caller's agency's office_hours are its admin's (admin: home)."),
			Summary: "Change the 24/11 setting or the default office hours (ManageNationalCalendar: the system operator) and/or the caller's agency's office hours (ManageCalendar); each season must total 8 hours a day. Nothing is written unless every part is allowed.",
			Request: calendarSettingsRequest{}, Response: calendarSettingsResponse{}, Status: http.StatusOK, Handle: s.handleCalendarSettingsSet},
		{Method: "GET", Pattern: "/api/v1/calendar/due", ID: "computeDue", Tag: "calendar",
			Access:  access.Login(),
			Summary: "The due instant of a period from an instant, in the caller's agency's working time (ViewCalendar).",
			Query: []param{
				{"from", "string", "the start instant, RFC 3339 (e.g. 2026-03-02T08:00:00+07:00)"},
				{"working_days", "number", "working days (8 working hours each; fractions such as 0.5 allowed)"},
				{"calendar_days", "integer", "calendar days instead of working days"},
				{"after_15h", "boolean", "received after 15:00 counts from the next working day"},
			},
			Response: dueResponse{}, Status: http.StatusOK, Handle: s.handleCalendarDue},
		{Method: "GET", Pattern: "/api/v1/calendar/between", ID: "computeBetween", Tag: "calendar",
			Access:  access.Login(),
			Summary: "Working time between two instants (ViewCalendar).",
			Query: []param{
				{"from", "string", "RFC 3339 instant"},
				{"to", "string", "RFC 3339 instant"},
			},
			Response: betweenResponse{}, Status: http.StatusOK, Handle: s.handleCalendarBetween},
	}
}

// calendarEntry is one row of a year's table on the wire.
type calendarEntry struct {
	Date   string `json:"date" api:"format=date"`
	Kind   string `json:"kind" api:"enum=holiday|compensatory_off|working_saturday"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
}

// calendarYearResponse is a year's table.
type calendarYearResponse struct {
	Year     int             `json:"year"`
	Official bool            `json:"official" doc:"false when the days are projected from the statutes (no official table entered)"`
	Source   string          `json:"source"`
	Entries  []calendarEntry `json:"entries"`
}

// calendarDayResponse says whether a day is worked.
type calendarDayResponse struct {
	Date      string `json:"date" api:"format=date"`
	Weekday   string `json:"weekday"`
	Working   bool   `json:"working"`
	Kind      string `json:"kind" doc:"the table entry that decided the day, empty for an ordinary day"`
	Reason    string `json:"reason" doc:"why the day is off (or làm bù for a swapped Saturday), in Vietnamese"`
	ReasonEN  string `json:"reason_en"`
	Projected bool   `json:"projected"`
	Lunar     string `json:"lunar" doc:"the lunar date, e.g. 10/3/2026"`
}

// calendarDayRequest is the body of PUT /api/v1/calendar/days/{date}.
type calendarDayRequest struct {
	Kind   string `json:"kind" api:"required,enum=holiday|compensatory_off|working_saturday"`
	Name   string `json:"name" api:"max=120" doc:"the Vietnamese name shown as the reason, e.g. Tết Nguyên đán"`
	NameEN string `json:"name_en" api:"max=120"`
}

// Validate checks the request's shape.
func (q *calendarDayRequest) Validate() error {
	if err := oneOf("kind", q.Kind, "holiday", "compensatory_off", "working_saturday"); err != nil {
		return err
	}
	var err error
	if q.Name, err = apperr.Text("name", q.Name, 0, 120); err != nil {
		return err
	}
	q.NameEN, err = apperr.Text("name_en", q.NameEN, 0, 120)
	return err
}

// season is a span of the year with its office hours.
type season struct {
	From    string   `json:"from" api:"required" doc:"first day, MM-DD"`
	To      string   `json:"to" api:"required" doc:"last day, MM-DD (may wrap the year end)"`
	Periods []string `json:"periods" api:"required" doc:"opening spans, e.g. [\"07:00-11:30\", \"13:30-17:00\"]"`
}

// calendarSettingsResponse holds the calendar settings.
type calendarSettingsResponse struct {
	CultureDay24Nov    bool     `json:"culture_day_24_11" doc:"24/11 Ngày Văn hóa Việt Nam as a day off (UNVERIFIED, NQ 80-NQ/TW 2026)"`
	DefaultOfficeHours []season `json:"default_office_hours" doc:"the national default, for agencies without hours of their own"`
	AgencyID           int64    `json:"agency_id"`
	OfficeHours        []season `json:"office_hours" doc:"the hours the caller's agency works"`
}

// calendarSettingsRequest changes what it names; absent fields stay.
type calendarSettingsRequest struct {
	CultureDay24Nov    *bool    `json:"culture_day_24_11" doc:"national: the system operator only"`
	DefaultOfficeHours []season `json:"default_office_hours" doc:"national: the system operator only"`
	OfficeHours        []season `json:"office_hours" doc:"the caller's agency's own hours: its administrator"`
}

// Validate checks the request's shape; the calendar checks the hours.
func (q *calendarSettingsRequest) Validate() error {
	if q.CultureDay24Nov == nil && q.OfficeHours == nil && q.DefaultOfficeHours == nil {
		return apperr.Invalidf("body", "cần ít nhất một trong culture_day_24_11, default_office_hours, office_hours",
			"give culture_day_24_11, default_office_hours or office_hours")
	}
	return nil
}

type dueResponse struct {
	DueAt string `json:"due_at" api:"format=date-time"`
}

type betweenResponse struct {
	Seconds int64   `json:"seconds"`
	Text    string  `json:"text" doc:"e.g. 13h20m (kept for existing clients; show words or words_en to people)"`
	Hours   float64 `json:"hours" doc:"the same working time in hours, to two decimals, e.g. 13.33"`
	Words   string  `json:"words" doc:"in Vietnamese words, in working days of 8 hours when whole, e.g. 5 ngày làm việc, 1 ngày 5 giờ 20 phút làm việc"`
	WordsEN string  `json:"words_en" doc:"in English words, e.g. 5 working days"`
	HoursVI string  `json:"hours_words" doc:"in Vietnamese words, in hours, e.g. 40 giờ làm việc"`
}

// calendarInvalid maps the calendar's input errors to 400s.
func calendarInvalid(err error) error {
	var ce *calendar.Error
	if errors.As(err, &ce) {
		return &apperr.Error{Code: apperr.Invalid, Field: ce.Field, VI: ce.Msg, EN: ce.EN}
	}
	return err
}

// calendarAccess authorises a calendar action against the caller's own
// agency and returns that agency.
func (s *Server) calendarAccess(r *http.Request, a auth.Action) (int64, error) {
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return 0, err
	}
	u, ok := t.Unit(subj.PrimaryUnit())
	if !ok {
		return 0, apperr.Forbiddenf("Bạn chưa thuộc đơn vị nào", "You belong to no unit")
	}
	return u.AgencyID, s.authorize(subj, t, a, u.AgencyID)
}

// authorizeNational authorises an edit of the national table, which has
// no agency: only the system operator may (auth.ScopeNational).
func (s *Server) authorizeNational(r *http.Request) error {
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	return s.deps.Policy.Authorize(subjectOf(r), t, auth.ManageNationalCalendar, auth.Resource{})
}

func pathDate(r *http.Request) (calendar.Date, error) {
	d, err := calendar.ParseDate(r.PathValue("date"))
	return d, calendarInvalid(err)
}

func (s *Server) handleCalendarYear(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.calendarAccess(r, auth.ViewCalendar); err != nil {
		return err
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		return apperr.Invalidf("year", "năm không hợp lệ: %q (từ %d đến %d)", "invalid year: %q (%d to %d)", r.PathValue("year"), calendar.MinYear, calendar.MaxYear)
	}
	scheds, err := s.deps.Store.CalendarSchedules(r.Context())
	if err != nil {
		return err
	}
	out := calendarYearResponse{Year: year, Entries: []calendarEntry{}}
	var sched *calendar.Schedule
	for i := range scheds {
		if scheds[i].Year == year {
			sched = &scheds[i]
		}
	}
	if sched != nil {
		out.Official, out.Source = true, sched.Source
	} else {
		culture, err := s.deps.Store.CultureDay24Nov(r.Context())
		if err != nil {
			return err
		}
		p := calendar.ProjectedSchedule(year, culture)
		sched = &p
		out.Source = "Dự kiến theo Bộ luật Lao động 2019 / projected from the Labour Code 2019"
	}
	for _, e := range sched.Entries {
		out.Entries = append(out.Entries, calendarEntry{Date: e.Date.String(), Kind: e.Kind.String(), Name: e.Name, NameEN: e.NameEN})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) dayResponse(r *http.Request, agency int64, d calendar.Date) (calendarDayResponse, error) {
	cal, err := s.deps.Store.Calendar(r.Context(), agency)
	if err != nil {
		return calendarDayResponse{}, err
	}
	info, err := cal.Day(d)
	if err != nil {
		return calendarDayResponse{}, calendarInvalid(err)
	}
	out := calendarDayResponse{Date: d.String(), Weekday: d.Weekday().String(), Working: info.Working,
		Reason: info.Reason, ReasonEN: info.ReasonEN, Projected: info.Projected}
	if info.Kind != 0 {
		out.Kind = info.Kind.String()
	}
	if l, err := calendar.SolarToLunar(d); err == nil {
		out.Lunar = l.String()
	}
	return out, nil
}

func (s *Server) handleCalendarDay(w http.ResponseWriter, r *http.Request) error {
	return s.calendarDay(w, r, nil)
}

// calendarDay answers with a day of the caller's agency's calendar, after
// applying change to it when there is one (the operator's edits of the
// national table).
func (s *Server) calendarDay(w http.ResponseWriter, r *http.Request, change func(d calendar.Date) error) error {
	agency, err := s.calendarAccess(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	if change != nil {
		if err := s.authorizeNational(r); err != nil {
			return err
		}
	}
	d, err := pathDate(r)
	if err != nil {
		return err
	}
	if change != nil {
		if err := change(d); err != nil {
			return err
		}
	}
	out, err := s.dayResponse(r, agency, d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleCalendarDaySet(w http.ResponseWriter, r *http.Request) error {
	return s.calendarDay(w, r, func(d calendar.Date) error {
		var req calendarDayRequest
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
		kind, err := calendar.ParseKind(req.Kind)
		if err != nil {
			return calendarInvalid(err)
		}
		return s.deps.Store.SetCalendarDay(r.Context(), actorOf(subjectOf(r)), calendar.Entry{Date: d, Kind: kind, Name: req.Name, NameEN: req.NameEN})
	})
}

func (s *Server) handleCalendarDayDelete(w http.ResponseWriter, r *http.Request) error {
	return s.calendarDay(w, r, func(d calendar.Date) error {
		return s.deps.Store.DeleteCalendarDay(r.Context(), actorOf(subjectOf(r)), d)
	})
}

func (s *Server) settingsResponse(r *http.Request, agency int64) (calendarSettingsResponse, error) {
	out := calendarSettingsResponse{AgencyID: agency}
	var err error
	if out.CultureDay24Nov, err = s.deps.Store.CultureDay24Nov(r.Context()); err != nil {
		return out, err
	}
	def, err := s.deps.Store.OfficeHours(r.Context(), 0)
	if err != nil {
		return out, err
	}
	h, err := s.deps.Store.OfficeHours(r.Context(), agency)
	if err != nil {
		return out, err
	}
	out.DefaultOfficeHours, out.OfficeHours = wireSeasons(def), wireSeasons(h)
	return out, nil
}

func (s *Server) handleCalendarSettings(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.calendarAccess(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	out, err := s.settingsResponse(r, agency)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// handleCalendarSettingsSet authorises every part of the request before
// it writes any: the national parts (24/11, the default hours) for the
// system operator, the agency's hours for its administrator.
func (s *Server) handleCalendarSettingsSet(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.calendarAccess(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	var req calendarSettingsRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.CultureDay24Nov != nil || req.DefaultOfficeHours != nil {
		if err := s.authorizeNational(r); err != nil {
			return err
		}
	}
	if req.OfficeHours != nil {
		if _, err := s.calendarAccess(r, auth.ManageCalendar); err != nil {
			return err
		}
	}
	checked := func(field string, ss []season) (*calendar.OfficeHours, error) {
		if ss == nil {
			return nil, nil
		}
		h, err := fieldOfficeHours(field, ss)
		if err != nil {
			return nil, err
		}
		if err := h.Validate(); err != nil {
			e := calendarInvalid(err)
			if ae := apperr.As(e); ae != nil && field != "office_hours" {
				c := *ae
				c.Field = field
				e = &c
			}
			return nil, e
		}
		return &h, nil
	}
	def, err := checked("default_office_hours", req.DefaultOfficeHours)
	if err != nil {
		return err
	}
	hours, err := checked("office_hours", req.OfficeHours)
	if err != nil {
		return err
	}
	if def != nil {
		if err := s.deps.Store.SetOfficeHours(r.Context(), actorOf(subjectOf(r)), 0, *def); err != nil {
			return err
		}
	}
	if hours != nil {
		if err := s.deps.Store.SetOfficeHours(r.Context(), actorOf(subjectOf(r)), agency, *hours); err != nil {
			return err
		}
	}
	if req.CultureDay24Nov != nil {
		if err := s.deps.Store.SetCultureDay24Nov(r.Context(), actorOf(subjectOf(r)), *req.CultureDay24Nov); err != nil {
			return err
		}
	}
	out, err := s.settingsResponse(r, agency)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// toOfficeHours converts the wire seasons of the field office_hours.
func toOfficeHours(ss []season) (calendar.OfficeHours, error) {
	return fieldOfficeHours("office_hours", ss)
}

// fieldOfficeHours converts the wire seasons of a field, naming it in
// errors (office_hours[0].from).
func fieldOfficeHours(field string, ss []season) (calendar.OfficeHours, error) {
	var h calendar.OfficeHours
	md := func(field, v string) (calendar.MonthDay, error) {
		t, err := time.Parse("01-02", strings.TrimSpace(v))
		if err != nil {
			return calendar.MonthDay{}, apperr.Invalidf(field, "ngày không hợp lệ: %q (dạng MM-DD)", "invalid day: %q (MM-DD)", v)
		}
		return calendar.MonthDay{Month: t.Month(), Day: t.Day()}, nil
	}
	for i, s := range ss {
		var se calendar.Season
		var err error
		if se.From, err = md(fmt.Sprintf("%s[%d].from", field, i), s.From); err != nil {
			return h, err
		}
		if se.To, err = md(fmt.Sprintf("%s[%d].to", field, i), s.To); err != nil {
			return h, err
		}
		for j, p := range s.Periods {
			per, err := calendar.ParsePeriod(p)
			if err != nil {
				e := calendarInvalid(err).(*apperr.Error)
				e.Field = fmt.Sprintf("%s[%d].periods[%d]", field, i, j)
				return h, e
			}
			se.Periods = append(se.Periods, per)
		}
		h.Seasons = append(h.Seasons, se)
	}
	return h, nil
}

func (s *Server) handleCalendarDue(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.calendarAccess(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	from, err := requireInstant("from", q.Get("from"))
	if err != nil {
		return err
	}
	var l calendar.Limit
	switch wd, cd := q.Get("working_days"), q.Get("calendar_days"); {
	case wd != "" && cd != "":
		return apperr.Invalidf("working_days", "chỉ dùng một trong working_days và calendar_days", "use one of working_days and calendar_days")
	case wd != "":
		l.Unit = calendar.WorkingDays
		if l.Value, err = strconv.ParseFloat(wd, 64); err != nil {
			return apperr.Invalidf("working_days", "working_days không phải số: %q", "working_days is not a number: %q", wd)
		}
	case cd != "":
		l.Unit = calendar.CalendarDays
		if l.Value, err = strconv.ParseFloat(cd, 64); err != nil {
			return apperr.Invalidf("calendar_days", "calendar_days không phải số: %q", "calendar_days is not a number: %q", cd)
		}
	default:
		return apperr.Invalidf("working_days", "thiếu working_days hoặc calendar_days", "working_days or calendar_days is required")
	}
	if l.After15h, err = queryBool(r, "after_15h"); err != nil {
		return err
	}
	cal, err := s.deps.Store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	due, err := cal.Due(from, l)
	if err != nil {
		return calendarInvalid(err)
	}
	return writeJSON(w, http.StatusOK, dueResponse{DueAt: instant(due)})
}

func (s *Server) handleCalendarBetween(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.calendarAccess(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	from, err := requireInstant("from", r.URL.Query().Get("from"))
	if err != nil {
		return err
	}
	to, err := requireInstant("to", r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	cal, err := s.deps.Store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	d, err := cal.Between(from, to)
	if err != nil {
		return calendarInvalid(err)
	}
	return writeJSON(w, http.StatusOK, betweenResponse{Seconds: int64(d / time.Second), Text: calendar.FormatDuration(d), Hours: calendar.Hours(d),
		Words: calendar.WorkingTimeText("vi", d), WordsEN: calendar.WorkingTimeText("en", d), HoursVI: calendar.WorkingHoursText("vi", d)})
}
