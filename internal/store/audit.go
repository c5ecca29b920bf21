package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/audit"
)

// Audit adds one event to the journal in this transaction. The events of a
// transaction are chained to the journal just before it commits
// (writeAudits), so that the journal's head is the last row a transaction
// locks: held only for the commit, and never waited for while holding it.
func (tx *Tx) Audit(actor audit.Actor, objectType string, objectID any, action string, payload any) error {
	e, err := tx.auditEvent(actor, objectType, objectID, action, payload)
	if err == nil {
		tx.audits = append(tx.audits, e)
	}
	return err
}

// AuditFor is Audit for an event that concerns a given agency rather than
// the actor's own: an agency's calendar overrides, changed by whoever may.
// agencyID 0 marks an event that concerns every agency (the national
// holiday table), kept with no agency so that every agency's readers see it.
func (tx *Tx) AuditFor(agencyID int64, actor audit.Actor, objectType string, objectID any, action string, payload any) error {
	e, err := tx.auditEvent(actor, objectType, objectID, action, payload)
	if err == nil {
		e.agency, e.agencySet = agencyID, true
		tx.audits = append(tx.audits, e)
	}
	return err
}

// auditEvent is a journal event of this transaction, not yet added to it.
func (tx *Tx) auditEvent(actor audit.Actor, objectType string, objectID any, action string, payload any) (pendingAudit, error) {
	var body string
	switch p := payload.(type) {
	case nil:
		body = "{}"
	case string:
		body = p
	default:
		b, err := json.Marshal(p)
		if err != nil {
			return pendingAudit{}, fmt.Errorf("audit payload for %s %v: %w", objectType, objectID, err)
		}
		body = string(b)
	}
	tx.changed |= invalidates(objectType, action)
	return pendingAudit{Event: audit.Event{
		At:         tx.Now.Truncate(time.Microsecond), // microseconds, as stored
		ActorID:    actor.PersonID,
		Actor:      actor.Label(),
		ObjectType: objectType,
		ObjectID:   fmt.Sprint(objectID),
		Action:     action,
		Payload:    body,
	}}, nil
}

// pendingAudit is a journal event not yet given its place in the chain.
// Its agency is the actor's unless agencySet (AuditFor).
type pendingAudit struct {
	audit.Event
	agency    int64
	agencySet bool
}

// auditRowsPerInsert bounds one INSERT of journal rows (12 values each).
const auditRowsPerInsert = 32

// lockAuditHead reads the journal's head, locking it to the end of the
// transaction: concurrent writers on PostgreSQL take turns there; on SQLite
// the write transaction is already exclusive.
func lockAuditHead(tx *Tx) (seq int64, hash string, err error) {
	if err := tx.QueryRow("SELECT seq, hash FROM audit_head WHERE id = 1"+tx.ForUpdate()).Scan(&seq, &hash); err != nil {
		return 0, "", fmt.Errorf("read audit head: %w", err)
	}
	return seq, hash, nil
}

// appendAudits chains events after the head read by lockAuditHead and
// writes them with the new head, in the transaction that made them.
func appendAudits(tx *Tx, seq int64, prev string, events []pendingAudit) error {
	if len(events) == 0 {
		return nil
	}
	const row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT agency_id FROM people WHERE id = ?)))"
	for start := 0; start < len(events); start += auditRowsPerInsert {
		chunk := events[start:min(start+auditRowsPerInsert, len(events))]
		q := "INSERT INTO audit_events (seq, at, actor_id, actor, object_type, object_id, action, payload, prev_hash, hash, agency_id) VALUES " +
			row + strings.Repeat(", "+row, len(chunk)-1)
		args := make([]any, 0, 12*len(chunk))
		for _, p := range chunk {
			e := p.Event
			seq++
			e.Seq, e.PrevHash = seq, prev
			e.Hash = audit.ComputeHash(prev, e)
			prev = e.Hash
			var actorID, agency, agencyOf any
			if e.ActorID != 0 {
				actorID, agencyOf = e.ActorID, e.ActorID
			}
			if p.agencySet {
				agencyOf = nil // the agency is the one given, or none
				if p.agency != 0 {
					agency = p.agency
				}
			}
			args = append(args, e.Seq, Micro(e.At), actorID, e.Actor, e.ObjectType, e.ObjectID, e.Action, e.Payload, e.PrevHash, e.Hash, agency, agencyOf)
		}
		if err := tx.Write("append audit events", q, args...); err != nil {
			return err
		}
	}
	return tx.Write("advance audit head", "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev)
}

// VerifyAudit walks the whole journal in order and returns how many events
// hold, and a *audit.Break at the first broken link.
func (db *DB) VerifyAudit(ctx context.Context) (int64, error) {
	rows, err := db.query(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor, object_type, object_id, action, payload, prev_hash, hash
		FROM audit_events ORDER BY seq`)
	if err != nil {
		return 0, fmt.Errorf("read audit journal: %w", err)
	}
	defer rows.Close()
	var v audit.Verifier
	for rows.Next() {
		var e audit.Event
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.Actor, &e.ObjectType, &e.ObjectID, &e.Action, &e.Payload, &e.PrevHash, &e.Hash); err != nil {
			return v.Checked(), err
		}
		e.At = FromMicro(at)
		if err := v.Next(e); err != nil {
			return v.Checked(), err
		}
	}
	if err := rows.Err(); err != nil {
		return v.Checked(), err
	}
	var headSeq int64
	var headHash string
	if err := db.queryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash); err != nil {
		return v.Checked(), fmt.Errorf("read audit head: %w", err)
	}
	return v.Checked(), v.Finish(headSeq, headHash)
}

// FindAuditEvents lists journal entries, newest first.
func (db *DB) FindAuditEvents(ctx context.Context, f audit.Filter) ([]audit.Event, error) {
	q := `SELECT seq, at, COALESCE(actor_id, 0), actor, object_type, object_id, action, payload, prev_hash, hash FROM audit_events WHERE 1=1`
	var args []any
	if f.AgencyIDs != nil {
		q += " AND (agency_id IS NULL OR agency_id IN (" + placeholders(len(f.AgencyIDs)) + "))"
		for _, a := range f.AgencyIDs {
			args = append(args, a)
		}
	}
	if f.ObjectType != "" {
		q += " AND object_type = ?"
		args = append(args, f.ObjectType)
	}
	if f.ObjectID != "" {
		q += " AND object_id = ?"
		args = append(args, f.ObjectID)
	}
	if f.ActorID != 0 {
		q += " AND actor_id = ?"
		args = append(args, f.ActorID)
	}
	if f.BeforeSeq > 0 {
		q += " AND seq < ?"
		args = append(args, f.BeforeSeq)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q += " ORDER BY seq DESC LIMIT " + strconv.Itoa(limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find audit events: %w", err)
	}
	defer rows.Close()
	var out []audit.Event
	for rows.Next() {
		var e audit.Event
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.Actor, &e.ObjectType, &e.ObjectID, &e.Action, &e.Payload, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At = FromMicro(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
