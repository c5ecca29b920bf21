package work

import "congvu/internal/apperr"

// TaskNotFound is the answer for a task id that names nothing, and
// equally for a task the caller may not see: a 403 there would tell that
// the task exists.
func TaskNotFound(id int64) error {
	return apperr.NotFoundf("Không tìm thấy nhiệm vụ số %d", "task %d not found", id)
}

// HideTask turns the refusal to view a task (Forbidden from CanView) into
// TaskNotFound(id); any other error is returned as it is.
func HideTask(err error, id int64) error {
	if apperr.Is(err, apperr.Forbidden) {
		return TaskNotFound(id)
	}
	return err
}
