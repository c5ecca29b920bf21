package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/apperr"
)

// RecordMismatch is a stored column of a dossier or task that disagrees with
// what the record's events derive: the row was edited behind congvu's back
// (or its events were).
type RecordMismatch struct {
	Kind    string // "dossier" or "task"
	ID      string // the dossier's code, the task's id
	Column  string // the column, or "events" when the history does not replay
	Stored  string
	Derived string
}

// recordsPage is how many rows are read at a time.
const recordsPage = 500

// VerifyRecords replays every dossier and every task from its events, as
// the screens do, and reports through report each stored column that
// disagrees: a dossier's status, dates, due instants, step, unit, handler,
// result and version; a task's state, progress, deadline, completion,
// version and checklist. It returns how many records it checked. Columns
// no event derives (a dossier's applicant, a task's title) are not
// checked: their changes are in the journal, which `audit verify` checks.
// The due instants are replayed on today's calendar: a holiday table
// changed after a dossier's events shows as a due that disagrees.
func (db *DB) VerifyRecords(ctx context.Context, report func(RecordMismatch)) (int, error) {
	nd, err := db.verifyDossierRows(ctx, report)
	if err != nil {
		return nd, err
	}
	nt, err := db.verifyTaskRows(ctx, report)
	return nd + nt, err
}

// storedDossier is the part of a dossier row derived from its events.
type storedDossier struct {
	id, agency                                                     int64
	code, result                                                   string
	status, step, version, events                                  int
	submitted, received, due, appointed, paused, completed, closed sql.NullInt64
	unit, handler                                                  sql.NullInt64
}

// storedDossiers reads dossier rows after the id, or the one row with id
// when one is true.
func (db *DB) storedDossiers(ctx context.Context, id int64, one bool) ([]storedDossier, error) {
	where := "d.id > ? ORDER BY d.id LIMIT " + strconv.Itoa(recordsPage)
	if one {
		where = "d.id = ?"
	}
	rows, err := db.query(ctx, `SELECT d.id, d.agency_id, d.code, d.result, d.status, d.current_step, d.version,
		(SELECT COUNT(*) FROM dossier_events e WHERE e.dossier_id = d.id),
		d.submitted_at, d.received_at, d.statutory_due_at, d.appointed_due_at, d.paused_at, d.completed_at, d.closed_at,
		d.current_unit_id, d.handler_id
		FROM dossiers d WHERE `+where, id)
	if err != nil {
		return nil, fmt.Errorf("read dossiers: %w", err)
	}
	page, err := collectRows(rows, func(r interface{ Scan(...any) error }) (storedDossier, error) {
		var s storedDossier
		err := r.Scan(&s.id, &s.agency, &s.code, &s.result, &s.status, &s.step, &s.version, &s.events,
			&s.submitted, &s.received, &s.due, &s.appointed, &s.paused, &s.completed, &s.closed, &s.unit, &s.handler)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("read dossiers: %w", err)
	}
	return page, nil
}

func (db *DB) verifyDossierRows(ctx context.Context, report func(RecordMismatch)) (int, error) {
	n := 0
	var after int64
	for {
		page, err := db.storedDossiers(ctx, after, false)
		if err != nil {
			return n, err
		}
		for _, s := range page {
			var found []RecordMismatch
			collect := func(m RecordMismatch) { found = append(found, m) }
			if err := db.verifyDossierRow(ctx, s, collect); err != nil {
				return n, err
			}
			if len(found) > 0 {
				// The row and its events are read apart: an event recorded
				// in between is not a disagreement. Read both again.
				again, err := db.storedDossiers(ctx, s.id, true)
				if err != nil {
					return n, err
				}
				found = found[:0]
				for _, s := range again {
					if err := db.verifyDossierRow(ctx, s, collect); err != nil {
						return n, err
					}
				}
			}
			for _, m := range found {
				report(m)
			}
			n++
			after = s.id
		}
		if len(page) < recordsPage {
			return n, nil
		}
	}
}

func (db *DB) verifyDossierRow(ctx context.Context, s storedDossier, report func(RecordMismatch)) error {
	bad := func(col, stored, derived string) {
		report(RecordMismatch{Kind: "dossier", ID: s.code, Column: col, Stored: stored, Derived: derived})
	}
	if s.version != s.events {
		bad("version", strconv.Itoa(s.version), strconv.Itoa(s.events)+" (events recorded)")
		return nil // the history the row names is not the one recorded: nothing more to compare
	}
	rec, err := readDossier(reader{db, ctx}, &db.procs, s.code, "")
	if err != nil {
		return err
	}
	cal, err := db.Calendar(ctx, s.agency)
	if err != nil {
		return err
	}
	if err := replayDossier(&rec, cal); err != nil {
		bad("events", "", err.Error())
		return nil
	}
	st := rec.State
	result, closed := dossierOutcome(st)
	if s.status != int(st.Status) {
		bad("status", strconv.Itoa(s.status), strconv.Itoa(int(st.Status)))
	}
	if s.step != st.CurrentStep {
		bad("current_step", strconv.Itoa(s.step), strconv.Itoa(st.CurrentStep))
	}
	if s.result != result {
		bad("result", s.result, result)
	}
	for _, c := range []struct {
		col     string
		stored  sql.NullInt64
		derived any
		instant bool
	}{
		{"submitted_at", s.submitted, microOrNil(st.SubmittedAt), true},
		{"received_at", s.received, microOrNil(st.ReceivedAt), true},
		{"statutory_due_at", s.due, microOrNil(st.StatutoryDue), true},
		{"appointed_due_at", s.appointed, microOrNil(st.AppointedDue), true},
		{"paused_at", s.paused, nullMicro(st.PausedAt), true},
		{"completed_at", s.completed, microOrNil(st.CompletedAt), true},
		{"closed_at", s.closed, closed, true},
		{"current_unit_id", s.unit, currentUnit(st), false},
		{"handler_id", s.handler, currentHandler(st), false},
	} {
		if !sameValue(c.stored, c.derived, c.instant) {
			bad(c.col, showNull(c.stored, c.instant), showValue(c.derived, c.instant))
		}
	}
	return nil
}

// instantSlack is how far apart a stored and a replayed instant may be and
// still agree: the state written at an event was computed from the event's
// instant to the nanosecond, the replay from it as stored, to the
// microsecond, and a due instant can come out a microsecond apart. An
// edit that matters moves an instant by more.
const instantSlack = time.Millisecond

// sameValue compares a stored id or instant with the derived one.
func sameValue(stored sql.NullInt64, derived any, instant bool) bool {
	d := showValue(derived, false)
	if !stored.Valid || d == "NULL" || !instant {
		return showNull(stored, false) == d
	}
	v, _ := strconv.ParseInt(d, 10, 64)
	diff := stored.Int64 - v
	return diff < int64(instantSlack/time.Microsecond) && -diff < int64(instantSlack/time.Microsecond)
}

// showNull and showValue write a column's value for comparison and for
// the report: instants in UTC, NULL as NULL.
func showNull(v sql.NullInt64, instant bool) string {
	if !v.Valid {
		return "NULL"
	}
	return showValue(v.Int64, instant)
}

func showValue(v any, instant bool) string {
	var i int64
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		i = x
	case int:
		i = int64(x)
	case *int64:
		if x == nil {
			return "NULL"
		}
		i = *x
	default:
		return fmt.Sprint(v)
	}
	if instant {
		return FromMicro(i).UTC().Format(time.RFC3339Nano)
	}
	return strconv.FormatInt(i, 10)
}

