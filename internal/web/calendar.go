package web

// The working-time calendar (lịch làm việc): a year's days off and swapped
// Saturdays as twelve month grids with the lunar date, the year's national
// table, the agency's office hours and own days off and the 24/11 setting,
// for any staff member (ViewCalendar); a tool that computes a deadline as a
// dossier's clock does; for the system operator (ManageNationalCalendar),
// the forms that edit the national table, the setting and the default
// office hours (calendar_edit.go); and for an agency's administrator
// (ManageCalendar in that agency), the forms of the agency's own hours and
// days off (calendar_agency.go), with the national table read-only. The
// tables follow Labour Code 2019 Art. 111–112 and each year's announced
// schedule (DOMAIN.md §2).

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
)

// CalendarPage shows one year of the calendar with its tools.
type CalendarPage struct {
	BasePage
	Year       int
	Prev, Next int // the neighbouring years, 0 outside the calendar's range
	Official   bool
	Source     string
	Weekdays   []WeekdayHead
	Months     []MonthGrid
	Entries    []EntryRow
	Culture    bool
	Hours      []string // one line per season: "01/01 – 31/12: 07:00–11:30, 13:30–17:00"
	// CanManage: the national table's forms (the system operator).
	CanManage bool
	// CanManageAgency: the agency's own hours and days off (its administrator);
	// NationalKept then says who keeps the national table, when not them.
	CanManageAgency bool
	NationalKept    bool
	AgencyID        int64
	AgencyDays      []AgencyDayRow
	AgencyForm      *Form
	Kinds           []KindChoice
	DayForm         *Form
	CultForm        *Form
	HoursForm       *Form
	HoursRows       []int  // the numbers of the season rows the hours form shows
	HoursAction     string // where the hours form posts: the agency's, or the national default
	HoursNational   bool
	Due             DeadlineTool
	MinYear         int
	MaxYear         int
	YearString      string
}

// WeekdayHead is a column header of a month grid: "T2" for Thứ Hai.
type WeekdayHead struct {
	Short, Long string
	Weekend     bool
}

// MonthGrid is one month, as weeks of seven cells from Monday to Sunday.
type MonthGrid struct {
	ID    string // the heading's id, which labels the table
	Name  string
	Weeks []WeekRow
}

// WeekRow is a week of a month grid. Every month has six, so that the
// grids line up; Pad marks the blank ones added for that, which a phone hides.
type WeekRow struct {
	Days []DayCell
	Pad  bool
}

// DayCell is one day of a month grid; Day is 0 for a blank cell.
type DayCell struct {
	Day   int
	ISO   string
	Lunar string // "15", or "1/1" on the first day of a lunar month ("1/6N" in a leap month)
	// LunarFirst marks the first day of a lunar month (Tết on 1/1).
	LunarFirst bool
	Class      string // cal-we (weekend), cal-hol, cal-co, cal-ws; with cal-proj when projected
	Badge      string // the mark's abbreviation, so that it is not colour alone
	// Reason says why the day is off or worked; Title is the tooltip.
	Reason string
	Title  string
	Today  bool
}

// EntryRow is one row of the year's table under the grids.
type EntryRow struct {
	Date      string // dd/mm/yyyy
	ISO       string
	Weekday   string
	Kind      string // the code, for the badge's colour
	Badge     string
	KindLabel string
	Name      string
	// Deletable is false for the 24/11 day the setting adds to an official year.
	Deletable bool
}

// AgencyDayRow is one of the agency's own days off.
type AgencyDayRow struct {
	Date, ISO, Weekday, Name string
}

// KindChoice is a kind of table entry in the form's select box.
type KindChoice struct {
	Value string
	Label string
}

// DeadlineTool is the deadline tool: its form and, once computed, the result.
type DeadlineTool struct {
	Form    *Form
	Done    bool
	DueAt   time.Time
	Between string // the working time from receipt to the due instant, "16h0m"
}

