package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"congvu/internal/work"
)

// querier is what the task loaders need, from a write transaction or from
// the read pool, so that RecordTaskEvent and FindTaskByID share them.
type querier interface {
	Query(q string, args ...any) (Rows, error)
	QueryRow(q string, args ...any) Row
}

// reader runs queries on the read pool with a context.
type reader struct {
	db  *DB
	ctx context.Context
}

func (r reader) Query(q string, args ...any) (Rows, error) { return r.db.query(r.ctx, q, args...) }
func (r reader) QueryRow(q string, args ...any) Row        { return r.db.queryRow(r.ctx, q, args...) }

// taskEventRow is a row of task_events: the columns every event has, and
// the action's own fields as JSON (eventPayload).
type taskEventRow struct {
	TaskID   int64
	Seq      int64
	Action   string
	At       int64 // microseconds
	ActorID  int64
	Capacity string
	Payload  string
}

// eventPayload is the JSON form of an event's action fields. Instants are
// microseconds, like every stored instant.
type eventPayload struct {
	Note        string   `json:"note,omitempty"`
	Reason      string   `json:"reason,omitempty"`
	Percent     *int     `json:"percent,omitempty"`
	Attachments []string `json:"attachments,omitempty"`
	Ticks       []int    `json:"ticks,omitempty"`
	Ref         int64    `json:"ref,omitempty"`
	Level       int      `json:"level,omitempty"`
	Deadline    *int64   `json:"deadline,omitempty"`
	Approved    *bool    `json:"approved,omitempty"`
	Kind        string   `json:"kind,omitempty"`
}

// toEventRow converts a recorded event of a task to its row.
func toEventRow(taskID int64, ev work.Event) (taskEventRow, error) {
	p := eventPayload{Note: ev.Note, Reason: ev.Reason, Percent: ev.Percent, Attachments: ev.Attachments, Ticks: ev.Ticks,
		Ref: ev.Ref, Level: ev.Level, Approved: ev.Approved, Kind: string(ev.Kind)}
	if ev.Deadline != nil {
		us := Micro(*ev.Deadline)
		p.Deadline = &us
	}
	b, err := json.Marshal(p)
	if err != nil {
		return taskEventRow{}, fmt.Errorf("encode event %d of task %d: %w", ev.Seq, taskID, err)
	}
	return taskEventRow{TaskID: taskID, Seq: ev.Seq, Action: string(ev.Action), At: Micro(ev.At),
		ActorID: ev.ActorID, Capacity: string(ev.As), Payload: string(b)}, nil
}

// toEvent converts a row back to the domain's event.
func (r taskEventRow) toEvent() (work.Event, error) {
	var p eventPayload
	if err := json.Unmarshal([]byte(r.Payload), &p); err != nil {
		return work.Event{}, fmt.Errorf("decode event %d of task %d: %w", r.Seq, r.TaskID, err)
	}
	ev := work.Event{Seq: r.Seq, Action: work.Action(r.Action), At: FromMicro(r.At), ActorID: r.ActorID, As: work.Capacity(r.Capacity),
		Note: p.Note, Reason: p.Reason, Percent: p.Percent, Attachments: p.Attachments, Ticks: p.Ticks,
		Ref: p.Ref, Level: p.Level, Approved: p.Approved, Kind: work.ExemptionKind(p.Kind)}
	if p.Deadline != nil {
		t := FromMicro(*p.Deadline)
		ev.Deadline = &t
	}
	return ev, nil
}

