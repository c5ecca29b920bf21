package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/file"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Tasks (nhiệm vụ): who answers for what, by when, and how it went. Who
// may see a task is work.CanView (an official sees their unit's tasks and
// those they lead, assigned or coordinate); who may take each action is
// decided by work.Apply from the person's part in the task. A task the
// caller may not see is a 404 like an id that names nothing.

func (s *Server) taskRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/tasks", ID: "createTask", Tag: "tasks",
			Access:  access.May("task.create", taskCreateGrants),
			Summary: "Assign a task (heads for their unit's subtree, directors agency-wide); the caller is the assigner. At least title, lead_person_id and deadline (or deadline_working_days).",
			Request: taskCreateRequest{}, Response: taskResponse{}, Status: http.StatusCreated, Handle: s.handleTaskCreate},
		{Method: "GET", Pattern: "/api/v1/tasks", ID: "listTasks", Tag: "tasks",
			Access:  access.Login().Shows(access.May("task.view", taskViewGrants).Or("lead", "assigner", "coordinator")),
			Summary: "Tasks the caller may see, soonest deadline first. A page followed by another has a Next-After header (pass it as after) and a Link rel=next.",
			Query: append([]param{
				{"mine", "string", "lead (tasks I lead), assigned (tasks I assigned) or coordinating (tasks I coordinate)"},
				{"unit_id", "integer", "tasks led by this unit or a unit below it"},
				{"coordinating_unit_id", "integer", "tasks this unit coordinates"},
				{"state", "string", "one state or several separated by commas: assigned, in_progress, blocked, submitted, returned, done, cancelled"},
				{"overdue", "boolean", "only open tasks whose deadline's day is over"},
				{"q", "string", "search in title, product and description, diacritic-insensitive"},
				{"plan_id", "integer", "tasks carrying out this plan"},
				{"parent_id", "integer", "sub-tasks of this task"},
				{"after", "string", "the page after this position: the Next-After header of the previous page (keyset paging, as fast deep in the list as at its start)"},
			}, pageParams...),
			Response: []taskResponse{}, Status: http.StatusOK, Handle: s.handleTaskList},
		{Method: "GET", Pattern: "/api/v1/tasks/{id}", ID: "getTask", Tag: "tasks",
			Access:   access.May("task.view", taskViewGrants).Or("lead", "assigner", "coordinator"),
			Summary:  "One task with its events, obstacles, extensions, submissions, reviews and exemptions (ETag: the version).",
			Response: taskDetailResponse{}, Status: http.StatusOK, Handle: s.handleTaskView},
		{Method: "POST", Pattern: "/api/v1/tasks/{id}/events", ID: "createTaskEvent", Tag: "tasks",
			Access: access.Parties("task.act", "lead").Note("checked with start, which only the lead may take; each action's party is work.Apply"),
			Summary: "Take an action on a task: start, report_progress (note, percent, ticks, attachments), raise_obstacle (note), " +
				"resolve_obstacle (ref, note), request_extension (deadline, reason), decide_extension (approved, deadline, reason), " +
				"submit (note, attachments), accept (note), return (reason), cancel (reason), confirm_objective_cause (kind, reason, ref). " +
				"Only the assigner accepts, returns, extends or cancels. Send the version last seen (field or If-Match): 409 when stale.",
			Request: taskEventRequest{}, Response: taskEventResultResponse{}, Status: http.StatusOK, Handle: s.handleTaskEvent},
	}
}

func (s *Server) handleTaskCreate(w http.ResponseWriter, r *http.Request) error {
	var q taskCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	ctx := r.Context()
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	lead, err := s.deps.Store.FindPersonByID(ctx, q.LeadPersonID)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.Invalidf("lead_person_id", "không có cán bộ số %d", "no person %d", q.LeadPersonID)
	}
	if err != nil {
		return err
	}
	n := q.toNewTask()
	if n.LeadUnitID == 0 {
		for _, m := range lead.Memberships {
			n.LeadUnitID = m.UnitID
			break
		}
		if n.LeadUnitID == 0 {
			return apperr.Invalidf("lead_person_id", "%s chưa thuộc đơn vị nào: nêu lead_unit_id", "%s belongs to no unit: give lead_unit_id", lead.FullName)
		}
	}
	u, err := knownUnit(t, "lead_unit_id", n.LeadUnitID)
	if err != nil {
		return err
	}
	n.AgencyID, n.AssignerID, n.AssignedAt = u.AgencyID, subj.PersonID, s.deps.Now()
	if err := work.CanCreate(subj, t, s.deps.Policy, n); err != nil {
		return err
	}
	h, err := s.deps.Store.CreateTask(ctx, actorOf(subj), n, q.at)
	if err != nil {
		if e := apperr.As(err); e != nil && e.Field == "deadline" && q.DeadlineWorkingDays != nil {
			e.Field = "deadline_working_days"
		}
		return err
	}
	w.Header().Set("Location", "/api/v1/tasks/"+strconv.FormatInt(h.Task.ID, 10))
	return writeJSON(w, http.StatusCreated, toTaskResponse(h.Task, nil, s.deps.Now()))
}