func (db *DB) verifyTaskRows(ctx context.Context, report func(RecordMismatch)) (int, error) {
	n := 0
	var after int64
	for {
		page, err := db.storedTasks(ctx, after, false)
		if err != nil {
			return n, err
		}
		for _, t := range page {
			var found []RecordMismatch
			collect := func(m RecordMismatch) { found = append(found, m) }
			if err := db.verifyTaskRow(ctx, t, collect); err != nil {
				return n, err
			}
			if len(found) > 0 { // read apart from its events: read both again
				found = found[:0]
				again, err := db.storedTasks(ctx, t.ID, true)
				if err != nil {
					return n, err
				}
				for _, t := range again {
					if err := db.verifyTaskRow(ctx, t, collect); err != nil {
						return n, err
					}
				}
			}
			for _, m := range found {
				report(m)
			}
			n++
			after = t.ID
		}
		if len(page) < recordsPage {
			return n, nil
		}
	}
}

// storedTasks reads task rows after the id, or the one row with id when
// one is true.
func (db *DB) storedTasks(ctx context.Context, id int64, one bool) ([]TaskSummary, error) {
	where := "id > ? ORDER BY id LIMIT " + strconv.Itoa(recordsPage)
	if one {
		where = "id = ?"
	}
	rows, err := db.query(ctx, "SELECT "+taskColumns+" FROM tasks WHERE "+where, id)
	if err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	page, err := collectRows(rows, scanTask)
	if err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	return page, nil
}

// verifyTaskRow replays one task. One at a time: a history that does not
// replay must be named, not fail the page it is in.
func (db *DB) verifyTaskRow(ctx context.Context, stored TaskSummary, report func(RecordMismatch)) error {
	id := strconv.FormatInt(stored.ID, 10)
	bad := func(col, s, d string) {
		report(RecordMismatch{Kind: "task", ID: id, Column: col, Stored: s, Derived: d})
	}
	ts := []TaskSummary{stored}
	hs, err := loadHistories(reader{db, ctx}, ts)
	if apperr.Is(err, apperr.Conflict) { // work.Replay: the history does not hold
		bad("events", "", err.Error())
		return nil
	}
	if err != nil {
		return err
	}
	s, h := ts[0].Task, hs[0]
	if s.State != h.Task.State {
		bad("state", string(s.State), string(h.Task.State))
	}
	if s.Progress != h.Task.Progress {
		bad("progress", strconv.Itoa(s.Progress), strconv.Itoa(h.Task.Progress))
	}
	if d := s.Deadline.Sub(h.Task.Deadline); d >= instantSlack || -d >= instantSlack {
		bad("deadline_at", showValue(Micro(s.Deadline), true), showValue(Micro(h.Task.Deadline), true))
	}
	if s.Version != h.Task.Version {
		bad("version", strconv.Itoa(s.Version), strconv.Itoa(h.Task.Version))
	}
	var sc sql.NullInt64
	var dc any
	if stored.CompletedAt != nil {
		sc = sql.NullInt64{Int64: Micro(*stored.CompletedAt), Valid: true}
	}
	if h.CompletedAt != nil {
		dc = Micro(*h.CompletedAt)
	}
	if !sameValue(sc, dc, true) {
		bad("completed_at", showNull(sc, true), showValue(dc, true))
	}
	for i := range min(len(s.Checklist), len(h.Task.Checklist)) {
		if s.Checklist[i].Done != h.Task.Checklist[i].Done {
			bad(fmt.Sprintf("task_checklist[%d].done", i), strconv.FormatBool(s.Checklist[i].Done), strconv.FormatBool(h.Task.Checklist[i].Done))
		}
	}
	return nil
}
