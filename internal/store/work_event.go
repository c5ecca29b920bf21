package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/file"
	"congvu/internal/flow"
	"congvu/internal/org"
	"congvu/internal/work"
)

// RecordTaskEvent takes one action on a task: it locks the task row, loads
// and replays the history, checks expectedVersion (0: no check; otherwise
// apperr.Conflict naming the current version when it differs), lets
// work.Apply decide who may act and whether the action is allowed now, and
// in the same transaction stores the event, updates the task row (state,
// progress, deadline, completion, version, checklist ticks), journals it
// and enqueues the notifications of the people concerned. actor.PersonID 0
// is congvu itself (escalation). Whether the actor is a superior of the
// assigner is established here from the organisation. It returns the new
// history and the event as recorded. Errors: apperr.NotFound,
// apperr.Forbidden, apperr.Conflict, apperr.Invalid (from work.Apply).
func (db *DB) RecordTaskEvent(ctx context.Context, actor audit.Actor, taskID int64, expectedVersion int, ev work.Event) (work.TaskWithHistory, work.Event, error) {
	h, e, _, err := db.recordTaskEvent(ctx, actor, taskID, nil, expectedVersion, ev, nil)
	return h, e, err
}

// RecordTaskEventOn is RecordTaskEvent for a caller that has just read the
// task (to check that the actor may see it): the event is applied to
// checked without reading and replaying the history again, provided the
// task is still at checked's version; otherwise it fails with the conflict
// a stale version gets.
func (db *DB) RecordTaskEventOn(ctx context.Context, actor audit.Actor, checked work.TaskWithHistory, expectedVersion int, ev work.Event) (work.TaskWithHistory, work.Event, error) {
	h, e, _, err := db.recordTaskEvent(ctx, actor, checked.Task.ID, &checked, expectedVersion, ev, nil)
	return h, e, err
}

// RecordTaskEventWithFiles is RecordTaskEventOn that also attaches files
// to the task (the report of a progress report, the product submitted, a
// decision) in the event's own transaction: the event and its documents are
// written together or not at all. The caller has checked that the actor
// may attach each file (file.CanAttach) and change the task's files
// (work.CanChangeFiles). It returns the links as written.
func (db *DB) RecordTaskEventWithFiles(ctx context.Context, actor audit.Actor, checked work.TaskWithHistory, expectedVersion int, ev work.Event,
	links []file.Link) (work.TaskWithHistory, work.Event, []file.Link, error) {
	return db.recordTaskEvent(ctx, actor, checked.Task.ID, &checked, expectedVersion, ev, links)
}

func (db *DB) recordTaskEvent(ctx context.Context, actor audit.Actor, taskID int64, checked *work.TaskWithHistory, expectedVersion int,
	ev work.Event, links []file.Link) (work.TaskWithHistory, work.Event, []file.Link, error) {
	var out work.TaskWithHistory
	var rec work.Event
	var attached []file.Link
	err := db.InTx(ctx, func(tx *Tx) error {
		attached = attached[:0]
		h, err := lockTask(tx, taskID, checked)
		if err != nil {
			return err
		}
		if expectedVersion != 0 && expectedVersion != h.Task.Version {
			return taskVersionConflict(h.Task.Version, expectedVersion)
		}
		if checked != nil && checked.Task.Version != h.Task.Version {
			return taskVersionConflict(h.Task.Version, checked.Task.Version)
		}
		wa := work.Actor{PersonID: actor.PersonID}
		if actor.PersonID != 0 && (ev.Action == work.ActionResolveObstacle || ev.Action == work.ActionConfirmCause) {
			if wa.SuperiorOfAssigner, err = db.isSuperiorOf(ctx, actor.PersonID, h.Task); err != nil {
				return err
			}
		}
		now := tx.Now.Truncate(time.Microsecond)
		next, e, err := work.Apply(h, ev, wa, now)
		if err != nil {
			return err
		}
		row, err := toEventRow(taskID, e)
		if err != nil {
			return err
		}
		if err := insertEventRow(tx, row); err != nil {
			return err
		}
		tx.flow.taskFacts(next.Task, flow.NewTaskFacts(h, next))
		t := next.Task
		if _, err := tx.Exec(`UPDATE tasks SET state = ?, progress = ?, deadline_at = ?, completed_at = ?, version = ?, updated_at = ? WHERE id = ?`,
			string(t.State), t.Progress, Micro(t.Deadline), nullMicro(next.CompletedAt), t.Version, Micro(tx.Now), taskID); err != nil {
			return fmt.Errorf("update task %d: %w", taskID, err)
		}
		if len(t.Coordinators) > 0 && (t.State != h.Task.State || !t.Deadline.Equal(h.Task.Deadline)) {
			// The coordinated lists read the task's state and deadline from here (migration 0018).
			if _, err := tx.Exec("UPDATE task_coordinators SET task_state = ?, task_deadline_at = ? WHERE task_id = ?",
				string(t.State), Micro(t.Deadline), taskID); err != nil {
				return fmt.Errorf("update coordinators of task %d: %w", taskID, err)
			}
		}
		if d, ok := taskRollup(next, e); ok {
			tx.taskDaily = append(tx.taskDaily, d) // written just before the commit, in key order (tx.go)
		}
		for _, i := range e.Ticks {
			if _, err := tx.Exec("UPDATE task_checklist SET done = ? WHERE task_id = ? AND pos = ?", true, taskID, i); err != nil {
				return fmt.Errorf("tick checklist of task %d: %w", taskID, err)
			}
		}
		if err := tx.Audit(actor, "task", taskID, string(e.Action), eventAuditPayload(e, t)); err != nil {
			return err
		}
		for _, l := range links {
			l.Kind, l.RecordID = file.KindTask, strconv.FormatInt(taskID, 10)
			l, err := attachInTx(tx, actor, l)
			if err != nil {
				return err
			}
			attached = append(attached, l)
		}
		people, err := db.eventRecipients(ctx, next, e)
		if err != nil {
			return err
		}
		if err := enqueueNotify(tx, taskID, e.Seq, string(e.Action), without(people, actor.PersonID)); err != nil {
			return err
		}
		out, rec = next, e
		return nil
	})
	return out, rec, attached, err
}