func (s *Server) handleTaskList(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	f := store.TaskFilter{Scope: store.TaskScopeOf(subj, t), Limit: pg.limit, Offset: pg.offset, Now: s.deps.Now()}
	switch mine := r.URL.Query().Get("mine"); mine {
	case "":
	case "lead":
		f.LeadPersonID = subj.PersonID
	case "assigned":
		f.AssignerID = subj.PersonID
	case "coordinating":
		f.CoordinatorPersonID = subj.PersonID
	default:
		return apperr.Invalidf("mine", "tham số mine phải là lead, assigned hoặc coordinating, không phải %q",
			"parameter mine must be lead, assigned or coordinating, not %q", mine)
	}
	if id, err := queryID(r, "unit_id"); err != nil {
		return err
	} else if id != 0 {
		if _, err := knownUnit(t, "unit_id", id); err != nil {
			return err
		}
		f.UnitIDs = t.AgencySubtree(id)
	}
	if id, err := queryID(r, "coordinating_unit_id"); err != nil {
		return err
	} else if id != 0 {
		f.CoordinatingUnitIDs = []int64{id}
	}
	if f.PlanID, err = queryID(r, "plan_id"); err != nil {
		return err
	}
	if f.ParentID, err = queryID(r, "parent_id"); err != nil {
		return err
	}
	if f.Overdue, err = queryBool(r, "overdue"); err != nil {
		return err
	}
	if f.Query, err = queryText(r, "q", 200); err != nil {
		return err
	}
	if st := strings.TrimSpace(r.URL.Query().Get("state")); st != "" {
		for _, x := range strings.Split(st, ",") {
			state := work.State(strings.TrimSpace(x))
			if !slices.Contains(work.States(), state) {
				return apperr.Invalidf("state", "trạng thái không hợp lệ: %q", "unknown state: %q", string(state))
			}
			f.States = append(f.States, state)
		}
	}
	if v := r.URL.Query().Get("after"); v != "" {
		c, err := store.ParseTaskCursor(v)
		if err != nil {
			return apperr.Invalidf("after", "vị trí trang không hợp lệ: %q (lấy từ tiêu đề Next-After của trang trước)",
				"invalid page position %q (take it from the previous page's Next-After header)", v)
		}
		f.After = &c
	}
	page, err := s.deps.Store.FindTaskPage(r.Context(), f)
	if err != nil {
		return err
	}
	if page.Next != nil {
		next := page.Next.String()
		v := r.URL.Query()
		v.Set("after", next)
		v.Del("offset")
		w.Header().Set("Next-After", next)
		w.Header().Set("Link", "<"+r.URL.Path+"?"+v.Encode()+`>; rel="next"`)
	}
	now := s.deps.Now()
	out := make([]taskResponse, 0, len(page.Tasks))
	for _, x := range page.Tasks {
		if work.CanView(subj, t, s.deps.Policy, x.Task) == nil {
			out = append(out, toTaskSummaryResponse(x, now))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// visibleTask loads a task the caller may see: 404 when it does not exist
// and equally when the caller may not see it, so that ids cannot be
// probed; a refused action on a task they may see stays 403.
func (s *Server) visibleTask(r *http.Request) (work.TaskWithHistory, error) {
	id, err := pathID(r)
	if err != nil {
		return work.TaskWithHistory{}, err
	}
	h, err := s.deps.Store.FindTaskByID(r.Context(), id)
	if err != nil {
		return h, err
	}
	t, err := s.tree(r)
	if err != nil {
		return h, err
	}
	if err := work.CanView(subjectOf(r), t, s.deps.Policy, h.Task); err != nil {
		return work.TaskWithHistory{}, work.HideTask(err, id)
	}
	return h, nil
}

func (s *Server) handleTaskView(w http.ResponseWriter, r *http.Request) error {
	h, err := s.visibleTask(r)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(h.Task.Version)+`"`)
	return writeJSON(w, http.StatusOK, toTaskDetailResponse(h, s.deps.Now()))
}

func (s *Server) handleTaskEvent(w http.ResponseWriter, r *http.Request) error {
	var q taskEventRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	version, err := ifMatch(r, q.Version)
	if err != nil {
		return err
	}
	h, err := s.visibleTask(r)
	if err != nil {
		return err
	}
	cal, err := s.deps.Store.Calendar(r.Context(), h.Task.AgencyID)
	if err != nil {
		return err
	}
	ev, err := q.toEvent(cal, s.deps.Now())
	if err != nil {
		return err
	}
	var links []file.Link
	if len(q.Files) > 0 {
		if err := work.CanChangeFiles(subjectOf(r).PersonID, h.Task); err != nil {
			return withField(err, "files")
		}
		for i := range q.Files {
			if strings.TrimSpace(q.Files[i].Slot) == "" {
				q.Files[i].Slot = taskEventSlot(ev.Action)
			}
		}
		if links, err = s.attachable(r, taskTarget(h.Task), "files", q.Files); err != nil {
			return err
		}
		if ev.Action == work.ActionReportProgress || ev.Action == work.ActionSubmit {
			for _, l := range links {
				ev.Attachments = append(ev.Attachments, l.File.Name)
			}
		}
	}
	// The event applies to the history just read; if the task moved on
	// meanwhile, the write fails with 409 as a stale version does. The
	// files are attached in the event's transaction.
	next, rec, links, err := s.deps.Store.RecordTaskEventWithFiles(r.Context(), actorOf(subjectOf(r)), h, version, ev, links)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(next.Task.Version)+`"`)
	out := taskEventResultResponse{taskResponse: toTaskResponse(next.Task, next.CompletedAt, s.deps.Now()), Event: toTaskEventResponse(rec)}
	for _, l := range links {
		out.Files = append(out.Files, toAttachmentResponse(l))
	}
	return writeJSON(w, http.StatusOK, out)
}

// ifMatch returns the version the caller expects: the body's "version",
// else the If-Match header ("3", W/"3" or 3), else 0 (no check).
func ifMatch(r *http.Request, body *int) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if body != nil {
		return *body, nil
	}
	if h == "" || h == "*" {
		return 0, nil
	}
	v := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, apperr.Invalidf("If-Match", "tiêu đề If-Match phải là phiên bản của nhiệm vụ, ví dụ \"3\", không phải %q",
			"the If-Match header must be the task's version, e.g. \"3\", not %q", h)
	}
	return n, nil
}
