package api

import (
	"net/http"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// The in-app inbox and an official's monthly task figures, scored under
// NĐ 335/2025/NĐ-CP.

func (s *Server) inboxRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/people/{id}/figures", ID: "getPersonFigures", Tag: "tasks",
			Access: access.May("figures (canSeeFigures)", "director deputy_director inspector: agency; head deputy_head: subtree").Or("self"),
			Summary: "A person's task figures for a month (tasks due in the month that they lead) and the task-results score under NĐ 335/2025 " +
				"(the person, the heads of their units, the directors and the inspectors).",
			Query: []param{
				{"year", "integer", "the year (this year by default)"},
				{"month", "integer", "the month, 1–12 (this month by default)"},
			},
			Response: figuresResponse{}, Status: http.StatusOK, Handle: s.handleFigures},
		{Method: "GET", Pattern: "/api/v1/notifications", ID: "listNotifications", Tag: "notifications",
			Access:   access.Login().Shows(access.Parties("the recipient only", "recipient")),
			Summary:  "The caller's in-app notifications, newest first.",
			Query:    append([]param{{"unread", "boolean", "only unread ones"}}, pageParams...),
			Response: []notificationResponse{}, Status: http.StatusOK, Handle: s.handleNotificationList},
		{Method: "POST", Pattern: "/api/v1/notifications/{id}/read", ID: "readNotification", Tag: "notifications",
			Access:   access.Parties("the recipient only", "recipient"),
			Summary:  "Mark one of the caller's notifications read.",
			Response: notificationReadResponse{}, Status: http.StatusOK, Handle: s.handleNotificationRead},
	}
}

type notificationResponse struct {
	ID        int64   `json:"id"`
	Kind      string  `json:"kind"`
	Title     string  `json:"title"`
	Body      string  `json:"body"`
	Link      string  `json:"link" doc:"a page of the web interface"`
	CreatedAt string  `json:"created_at" api:"format=date-time"`
	ReadAt    *string `json:"read_at" api:"format=date-time"`
}

type notificationReadResponse struct {
	ID     int64 `json:"id"`
	Unread int   `json:"unread" doc:"how many unread notifications remain"`
}

