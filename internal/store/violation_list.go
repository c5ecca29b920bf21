package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/review"
)

// ViolationRow is a violation with the names a list shows.
type ViolationRow struct {
	review.Violation
	Person   string
	Recorder string
}

const violationRowColumns = `v.id, v.agency_id, v.person_id, v.unit_id, v.checklist, v.item, v.occurred_on, v.severity, v.note, v.evidence_file_id, v.recorded_by,
	p.full_name, COALESCE(r.full_name, '')`

const violationRowFrom = ` FROM discipline_violations v JOIN people p ON p.id = v.person_id LEFT JOIN people r ON r.id = v.recorded_by`

func scanViolationRow(row Row) (ViolationRow, error) {
	var v ViolationRow
	var on, sev string
	var evidence sql.NullInt64
	if err := row.Scan(&v.ID, &v.AgencyID, &v.PersonID, &v.UnitID, &v.Checklist, &v.ItemCode, &on, &sev, &v.Note, &evidence, &v.RecordedBy, &v.Person, &v.Recorder); err != nil {
		return v, err
	}
	var err error
	if v.On, err = calendar.ParseDate(on); err != nil {
		return v, err
	}
	v.Severity, v.EvidenceID = review.Severity(sev), evidence.Int64
	return v, nil
}

// AgencyViolations returns an agency's violations dated in [from, to],
// newest first; the caller keeps those the reader may see.
func (db *DB) AgencyViolations(ctx context.Context, agencyID int64, from, to calendar.Date) ([]ViolationRow, error) {
	rows, err := db.query(ctx, "SELECT "+violationRowColumns+violationRowFrom+
		" WHERE v.agency_id = ? AND v.occurred_on >= ? AND v.occurred_on <= ? ORDER BY v.occurred_on DESC, v.id DESC", agencyID, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("agency violations: %w", err)
	}
	defer rows.Close()
	var out []ViolationRow
	for rows.Next() {
		v, err := scanViolationRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// FindViolation returns one violation. Errors: apperr.NotFound.
func (db *DB) FindViolation(ctx context.Context, id int64) (ViolationRow, error) {
	v, err := scanViolationRow(db.queryRow(ctx, "SELECT "+violationRowColumns+violationRowFrom+" WHERE v.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, apperr.NotFoundf("Không tìm thấy vi phạm số %d", "violation %d not found", id)
	}
	if err != nil {
		return v, fmt.Errorf("find violation %d: %w", id, err)
	}
	return v, nil
}
