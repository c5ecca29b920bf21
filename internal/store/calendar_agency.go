package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// An agency's own overrides of the national calendar: its days off here,
// its office hours in calendar.go (office_hours under its agency_id). Each
// change bumps the calendar version, forgets the cached calendars and is
// journalled with the agency it concerns (issue #11, finding 3).

// AgencyDaysOff returns an agency's own days off, by date.
func (db *DB) AgencyDaysOff(ctx context.Context, agencyID int64) ([]calendar.DayOff, error) {
	rows, err := db.query(ctx, "SELECT day, name, name_en FROM agency_days_off WHERE agency_id = ? ORDER BY day", agencyID)
	if err != nil {
		return nil, fmt.Errorf("read days off of agency %d: %w", agencyID, err)
	}
	defer rows.Close()
	var out []calendar.DayOff
	for rows.Next() {
		var day string
		var d calendar.DayOff
		if err := rows.Scan(&day, &d.Name, &d.NameEN); err != nil {
			return nil, err
		}
		if d.Date, err = calendar.ParseDate(day); err != nil {
			return nil, fmt.Errorf("agency_days_off row %d %s: %w", agencyID, day, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetAgencyDayOff adds or renames one of an agency's own days off.
// NotFound for a unit that is not an agency; Invalid for a bad date or name.
func (db *DB) SetAgencyDayOff(ctx context.Context, actor audit.Actor, agencyID int64, d calendar.DayOff) error {
	if err := d.Date.Validate(); err != nil {
		return calendarInvalid(err)
	}
	var err error
	if d.Name, err = apperr.Text("name", d.Name, 0, 120); err != nil {
		return err
	}
	if d.NameEN, err = apperr.Text("name_en", d.NameEN, 0, 120); err != nil {
		return err
	}
	payload := map[string]any{"date": d.Date.String(), "name": d.Name, "name_en": d.NameEN}
	return db.changeAgencyCalendar(ctx, actor, agencyID, "set_day_off", payload, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO agency_days_off (agency_id, day, name, name_en, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (agency_id, day) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, updated_at = excluded.updated_at`,
			agencyID, d.Date.String(), d.Name, d.NameEN, Micro(tx.Now))
		return err
	})
}

// DeleteAgencyDayOff removes one of an agency's own days off; NotFound
// when the agency has no such day.
func (db *DB) DeleteAgencyDayOff(ctx context.Context, actor audit.Actor, agencyID int64, day calendar.Date) error {
	if err := day.Validate(); err != nil {
		return calendarInvalid(err)
	}
	payload := map[string]any{"date": day.String()}
	return db.changeAgencyCalendar(ctx, actor, agencyID, "delete_day_off", payload, func(tx *Tx) error {
		res, err := tx.Exec("DELETE FROM agency_days_off WHERE agency_id = ? AND day = ?", agencyID, day.String())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.NotFoundf("Ngày %s không phải ngày nghỉ riêng của cơ quan", "%s is not one of the agency's own days off", day.DMY())
		}
		return nil
	})
}

// changeAgencyCalendar runs one change to an agency's days off in a
// transaction: the agency checked, the change, the version bumped, the
// change journalled with that agency; then the cached calendars forgotten.
func (db *DB) changeAgencyCalendar(ctx context.Context, actor audit.Actor, agencyID int64, action string, payload map[string]any, change func(tx *Tx) error) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := checkAgency(tx, agencyID); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		if err := bumpCalendarVersion(tx); err != nil {
			return err
		}
		return tx.AuditFor(agencyID, actor, "agency_days_off", agencyID, action, payload)
	})
	if err == nil {
		db.cals.forget()
	}
	return err
}

// checkAgency returns NotFound unless id is an agency: overrides are kept
// per agency, never per division.
func checkAgency(tx *Tx, id int64) error {
	var kind string
	var agency sql.NullInt64
	err := tx.QueryRow("SELECT kind, agency_id FROM units WHERE id = ?", id).Scan(&kind, &agency)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (kind != string(org.KindAgency) || agency.Int64 != id)) {
		return apperr.NotFoundf("Không có cơ quan số %d", "no agency %d", id)
	}
	return err
}