func taskVersionConflict(now, sent int) error {
	return apperr.New(apperr.Conflict, "version",
		fmt.Sprintf("Nhiệm vụ đã được cập nhật bởi người khác (phiên bản hiện tại %d, không phải %d): vui lòng tải lại", now, sent),
		fmt.Sprintf("The task was changed by someone else (it is at version %d, not %d): reload it", now, sent))
}

// lockTask locks the task's row and returns its history: checked when the
// row is still at checked's version (a history up to a version never
// changes), else read and replayed. A checked task that moved on comes back
// with the version it is at now, and no history, for the conflict.
func lockTask(tx *Tx, id int64, checked *work.TaskWithHistory) (work.TaskWithHistory, error) {
	if checked == nil {
		return findTask(tx, id, tx.ForUpdate())
	}
	var version int
	if err := tx.QueryRow("SELECT version FROM tasks WHERE id = ?"+tx.ForUpdate(), id).Scan(&version); err != nil {
		return work.TaskWithHistory{}, fmt.Errorf("lock task %d: %w", id, err)
	}
	if version != checked.Task.Version {
		var moved work.TaskWithHistory
		moved.Task.ID, moved.Task.Version = id, version
		return moved, nil
	}
	h := *checked
	h.Events = slices.Clip(h.Events) // the new event must not write into the caller's array
	return h, nil
}

// eventAuditPayload is what the journal keeps of an event: its fields and
// the state it led to.
func eventAuditPayload(e work.Event, t work.Task) map[string]any {
	row, _ := toEventRow(t.ID, e)
	return map[string]any{"seq": e.Seq, "as": e.As, "fields": row.Payload, "state": t.State, "version": t.Version, "deadline": t.Deadline}
}

// eventRecipients are the people to tell about an event: the assigner of
// what needs their decision (an obstacle, an extension request, a
// submission), the lead of the decision, the assigner's superiors of a
// level-2 escalation, everyone named on a cancelled task.
func (db *DB) eventRecipients(ctx context.Context, h work.TaskWithHistory, e work.Event) ([]int64, error) {
	t := h.Task
	switch e.Action {
	case work.ActionRaiseObstacle, work.ActionRequestExtension, work.ActionSubmit:
		return []int64{t.AssignerID}, nil
	case work.ActionEscalate:
		if e.Level >= 2 {
			return db.superiorsOf(ctx, t)
		}
		return []int64{t.AssignerID}, nil
	case work.ActionResolveObstacle:
		return []int64{t.LeadPersonID, t.AssignerID}, nil
	case work.ActionDecideExtension, work.ActionAccept, work.ActionReturn, work.ActionConfirmCause:
		return []int64{t.LeadPersonID}, nil
	case work.ActionCancel:
		out := []int64{t.LeadPersonID}
		for _, c := range t.Coordinators {
			if c.PersonID != nil {
				out = append(out, *c.PersonID)
			}
		}
		return out, nil
	}
	return nil, nil
}