// calendarForms are the forms a calendar page shows, as submitted when one
// failed; nil ones start blank.
type calendarForms struct {
	day, culture, hours, due, agencyDay *Form
	dueResult                           *DeadlineTool
}

var (
	dayFields   = []string{"date", "kind", "name", "name_en"}
	dueFields   = []string{"received_on", "received_at", "days", "unit"}
	kindCodes   = []string{"holiday", "compensatory_off", "working_saturday"}
	maxSeasons  = 6
	minHourRows = 2
)

// calendarAgency authorises a calendar action for the request's user
// against their own agency, as the JSON API does, and returns the agency.
func (s *Server) calendarAgency(b *BasePage, a auth.Action) (int64, error) {
	u, ok := b.tree.Unit(b.User.PrimaryUnit())
	if !ok {
		return 0, apperr.Forbiddenf("Bạn chưa thuộc đơn vị nào", "You belong to no unit")
	}
	return u.AgencyID, s.authorize(b, a, u.AgencyID)
}

// requestAgency is calendarAgency for a handler that has no page yet.
func (s *Server) requestAgency(r *http.Request, a auth.Action) (int64, error) {
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return 0, err
	}
	return s.calendarAgency(&BasePage{User: httpx.SubjectFrom(r.Context()), tree: tree}, a)
}

// calendarInvalid turns the calendar's input errors into Invalid ones,
// optionally placed on a form field instead of the calendar's own name
// for the input (moves: calendar field → form field).
func calendarInvalid(err error, moves ...string) error {
	var ce *calendar.Error
	if errors.As(err, &ce) {
		err = &apperr.Error{Code: apperr.Invalid, Field: ce.Field, VI: ce.Msg, EN: ce.EN}
	}
	e := apperr.As(err)
	if e == nil {
		return err
	}
	for i := 0; i+1 < len(moves); i += 2 {
		if e.Field == moves[i] {
			c := *e
			c.Field = moves[i+1]
			return &c
		}
	}
	return err
}

// parseYear reads the year a page shows; empty means the current year.
func parseYear(v string, now time.Time) (int, error) {
	if strings.TrimSpace(v) == "" {
		return now.In(vn).Year(), nil
	}
	y, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		return 0, invalid("year", "cal.err.year", calendar.MinYear, calendar.MaxYear)
	}
	return y, nil
}

func (s *Server) handleCalendar(w http.ResponseWriter, r *http.Request) error {
	year, err := parseYear(r.URL.Query().Get("year"), s.deps.Now())
	if err != nil {
		return err
	}
	return s.calendarPage(w, r, http.StatusOK, year, calendarForms{})
}

