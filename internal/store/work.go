package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/fold"
	"congvu/internal/org"
	"congvu/internal/work"
)

// Plans and tasks (internal/work) in storage: a task row holds the task as
// assigned and its current state; task_events holds its history, from
// which work.Replay derives everything else. Every change goes through
// RecordTaskEvent, which applies the domain's rules (work.Apply) to the
// history read under a row lock, so that two people acting at once take
// turns and the second sees the first's change (or a 409 on a stale version).

// CreateTask assigns a task: n.Build on the agency's working-time calendar
// computes the deadline (exactDeadline, when not nil, replaces it: an
// assigner who gave an instant rather than a date or a number of working
// days; n.Deadline must then hold its date). The lead unit and person, the
// assigner, the coordinators, the plan and the parent task must exist in
// the task's agency. The lead and the coordinators are notified (a
// "notify" job in the same transaction). Errors: apperr.Invalid naming the
// field.
func (db *DB) CreateTask(ctx context.Context, actor audit.Actor, n work.NewTask, exactDeadline *time.Time) (work.TaskWithHistory, error) {
	t, err := db.buildTask(ctx, n, exactDeadline, nil)
	if err != nil {
		return work.TaskWithHistory{}, err
	}
	err = db.InTx(ctx, func(tx *Tx) error { return insertTask(tx, actor, &t) })
	if err != nil {
		return work.TaskWithHistory{}, err
	}
	return work.TaskWithHistory{Task: t}, nil
}

// buildTask validates n and builds the task it assigns on the agency's
// calendar (cals, when not nil, caches the calendars by agency), with the
// deadline truncated to the microsecond as stored.
func (db *DB) buildTask(ctx context.Context, n work.NewTask, exactDeadline *time.Time, cals map[int64]*calendar.Calendar) (work.Task, error) {
	if n.AssignedAt.IsZero() {
		n.AssignedAt = db.now()
	}
	n.AssignedAt = n.AssignedAt.UTC().Truncate(time.Microsecond)
	if err := n.Validate(); err != nil {
		return work.Task{}, err
	}
	cal := cals[n.AgencyID]
	if cal == nil {
		var err error
		if cal, err = db.Calendar(ctx, n.AgencyID); err != nil {
			return work.Task{}, err
		}
		if cals != nil {
			cals[n.AgencyID] = cal
		}
	}
	t, err := n.Build(cal)
	if err != nil {
		return work.Task{}, err
	}
	if exactDeadline != nil {
		due := exactDeadline.UTC().Truncate(time.Microsecond)
		if !due.After(t.AssignedAt) {
			return work.Task{}, apperr.Invalidf("deadline", "hạn xử lý phải sau thời điểm giao việc", "the deadline must be after the assignment")
		}
		t.Deadline, t.OriginalDeadline = due, due
	}
	t.Deadline = t.Deadline.Truncate(time.Microsecond)
	t.OriginalDeadline = t.Deadline
	return t, nil
}