func insertEventRow(tx *Tx, r taskEventRow) error {
	_, err := tx.Exec(`INSERT INTO task_events (task_id, seq, action, at, actor_id, capacity, payload) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.TaskID, r.Seq, r.Action, r.At, r.ActorID, r.Capacity, r.Payload)
	if err != nil {
		return fmt.Errorf("insert event %d of task %d: %w", r.Seq, r.TaskID, err)
	}
	return nil
}

const taskColumns = `id, agency_id, plan_id, parent_id, title, description, product, lead_unit_id, lead_person_id, assigner_id,
	assigned_at, deadline_at, original_deadline_at, completed_at, state, priority, weight, is_key, progress, version, updated_at`

// TaskSummary is a task as a list shows it: the stored row, without its
// history, with when it was completed and last changed.
type TaskSummary struct {
	work.Task
	CompletedAt *time.Time
	UpdatedAt   time.Time
}

func scanTask(sc interface{ Scan(...any) error }) (TaskSummary, error) {
	var s TaskSummary
	t := &s.Task
	var plan, parent, completed sql.NullInt64
	var assigned, deadline, original, updated int64
	var state, priority string
	err := sc.Scan(&t.ID, &t.AgencyID, &plan, &parent, &t.Title, &t.Description, &t.Product, &t.LeadUnitID, &t.LeadPersonID, &t.AssignerID,
		&assigned, &deadline, &original, &completed, &state, &priority, &t.Weight, &t.Key, &t.Progress, &t.Version, &updated)
	if err != nil {
		return s, err
	}
	if plan.Valid {
		t.PlanID = &plan.Int64
	}
	if parent.Valid {
		t.ParentID = &parent.Int64
	}
	t.AssignedAt, t.Deadline, t.OriginalDeadline = FromMicro(assigned), FromMicro(deadline), FromMicro(original)
	t.State, t.Priority = work.State(state), work.Priority(priority)
	s.CompletedAt, s.UpdatedAt = fromNullMicro(completed), FromMicro(updated)
	return s, nil
}

// loadTaskParts attaches coordinators and checklists to tasks.
func loadTaskParts(q querier, tasks []TaskSummary) error {
	if len(tasks) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(tasks))
	ids := make([]any, len(tasks))
	for i, t := range tasks {
		idx[t.ID], ids[i] = i, t.ID
	}
	in := placeholders(len(ids))
	rows, err := q.Query("SELECT task_id, unit_id, person_id, sub_task_id FROM task_coordinators WHERE task_id IN ("+in+") ORDER BY task_id, pos", ids...)
	if err != nil {
		return fmt.Errorf("load coordinators: %w", err)
	}
	for rows.Next() {
		var id int64
		var c work.Coordination
		var person, sub sql.NullInt64
		if err := rows.Scan(&id, &c.UnitID, &person, &sub); err != nil {
			rows.Close()
			return err
		}
		if person.Valid {
			c.PersonID = &person.Int64
		}
		if sub.Valid {
			c.SubTaskID = &sub.Int64
		}
		t := &tasks[idx[id]].Task
		t.Coordinators = append(t.Coordinators, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.Query("SELECT task_id, text, done FROM task_checklist WHERE task_id IN ("+in+") ORDER BY task_id, pos", ids...)
	if err != nil {
		return fmt.Errorf("load checklists: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c work.ChecklistItem
		if err := rows.Scan(&id, &c.Text, &c.Done); err != nil {
			return err
		}
		t := &tasks[idx[id]].Task
		t.Checklist = append(t.Checklist, c)
	}
	return rows.Err()
}

// loadHistories loads the tasks' events and replays them.
func loadHistories(q querier, tasks []TaskSummary) ([]work.TaskWithHistory, error) {
	if err := loadTaskParts(q, tasks); err != nil {
		return nil, err
	}
	events := map[int64][]work.Event{}
	if len(tasks) > 0 {
		ids := make([]any, len(tasks))
		for i, t := range tasks {
			ids[i] = t.ID
		}
		rows, err := q.Query("SELECT task_id, seq, action, at, actor_id, capacity, payload FROM task_events WHERE task_id IN ("+
			placeholders(len(ids))+") ORDER BY task_id, seq", ids...)
		if err != nil {
			return nil, fmt.Errorf("load task events: %w", err)
		}
		for rows.Next() {
			var r taskEventRow
			if err := rows.Scan(&r.TaskID, &r.Seq, &r.Action, &r.At, &r.ActorID, &r.Capacity, &r.Payload); err != nil {
				rows.Close()
				return nil, err
			}
			ev, err := r.toEvent()
			if err != nil {
				rows.Close()
				return nil, err
			}
			events[r.TaskID] = append(events[r.TaskID], ev)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]work.TaskWithHistory, 0, len(tasks))
	for _, t := range tasks {
		h, err := work.Replay(t.Task, events[t.ID])
		if err != nil {
			return nil, fmt.Errorf("task %d: %w", t.ID, err)
		}
		h.Task.ID = t.ID
		out = append(out, h)
	}
	return out, nil
}
