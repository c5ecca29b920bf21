package api

import (
	"fmt"
	"math"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/file"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Request and response types of the task resources, with their converters.

// coordinatorRequest is a coordinating unit (đơn vị phối hợp) of a new task.
type coordinatorRequest struct {
	UnitID    int64  `json:"unit_id" api:"required"`
	PersonID  *int64 `json:"person_id" doc:"the person named for the unit's part, if any"`
	SubTaskID *int64 `json:"sub_task_id" doc:"the sub-task holding the unit's part, if any"`
}

// taskCreateRequest is the body of POST /api/v1/tasks.
type taskCreateRequest struct {
	Title               string               `json:"title" api:"required,min=3,max=300"`
	LeadPersonID        int64                `json:"lead_person_id" api:"required" doc:"người chủ trì: the one who answers for the task"`
	Deadline            string               `json:"deadline" doc:"a date YYYY-MM-DD (due at the close of office hours that day, the next working day's when closed) or an RFC 3339 instant; or give deadline_working_days instead"`
	DeadlineWorkingDays *float64             `json:"deadline_working_days" doc:"the deadline as a number of working days from now (fractions such as 0.5 allowed), instead of deadline"`
	Description         string               `json:"description" api:"max=4000"`
	Product             string               `json:"product" api:"max=500" doc:"sản phẩm: the expected output; the title when omitted"`
	LeadUnitID          int64                `json:"lead_unit_id" doc:"đơn vị chủ trì; the lead person's unit when omitted"`
	Coordinators        []coordinatorRequest `json:"coordinators"`
	Priority            string               `json:"priority" api:"enum=low|normal|high|urgent" doc:"normal when omitted"`
	Key                 bool                 `json:"key" doc:"nhiệm vụ trọng điểm"`
	Weight              float64              `json:"weight" doc:"hệ số quy đổi, more than 0 and at most 10; 1 when omitted"`
	PlanID              *int64               `json:"plan_id"`
	ParentID            *int64               `json:"parent_id"`
	Checklist           []string             `json:"checklist" doc:"the steps of the task's plan"`

	date *calendar.Date
	at   *time.Time
}

// Validate checks the request's shape; the domain checks the rest.
func (q *taskCreateRequest) Validate() error {
	var err error
	if q.Title, err = apperr.Text("title", q.Title, 3, 300); err != nil {
		return err
	}
	if err := requireID("lead_person_id", q.LeadPersonID); err != nil {
		return err
	}
	if q.LeadUnitID < 0 {
		return requireID("lead_unit_id", q.LeadUnitID)
	}
	if err := optionalID("plan_id", q.PlanID); err != nil {
		return err
	}
	if err := optionalID("parent_id", q.ParentID); err != nil {
		return err
	}
	if q.Product, err = apperr.Text("product", q.Product, 0, 500); err != nil {
		return err
	}
	if q.Product == "" {
		q.Product = q.Title
	}
	if q.Priority != "" {
		if err := oneOf("priority", q.Priority, "low", "normal", "high", "urgent"); err != nil {
			return err
		}
	}
	if math.IsNaN(q.Weight) || q.Weight < 0 || q.Weight > work.MaxWeight {
		return apperr.Invalidf("weight", "hệ số quy đổi phải lớn hơn 0 và không quá %g", "the weight must be greater than 0 and at most %g", work.MaxWeight)
	}
	for i, c := range q.Coordinators {
		if c.UnitID <= 0 {
			return apperr.Invalidf(fmt.Sprintf("coordinators[%d].unit_id", i), "thiếu đơn vị phối hợp", "the coordinating unit is required")
		}
	}
	q.Deadline = strings.TrimSpace(q.Deadline)
	switch {
	case q.Deadline != "" && q.DeadlineWorkingDays != nil:
		return apperr.Invalidf("deadline", "chỉ nêu một trong hai: deadline hoặc deadline_working_days",
			"give either deadline or deadline_working_days, not both")
	case q.DeadlineWorkingDays != nil:
		n := *q.DeadlineWorkingDays
		if math.IsNaN(n) || n <= 0 || n > work.MaxWorkingDays {
			return apperr.Invalidf("deadline_working_days", "số ngày làm việc phải lớn hơn 0 và không quá %d",
				"the number of working days must be greater than 0 and at most %d", work.MaxWorkingDays)
		}
	case q.Deadline == "":
		return apperr.Invalidf("deadline", "thiếu deadline (bắt buộc: ngày YYYY-MM-DD, thời điểm RFC 3339, hoặc deadline_working_days)",
			"deadline is required (a date YYYY-MM-DD, an RFC 3339 instant, or deadline_working_days)")
	default:
		d, at, err := parseDeadline("deadline", q.Deadline)
		if err != nil {
			return err
		}
		q.date, q.at = d, at
	}
	return nil
}

// parseDeadline reads a date (YYYY-MM-DD) or an RFC 3339 instant; for an
// instant the date is its date in Vietnam, which must lie within the
// calendar's years like any date.
func parseDeadline(field, s string) (*calendar.Date, *time.Time, error) {
	if len(s) == len("2006-01-02") {
		d, err := calendar.ParseDate(s)
		if err != nil {
			return nil, nil, apperr.Invalidf(field, "ngày không hợp lệ: %q (dạng YYYY-MM-DD)", "invalid date: %q (YYYY-MM-DD)", s)
		}
		return &d, nil, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, nil, apperr.Invalidf(field, "hạn không hợp lệ: %q (dạng YYYY-MM-DD hoặc 2026-03-13T17:00:00+07:00)",
			"invalid deadline: %q (YYYY-MM-DD or RFC 3339, e.g. 2026-03-13T17:00:00+07:00)", s)
	}
	d := calendar.DateOf(t)
	if err := d.Validate(); err != nil {
		// The same refusal as for a date: its day is outside the calendar.
		return nil, nil, apperr.Invalidf(field, "hạn không hợp lệ: %q (ngày %s nằm ngoài các năm %d–%d)",
			"invalid deadline: %q (its day %s is outside the years %d–%d)", s, d.DMY(), calendar.MinYear, calendar.MaxYear)
	}
	return &d, &t, nil
}

// toNewTask converts the request to the domain's; the caller fills the
// agency, lead unit, assigner and time.
func (q taskCreateRequest) toNewTask() work.NewTask {
	n := work.NewTask{PlanID: q.PlanID, ParentID: q.ParentID, Title: q.Title, Description: q.Description, Product: q.Product,
		LeadUnitID: q.LeadUnitID, LeadPersonID: q.LeadPersonID, Priority: work.Priority(q.Priority), Key: q.Key,
		Weight: q.Weight, Checklist: q.Checklist}
	for _, c := range q.Coordinators {
		n.Coordinators = append(n.Coordinators, work.Coordination{UnitID: c.UnitID, PersonID: c.PersonID, SubTaskID: c.SubTaskID})
	}
	if q.DeadlineWorkingDays != nil {
		n.Deadline.WorkingDays = q.DeadlineWorkingDays
	} else {
		n.Deadline.Date = q.date
	}
	return n
}

// taskEventRequest is the body of POST /api/v1/tasks/{id}/events: the
// action and its fields (see each action in the operation's summary).
type taskEventRequest struct {
	Action      string          `json:"action" api:"required,enum=start|report_progress|raise_obstacle|resolve_obstacle|request_extension|decide_extension|submit|accept|return|cancel|confirm_objective_cause"`
	Note        string          `json:"note" doc:"the narrative: progress, the obstacle, its resolution, the result submitted"`
	Version     *int            `json:"version" doc:"the version the caller last saw (or send If-Match); a stale one is refused with 409"`
	Reason      string          `json:"reason" doc:"why: a return, a cancellation, an extension request, a lower percentage, an objective cause"`
	Percent     *int            `json:"percent" doc:"report_progress: the percentage done, 0–100"`
	Attachments []string        `json:"attachments" doc:"names of attached files"`
	Files       []attachRequest `json:"files" doc:"uploaded files (POST /api/v1/files) to attach with the event, in its own transaction (the task's lead or assigner only): a progress report's report, the product submitted, a decision; their names join attachments. slot may be omitted: report for report_progress, product for submit, decision otherwise"`
	Ticks       []int           `json:"ticks" doc:"report_progress: indices of checklist items now done"`
	Ref         int64           `json:"ref" doc:"the event answered: the obstacle resolved, the extension request decided, the return exempted"`
	Deadline    string          `json:"deadline" doc:"request_extension: the proposed deadline; decide_extension: the granted one (the proposed when omitted); a date or an RFC 3339 instant"`
	Approved    *bool           `json:"approved" doc:"decide_extension: whether the extension is granted"`
	Kind        string          `json:"kind" api:"enum=delay|review" doc:"confirm_objective_cause: what the objective cause exempts"`

	date *calendar.Date
	at   *time.Time
}

// Validate checks the request's shape; work.Apply checks the rest.
func (q *taskEventRequest) Validate() error {
	if q.Action == "" {
		return apperr.Invalidf("action", "thiếu action (bắt buộc)", "action is required")
	}
	if q.Version != nil && *q.Version <= 0 {
		return apperr.Invalidf("version", "version phải là số nguyên dương", "version must be a positive whole number")
	}
	if q.Deadline = strings.TrimSpace(q.Deadline); q.Deadline != "" {
		d, at, err := parseDeadline("deadline", q.Deadline)
		if err != nil {
			return err
		}
		q.date, q.at = d, at
	}
	return nil
}

// toEvent converts the request to the domain's event; a date deadline
// becomes the close of office hours that day on the task's calendar.
func (q taskEventRequest) toEvent(cal *calendar.Calendar, now time.Time) (work.Event, error) {
	ev := work.Event{Action: work.Action(q.Action), Note: q.Note, Reason: q.Reason, Percent: q.Percent, Attachments: q.Attachments,
		Ticks: q.Ticks, Ref: q.Ref, Approved: q.Approved, Kind: work.ExemptionKind(q.Kind)}
	switch {
	case q.at != nil:
		ev.Deadline = q.at
	case q.date != nil:
		due, err := work.DeadlineFrom(cal, now, work.DeadlineSpec{Date: q.date})
		if err != nil {
			return ev, err
		}
		ev.Deadline = &due
	}
	return ev, nil
}

type coordinatorResponse struct {
	UnitID    int64  `json:"unit_id"`
	PersonID  *int64 `json:"person_id"`
	SubTaskID *int64 `json:"sub_task_id"`
}

type checklistItemResponse struct {
	Text string `json:"text"`
	Done bool   `json:"done"`
}

// taskResponse is a task on the wire.
type taskResponse struct {
	ID               int64                   `json:"id"`
	State            string                  `json:"state" api:"enum=assigned|in_progress|blocked|submitted|returned|done|cancelled"`
	Deadline         string                  `json:"deadline" api:"format=date-time" doc:"the deadline now (an approved extension moves it)"`
	Version          int                     `json:"version" doc:"send it back (or as If-Match) with the next event"`
	OriginalDeadline string                  `json:"original_deadline" api:"format=date-time" doc:"the deadline as assigned: statistics and evaluation count against it"`
	Title            string                  `json:"title"`
	Description      string                  `json:"description"`
	Product          string                  `json:"product"`
	AgencyID         int64                   `json:"agency_id"`
	LeadUnitID       int64                   `json:"lead_unit_id"`
	LeadPersonID     int64                   `json:"lead_person_id"`
	AssignerID       int64                   `json:"assigner_id"`
	AssignedAt       string                  `json:"assigned_at" api:"format=date-time"`
	CompletedAt      *string                 `json:"completed_at" api:"format=date-time" doc:"the instant of the accepted submission"`
	PlanID           *int64                  `json:"plan_id"`
	ParentID         *int64                  `json:"parent_id"`
	Priority         string                  `json:"priority"`
	Key              bool                    `json:"key"`
	Weight           float64                 `json:"weight"`
	Progress         int                     `json:"progress"`
	Overdue          bool                    `json:"overdue" doc:"open and its deadline's day is over"`
	Coordinators     []coordinatorResponse   `json:"coordinators"`
	Checklist        []checklistItemResponse `json:"checklist"`
	AllowedActions   []string                `json:"allowed_actions" doc:"the actions the task's state allows; who may take them depends on their part in the task"`
}

func toTaskResponse(t work.Task, completed *time.Time, now time.Time) taskResponse {
	out := taskResponse{ID: t.ID, State: string(t.State), Deadline: instant(t.Deadline), Version: t.Version,
		OriginalDeadline: instant(t.OriginalDeadline), Title: t.Title, Description: t.Description, Product: t.Product,
		AgencyID: t.AgencyID, LeadUnitID: t.LeadUnitID, LeadPersonID: t.LeadPersonID, AssignerID: t.AssignerID,
		AssignedAt: instant(t.AssignedAt), PlanID: t.PlanID, ParentID: t.ParentID, Priority: string(t.Priority),
		Key: t.Key, Weight: t.Weight, Progress: t.Progress,
		Overdue:      !t.State.Terminal() && calendar.DateOf(now).After(calendar.DateOf(t.Deadline)),
		Coordinators: []coordinatorResponse{}, Checklist: []checklistItemResponse{}, AllowedActions: []string{}}
	if completed != nil {
		s := instant(*completed)
		out.CompletedAt = &s
	}
	for _, c := range t.Coordinators {
		out.Coordinators = append(out.Coordinators, coordinatorResponse{UnitID: c.UnitID, PersonID: c.PersonID, SubTaskID: c.SubTaskID})
	}
	for _, c := range t.Checklist {
		out.Checklist = append(out.Checklist, checklistItemResponse{Text: c.Text, Done: c.Done})
	}
	for _, a := range work.Allowed(t.State) {
		if a != work.ActionEscalate {
			out.AllowedActions = append(out.AllowedActions, string(a))
		}
	}
	return out
}

func toTaskSummaryResponse(s store.TaskSummary, now time.Time) taskResponse {
	return toTaskResponse(s.Task, s.CompletedAt, now)
}

// taskEventResponse is one event of a task's history.
type taskEventResponse struct {
	Seq         int64    `json:"seq"`
	Action      string   `json:"action"`
	At          string   `json:"at" api:"format=date-time"`
	ActorID     int64    `json:"actor_id" doc:"0 for congvu itself (escalation)"`
	As          string   `json:"as" api:"enum=lead|coordinator|assigner|superior|system"`
	Note        string   `json:"note,omitempty"`
	Reason      string   `json:"reason,omitempty"`
	Percent     *int     `json:"percent,omitempty"`
	Attachments []string `json:"attachments,omitempty"`
	Ticks       []int    `json:"ticks,omitempty"`
	Ref         int64    `json:"ref,omitempty"`
	Level       int      `json:"level,omitempty"`
	Deadline    *string  `json:"deadline,omitempty" api:"format=date-time"`
	Approved    *bool    `json:"approved,omitempty"`
	Kind        string   `json:"kind,omitempty"`
}

func toTaskEventResponse(e work.Event) taskEventResponse {
	return taskEventResponse{Seq: e.Seq, Action: string(e.Action), At: instant(e.At), ActorID: e.ActorID, As: string(e.As),
		Note: e.Note, Reason: e.Reason, Percent: e.Percent, Attachments: e.Attachments, Ticks: e.Ticks, Ref: e.Ref,
		Level: e.Level, Deadline: taskOptInstant(e.Deadline), Approved: e.Approved, Kind: string(e.Kind)}
}

func taskOptInstant(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := instant(*t)
	return &s
}

type obstacleResponse struct {
	ID              int64   `json:"id" doc:"the seq of the event that raised it"`
	Text            string  `json:"text"`
	RaisedBy        int64   `json:"raised_by"`
	RaisedAt        string  `json:"raised_at" api:"format=date-time"`
	Open            bool    `json:"open"`
	ResolvedAt      *string `json:"resolved_at" api:"format=date-time"`
	ResolvedBy      int64   `json:"resolved_by"`
	Resolution      string  `json:"resolution"`
	EscalationLevel int     `json:"escalation_level" doc:"0 none, 1 the assigner, 2 the assigner's superior"`
	EscalatedAt     *string `json:"escalated_at" api:"format=date-time"`
}

type extensionResponse struct {
	Seq         int64   `json:"seq"`
	RequestedAt string  `json:"requested_at" api:"format=date-time"`
	RequestedBy int64   `json:"requested_by"`
	Reason      string  `json:"reason"`
	Previous    string  `json:"previous" api:"format=date-time"`
	Proposed    string  `json:"proposed" api:"format=date-time"`
	Decided     bool    `json:"decided"`
	DecidedAt   *string `json:"decided_at" api:"format=date-time"`
	DecidedBy   int64   `json:"decided_by"`
	Approved    bool    `json:"approved"`
	Granted     *string `json:"granted" api:"format=date-time"`
	Decision    string  `json:"decision"`
}

type submissionResponse struct {
	Seq         int64    `json:"seq"`
	At          string   `json:"at" api:"format=date-time"`
	ByID        int64    `json:"by_id"`
	Note        string   `json:"note"`
	Attachments []string `json:"attachments"`
}

type reviewResponse struct {
	Seq           int64  `json:"seq"`
	At            string `json:"at" api:"format=date-time"`
	Passed        bool   `json:"passed"`
	Reason        string `json:"reason"`
	ReviewerID    int64  `json:"reviewer_id"`
	SubmissionSeq int64  `json:"submission_seq"`
	Exempted      bool   `json:"exempted" doc:"a failed review with an objective cause confirmed"`
}

type exemptionResponse struct {
	Seq         int64  `json:"seq"`
	Kind        string `json:"kind" api:"enum=delay|review"`
	ConfirmedBy int64  `json:"confirmed_by"`
	As          string `json:"as"`
	At          string `json:"at" api:"format=date-time"`
	Reason      string `json:"reason"`
	ReviewSeq   int64  `json:"review_seq"`
}

// taskDetailResponse is a task with its history and what is derived from it.
type taskDetailResponse struct {
	taskResponse
	Timeliness  string               `json:"timeliness" doc:"early, on_time, late or within, against the original deadline; empty when cancelled"`
	Events      []taskEventResponse  `json:"events"`
	Obstacles   []obstacleResponse   `json:"obstacles"`
	Extensions  []extensionResponse  `json:"extensions"`
	Submissions []submissionResponse `json:"submissions"`
	Reviews     []reviewResponse     `json:"reviews"`
	Exemptions  []exemptionResponse  `json:"exemptions"`
}

func toTaskDetailResponse(h work.TaskWithHistory, now time.Time) taskDetailResponse {
	out := taskDetailResponse{taskResponse: toTaskResponse(h.Task, h.CompletedAt, now), Timeliness: string(h.TimelinessAt(now)),
		Events: []taskEventResponse{}, Obstacles: []obstacleResponse{}, Extensions: []extensionResponse{},
		Submissions: []submissionResponse{}, Reviews: []reviewResponse{}, Exemptions: []exemptionResponse{}}
	for _, e := range h.Events {
		out.Events = append(out.Events, toTaskEventResponse(e))
	}
	for _, o := range h.Obstacles {
		out.Obstacles = append(out.Obstacles, obstacleResponse{ID: o.ID, Text: o.Text, RaisedBy: o.RaisedBy, RaisedAt: instant(o.RaisedAt),
			Open: o.Open(), ResolvedAt: taskOptInstant(o.ResolvedAt), ResolvedBy: o.ResolvedBy, Resolution: o.Resolution,
			EscalationLevel: o.EscalationLevel, EscalatedAt: taskOptInstant(o.EscalatedAt)})
	}
	for _, x := range h.Extensions {
		r := extensionResponse{Seq: x.Seq, RequestedAt: instant(x.RequestedAt), RequestedBy: x.RequestedBy, Reason: x.Reason,
			Previous: instant(x.Previous), Proposed: instant(x.Proposed), Decided: x.Decided, DecidedAt: taskOptInstant(x.DecidedAt),
			DecidedBy: x.DecidedBy, Approved: x.Approved, Decision: x.Decision}
		if x.Approved {
			r.Granted = taskOptInstant(&x.Granted)
		}
		out.Extensions = append(out.Extensions, r)
	}
	for _, s := range h.Submissions {
		out.Submissions = append(out.Submissions, submissionResponse{Seq: s.Seq, At: instant(s.At), ByID: s.ByID, Note: s.Note,
			Attachments: append([]string{}, s.Attachments...)})
	}
	exemptReview := map[int64]bool{}
	for _, x := range h.Exemptions {
		if x.Kind == work.ExemptReview {
			exemptReview[x.ReviewSeq] = true
		}
		out.Exemptions = append(out.Exemptions, exemptionResponse{Seq: x.Seq, Kind: string(x.Kind), ConfirmedBy: x.ConfirmedBy,
			As: string(x.As), At: instant(x.At), Reason: x.Reason, ReviewSeq: x.ReviewSeq})
	}
	for _, r := range h.Reviews {
		out.Reviews = append(out.Reviews, reviewResponse{Seq: r.Seq, At: instant(r.At), Passed: r.Passed, Reason: r.Reason,
			ReviewerID: r.ReviewerID, SubmissionSeq: r.SubmissionSeq, Exempted: !r.Passed && exemptReview[r.Seq]})
	}
	return out
}

// taskEventResultResponse answers an event: the task's new state and the
// event as recorded.
type taskEventResultResponse struct {
	taskResponse
	Event taskEventResponse    `json:"event"`
	Files []attachmentResponse `json:"files,omitempty" doc:"the files attached with the event (files in the request)"`
}

// taskEventSlot is the slot of a file attached with a task event when the
// request names none.
func taskEventSlot(a work.Action) string {
	switch a {
	case work.ActionReportProgress:
		return file.SlotReport
	case work.ActionSubmit:
		return file.SlotProduct
	}
	return file.SlotDecision
}
