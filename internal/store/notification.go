package store

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/notify"
)

// Dossier notifications and each person's e-mail choices. A dossier event
// that notifies (notify.ForEvent) enqueues a "dossier_notify" job in the
// event's own transaction, keyed by the dossier and the event, so that the
// notification exists exactly when the event does and is delivered once
// whichever node runs it (internal/jobs/dossier_notify.go).

// DossierNotifyPayload is a "dossier_notify" job's payload.
type DossierNotifyPayload struct {
	Code string      `json:"code"`
	Seq  int         `json:"seq"`
	Kind notify.Kind `json:"kind"`
}

// enqueueDossierNotify enqueues the notification of a dossier event, when
// the event gives rise to one.
func enqueueDossierNotify(tx *Tx, code string, ev dossier.Event) error {
	kind, ok := notify.ForEvent(ev.Action)
	if !ok {
		return nil
	}
	n := NewJob{Kind: "dossier_notify", Key: fmt.Sprintf("dossier:%s:event:%d:notify", code, ev.Seq),
		Payload: DossierNotifyPayload{Code: code, Seq: ev.Seq, Kind: kind}}
	body, err := n.payload()
	if err != nil {
		return err
	}
	return tx.Write("enqueue dossier notification", `INSERT INTO jobs (kind, key, run_at, payload, attempts, last_error, created_at)
		VALUES (?, ?, ?, ?, 0, '', ?) ON CONFLICT (key) DO NOTHING`, n.Kind, n.Key, Micro(tx.Now), body, Micro(tx.Now))
}

// DueDossier is an open dossier as the due-soon and overdue scan sees it.
type DueDossier struct {
	ID           int64
	Code         string
	AgencyID     int64
	UnitID       int64 // the unit of the current step, 0 when none
	HandlerID    int64 // the current step's named handler, 0 when none
	StatutoryDue time.Time
	Paused       bool
}

// FindOpenDossiersDue lists the open dossiers due in [from, before), in
// due order, a page at a time after (afterDue, afterID).
func (db *DB) FindOpenDossiersDue(ctx context.Context, from, before, afterDue time.Time, afterID int64, limit int) ([]DueDossier, error) {
	if afterDue.Before(from) {
		afterDue, afterID = from, 0
	}
	rows, err := db.query(ctx, `SELECT id, code, agency_id, COALESCE(current_unit_id, 0), COALESCE(handler_id, 0), statutory_due_at, paused_at IS NOT NULL
		FROM dossiers WHERE closed_at IS NULL AND completed_at IS NULL
		AND statutory_due_at < ? AND (statutory_due_at > ? OR (statutory_due_at = ? AND id > ?))
		ORDER BY statutory_due_at, id LIMIT ?`, Micro(before), Micro(afterDue), Micro(afterDue), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("find dossiers due: %w", err)
	}
	defer rows.Close()
	var out []DueDossier
	for rows.Next() {
		var d DueDossier
		var due int64
		if err := rows.Scan(&d.ID, &d.Code, &d.AgencyID, &d.UnitID, &d.HandlerID, &due, &d.Paused); err != nil {
			return nil, err
		}
		d.StatutoryDue = FromMicro(due)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DossierCounts are the dossier figures of a head's daily digest.
type DossierCounts struct {
	Overdue, DueSoon int
}

// CountDossiersForDigest counts the open dossiers now at one of the units
// given (current_unit_id) that are overdue at now, or due before soonEnd
// (now plus notify.DueSoonWindow of working time). Paused dossiers are
// left out: their due moves when they resume.
func (db *DB) CountDossiersForDigest(ctx context.Context, unitIDs []int64, now, soonEnd time.Time) (DossierCounts, error) {
	var c DossierCounts
	if len(unitIDs) == 0 {
		return c, nil
	}
	args := []any{Micro(now), Micro(now), Micro(soonEnd)}
	for _, u := range unitIDs {
		args = append(args, u)
	}
	err := db.queryRow(ctx, `SELECT
			COALESCE(SUM(CASE WHEN statutory_due_at <= ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN statutory_due_at > ? AND statutory_due_at <= ? THEN 1 ELSE 0 END), 0)
		FROM dossiers WHERE closed_at IS NULL AND completed_at IS NULL AND paused_at IS NULL
		AND current_unit_id IN (`+placeholders(len(unitIDs))+")", args...).Scan(&c.Overdue, &c.DueSoon)
	if err != nil {
		return c, fmt.Errorf("count dossiers for digest: %w", err)
	}
	return c, nil
}

// NotificationSettings returns a person's e-mail choices as stored (kinds
// never chosen are absent; notify.Settings fills in the defaults).
func (db *DB) NotificationSettings(ctx context.Context, personID int64) (notify.Settings, error) {
	rows, err := db.query(ctx, "SELECT kind, email FROM notification_settings WHERE person_id = ?", personID)
	if err != nil {
		return nil, fmt.Errorf("notification settings: %w", err)
	}
	defer rows.Close()
	s := notify.Settings{}
	for rows.Next() {
		var k string
		var on bool
		if err := rows.Scan(&k, &on); err != nil {
			return nil, err
		}
		if notify.Kind(k).Valid() {
			s[notify.Kind(k)] = on
		}
	}
	return s, rows.Err()
}

// SetNotificationSettings records the person's choices for the kinds in
// s (others keep theirs) and journals the change.
// Errors: apperr.Invalid for an unknown kind (notify.Settings.Validate).
func (db *DB) SetNotificationSettings(ctx context.Context, actor audit.Actor, personID int64, s notify.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		payload := map[string]bool{}
		for _, k := range notify.Kinds {
			on, ok := s[k]
			if !ok {
				continue
			}
			payload[string(k)] = on
			if _, err := tx.Exec(`INSERT INTO notification_settings (person_id, kind, email, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (person_id, kind) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
				personID, string(k), on, Micro(tx.Now)); err != nil {
				return fmt.Errorf("save notification setting: %w", err)
			}
		}
		return tx.Audit(actor, "person", personID, "notification_settings", map[string]any{"email": payload})
	})
}

// MarkAllNotificationsRead marks every unread notification of the person
// read, in one statement, and reports how many it marked.
func (db *DB) MarkAllNotificationsRead(ctx context.Context, personID int64) (int, error) {
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec("UPDATE notifications SET read_at = ? WHERE person_id = ? AND read_at IS NULL", Micro(tx.Now), personID)
		if err != nil {
			return fmt.Errorf("mark notifications read: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
