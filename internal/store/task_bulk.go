package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/flow"
	"congvu/internal/work"
)

// The bulk path for tasks loads many tasks with their whole history at
// once: generated years for the demo and the benchmarks (GenerateTasks), and
// migrations from an older task system. It writes exactly the rows
// CreateTask and RecordTaskEvent would have written for the same actions —
// each task is built with work.NewTask.Build on its agency's calendar and
// each action applied with work.Apply, so who may act, in which state and
// with which fields is the engine's decision — but in large transactions
// with multi-row INSERTs and ONE audit event per batch ("bulk_import" with
// the counts and the id range) instead of one per task and event. No
// notification is enqueued: a loaded history is the past.
//
// What a task names (units, people, plan, parent) is not looked up one by
// one as CreateTask does: the foreign keys reject a batch that names what
// does not exist.

// TaskBulkOptions tune a TaskBulkLoader; the zero value is fine.
type TaskBulkOptions struct {
	// Batch is the number of tasks per transaction (default 5,000).
	Batch int
	// Progress, when set, is called after each committed batch, from the
	// loader's writer goroutine.
	Progress func(TaskBulkStats)
}

// TaskBulkStats counts what a TaskBulkLoader wrote.
type TaskBulkStats struct {
	Tasks        int
	Events       int
	Coordinators int
	Checklist    int
	Batches      int
}

// TaskStep is one action of a task's history for the bulk loader: the
// event as the caller fills it (work.Apply stamps the rest), who takes it
// and when.
type TaskStep struct {
	Event work.Event
	Actor work.Actor
	At    time.Time
}

// TaskBulkLoader loads tasks: Add each, then Close. Building and applying
// run in the caller's goroutine and the SQL in a writer goroutine, so that
// the two overlap.
type TaskBulkLoader struct {
	db        *DB
	ctx       context.Context
	actor     audit.Actor
	batchSize int
	progress  func(TaskBulkStats)
	now       time.Time
	cals      map[int64]*calendar.Calendar

	pending []work.TaskWithHistory

	writer  *batchWriter[[]work.TaskWithHistory, TaskBulkStats]
	stats   TaskBulkStats // once closed
	closed  bool
	lastErr error
}

// NewTaskBulkLoader starts a bulk load of tasks; actor is the journal's
// author of the batches.
func (db *DB) NewTaskBulkLoader(ctx context.Context, actor audit.Actor, opt TaskBulkOptions) *TaskBulkLoader {
	l := &TaskBulkLoader{db: db, ctx: ctx, actor: actor, batchSize: opt.Batch, progress: opt.Progress, now: db.now(),
		cals: map[int64]*calendar.Calendar{}}
	if l.batchSize <= 0 {
		l.batchSize = 5000
	}
	l.writer = startBatchWriter(ctx, db, "task bulk load", func(tx *Tx, b []work.TaskWithHistory) (func(*TaskBulkStats), error) {
		add, err := l.writeBatch(tx, b)
		return func(s *TaskBulkStats) {
			s.Batches++
			s.Tasks += add.Tasks
			s.Events += add.Events
			s.Coordinators += add.Coordinators
			s.Checklist += add.Checklist
		}, err
	}, l.progress)
	return l
}

// Add builds the task n assigns (n.AssignedAt is required), applies the
// steps in order with work.Apply and queues the result. An error is the
// task's (apperr.Invalid, Forbidden or Conflict from Build or Apply, naming
// the step) or the writer's.
func (l *TaskBulkLoader) Add(n work.NewTask, steps []TaskStep) error {
	if err := l.writer.failed(); err != nil {
		return err
	}
	if n.AssignedAt.IsZero() {
		return apperr.Invalidf("assigned_at", "thiếu thời điểm giao việc", "the assignment time is required")
	}
	n.AssignedAt = n.AssignedAt.UTC().Truncate(time.Microsecond)
	cal := l.cals[n.AgencyID]
	if cal == nil {
		var err error
		if cal, err = l.db.Calendar(l.ctx, n.AgencyID); err != nil {
			return err
		}
		l.cals[n.AgencyID] = cal
	}
	t, err := n.Build(cal)
	if err != nil {
		return err
	}
	t.Deadline = t.Deadline.Truncate(time.Microsecond)
	t.OriginalDeadline = t.Deadline
	h := work.TaskWithHistory{Task: t}
	for i, s := range steps {
		at := s.At.UTC().Truncate(time.Microsecond)
		if at.After(l.now) {
			return apperr.Invalidf("at", "thao tác %d ở tương lai", "step %d is in the future", i+1)
		}
		if h, _, err = work.Apply(h, s.Event, s.Actor, at); err != nil {
			return fmt.Errorf("task: step %d (%s): %w", i+1, s.Event.Action, err)
		}
	}
	l.pending = append(l.pending, h)
	if len(l.pending) >= l.batchSize {
		return l.flush()
	}
	return nil
}

func (l *TaskBulkLoader) flush() error {
	if len(l.pending) == 0 {
		return nil
	}
	b := l.pending
	l.pending = make([]work.TaskWithHistory, 0, l.batchSize)
	return l.writer.send(b)
}

// Close writes what is left and returns the counts. Calling it again
// returns the same result.
func (l *TaskBulkLoader) Close() (TaskBulkStats, error) {
	if l.closed {
		return l.stats, l.lastErr
	}
	l.closed = true
	err := l.flush()
	stats, werr := l.writer.close()
	l.stats = stats
	if werr != nil {
		err = werr
	}
	l.lastErr = err
	return l.stats, err
}