// notifyPayload is the payload of a "notify" job: an event (or, with Seq
// 0, the assignment) of a task to tell people about.
type notifyPayload struct {
	TaskID  int64   `json:"task_id"`
	Seq     int64   `json:"seq"`
	Kind    string  `json:"kind"`
	People  []int64 `json:"people"`
	Created int64   `json:"created"`
}

// enqueueNotify enqueues the notification of people about a task's event.
func enqueueNotify(tx *Tx, taskID, seq int64, kind string, people []int64) error {
	if len(people) == 0 {
		return nil
	}
	_, err := enqueueJob(tx, NewJob{Kind: "notify", Key: fmt.Sprintf("task:%d:event:%d:notify", taskID, seq), RunAt: tx.Now,
		Payload: notifyPayload{TaskID: taskID, Seq: seq, Kind: kind, People: people, Created: Micro(tx.Now)}})
	return err
}

// isSuperiorOf reports whether person is a superior of the task's
// assigner: a director or deputy director of the task's agency, or a head
// (deputy head) of a unit at or above one of the assigner's units where the
// assigner holds a lower role. Delegated roles count.
func (db *DB) isSuperiorOf(ctx context.Context, person int64, t work.Task) (bool, error) {
	if person == t.AssignerID {
		return false, nil
	}
	subj, err := db.Subject(ctx, person)
	if apperr.Is(err, apperr.Unauthorized) || apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		return false, err
	}
	ms, err := db.Memberships(ctx, t.AssignerID, db.now().In(vn).Format(org.DateLayout))
	if err != nil {
		return false, err
	}
	for _, g := range subj.Grants {
		u, ok := tree.Unit(g.UnitID)
		switch {
		case !ok:
		case g.Role == org.RoleDirector || g.Role == org.RoleDeputyDirector:
			if u.AgencyID == t.AgencyID {
				return true, nil
			}
		case g.Role == org.RoleHead || g.Role == org.RoleDeputyHead:
			for _, m := range ms {
				if tree.WithinAgency(m.UnitID, g.UnitID) && outranks(g.Role, m.Role) {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

// outranks reports whether a manager's role is above another's in the
// same line: a head above a deputy head and staff, a deputy head above staff.
func outranks(manager, other org.Role) bool {
	rank := map[org.Role]int{org.RoleDirector: 4, org.RoleDeputyDirector: 3, org.RoleHead: 2, org.RoleDeputyHead: 1}
	return rank[manager] > rank[other]
}

// superiorsOf returns the superiors of a task's assigner to tell of a
// level-2 escalation: the heads of the units at or above the assigner's
// where the assigner ranks lower, or else the agency's directors and
// deputy directors.
func (db *DB) superiorsOf(ctx context.Context, t work.Task) ([]int64, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, err
	}
	today := db.now().In(vn).Format(org.DateLayout)
	mine, err := db.Memberships(ctx, t.AssignerID, today)
	if err != nil {
		return nil, err
	}
	managers, err := db.CurrentMemberships(ctx, t.AgencyID, org.RoleHead, org.RoleDirector, org.RoleDeputyDirector)
	if err != nil {
		return nil, err
	}
	var heads, directors []int64
	for _, m := range managers {
		if m.Role != org.RoleHead {
			directors = append(directors, m.PersonID)
			continue
		}
		for _, a := range mine {
			if tree.WithinAgency(a.UnitID, m.UnitID) && outranks(m.Role, a.Role) {
				heads = append(heads, m.PersonID)
			}
		}
	}
	if len(heads) > 0 {
		return without(heads, t.AssignerID), nil
	}
	return without(directors, t.AssignerID), nil
}

// CurrentMemberships returns the memberships valid today in the agency's
// units (0: every agency) with one of the roles (none: any role).
func (db *DB) CurrentMemberships(ctx context.Context, agencyID int64, roles ...org.Role) ([]org.Membership, error) {
	today := db.now().In(vn).Format(org.DateLayout)
	q := "SELECT " + membershipColumns + " FROM memberships WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
	args := []any{today, today}
	if agencyID != 0 {
		q += " AND unit_id IN (SELECT id FROM units WHERE agency_id = ?)"
		args = append(args, agencyID)
	}
	if len(roles) > 0 {
		q += " AND role IN (" + placeholders(len(roles)) + ")"
		for _, r := range roles {
			args = append(args, string(r))
		}
	}
	return db.findMemberships(ctx, q+" ORDER BY id", args...)
}
