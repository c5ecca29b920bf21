package api

import (
	"fmt"
	"net/http"
	"strconv"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
)

// An agency's own overrides of the national calendar: its office hours and
// its own days off (ngày nghỉ riêng của cơ quan), read by its staff
// (ViewCalendar) and edited by its administrator (ManageCalendar on that
// agency). The national table is the system operator's (calendar.go).

func (s *Server) agencyCalendarRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/calendar/agencies/{agency}", ID: "getAgencyCalendar", Tag: "calendar",
			Access:   access.May("calendar.view", "staff operator investor: agency"),
			Summary:  "An agency's own office hours (or the national default it follows) and its own days off (ViewCalendar in that agency).",
			Response: agencyCalendarResponse{}, Status: http.StatusOK, Handle: s.handleAgencyCalendar},
		{Method: "PUT", Pattern: "/api/v1/calendar/agencies/{agency}/office-hours", ID: "setAgencyOfficeHours", Tag: "calendar",
			Access:  access.May("calendar.manage", "admin: agency"),
			Summary: "Replace an agency's own office hours (ManageCalendar in that agency); each season must total 8 hours a day.",
			Request: agencyHoursRequest{}, Response: agencyCalendarResponse{}, Status: http.StatusOK, Handle: s.handleAgencyHoursSet},
		{Method: "PUT", Pattern: "/api/v1/calendar/agencies/{agency}/days-off/{date}", ID: "setAgencyDayOff", Tag: "calendar",
			Access:  access.May("calendar.manage", "admin: agency"),
			Summary: "Add or rename one of an agency's own days off (ManageCalendar in that agency); it moves that agency's due instants only.",
			Request: agencyDayOffRequest{}, Response: agencyCalendarResponse{}, Status: http.StatusOK, Handle: s.handleAgencyDayOffSet},
		{Method: "DELETE", Pattern: "/api/v1/calendar/agencies/{agency}/days-off/{date}", ID: "deleteAgencyDayOff", Tag: "calendar",
			Access:   access.May("calendar.manage", "admin: agency"),
			Summary:  "Remove one of an agency's own days off (ManageCalendar in that agency).",
			Response: agencyCalendarResponse{}, Status: http.StatusOK, Handle: s.handleAgencyDayOffDelete},
	}
}

