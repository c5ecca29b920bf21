package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/review"
)

// Checklists returns the checklist versions of an agency: the built-in
// seed versions (review.DefaultChecklists) and the agency's own, which
// take over from their effective dates.
func (db *DB) Checklists(ctx context.Context, agencyID int64) ([]review.Checklist, error) {
	out := review.DefaultChecklists()
	rows, err := db.query(ctx, "SELECT body FROM discipline_checklists WHERE agency_id = ? ORDER BY checklist, effective_from", agencyID)
	if err != nil {
		return nil, fmt.Errorf("checklists: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var c review.Checklist
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			return nil, fmt.Errorf("checklist: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveChecklist stores an agency's version of a checklist from its
// effective date; a version of the same date is replaced. Errors:
// apperr.Invalid.
func (db *DB) SaveChecklist(ctx context.Context, actor audit.Actor, agencyID int64, c review.Checklist) error {
	if c.Key == "" || !c.From.Valid() || len(c.Items) == 0 {
		return apperr.Invalidf("checklist", "Danh mục cần mã, ngày hiệu lực và ít nhất một nội dung", "A checklist needs a key, an effective date and at least one item")
	}
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.Write("save checklist", `INSERT INTO discipline_checklists (agency_id, checklist, effective_from, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (agency_id, checklist, effective_from) DO UPDATE SET body = excluded.body, created_by = excluded.created_by, created_at = excluded.created_at`,
			agencyID, c.Key, c.From.String(), string(body), actor.PersonID, Micro(tx.Now)); err != nil {
			return err
		}
		return tx.AuditFor(agencyID, actor, "checklist", c.Key, "save", map[string]any{"from": c.From.String(), "items": len(c.Items)})
	})
}

// RecordViolation stores a violation after checking it against the
// agency's checklists in force on its date (review.Violation.Validate) and
// authorize (review.CanRecord with the recorder's subtree). Errors:
// apperr.Invalid, apperr.Forbidden; nothing is written on any.
func (db *DB) RecordViolation(ctx context.Context, actor audit.Actor, v review.Violation, authorize func(review.Violation) error) (review.Violation, error) {
	versions, err := db.Checklists(ctx, v.AgencyID)
	if err != nil {
		return v, err
	}
	if err := v.Validate(versions); err != nil {
		return v, err
	}
	if err := authorize(v); err != nil {
		return v, err
	}
	var evidence sql.NullInt64
	if v.EvidenceID > 0 {
		evidence = sql.NullInt64{Int64: v.EvidenceID, Valid: true}
	}
	v.RecordedBy = actor.PersonID
	err = db.InTx(ctx, func(tx *Tx) error {
		id, err := tx.InsertID(`INSERT INTO discipline_violations (agency_id, person_id, unit_id, checklist, item, occurred_on, severity, note, evidence_file_id, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.AgencyID, v.PersonID, v.UnitID, v.Checklist, v.ItemCode, v.On.String(), string(v.Severity), v.Note, evidence, v.RecordedBy, Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert violation: %w", err)
		}
		v.ID = id
		return tx.AuditFor(v.AgencyID, actor, "violation", id, "record", map[string]any{"person_id": v.PersonID, "item": v.ItemCode, "on": v.On.String(), "severity": v.Severity})
	})
	return v, err
}

// Violations returns a person's violations dated in [from, to].
func (db *DB) Violations(ctx context.Context, personID int64, from, to calendar.Date) ([]review.Violation, error) {
	rows, err := db.query(ctx, `SELECT id, agency_id, person_id, unit_id, checklist, item, occurred_on, severity, note, evidence_file_id, recorded_by
		FROM discipline_violations WHERE person_id = ? AND occurred_on >= ? AND occurred_on <= ? ORDER BY occurred_on, id`, personID, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("violations: %w", err)
	}
	defer rows.Close()
	var out []review.Violation
	for rows.Next() {
		var v review.Violation
		var on, sev string
		var evidence sql.NullInt64
		if err := rows.Scan(&v.ID, &v.AgencyID, &v.PersonID, &v.UnitID, &v.Checklist, &v.ItemCode, &on, &sev, &v.Note, &evidence, &v.RecordedBy); err != nil {
			return nil, err
		}
		if v.On, err = calendar.ParseDate(on); err != nil {
			return nil, err
		}
		v.Severity, v.EvidenceID = review.Severity(sev), evidence.Int64
		out = append(out, v)
	}
	return out, rows.Err()
}