// calendarPage builds and renders the page of a year, with the forms given
// (as submitted, with their errors) or blank ones.
func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, status, year int, forms calendarForms) error {
	b, err := s.base(w, r, "cal.title")
	if err != nil {
		return err
	}
	agency, err := s.calendarAgency(&b, auth.ViewCalendar)
	if err != nil {
		return err
	}
	if r.Method != http.MethodGet { // the language switch returns to the year, not to the form's target
		b.Path = "/calendar?year=" + strconv.Itoa(year)
	}
	ctx := r.Context()
	p := &CalendarPage{BasePage: b, Year: year, MinYear: calendar.MinYear, MaxYear: calendar.MaxYear, YearString: strconv.Itoa(year),
		CanManage:       s.deps.Policy.Can(b.User, b.tree, auth.ManageNationalCalendar, auth.Resource{}),
		CanManageAgency: agency != 0 && s.deps.Policy.Can(b.User, b.tree, auth.ManageCalendar, auth.Resource{UnitID: agency}),
		AgencyID:        agency}
	p.NationalKept = p.CanManageAgency && !p.CanManage
	if year > calendar.MinYear {
		p.Prev = year - 1
	}
	if year < calendar.MaxYear {
		p.Next = year + 1
	}
	cal, err := s.deps.Store.Calendar(ctx, agency)
	if err != nil {
		return err
	}
	if p.Culture, err = s.deps.Store.CultureDay24Nov(ctx); err != nil {
		return err
	}
	sched, official, err := s.yearSchedule(r, year, p.Culture)
	if err != nil {
		return err
	}
	p.Official, p.Source = official, sched.Source
	today := calendar.DateOf(s.deps.Now())
	p.Weekdays = weekdayHeads(b.Lang)
	if p.Months, err = monthGrids(cal, year, b.Lang, today); err != nil {
		return err
	}
	if p.Entries, err = entryRows(cal, sched, p.Official && p.Culture, b.Lang); err != nil {
		return err
	}
	hours, err := s.deps.Store.OfficeHours(ctx, agency)
	if err != nil {
		return err
	}
	if len(hours.Seasons) == 0 {
		hours = calendar.DefaultOfficeHours()
	}
	for _, se := range hours.Seasons {
		p.Hours = append(p.Hours, seasonLine(se))
	}
	if p.AgencyDays, err = s.agencyDayRows(r, agency, b.Lang); err != nil {
		return err
	}
	p.Due = s.deadlineTool(forms, year)
	if p.CanManageAgency {
		p.AgencyForm = forms.agencyDay
		if p.AgencyForm == nil {
			p.AgencyForm = newForm(nil, agencyDayFields...)
		}
		p.HoursAction = fmt.Sprintf("/calendar/agencies/%d/hours", agency)
	} else if p.CanManage {
		p.HoursAction, p.HoursNational = "/calendar/national/hours", true
		if hours, err = s.deps.Store.OfficeHours(ctx, 0); err != nil {
			return err
		}
	}
	if p.HoursAction != "" {
		p.HoursForm = forms.hours
		if p.HoursForm == nil {
			p.HoursForm = hoursForm(hours)
		}
		p.HoursRows = hoursRows(p.HoursForm)
	}
	if p.CanManage {
		for _, k := range kindCodes {
			p.Kinds = append(p.Kinds, KindChoice{Value: k, Label: b.T("cal.kind." + k)})
		}
		p.DayForm, p.CultForm = forms.day, forms.culture
		if p.DayForm == nil {
			p.DayForm = newForm(url.Values{"kind": {"holiday"}}, dayFields...)
		}
		if p.CultForm == nil {
			p.CultForm = newForm(nil)
			if p.Culture {
				p.CultForm.Values.Set("culture_24_11", "on")
			}
		}
	}
	return s.render(w, status, "calendar", p)
}

// yearSchedule returns a year's official table (a year with a row in
// calendar_years), or else its statutory projection.
func (s *Server) yearSchedule(r *http.Request, year int, culture bool) (calendar.Schedule, bool, error) {
	scheds, err := s.deps.Store.CalendarSchedules(r.Context())
	if err != nil {
		return calendar.Schedule{}, false, err
	}
	for _, sc := range scheds {
		if sc.Year == year {
			return sc, true, nil
		}
	}
	return calendar.ProjectedSchedule(year, culture), false, nil
}

func weekdayHeads(lang string) []WeekdayHead {
	var out []WeekdayHead
	for i := 1; i <= 7; i++ {
		wd := time.Weekday(i % 7)
		out = append(out, WeekdayHead{Short: T(lang, fmt.Sprintf("cal.wdshort.%d", wd)), Long: T(lang, fmt.Sprintf("cal.wd.%d", wd)),
			Weekend: wd == time.Saturday || wd == time.Sunday})
	}
	return out
}

