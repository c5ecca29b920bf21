package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/review"
)

// reviewBody is the JSON column of a review: what is neither a key nor a
// status.
type reviewBody struct {
	UnitName   string           `json:"unit_name"`
	Recipients []string         `json:"recipients"`
	Signer     string           `json:"signer"`
	SignerRole string           `json:"signer_role"`
	Figures    review.Figures   `json:"figures"`
	Narrative  review.Narrative `json:"narrative"`
}

const reviewColumns = "id, agency_id, unit_id, year, period_kind, period_no, status, number, body, sha256, issued_at, version"

func scanReview(row Row) (review.Review, int, error) {
	var r review.Review
	var body, kind, status string
	var issued sql.NullInt64
	var version int
	if err := row.Scan(&r.ID, &r.AgencyID, &r.UnitID, &r.Period.Year, &kind, &r.Period.Index, &status, &r.Number, &body, &r.SHA256, &issued, &version); err != nil {
		return r, 0, err
	}
	r.Period.Kind, r.Status = review.Kind(kind), review.Status(status)
	if issued.Valid {
		r.IssuedAt = FromMicro(issued.Int64)
	}
	var b reviewBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return r, 0, fmt.Errorf("review %d body: %w", r.ID, err)
	}
	r.UnitName, r.Recipients, r.Signer, r.SignerRole, r.Figures, r.Narrative = b.UnitName, b.Recipients, b.Signer, b.SignerRole, b.Figures, b.Narrative
	return r, version, nil
}

func reviewBodyOf(r review.Review) (string, error) {
	b, err := json.Marshal(reviewBody{r.UnitName, r.Recipients, r.Signer, r.SignerRole, r.Figures, r.Narrative})
	return string(b), err
}

