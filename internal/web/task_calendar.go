package web

import (
	"net/http"
	"strconv"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/store"
)

// The task calendar: a month grid, Monday first, with the tasks the user
// may see placed on their deadline's day (the current deadline, in
// Vietnam), days off marked from the agency's working calendar.

// TaskDay is one day of the task calendar.
type TaskDay struct {
	Date   calendar.Date
	Blank  bool // a padding cell before the 1st or after the last day
	Today  bool
	DayOff bool
	Tasks  []TaskRow
}

// TaskCalendarPage is a month of deadlines.
type TaskCalendarPage struct {
	BasePage
	Month    string // YYYY-MM
	Label    string
	Heads    []WeekdayHead
	Weeks    [][]TaskDay
	PrevHref string
	NextHref string
	Count    int
}

func (s *Server) handleTaskCalendar(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "tasks.calendar.title")
	if err != nil {
		return err
	}
	now := s.deps.Now()
	first := calendar.DateOf(now)
	first.Day = 1
	if v := r.URL.Query().Get("month"); v != "" {
		t, err := time.Parse("2006-01", v)
		if err != nil || t.Year() < calendar.MinYear || t.Year() > calendar.MaxYear {
			return invalid("month", "tasks.calendar.err.month", v)
		}
		first = calendar.Date{Year: t.Year(), Month: t.Month(), Day: 1}
	}
	next := first.AddDays(32)
	next.Day = 1
	p := &TaskCalendarPage{BasePage: b, Month: monthKey(first), Label: T(b.Lang, "cal.month."+strconv.Itoa(int(first.Month))) + " " + strconv.Itoa(first.Year),
		Heads: weekdayHeads(b.Lang)}
	if prev := first.AddDays(-1); prev.Year >= calendar.MinYear {
		p.PrevHref = "/tasks/calendar?month=" + monthKey(prev)
	}
	if next.Year <= calendar.MaxYear {
		p.NextHref = "/tasks/calendar?month=" + monthKey(next)
	}
	// The tasks due before the month's end, by deadline: page past those due before it.
	end := next.Time()
	var list []store.TaskSummary
	for off := 0; ; off += 1000 {
		page, err := s.findVisibleTasks(r.Context(), &b, store.TaskFilter{DueBefore: &end, Limit: 1000, Offset: off})
		if err != nil {
			return err
		}
		for _, x := range page {
			if !calendar.DateOf(x.Deadline).Before(first) {
				list = append(list, x)
			}
		}
		if len(page) < 1000 || off > 50000 {
			break
		}
	}
	rows, err := s.taskRows(r.Context(), b.Lang, list)
	if err != nil {
		return err
	}
	p.Count = len(rows)
	byDay := map[calendar.Date][]TaskRow{}
	for _, row := range rows {
		d := calendar.DateOf(row.Deadline)
		byDay[d] = append(byDay[d], row)
	}
	cal, err := s.deps.Store.Calendar(r.Context(), agencyOf(b.tree, b.User))
	if err != nil {
		return err
	}
	today := calendar.DateOf(now)
	week := make([]TaskDay, (int(first.Weekday())+6)%7)
	for i := range week {
		week[i].Blank = true
	}
	for d := first; d.Month == first.Month; d = d.AddDays(1) {
		week = append(week, TaskDay{Date: d, Today: d == today, DayOff: !cal.IsWorkingDay(d), Tasks: byDay[d]})
		if len(week) == 7 {
			p.Weeks, week = append(p.Weeks, week), nil
		}
	}
	if len(week) > 0 {
		for len(week) < 7 {
			week = append(week, TaskDay{Blank: true})
		}
		p.Weeks = append(p.Weeks, week)
	}
	return s.render(w, http.StatusOK, "task_calendar", p)
}

func monthKey(d calendar.Date) string { return d.Time().In(vn).Format("2006-01") }