// monthGrids lays the year out as twelve grids of six weeks, Monday first.
func monthGrids(cal *calendar.Calendar, year int, lang string, today calendar.Date) ([]MonthGrid, error) {
	var out []MonthGrid
	for m := time.January; m <= time.December; m++ {
		g := MonthGrid{ID: fmt.Sprintf("m-%d", int(m)), Name: T(lang, fmt.Sprintf("cal.month.%d", int(m)))}
		first := calendar.Date{Year: year, Month: m, Day: 1}
		week := make([]DayCell, (int(first.Weekday())+6)%7)
		for d := first; d.Month == m && d.Year == year; d = d.AddDays(1) {
			c, err := dayCell(cal, d, lang)
			if err != nil {
				return nil, err
			}
			c.Today = d == today
			if week = append(week, c); len(week) == 7 {
				g.Weeks, week = append(g.Weeks, WeekRow{Days: week}), nil
			}
		}
		for len(g.Weeks) < 6 {
			pad := len(week) == 0
			week = append(week, make([]DayCell, 7-len(week))...)
			g.Weeks, week = append(g.Weeks, WeekRow{Days: week, Pad: pad}), nil
		}
		out = append(out, g)
	}
	return out, nil
}

// dayCell describes one day: its marks, its lunar date and its tooltip.
func dayCell(cal *calendar.Calendar, d calendar.Date, lang string) (DayCell, error) {
	info, err := cal.Day(d)
	if err != nil {
		return DayCell{}, err
	}
	c := DayCell{Day: d.Day, ISO: d.String(), Reason: info.Reason}
	if lang == "en" {
		c.Reason = info.ReasonEN
	}
	switch {
	case info.Kind == calendar.Holiday:
		c.Class, c.Badge = "cal-hol", T(lang, "cal.badge.holiday")
	case info.Kind == calendar.CompensatoryOff:
		c.Class, c.Badge = "cal-co", T(lang, "cal.badge.compensatory_off")
	case info.Kind == calendar.WorkingSaturday:
		c.Class, c.Badge = "cal-ws", T(lang, "cal.badge.working_saturday")
	case info.Kind == calendar.AgencyDayOff:
		c.Class, c.Badge = "cal-ag", T(lang, "cal.badge.agency_day_off")
	case !info.Working:
		c.Class = "cal-we"
	}
	if info.Projected {
		c.Class += " cal-proj"
	}
	title := fmtCalDate(d)
	if l, err := calendar.SolarToLunar(d); err == nil {
		c.Lunar, c.LunarFirst = strconv.Itoa(l.Day), l.Day == 1
		if l.Day == 1 || d.Day == 1 {
			c.Lunar = fmt.Sprintf("%d/%d", l.Day, l.Month)
			if l.Leap {
				c.Lunar += T(lang, "cal.leap.short")
			}
		}
		lunar := fmt.Sprintf("%d/%d/%d", l.Day, l.Month, l.Year)
		if l.Leap {
			lunar += " " + T(lang, "cal.leap")
		}
		title += " · " + T(lang, "cal.lunar", lunar)
	}
	if c.Reason != "" {
		title += " · " + c.Reason
	}
	c.Title = title
	return c, nil
}

// entryRows lists the year's table; with culture, the 24/11 day the
// setting adds to an official year is shown too, without a delete button.
func entryRows(cal *calendar.Calendar, sched calendar.Schedule, culture bool, lang string) ([]EntryRow, error) {
	type item struct {
		e         calendar.Entry
		deletable bool
	}
	items := make([]item, 0, len(sched.Entries)+1)
	nov24, has24 := calendar.Date{Year: sched.Year, Month: time.November, Day: 24}, false
	for _, e := range sched.Entries {
		items = append(items, item{e, true})
		has24 = has24 || e.Date == nov24
	}
	if culture && !has24 {
		info, err := cal.Day(nov24)
		if err != nil {
			return nil, err
		}
		if info.Kind == calendar.Holiday {
			items = append(items, item{calendar.Entry{Date: nov24, Kind: calendar.Holiday, Name: info.Reason, NameEN: info.ReasonEN}, false})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].e.Date.Before(items[j].e.Date) })
	out := make([]EntryRow, 0, len(items))
	for _, it := range items {
		e, code := it.e, it.e.Kind.String()
		name := e.Name
		if lang == "en" && e.NameEN != "" {
			name = e.NameEN
		}
		if name == "" {
			name = T(lang, "cal.kind."+code)
		}
		out = append(out, EntryRow{Date: fmtCalDate(e.Date), ISO: e.Date.String(), Weekday: T(lang, fmt.Sprintf("cal.wd.%d", e.Date.Weekday())),
			Kind: code, Badge: T(lang, "cal.badge."+code), KindLabel: T(lang, "cal.kind."+code), Name: name, Deletable: it.deletable})
	}
	return out, nil
}

