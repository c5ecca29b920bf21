package store

import (
	"context"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/work"
)

// MaxImportTasks bounds one import of a task list (one workbook).
const MaxImportTasks = 500

// ImportTasks assigns every task of a list (an imported workbook) in ONE
// transaction: all are created, or none. Each is checked and built as
// CreateTask does (the deadline from the agency's calendar, the lead, the
// coordinators, the plan and the parent in the agency), journalled, and its
// lead and coordinators are notified. It returns the new tasks' ids in the
// order given. Errors: apperr.Invalid naming the field prefixed with the
// task's position, "tasks[3].lead_person_id", so that the caller can point
// at the row; nothing is written then.
func (db *DB) ImportTasks(ctx context.Context, actor audit.Actor, list []work.NewTask) ([]int64, error) {
	if len(list) == 0 {
		return nil, apperr.Invalidf("tasks", "danh sách nhiệm vụ trống", "the task list is empty")
	}
	if len(list) > MaxImportTasks {
		return nil, apperr.Invalidf("tasks", "quá nhiều nhiệm vụ: %d, tối đa %d mỗi lần", "too many tasks: %d, at most %d at a time", len(list), MaxImportTasks)
	}
	at := db.now() // one instant of assignment for the whole list
	cals := map[int64]*calendar.Calendar{}
	tasks := make([]work.Task, len(list))
	for i, n := range list {
		if n.AssignedAt.IsZero() {
			n.AssignedAt = at
		}
		t, err := db.buildTask(ctx, n, nil, cals)
		if err != nil {
			return nil, atRow(err, i)
		}
		tasks[i] = t
	}
	ids := make([]int64, len(tasks))
	err := db.InTx(ctx, func(tx *Tx) error {
		for i := range tasks {
			if err := insertTask(tx, actor, &tasks[i]); err != nil {
				return atRow(err, i)
			}
			ids[i] = tasks[i].ID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// atRow prefixes an Invalid error's field with the task's position.
func atRow(err error, i int) error {
	if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
		e.Field = fmt.Sprintf("tasks[%d].%s", i, e.Field)
	}
	return err
}