func (s *Server) handleNotificationList(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	unread, err := queryBool(r, "unread")
	if err != nil {
		return err
	}
	list, err := s.deps.Store.FindNotifications(r.Context(), subjectOf(r).PersonID, unread, pg.limit, pg.offset)
	if err != nil {
		return err
	}
	out := make([]notificationResponse, 0, len(list))
	for _, n := range list {
		out = append(out, notificationResponse{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link,
			CreatedAt: instant(n.CreatedAt), ReadAt: taskOptInstant(n.ReadAt)})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleNotificationRead(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := subjectOf(r).PersonID
	if err := s.deps.Store.MarkNotificationRead(r.Context(), me, id); err != nil {
		return err
	}
	n, err := s.deps.Store.CountUnreadNotifications(r.Context(), me)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, notificationReadResponse{ID: id, Unread: n})
}

type figureLineResponse struct {
	TaskID        int64   `json:"task_id"`
	Title         string  `json:"title"`
	Weight        float64 `json:"weight"`
	Key           bool    `json:"key"`
	Deadline      string  `json:"deadline" api:"format=date-time" doc:"the original deadline"`
	CompletedAt   *string `json:"completed_at" api:"format=date-time"`
	Timeliness    string  `json:"timeliness"`
	Done          bool    `json:"done"`
	Delayed       bool    `json:"delayed"`
	DelayExempted bool    `json:"delay_exempted"`
	FailedReviews int     `json:"failed_reviews"`
	ExemptReviews int     `json:"exempt_reviews"`
}

type scoreResponse struct {
	Basis    string  `json:"basis"`
	Max      float64 `json:"max" doc:"the points of task results: 70"`
	Quantity float64 `json:"quantity"`
	Quality  float64 `json:"quality"`
	Progress float64 `json:"progress"`
	Total    float64 `json:"total"`
	Rated    bool    `json:"rated" doc:"false when nothing was due in the month"`
}

// figuresResponse is a person's month.
type figuresResponse struct {
	PersonID           int64                `json:"person_id"`
	Year               int                  `json:"year"`
	Month              int                  `json:"month"`
	Assigned           int                  `json:"assigned" doc:"tasks due in the month (original deadline), not cancelled"`
	AssignedUnits      float64              `json:"assigned_units" doc:"Σ weight"`
	Done               int                  `json:"done"`
	DoneUnits          float64              `json:"done_units" doc:"weighted units of work delivered"`
	DoneEarly          int                  `json:"done_early"`
	DoneOnTime         int                  `json:"done_on_time"`
	OnTimeUnits        float64              `json:"on_time_units"`
	Delays             int                  `json:"delays"`
	DelayedUnits       float64              `json:"delayed_units"`
	OpenOverdue        int                  `json:"open_overdue"`
	ExemptedDelays     int                  `json:"exempted_delays"`
	FailedReviews      int                  `json:"failed_reviews"`
	ExemptReviews      int                  `json:"exempt_reviews"`
	Cancelled          int                  `json:"cancelled"`
	ReadyForEvaluation bool                 `json:"ready_for_evaluation" doc:"the month is over and no counted task awaits review"`
	Score              scoreResponse        `json:"score"`
	Lines              []figureLineResponse `json:"lines"`
}

func (s *Server) handleFigures(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	now := s.deps.Now().In(calendar.VN)
	year, err := queryInt(r, "year", now.Year(), calendar.MinYear, calendar.MaxYear)
	if err != nil {
		return err
	}
	month, err := queryInt(r, "month", int(now.Month()), 1, 12)
	if err != nil {
		return err
	}
	person, err := s.deps.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.canSeeFigures(r, person); err != nil {
		return err
	}
	f, err := s.deps.Store.MonthlyFigures(r.Context(), id, year, time.Month(month))
	if err != nil {
		return err
	}
	out := figuresResponse{PersonID: id, Year: year, Month: month, Assigned: f.Assigned, AssignedUnits: f.AssignedUnits,
		Done: f.Done, DoneUnits: f.DoneUnits, DoneEarly: f.DoneEarly, DoneOnTime: f.DoneOnTime, OnTimeUnits: f.OnTimeUnits,
		Delays: f.Delays, DelayedUnits: f.DelayedUnits, OpenOverdue: f.OpenOverdue, ExemptedDelays: f.ExemptedDelay,
		FailedReviews: f.FailedReviews, ExemptReviews: f.ExemptReviews, Cancelled: f.Cancelled, Lines: []figureLineResponse{}}
	rules := work.ND335()
	sc := f.Score(rules)
	out.Score = scoreResponse{Basis: rules.Basis, Max: rules.TaskPoints, Quantity: sc.Quantity, Quality: sc.Quality,
		Progress: sc.Progress, Total: sc.Total, Rated: sc.Rated}
	for _, l := range f.Lines {
		out.Lines = append(out.Lines, figureLineResponse{TaskID: l.TaskID, Title: l.Title, Weight: l.Weight, Key: l.Key,
			Deadline: instant(l.Deadline), CompletedAt: taskOptInstant(l.CompletedAt), Timeliness: string(l.Timeliness),
			Done: l.Done, Delayed: l.Delayed, DelayExempted: l.DelayExempted, FailedReviews: l.FailedReviews, ExemptReviews: l.ExemptReviews})
	}
	// Ready once the month is over and no task due in it awaits review
	// (an acceptance dates the completion back to the submission).
	p := work.MonthPeriod(year, month)
	out.ReadyForEvaluation = calendar.DateOf(now).After(p.End())
	if out.ReadyForEvaluation {
		pending, err := s.deps.Store.FindTasks(r.Context(), store.TaskFilter{LeadPersonID: id, States: []work.State{work.StateSubmitted}, Limit: 1000})
		if err != nil {
			return err
		}
		for _, t := range pending {
			if p.Contains(calendar.DateOf(t.OriginalDeadline)) {
				out.ReadyForEvaluation = false
			}
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// canSeeFigures: the person, the directors, deputy directors and
// inspectors of their agency, and the heads and deputy heads of a unit
// at or above one of theirs.
func (s *Server) canSeeFigures(r *http.Request, p org.Person) error {
	subj := subjectOf(r)
	if subj.PersonID == p.ID {
		return nil
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	for _, g := range subj.Grants {
		u, ok := t.Unit(g.UnitID)
		if !ok {
			continue
		}
		switch g.Role {
		case org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector:
			if u.AgencyID == p.AgencyID {
				return nil
			}
		case org.RoleHead, org.RoleDeputyHead:
			for _, m := range p.Memberships {
				if t.WithinAgency(m.UnitID, g.UnitID) {
					return nil
				}
			}
		}
	}
	return apperr.Forbiddenf("Chỉ bản thân cán bộ, lãnh đạo đơn vị, lãnh đạo Sở và thanh tra mới xem được kết quả thực hiện nhiệm vụ của cán bộ này",
		"Only the person, the heads of their unit, the directors and the inspectors may see this person's task results")
}