// fmtCalDate writes a calendar date as dd/mm/yyyy.
func fmtCalDate(d calendar.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// seasonLine writes a season as "01/01 – 31/12: 07:00–11:30, 13:30–17:00".
func seasonLine(se calendar.Season) string {
	ps := make([]string, len(se.Periods))
	for i, p := range se.Periods {
		ps[i] = p.String()
	}
	return fmt.Sprintf("%02d/%02d – %02d/%02d: %s", se.From.Day, int(se.From.Month), se.To.Day, int(se.To.Month), strings.Join(ps, ", "))
}

// deadlineTool is the deadline tool's form, blank (today, 08:00, 5 working
// days) or as submitted.
func (s *Server) deadlineTool(forms calendarForms, year int) DeadlineTool {
	if forms.dueResult != nil {
		return *forms.dueResult
	}
	if forms.due != nil {
		return DeadlineTool{Form: forms.due}
	}
	f := newForm(url.Values{"received_on": {todayISO(s.deps.Now())}, "received_at": {"08:00"}, "days": {"5"}, "unit": {"working"}}, dueFields...)
	return DeadlineTool{Form: f}
}

// handleCalendarDue computes a due instant from the tool's GET form: a
// receipt at a date and time in Hà Nội, a number of working or calendar
// days, and the "after 15:00 counts from the next working day" flag.
func (s *Server) handleCalendarDue(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.requestAgency(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	year, err := parseYear(q.Get("year"), s.deps.Now())
	if err != nil {
		year = s.deps.Now().In(vn).Year()
	}
	if q.Get("received_on") == "" && q.Get("days") == "" {
		// The tool's address opened without its form: the blank tool, not
		// errors for fields nobody has filled in yet.
		return s.calendarPage(w, r, http.StatusOK, year, calendarForms{})
	}
	f := newForm(q, dueFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.calendarPage(w, r, httpx.Status(err), year, calendarForms{due: f})
	}
	d, err := calendar.ParseDate(f.Get("received_on"))
	if err != nil {
		return fail(calendarInvalid(err, "date", "received_on", "year", "received_on"))
	}
	hour, minute, ok := parseClock(f.Get("received_at"))
	if !ok {
		return fail(invalid("received_at", "cal.err.time"))
	}
	received := time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, vn)
	var l calendar.Limit
	switch f.Get("unit") {
	case "working":
		l.Unit = calendar.WorkingDays
	case "calendar":
		l.Unit = calendar.CalendarDays
	default:
		return fail(invalid("unit", "err.choose"))
	}
	if l.Value, err = parseNumber("days", f.Get("days")); err != nil {
		return fail(err)
	}
	l.After15h = f.Get("after_15h") != ""
	cal, err := s.deps.Store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	due, err := cal.Due(received, l)
	if err != nil {
		return fail(calendarInvalid(err, "limit", "days", "date", "received_on", "year", "received_on"))
	}
	between, err := cal.Between(received, due)
	if err != nil {
		return fail(calendarInvalid(err))
	}
	res := &DeadlineTool{Form: f, Done: true, DueAt: due, Between: workingTimeText(httpx.Lang(r), between)}
	return s.calendarPage(w, r, http.StatusOK, year, calendarForms{dueResult: res})
}
