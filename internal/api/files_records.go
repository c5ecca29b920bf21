package api

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/file"
	"congvu/internal/work"
)

// A task's files (its progress reports, products and decisions) and a
// plan's (the evidence of its targets' actuals, its decisions), through the
// API as through the pages: read by whoever may see the record, attached
// and removed under the record's own rule — a task's lead or assigner
// (work.CanChangeFiles), a plan's reporters (work.CreateTask on its owner
// unit) — each attachment and removal an event in the record's history.

func (s *Server) recordFileRoutes() []route {
	taskView := access.May("task.view", taskViewGrants).Or("lead", "assigner", "coordinator")
	taskFiles := access.Parties("task files", "lead", "assigner")
	return []route{
		{Method: "GET", Pattern: "/api/v1/tasks/{id}/files", ID: "listTaskFiles", Tag: "files",
			Access:   taskView,
			Summary:  "The files attached to a task (whoever may see it), in the order attached, removed ones included (removed_at set).",
			Response: []attachmentResponse{}, Status: http.StatusOK, Handle: s.handleTaskFiles},
		{Method: "POST", Pattern: "/api/v1/tasks/{id}/files", ID: "attachTaskFile", Tag: "files",
			Access: taskFiles.Note("the file must be the caller's upload or one they can read"),
			Summary: "Attach an uploaded file to a task (its lead or its assigner): slot report (a progress report), product or decision. " +
				"Journalled in the task's history.",
			Request: attachRequest{}, Response: attachmentResponse{}, Status: http.StatusCreated, Handle: s.handleTaskFileAttach},
		{Method: "DELETE", Pattern: "/api/v1/tasks/{id}/files/{lid}", ID: "removeTaskFile", Tag: "files",
			Access:   taskFiles.Note("as attaching; the link ends, the file stays in the task's history"),
			Summary:  "Take a file off a task (lid: the attachment's id): journalled in the task's history; the file stays readable there. 409 when removed already.",
			Response: attachmentResponse{}, Status: http.StatusOK, Handle: s.handleTaskFileRemove},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/files", ID: "listPlanFiles", Tag: "files",
			Access:   access.May("task.view", taskViewGrants),
			Summary:  "The files attached to a plan (whoever may see it): its targets' evidence and its decisions, removed ones included.",
			Response: []attachmentResponse{}, Status: http.StatusOK, Handle: s.handlePlanFiles},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/files", ID: "attachPlanFile", Tag: "files",
			Access: access.May("task.create", taskCreateGrants).Note("those who report the plan's actuals; the file must be the caller's upload or one they can read"),
			Summary: "Attach an uploaded file to a plan: slot evidence:<target id> (the evidence of that target's actual) or decision. " +
				"Journalled in the plan's history.",
			Request: attachRequest{}, Response: attachmentResponse{}, Status: http.StatusCreated, Handle: s.handlePlanFileAttach},
		{Method: "DELETE", Pattern: "/api/v1/plans/{id}/files/{lid}", ID: "removePlanFile", Tag: "files",
			Access:   access.May("task.create", taskCreateGrants).Note("as attaching; the link ends, the file stays in the plan's history"),
			Summary:  "Take a file off a plan (lid: the attachment's id): journalled in the plan's history. 409 when removed already.",
			Response: attachmentResponse{}, Status: http.StatusOK, Handle: s.handlePlanFileRemove},
	}
}

func taskTarget(t work.Task) fileTarget {
	return fileTarget{kind: file.KindTask, id: strconv.FormatInt(t.ID, 10)}
}

// planTarget is a plan's files; an evidence slot must name one of its targets.
func planTarget(p work.Plan) fileTarget {
	return fileTarget{kind: file.KindPlan, id: strconv.FormatInt(p.ID, 10), slot: func(slot string) error {
		id, ok := strings.CutPrefix(slot, file.SlotEvidence+":")
		if !ok {
			if slot == file.SlotEvidence {
				return apperr.Invalidf("slot", "Nêu chỉ tiêu của minh chứng: evidence:<mã chỉ tiêu>", "Say which target the evidence is for: evidence:<target id>")
			}
			return nil
		}
		for _, t := range p.Targets {
			if strconv.FormatInt(t.ID, 10) == id {
				return nil
			}
		}
		return apperr.Invalidf("slot", "Kế hoạch không có chỉ tiêu số %s", "The plan has no target %s", id)
	}}
}

// linkID is the attachment's id in the path ({lid}).
func linkID(r *http.Request) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue("lid"), 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.Invalidf("lid", "mã tệp đính kèm trong đường dẫn phải là số nguyên dương", "the attachment id in the path must be a positive whole number")
	}
	return n, nil
}

// changeableTask is a task the caller may see and whose files they may change.
func (s *Server) changeableTask(r *http.Request) (work.TaskWithHistory, error) {
	h, err := s.visibleTask(r)
	if err != nil {
		return h, err
	}
	return h, work.CanChangeFiles(subjectOf(r).PersonID, h.Task)
}

func (s *Server) handleTaskFiles(w http.ResponseWriter, r *http.Request) error {
	h, err := s.visibleTask(r)
	if err != nil {
		return err
	}
	return s.listFiles(w, r, taskTarget(h.Task))
}

func (s *Server) handleTaskFileAttach(w http.ResponseWriter, r *http.Request) error {
	var q attachRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	h, err := s.changeableTask(r)
	if err != nil {
		return err
	}
	return s.attachFile(w, r, taskTarget(h.Task), q)
}

func (s *Server) handleTaskFileRemove(w http.ResponseWriter, r *http.Request) error {
	id, err := linkID(r)
	if err != nil {
		return err
	}
	h, err := s.changeableTask(r)
	if err != nil {
		return err
	}
	return s.removeFile(w, r, taskTarget(h.Task), id)
}

func (s *Server) handlePlanFiles(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.visiblePlan(r, work.ViewTask)
	if err != nil {
		return err
	}
	return s.listFiles(w, r, planTarget(d.Plan))
}

// changeablePlan is a plan the caller may report on (work.CreateTask on
// its owner unit, as for its actuals).
func (s *Server) changeablePlan(r *http.Request) (work.Plan, error) {
	d, _, err := s.visiblePlan(r, work.CreateTask)
	return d.Plan, err
}

func (s *Server) handlePlanFileAttach(w http.ResponseWriter, r *http.Request) error {
	var q attachRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.changeablePlan(r)
	if err != nil {
		return err
	}
	return s.attachFile(w, r, planTarget(p), q)
}

func (s *Server) handlePlanFileRemove(w http.ResponseWriter, r *http.Request) error {
	id, err := linkID(r)
	if err != nil {
		return err
	}
	p, err := s.changeablePlan(r)
	if err != nil {
		return err
	}
	return s.removeFile(w, r, planTarget(p), id)
}