// agencyDayOff is one of an agency's own days off on the wire.
type agencyDayOff struct {
	Date   string `json:"date" api:"format=date"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
}

// agencyCalendarResponse is an agency's layer of the calendar.
type agencyCalendarResponse struct {
	AgencyID    int64          `json:"agency_id"`
	OfficeHours []season       `json:"office_hours" doc:"the hours the agency works: its own, or the national default"`
	DaysOff     []agencyDayOff `json:"days_off"`
}

// agencyHoursRequest is the body of PUT …/office-hours.
type agencyHoursRequest struct {
	OfficeHours []season `json:"office_hours" api:"required"`
}

// Validate checks the request's shape; the calendar checks the hours.
func (q *agencyHoursRequest) Validate() error {
	if len(q.OfficeHours) == 0 {
		return apperr.Invalidf("office_hours", "cần ít nhất một mùa giờ làm việc", "give at least one season of office hours")
	}
	return nil
}

// agencyDayOffRequest is the body of PUT …/days-off/{date}.
type agencyDayOffRequest struct {
	Name   string `json:"name" api:"max=120" doc:"the Vietnamese reason, e.g. Ngày thành lập Sở; empty: nghỉ riêng của cơ quan"`
	NameEN string `json:"name_en" api:"max=120"`
}

// Validate checks the request's shape.
func (q *agencyDayOffRequest) Validate() error {
	var err error
	if q.Name, err = apperr.Text("name", q.Name, 0, 120); err != nil {
		return err
	}
	q.NameEN, err = apperr.Text("name_en", q.NameEN, 0, 120)
	return err
}

// agencyAccess authorises a calendar action on the agency named in the
// path and returns it. A unit that is not an agency is NotFound when the
// caller may act there, so that nothing is kept for a division.
func (s *Server) agencyAccess(r *http.Request, a auth.Action) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("agency"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalidf("agency", "mã cơ quan không hợp lệ: %q", "invalid agency id: %q", r.PathValue("agency"))
	}
	t, err := s.tree(r)
	if err != nil {
		return 0, err
	}
	if err := s.authorize(subjectOf(r), t, a, id); err != nil {
		return 0, err
	}
	if u, ok := t.Unit(id); !ok || u.AgencyID != id {
		return 0, apperr.NotFoundf("Không có cơ quan số %d", "no agency %d", id)
	}
	return id, nil
}

func (s *Server) agencyCalendar(r *http.Request, agency int64) (agencyCalendarResponse, error) {
	out := agencyCalendarResponse{AgencyID: agency, DaysOff: []agencyDayOff{}}
	h, err := s.deps.Store.OfficeHours(r.Context(), agency)
	if err != nil {
		return out, err
	}
	out.OfficeHours = wireSeasons(h)
	days, err := s.deps.Store.AgencyDaysOff(r.Context(), agency)
	if err != nil {
		return out, err
	}
	for _, d := range days {
		out.DaysOff = append(out.DaysOff, agencyDayOff{Date: d.Date.String(), Name: d.Name, NameEN: d.NameEN})
	}
	return out, nil
}

// agencyCalendarChange authorises ManageCalendar on the path's agency,
// applies change and answers with the agency's layer.
func (s *Server) agencyCalendarChange(w http.ResponseWriter, r *http.Request, change func(agency int64) error) error {
	agency, err := s.agencyAccess(r, auth.ManageCalendar)
	if err != nil {
		return err
	}
	if err := change(agency); err != nil {
		return err
	}
	out, err := s.agencyCalendar(r, agency)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAgencyCalendar(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.agencyAccess(r, auth.ViewCalendar)
	if err != nil {
		return err
	}
	out, err := s.agencyCalendar(r, agency)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAgencyHoursSet(w http.ResponseWriter, r *http.Request) error {
	return s.agencyCalendarChange(w, r, func(agency int64) error {
		var req agencyHoursRequest
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
		h, err := toOfficeHours(req.OfficeHours)
		if err != nil {
			return err
		}
		if err := h.Validate(); err != nil {
			return calendarInvalid(err)
		}
		return s.deps.Store.SetOfficeHours(r.Context(), actorOf(subjectOf(r)), agency, h)
	})
}

func (s *Server) handleAgencyDayOffSet(w http.ResponseWriter, r *http.Request) error {
	return s.agencyCalendarChange(w, r, func(agency int64) error {
		d, err := pathDate(r)
		if err != nil {
			return err
		}
		var req agencyDayOffRequest
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
		return s.deps.Store.SetAgencyDayOff(r.Context(), actorOf(subjectOf(r)), agency, calendar.DayOff{Date: d, Name: req.Name, NameEN: req.NameEN})
	})
}

func (s *Server) handleAgencyDayOffDelete(w http.ResponseWriter, r *http.Request) error {
	return s.agencyCalendarChange(w, r, func(agency int64) error {
		d, err := pathDate(r)
		if err != nil {
			return err
		}
		return s.deps.Store.DeleteAgencyDayOff(r.Context(), actorOf(subjectOf(r)), agency, d)
	})
}

// wireSeasons writes office hours as the wire's seasons.
func wireSeasons(h calendar.OfficeHours) []season {
	out := []season{}
	for _, se := range h.Seasons {
		w := season{From: fmt.Sprintf("%02d-%02d", int(se.From.Month), se.From.Day), To: fmt.Sprintf("%02d-%02d", int(se.To.Month), se.To.Day)}
		for _, p := range se.Periods {
			w.Periods = append(w.Periods, fmt.Sprintf("%02d:%02d-%02d:%02d", p.Start/60, p.Start%60, p.End/60, p.End%60))
		}
		out = append(out, w)
	}
	return out
}
