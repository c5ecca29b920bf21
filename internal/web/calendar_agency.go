package web

// An agency's own overrides of the national calendar, edited by its
// administrator (ManageCalendar in that agency): its office hours and its
// own days off (ngày nghỉ riêng của cơ quan), which move that agency's
// deadlines only. The agency is named in the path, so that a refusal is
// checked against the agency edited, not the editor's.

import (
	"fmt"
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
)

var agencyDayFields = []string{"date", "name", "name_en"}

// pathAgency authorises a on the agency named in the path and returns it;
// a unit that is not an agency is NotFound once the user may act there.
func (s *Server) pathAgency(r *http.Request, a auth.Action) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("agency"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFoundf("Không có cơ quan %q", "no agency %q", r.PathValue("agency"))
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return 0, err
	}
	if err := s.deps.Policy.Authorize(httpx.SubjectFrom(r.Context()), tree, a, auth.Resource{UnitID: id}); err != nil {
		return 0, err
	}
	if u, ok := tree.Unit(id); !ok || u.AgencyID != id {
		return 0, apperr.NotFoundf("Không có cơ quan số %d", "no agency %d", id)
	}
	return id, nil
}

// agencyDayRows lists the agency's own days off of every year.
func (s *Server) agencyDayRows(r *http.Request, agency int64, lang string) ([]AgencyDayRow, error) {
	if agency == 0 {
		return nil, nil
	}
	days, err := s.deps.Store.AgencyDaysOff(r.Context(), agency)
	if err != nil {
		return nil, err
	}
	out := make([]AgencyDayRow, 0, len(days))
	for _, d := range days {
		name := d.Name
		if lang == "en" && d.NameEN != "" {
			name = d.NameEN
		}
		if name == "" {
			name = T(lang, "cal.kind.agency_day_off")
		}
		out = append(out, AgencyDayRow{Date: fmtCalDate(d.Date), ISO: d.Date.String(),
			Weekday: T(lang, fmt.Sprintf("cal.wd.%d", d.Date.Weekday())), Name: name})
	}
	return out, nil
}

// handleAgencyHours replaces the office hours of the agency in the path.
func (s *Server) handleAgencyHours(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	agency, err := s.pathAgency(r, auth.ManageCalendar)
	if err != nil {
		return err
	}
	return s.saveHours(w, r, agency, "flash.calendar.hours")
}

// handleAgencyDaySet adds or renames one of the agency's own days off.
func (s *Server) handleAgencyDaySet(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	agency, err := s.pathAgency(r, auth.ManageCalendar)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, agencyDayFields...)
	year := s.formYear(f)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(calendarInvalid(err, "year", "date"), httpx.Lang(r))
		return s.calendarPage(w, r, httpx.Status(err), year, calendarForms{agencyDay: f})
	}
	d, err := calendar.ParseDate(f.Get("date"))
	if err != nil {
		return fail(calendarInvalid(err))
	}
	year = d.Year
	off := calendar.DayOff{Date: d, Name: f.Get("name"), NameEN: f.Get("name_en")}
	if err := s.deps.Store.SetAgencyDayOff(r.Context(), actor(httpx.SubjectFrom(r.Context())), agency, off); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.cal.agency.set", fmtCalDate(d))
	return redirect(w, r, calendarURL(d.Year))
}

// handleAgencyDayDelete removes one of the agency's own days off.
func (s *Server) handleAgencyDayDelete(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.pathAgency(r, auth.ManageCalendar)
	if err != nil {
		return err
	}
	d, err := calendar.ParseDate(r.PathValue("date"))
	if err != nil {
		return calendarInvalid(err)
	}
	if err := confirmed(r); err != nil {
		return err
	}
	if err := s.deps.Store.DeleteAgencyDayOff(r.Context(), actor(httpx.SubjectFrom(r.Context())), agency, d); err != nil {
		return err
	}
	s.flash(w, "flash.cal.agency.del", fmtCalDate(d))
	return redirect(w, r, calendarURL(d.Year))
}