// reserveTaskIDs returns n new task ids, in increasing order, reserved in
// tx: on SQLite the write transaction is exclusive, so the ids after the
// largest are free; on PostgreSQL they are drawn from the identity's
// sequence.
func reserveTaskIDs(tx *Tx, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if tx.d.name() != "postgres" {
		var last int64
		if err := tx.QueryRow("SELECT COALESCE(MAX(id), 0) FROM tasks").Scan(&last); err != nil {
			return nil, err
		}
		for i := 1; i <= n; i++ {
			ids = append(ids, last+int64(i))
		}
		return ids, nil
	}
	rows, err := tx.Query("SELECT nextval(pg_get_serial_sequence('tasks', 'id')) FROM generate_series(1, ?)", n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// bulkTaskCols are the tasks columns the bulk path writes: those of
// insertTask with the id, plus completed_at from the history.
var bulkTaskCols = []string{"id", "agency_id", "plan_id", "parent_id", "title", "description", "product", "lead_unit_id", "lead_person_id",
	"assigner_id", "assigned_at", "deadline_at", "original_deadline_at", "completed_at", "state", "priority", "weight", "is_key", "progress",
	"version", "search_text", "created_at", "updated_at"}

// writeBatch writes one batch of tasks in its transaction.
func (l *TaskBulkLoader) writeBatch(tx *Tx, b []work.TaskWithHistory) (TaskBulkStats, error) {
	var st TaskBulkStats
	ids, err := reserveTaskIDs(tx, len(b))
	if err != nil || len(ids) != len(b) {
		return st, fmt.Errorf("reserve task ids: %v", err)
	}
	vals := make([]any, 0, len(b)*len(bulkTaskCols))
	for i := range b {
		h := &b[i]
		t := &h.Task
		t.ID = ids[i]
		updated := t.AssignedAt
		if n := len(h.Events); n > 0 {
			updated = h.Events[n-1].At
		}
		vals = append(vals, t.ID, t.AgencyID, t.PlanID, t.ParentID, t.Title, t.Description, t.Product, t.LeadUnitID, t.LeadPersonID,
			t.AssignerID, Micro(t.AssignedAt), Micro(t.Deadline), Micro(t.OriginalDeadline), nullMicro(h.CompletedAt), string(t.State),
			string(t.Priority), t.Weight, t.Key, t.Progress, t.Version, taskSearchText(*t), Micro(t.AssignedAt), Micro(updated))
	}
	if err := multiRow(tx, "INSERT INTO tasks ("+strings.Join(bulkTaskCols, ", ")+") VALUES ", len(bulkTaskCols), 1000, vals, "", nil); err != nil {
		return st, fmt.Errorf("insert tasks: %w", err)
	}
	vals = vals[:0]
	for _, h := range b {
		for i, c := range h.Task.Coordinators {
			vals = append(vals, h.Task.ID, i, c.UnitID, c.PersonID, c.SubTaskID, string(h.Task.State), Micro(h.Task.Deadline))
			st.Coordinators++
		}
	}
	if err := multiRow(tx, "INSERT INTO task_coordinators (task_id, pos, unit_id, person_id, sub_task_id, task_state, task_deadline_at) VALUES ", 7, 2000, vals, "", nil); err != nil {
		return st, fmt.Errorf("insert coordinators: %w", err)
	}
	vals = vals[:0]
	for _, h := range b {
		for i, c := range h.Task.Checklist {
			vals = append(vals, h.Task.ID, i, c.Text, c.Done)
			st.Checklist++
		}
	}
	if err := multiRow(tx, "INSERT INTO task_checklist (task_id, pos, text, done) VALUES ", 4, 2000, vals, "", nil); err != nil {
		return st, fmt.Errorf("insert checklist: %w", err)
	}
	vals = vals[:0]
	for _, h := range b {
		for _, ev := range h.Events {
			r, err := toEventRow(h.Task.ID, ev)
			if err != nil {
				return st, err
			}
			vals = append(vals, r.TaskID, r.Seq, r.Action, r.At, r.ActorID, r.Capacity, r.Payload)
			st.Events++
		}
	}
	if err := multiRow(tx, "INSERT INTO task_events (task_id, seq, action, at, actor_id, capacity, payload) VALUES ", 7, 2000, vals, "", nil); err != nil {
		return st, fmt.Errorf("insert task events: %w", err)
	}
	var rollup flowRollup // where time is lost: the obstacles and reviews of the histories
	for _, h := range b {
		rollup.taskFacts(h.Task, flow.TaskFacts(h))
	}
	if err := rollup.write(tx, true); err != nil {
		return st, fmt.Errorf("task rollup: %w", err)
	}
	var deltas []taskDayDelta
	for _, h := range b {
		deltas = append(deltas, historyRollup(h)...)
	}
	if err := writeTaskDaily(tx, deltas); err != nil {
		return st, err
	}
	st.Tasks = len(b)
	first, last := ids[0], ids[len(ids)-1]
	return st, tx.Audit(l.actor, "task", first, "bulk_import", map[string]any{
		"tasks": st.Tasks, "events": st.Events, "coordinators": st.Coordinators, "checklist": st.Checklist,
		"first_id": first, "last_id": last})
}
