package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/org"
)

// This file holds the queries the administration pages need beyond org.Store:
// whole histories (every membership, every restructuring) and counts, and
// AddUser in domain terms so that the web adapter need not import store.

// CreateUser is AddUser in domain types: the person, their first membership
// and their login, in one transaction.
func (db *DB) CreateUser(ctx context.Context, actor audit.Actor, p org.NewPerson, m org.NewMembership, login, password string) (org.Person, error) {
	return db.AddUser(ctx, actor, NewUser{Person: p, Membership: m, Login: login, Password: password})
}

// PersonMemberships returns every membership a person has held, current
// ones first, then by start date, newest first.
func (db *DB) PersonMemberships(ctx context.Context, personID int64) ([]org.Membership, error) {
	return db.findMemberships(ctx, "SELECT "+membershipColumns+" FROM memberships WHERE person_id = ? ORDER BY valid_to IS NOT NULL, valid_from DESC, id DESC", personID)
}

// CountPeople counts the people on the staff, only active ones when asked.
func (db *DB) CountPeople(ctx context.Context, onlyActive bool) (int, error) {
	q := "SELECT COUNT(*) FROM people"
	if onlyActive {
		q += " WHERE active = TRUE"
	}
	var n int
	if err := db.queryRow(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	return n, nil
}

// FindDelegations lists the most recent delegations whose delegator
// belongs to f.AgencyID (every agency's when 0), newest first, at most
// f.Limit (100 when 0, never more than 500).
func (db *DB) FindDelegations(ctx context.Context, f org.DelegationFilter) ([]org.Delegation, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q := `SELECT ` + delegationColumns + ` FROM delegations d`
	var args []any
	if f.AgencyID != 0 {
		q += " WHERE d.from_person_id IN (SELECT id FROM people WHERE agency_id = ?)"
		args = append(args, f.AgencyID)
	}
	rows, err := db.query(ctx, q+" ORDER BY d.id DESC LIMIT "+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("find delegations: %w", err)
	}
	defer rows.Close()
	var out []org.Delegation
	for rows.Next() {
		d, err := scanDelegation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

const delegationColumns = "d.id, d.from_person_id, d.to_person_id, d.starts_at, d.ends_at, d.reason, d.revoked_at"

func scanDelegation(sc interface{ Scan(...any) error }) (org.Delegation, error) {
	var d org.Delegation
	var s, e int64
	var revoked sql.NullInt64
	if err := sc.Scan(&d.ID, &d.FromPersonID, &d.ToPersonID, &s, &e, &d.Reason, &revoked); err != nil {
		return d, err
	}
	d.StartsAt, d.EndsAt = FromMicro(s), FromMicro(e)
	d.RevokedAt = fromNullMicro(revoked)
	return d, nil
}

// FindDelegationByID returns one delegation. Errors: apperr.NotFound.
func (db *DB) FindDelegationByID(ctx context.Context, id int64) (org.Delegation, error) {
	d, err := scanDelegation(db.queryRow(ctx, "SELECT "+delegationColumns+" FROM delegations d WHERE d.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, apperr.NotFoundf("Không tìm thấy ủy quyền số %d", "No delegation %d", id)
	}
	if err != nil {
		return d, fmt.Errorf("find delegation %d: %w", id, err)
	}
	return d, nil
}

// RevokeDelegation ends a delegation now (thu hồi ủy quyền), journalled in
// the same transaction; from the commit on the delegate holds none of the
// delegator's roles (the journal entry empties the identity cache).
// Errors: apperr.NotFound; apperr.Conflict when it is already revoked or
// has ended.
func (db *DB) RevokeDelegation(ctx context.Context, actor audit.Actor, id int64) (org.Delegation, error) {
	var d org.Delegation
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		d, err = scanDelegation(tx.QueryRow("SELECT "+delegationColumns+" FROM delegations d WHERE d.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Không tìm thấy ủy quyền số %d", "No delegation %d", id)
		}
		if err != nil {
			return fmt.Errorf("find delegation %d: %w", id, err)
		}
		switch {
		case d.RevokedAt != nil:
			return apperr.New(apperr.Conflict, "", "Ủy quyền này đã được thu hồi", "This delegation has already been revoked")
		case !tx.Now.Before(d.EndsAt):
			return apperr.New(apperr.Conflict, "", "Ủy quyền này đã hết hạn", "This delegation has already ended")
		}
		now := tx.Now.Truncate(time.Microsecond)
		res, err := tx.Exec("UPDATE delegations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Micro(now), id)
		if err != nil {
			return fmt.Errorf("revoke delegation: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return apperr.New(apperr.Conflict, "", "Ủy quyền này đã được thu hồi", "This delegation has already been revoked")
		}
		d.RevokedAt = &now
		return tx.Audit(actor, "delegation", d.ID, "revoke", map[string]any{"from": d.FromPersonID, "to": d.ToPersonID, "revoked_at": now})
	})
	return d, err
}

// FindRestructurings lists restructurings, the latest effective first, with
// Sources holding the units that ended and Into every successor (new or existing).
func (db *DB) FindRestructurings(ctx context.Context) ([]org.Restructuring, error) {
	rows, err := db.query(ctx, "SELECT id, kind, effective_on, decision, note FROM restructurings ORDER BY effective_on DESC, id DESC")
	if err != nil {
		return nil, fmt.Errorf("find restructurings: %w", err)
	}
	var out []org.Restructuring
	for rows.Next() {
		var r org.Restructuring
		if err := rows.Scan(&r.ID, &r.Kind, &r.EffectiveOn, &r.Decision, &r.Note); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		links, err := db.query(ctx, "SELECT predecessor_id, successor_id FROM unit_successors WHERE restructuring_id = ? ORDER BY predecessor_id, successor_id", out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("find restructuring links: %w", err)
		}
		seenP, seenS := map[int64]bool{}, map[int64]bool{}
		for links.Next() {
			var p, s int64
			if err := links.Scan(&p, &s); err != nil {
				links.Close()
				return nil, err
			}
			if !seenP[p] {
				seenP[p] = true
				out[i].Sources = append(out[i].Sources, p)
			}
			if !seenS[s] {
				seenS[s] = true
				out[i].Into = append(out[i].Into, s)
			}
		}
		links.Close()
		if err := links.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