// insertTask stores a built task in tx (checking what it names), journals
// it and enqueues the notification of the lead and the coordinators; it
// sets t.ID.
func insertTask(tx *Tx, actor audit.Actor, t *work.Task) error {
	if err := checkTaskRefs(tx, *t); err != nil {
		return err
	}
	id, err := tx.InsertID(`INSERT INTO tasks (agency_id, plan_id, parent_id, title, description, product, lead_unit_id, lead_person_id,
		assigner_id, assigned_at, deadline_at, original_deadline_at, state, priority, weight, is_key, progress, version, search_text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.AgencyID, t.PlanID, t.ParentID, t.Title, t.Description, t.Product, t.LeadUnitID, t.LeadPersonID,
		t.AssignerID, Micro(t.AssignedAt), Micro(t.Deadline), Micro(t.OriginalDeadline), string(t.State), string(t.Priority),
		t.Weight, t.Key, t.Progress, t.Version, taskSearchText(*t), Micro(tx.Now), Micro(tx.Now))
	if err != nil {
		return fmt.Errorf("insert task: %w", err)
	}
	t.ID = id
	for i, c := range t.Coordinators {
		if _, err := tx.Exec("INSERT INTO task_coordinators (task_id, pos, unit_id, person_id, sub_task_id, task_state, task_deadline_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			id, i, c.UnitID, c.PersonID, c.SubTaskID, string(t.State), Micro(t.Deadline)); err != nil {
			return fmt.Errorf("insert coordinator: %w", err)
		}
	}
	for i, c := range t.Checklist {
		if _, err := tx.Exec("INSERT INTO task_checklist (task_id, pos, text, done) VALUES (?, ?, ?, ?)", id, i, c.Text, false); err != nil {
			return fmt.Errorf("insert checklist item: %w", err)
		}
	}
	if err := tx.Audit(actor, "task", id, "create", taskAuditPayload(*t)); err != nil {
		return err
	}
	people := []int64{t.LeadPersonID}
	for _, c := range t.Coordinators {
		if c.PersonID != nil {
			people = append(people, *c.PersonID)
		}
	}
	return enqueueNotify(tx, t.ID, 0, "task_assigned", without(people, actor.PersonID))
}

// taskAuditPayload is what the journal keeps of a new task.
func taskAuditPayload(t work.Task) map[string]any {
	return map[string]any{"title": t.Title, "product": t.Product, "lead_unit_id": t.LeadUnitID, "lead_person_id": t.LeadPersonID,
		"assigner_id": t.AssignerID, "assigned_at": t.AssignedAt, "deadline": t.Deadline, "priority": t.Priority, "weight": t.Weight,
		"key": t.Key, "plan_id": t.PlanID, "parent_id": t.ParentID, "coordinators": len(t.Coordinators), "checklist": len(t.Checklist)}
}

func taskSearchText(t work.Task) string {
	return fold.String(t.Title + " " + t.Product + " " + t.Description)
}

// checkTaskRefs checks that what a new task names exists in its agency.
func checkTaskRefs(tx *Tx, t work.Task) error {
	unitIn := func(field string, id int64) error {
		var agency sql.NullInt64
		var validTo sql.NullString
		err := tx.QueryRow("SELECT agency_id, valid_to FROM units WHERE id = ?", id).Scan(&agency, &validTo)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && agency.Int64 != t.AgencyID) {
			return apperr.Invalidf(field, "không có đơn vị số %d trong cơ quan", "no unit %d in the agency", id)
		}
		if err != nil {
			return err
		}
		if validTo.Valid {
			return apperr.Invalidf(field, "đơn vị số %d đã kết thúc hoạt động", "unit %d has ended", id)
		}
		return nil
	}
	personIn := func(field string, id int64) error {
		var agency sql.NullInt64
		var active bool
		err := tx.QueryRow("SELECT agency_id, active FROM people WHERE id = ?", id).Scan(&agency, &active)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (agency.Int64 != t.AgencyID || !active)) {
			return apperr.Invalidf(field, "không có cán bộ số %d đang công tác trong cơ quan", "no active person %d in the agency", id)
		}
		return err
	}
	if err := unitIn("lead_unit_id", t.LeadUnitID); err != nil {
		return err
	}
	if err := personIn("lead_person_id", t.LeadPersonID); err != nil {
		return err
	}
	if err := personIn("assigner_id", t.AssignerID); err != nil {
		return err
	}
	for i, c := range t.Coordinators {
		f := fmt.Sprintf("coordinators[%d]", i)
		if err := unitIn(f+".unit_id", c.UnitID); err != nil {
			return err
		}
		if c.PersonID != nil {
			if err := personIn(f+".person_id", *c.PersonID); err != nil {
				return err
			}
		}
		if c.SubTaskID != nil {
			if err := taskIn(tx, f+".sub_task_id", *c.SubTaskID, t.AgencyID); err != nil {
				return err
			}
		}
	}
	if t.PlanID != nil {
		var agency int64
		err := tx.QueryRow("SELECT agency_id FROM plans WHERE id = ?", *t.PlanID).Scan(&agency)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && agency != t.AgencyID) {
			return apperr.Invalidf("plan_id", "không có kế hoạch số %d trong cơ quan", "no plan %d in the agency", *t.PlanID)
		}
		if err != nil {
			return err
		}
	}
	if t.ParentID != nil {
		return taskIn(tx, "parent_id", *t.ParentID, t.AgencyID)
	}
	return nil
}

func taskIn(tx *Tx, field string, id, agencyID int64) error {
	var agency int64
	err := tx.QueryRow("SELECT agency_id FROM tasks WHERE id = ?", id).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && agency != agencyID) {
		return apperr.Invalidf(field, "không có nhiệm vụ số %d trong cơ quan", "no task %d in the agency", id)
	}
	return err
}

// FindTaskByID returns a task with its history replayed: events,
// obstacles, extensions, submissions, reviews, exemptions. Errors:
// apperr.NotFound.
func (db *DB) FindTaskByID(ctx context.Context, id int64) (work.TaskWithHistory, error) {
	return findTask(reader{db, ctx}, id, "")
}

// findTask loads one task with its history; lock is appended to the
// SELECT of the task row (the dialect's FOR UPDATE in a write).
func findTask(q querier, id int64, lock string) (work.TaskWithHistory, error) {
	s, err := scanTask(q.QueryRow("SELECT "+taskColumns+" FROM tasks WHERE id = ?"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return work.TaskWithHistory{}, work.TaskNotFound(id)
	}
	if err != nil {
		return work.TaskWithHistory{}, fmt.Errorf("find task %d: %w", id, err)
	}
	hs, err := loadHistories(q, []TaskSummary{s})
	if err != nil {
		return work.TaskWithHistory{}, err
	}
	return hs[0], nil
}

// TasksWithHistory returns the tasks with the given ids, histories
// replayed, in id order; missing ids are left out.
func (db *DB) TasksWithHistory(ctx context.Context, ids []int64) ([]work.TaskWithHistory, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, err := db.scanTasks(ctx, "SELECT "+taskColumns+" FROM tasks WHERE id IN ("+placeholders(len(ids))+") ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	return loadHistories(reader{db, ctx}, list)
}

// TaskScope limits a list to the tasks a person may see (work.CanView):
// those they lead, assigned or coordinate by name, those led by a unit in
// UnitIDs, coordinated by a unit in CoordinatingUnitIDs, or in an agency
// of AgencyIDs (directors and inspectors).
type TaskScope struct {
	PersonID            int64
	UnitIDs             []int64
	CoordinatingUnitIDs []int64
	AgencyIDs           []int64
}

// TaskScopeOf is the SQL form of work.CanView for subj: what the policy's
// ViewTask rules and the coordinator rule let them see. The JSON API and
// the web pages both list through it, so both show the same tasks. Like the
// policy, a grant's subtree stops at its agency's boundary.
func TaskScopeOf(subj *auth.Subject, t *org.Tree) *TaskScope {
	sc := &TaskScope{PersonID: subj.PersonID}
	for _, g := range subj.Grants {
		u, ok := t.Unit(g.UnitID)
		if !ok {
			continue
		}
		switch g.Role {
		case org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector:
			sc.AgencyIDs = append(sc.AgencyIDs, u.AgencyID)
		case org.RoleHead, org.RoleDeputyHead, org.RoleOfficial, org.RoleClerk:
			sc.UnitIDs = append(sc.UnitIDs, t.AgencySubtree(g.UnitID)...)
		}
		for _, p := range t.Path(g.UnitID) { // a unit coordinating at or above the grant's
			if p.AgencyID == u.AgencyID {
				sc.CoordinatingUnitIDs = append(sc.CoordinatingUnitIDs, p.ID)
			}
		}
		if g.Role.Manages() {
			sc.CoordinatingUnitIDs = append(sc.CoordinatingUnitIDs, t.AgencySubtree(g.UnitID)...)
		}
	}
	// A unit of an agency listed whole adds nothing (its tasks are the
	// agency's: a task's units are of its agency, checkTaskRefs), and each
	// unit left is one more index range for every list to read.
	whole := func(id int64) bool {
		u, ok := t.Unit(id)
		return ok && slices.Contains(sc.AgencyIDs, u.AgencyID)
	}
	sc.UnitIDs = slices.DeleteFunc(uniqueIDs(sc.UnitIDs), whole)
	sc.CoordinatingUnitIDs = slices.DeleteFunc(uniqueIDs(sc.CoordinatingUnitIDs), whole)
	return sc
}

// uniqueIDs is ids with each kept once, in their first order.
func uniqueIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// TaskFilter selects tasks for FindTasks. Zero fields do not filter.
type TaskFilter struct {
	Scope               *TaskScope // nil: no visibility limit (background jobs)
	AgencyID            int64
	LeadPersonID        int64
	AssignerID          int64
	CoordinatorPersonID int64   // named as a coordinator
	UnitIDs             []int64 // led by one of these units (pass a subtree for "unit and below")
	CoordinatingUnitIDs []int64 // coordinated by one of these units
	States              []work.State
	Open                bool      // not done nor cancelled
	Overdue             bool      // open and its deadline's day (in Vietnam) is over at Now
	Now                 time.Time // for Overdue; the store's clock when zero
	DueBefore           *time.Time
	Query               string // diacritic-insensitive, in title, product and description
	PlanID              int64
	ParentID            int64
	After               *TaskCursor // the page after this position (keyset paging)
	Limit, Offset       int         // Limit 50 by default, at most 1000; Offset skips (deep offsets read more)
}

func (db *DB) scanTasks(ctx context.Context, q string, args ...any) ([]TaskSummary, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find tasks: %w", err)
	}
	out, err := collectRows(rows, scanTask)
	if err != nil {
		return nil, fmt.Errorf("find tasks: %w", err)
	}
	return out, nil
}

// FindOpenTasksDue returns open tasks due before the instant, by deadline
// then id, after the (deadline, id) position given (keyset paging for the
// reminder scan; zero values start from the beginning).
func (db *DB) FindOpenTasksDue(ctx context.Context, before time.Time, afterDeadline time.Time, afterID int64, limit int) ([]TaskSummary, error) {
	if limit <= 0 || limit > 1000 {
		limit = 500
	}
	return db.scanTasks(ctx, "SELECT "+taskColumns+` FROM tasks WHERE state NOT IN ('done', 'cancelled') AND deadline_at < ?
		AND (deadline_at > ? OR (deadline_at = ? AND id > ?)) ORDER BY deadline_at, id LIMIT `+strconv.Itoa(limit),
		Micro(before), Micro(afterDeadline), Micro(afterDeadline), afterID)
}

// without returns ids without drop, zeros and duplicates.
func without(ids []int64, drop int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if id != 0 && id != drop && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
