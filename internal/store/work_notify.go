package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/work"
)

// Notification is an entry of a person's in-app inbox.
type Notification struct {
	ID        int64
	PersonID  int64
	Kind      string // task_assigned, submit, due_soon, overdue, digest, ...
	Title     string
	Body      string
	Link      string // a path in the web UI, e.g. /tasks/42
	CreatedAt time.Time
	ReadAt    *time.Time
}

// CreateNotification adds n to the person's inbox unless a notification
// with the same dedupKey exists ("" for none), and reports whether it was
// added: a job run twice after a lost lease notifies once.
func (db *DB) CreateNotification(ctx context.Context, n Notification, dedupKey string) (bool, error) {
	var added bool
	err := db.InTx(ctx, func(tx *Tx) error {
		var key any
		if dedupKey != "" {
			key = dedupKey
		}
		res, err := tx.Exec(`INSERT INTO notifications (person_id, kind, title, body, link, dedup_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (dedup_key) DO NOTHING`, n.PersonID, n.Kind, truncate(n.Title, 300), truncate(n.Body, 4000), n.Link, key, Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert notification: %w", err)
		}
		k, err := res.RowsAffected()
		added = k > 0
		return err
	})
	return added, err
}

// FindNotifications lists a person's notifications, newest first.
func (db *DB) FindNotifications(ctx context.Context, personID int64, unreadOnly bool, limit, offset int) ([]Notification, error) {
	q := "SELECT id, person_id, kind, title, body, link, created_at, read_at FROM notifications WHERE person_id = ?"
	if unreadOnly {
		q += " AND read_at IS NULL"
	}
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	q += " ORDER BY id DESC LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(0, offset))
	rows, err := db.query(ctx, q, personID)
	if err != nil {
		return nil, fmt.Errorf("find notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var created int64
		var read sql.NullInt64
		if err := rows.Scan(&n.ID, &n.PersonID, &n.Kind, &n.Title, &n.Body, &n.Link, &created, &read); err != nil {
			return nil, err
		}
		n.CreatedAt, n.ReadAt = FromMicro(created), fromNullMicro(read)
		out = append(out, n)
	}
	return out, rows.Err()
}

// CountUnreadNotifications counts a person's unread notifications.
func (db *DB) CountUnreadNotifications(ctx context.Context, personID int64) (int, error) {
	var n int
	err := db.queryRow(ctx, "SELECT COUNT(*) FROM notifications WHERE person_id = ? AND read_at IS NULL", personID).Scan(&n)
	return n, err
}

// MarkNotificationRead marks one of the person's notifications read (again
// is harmless). Errors: apperr.NotFound when it is not theirs.
func (db *DB) MarkNotificationRead(ctx context.Context, personID, id int64) error {
	return db.InTx(ctx, func(tx *Tx) error {
		var owner int64
		err := tx.QueryRow("SELECT person_id FROM notifications WHERE id = ?", id).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != personID) {
			return apperr.NotFoundf("Không tìm thấy thông báo số %d", "notification %d not found", id)
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec("UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL", Micro(tx.Now), id)
		return err
	})
}

// MonthlyFigures computes a person's task figures for a month (in
// Vietnam's time): the tasks they lead whose original deadline falls in the
// month, with their histories, through work.MonthlyFigures.
func (db *DB) MonthlyFigures(ctx context.Context, personID int64, year int, month time.Month) (work.Figures, error) {
	p := work.MonthPeriod(year, int(month))
	if err := p.Validate(); err != nil {
		return work.Figures{}, err
	}
	from, to := p.Start().Time(), p.End().AddDays(1).Time()
	list, err := db.scanTasks(ctx, "SELECT "+taskColumns+" FROM tasks WHERE lead_person_id = ? AND original_deadline_at >= ? AND original_deadline_at < ? ORDER BY original_deadline_at, id",
		personID, Micro(from), Micro(to))
	if err != nil {
		return work.Figures{}, err
	}
	hs, err := loadHistories(reader{db, ctx}, list)
	if err != nil {
		return work.Figures{}, err
	}
	return work.MonthlyFigures(hs, personID, year, month), nil
}

// TaskCounts are the numbers a head's daily digest reports.
type TaskCounts struct {
	Overdue, DueToday, DueSoon, Blocked, AwaitingReview int
}

// CountTasksForDigest counts the open tasks led by the units given:
// overdue (deadline's day over), due today, due before soonEnd (the end of
// the due-soon window), blocked; and the submissions awaiting the
// reviewer's decision.
func (db *DB) CountTasksForDigest(ctx context.Context, unitIDs []int64, reviewerID int64, now, soonEnd time.Time) (TaskCounts, error) {
	var c TaskCounts
	if len(unitIDs) == 0 {
		return c, nil
	}
	today := calendar.DateOf(now)
	startToday, startTomorrow := Micro(today.Time()), Micro(today.AddDays(1).Time())
	args := []any{startToday, startToday, startTomorrow, startTomorrow, Micro(soonEnd)}
	for _, u := range unitIDs {
		args = append(args, u)
	}
	err := db.queryRow(ctx, `SELECT
			COALESCE(SUM(CASE WHEN deadline_at < ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN deadline_at >= ? AND deadline_at < ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN deadline_at >= ? AND deadline_at < ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN state = 'blocked' THEN 1 ELSE 0 END), 0)
		FROM tasks WHERE state NOT IN ('done', 'cancelled', 'submitted') AND lead_unit_id IN (`+placeholders(len(unitIDs))+")", args...).
		Scan(&c.Overdue, &c.DueToday, &c.DueSoon, &c.Blocked)
	if err != nil {
		return c, fmt.Errorf("count tasks: %w", err)
	}
	err = db.queryRow(ctx, "SELECT COUNT(*) FROM tasks WHERE state = 'submitted' AND assigner_id = ?", reviewerID).Scan(&c.AwaitingReview)
	return c, err
}
