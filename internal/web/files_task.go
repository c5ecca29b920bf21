package web

import (
	"net/http"
	"strconv"

	"congvu/internal/file"
	"congvu/internal/work"
)

// A task's files: its progress reports and products (báo cáo, sản phẩm),
// attached by the task's lead or the one who assigned it, read by whoever
// may see the task (work.CanView).

var taskSlots = []string{file.SlotReport, file.SlotProduct, file.SlotDecision}

// mayChangeTaskFiles says whether the user attaches files to t: its lead
// reports on it, its assigner adds decisions.
func mayChangeTaskFiles(b *BasePage, t work.Task) bool {
	return b.User != nil && work.CanChangeFiles(b.User.PersonID, t) == nil
}

func taskFiles(t work.Task) fileRecord {
	id := strconv.FormatInt(t.ID, 10)
	return fileRecord{kind: file.KindTask, id: id, page: "/tasks/" + id}
}

// changeableTask is the task of the path if the user may change its files.
func (s *Server) changeableTask(w http.ResponseWriter, r *http.Request) (work.Task, error) {
	b, err := s.base(w, r, "task.title")
	if err != nil {
		return work.Task{}, err
	}
	h, err := s.visibleTask(r, &b)
	if err != nil {
		return h.Task, err
	}
	if !mayChangeTaskFiles(&b, h.Task) {
		return h.Task, forbidden("files.err.task")
	}
	return h.Task, nil
}

func (s *Server) handleTaskFileUpload(w http.ResponseWriter, r *http.Request) error {
	t, err := s.changeableTask(w, r)
	if err != nil {
		return err
	}
	return s.attachTo(w, r, taskFiles(t))
}

func (s *Server) handleTaskFileRemove(w http.ResponseWriter, r *http.Request) error {
	t, err := s.changeableTask(w, r)
	if err != nil {
		return err
	}
	return s.removeFrom(w, r, taskFiles(t), "lid")
}

// taskAttachments is the list of a task's files for its page.
func (s *Server) taskAttachments(r *http.Request, b *BasePage, t work.Task) (*Attachments, error) {
	rec := taskFiles(t)
	action := ""
	if mayChangeTaskFiles(b, t) {
		action = rec.page + "/files"
	}
	return s.attachments(r, b, rec.kind, rec.id, action, taskSlots, nil)
}