func findReview(q querier, id int64, lock string) (review.Review, int, error) {
	r, v, err := scanReview(q.QueryRow("SELECT "+reviewColumns+" FROM reviews WHERE id = ?"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, apperr.NotFoundf("Không tìm thấy báo cáo số %d", "review %d not found", id)
	}
	if err != nil {
		return r, 0, fmt.Errorf("find review %d: %w", id, err)
	}
	return r, v, nil
}

// lockReview reads a review under a lock of its row and lets authorize
// decide with what it read.
func lockReview(tx *Tx, id int64, authorize func(review.Review) error) (review.Review, int, error) {
	r, v, err := findReview(tx, id, tx.ForUpdate())
	if err != nil {
		return r, v, err
	}
	return r, v, authorize(r)
}

func reviewChanged() error {
	return apperr.Conflictf("Báo cáo đã được người khác thay đổi; hãy tải lại trang", "The review has changed; reload it")
}

// FindReview returns a review. Errors: apperr.NotFound.
func (db *DB) FindReview(ctx context.Context, id int64) (review.Review, error) {
	r, _, err := findReview(reader{db, ctx}, id, "")
	return r, err
}

// FindReviews returns an agency's reviews of a year (0: every year), the
// newest period first.
func (db *DB) FindReviews(ctx context.Context, agencyID int64, year int) ([]review.Review, error) {
	rows, err := db.query(ctx, "SELECT "+reviewColumns+" FROM reviews WHERE agency_id = ? AND (? = 0 OR year = ?) ORDER BY year DESC, period_kind, period_no DESC, unit_id",
		agencyID, year, year)
	if err != nil {
		return nil, fmt.Errorf("reviews: %w", err)
	}
	defer rows.Close()
	var out []review.Review
	for rows.Next() {
		r, _, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateReview stores a new draft (the figures already drafted by the
// caller from the records). One review per unit and period: a second is
// apperr.Conflict. Errors: apperr.Invalid, apperr.Conflict.
func (db *DB) CreateReview(ctx context.Context, actor audit.Actor, r review.Review) (review.Review, error) {
	if err := r.Period.Validate(); err != nil {
		return r, err
	}
	if err := r.Narrative.Validate(); err != nil {
		return r, err
	}
	r.Status, r.SHA256, r.IssuedAt = review.Draft, "", time.Time{}
	body, err := reviewBodyOf(r)
	if err != nil {
		return r, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM reviews WHERE unit_id = ? AND year = ? AND period_kind = ? AND period_no = ?",
			r.UnitID, r.Period.Year, string(r.Period.Kind), r.Period.Index).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflictf("Đơn vị đã có báo cáo %s", "The unit already has a review of %s", r.Period.Name("vi"))
		}
		id, err := tx.InsertID(`INSERT INTO reviews (agency_id, unit_id, year, period_kind, period_no, status, number, body, version, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`, r.AgencyID, r.UnitID, r.Period.Year, string(r.Period.Kind), r.Period.Index, string(r.Status),
			r.Number, body, actor.PersonID, Micro(tx.Now), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert review: %w", err)
		}
		r.ID = id
		return tx.AuditFor(r.AgencyID, actor, "review", id, "draft", map[string]any{"unit_id": r.UnitID, "period": r.Period})
	})
	return r, err
}

// EditReview changes a draft under a lock of its row: authorize decides
// with the locked review, edit changes it (review.Review.Edit refuses an
// issued review with apperr.Conflict). Nothing is written on any error.
func (db *DB) EditReview(ctx context.Context, actor audit.Actor, id int64, authorize func(review.Review) error, edit func(*review.Review) error) (review.Review, error) {
	var out review.Review
	err := db.InTx(ctx, func(tx *Tx) error {
		r, v, err := lockReview(tx, id, authorize)
		if err != nil {
			return err
		}
		if err := edit(&r); err != nil {
			return err
		}
		body, err := reviewBodyOf(r)
		if err != nil {
			return err
		}
		if err := tx.WriteOne(reviewChanged(),
			"update review", "UPDATE reviews SET number = ?, body = ?, version = ?, updated_at = ? WHERE id = ? AND version = ? AND status = ?",
			r.Number, body, v+1, Micro(tx.Now), id, v, string(review.Draft)); err != nil {
			return err
		}
		out = r
		return tx.AuditFor(r.AgencyID, actor, "review", id, "edit", map[string]any{"number": r.Number})
	})
	return out, err
}

// IssueReview issues a draft: render makes the document of the review as
// issued (its status and date set), review.Review.Issue locks it with the
// document's SHA-256, and the row, the document and the journal entry
// (with the hash) are written together. Errors: apperr.NotFound,
// apperr.Forbidden, apperr.Conflict (already issued), apperr.Invalid.
func (db *DB) IssueReview(ctx context.Context, actor audit.Actor, id int64, authorize func(review.Review) error, render func(review.Review) ([]byte, error)) (review.Review, error) {
	var out review.Review
	err := db.InTx(ctx, func(tx *Tx) error {
		r, v, err := lockReview(tx, id, authorize)
		if err != nil {
			return err
		}
		if r.Status == review.Issued {
			return r.Issue(tx.Now, nil) // the domain's conflict
		}
		now := tx.Now.UTC().Truncate(1000)
		issued := r
		issued.Status, issued.IssuedAt = review.Issued, now
		doc, err := render(issued)
		if err != nil {
			return err
		}
		if err := r.Issue(now, doc); err != nil {
			return err
		}
		if err := tx.WriteOne(reviewChanged(),
			"issue review", "UPDATE reviews SET status = ?, sha256 = ?, docx = ?, issued_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ? AND status = ?",
			string(r.Status), r.SHA256, doc, Micro(now), v+1, Micro(tx.Now), id, v, string(review.Draft)); err != nil {
			return err
		}
		out = r
		return tx.AuditFor(r.AgencyID, actor, "review", id, "issue", map[string]any{"number": r.Number, "sha256": r.SHA256, "bytes": len(doc)})
	})
	return out, err
}

// ReviewDocument returns the DOCX of an issued review as it was issued.
// Errors: apperr.NotFound, apperr.Conflict (still a draft).
func (db *DB) ReviewDocument(ctx context.Context, id int64) ([]byte, error) {
	var doc []byte
	var status string
	err := db.queryRow(ctx, "SELECT status, docx FROM reviews WHERE id = ?", id).Scan(&status, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("Không tìm thấy báo cáo số %d", "review %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("review document %d: %w", id, err)
	}
	if status != string(review.Issued) {
		return nil, apperr.Conflictf("Báo cáo chưa ban hành", "The review has not been issued")
	}
	return doc, nil
}
