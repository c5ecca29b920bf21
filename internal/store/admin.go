package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

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

// FindDelegations lists the most recent delegations (at most limit), newest first.
func (db *DB) FindDelegations(ctx context.Context, limit int) ([]org.Delegation, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := db.query(ctx, `SELECT id, from_person_id, to_person_id, starts_at, ends_at, reason, revoked_at FROM delegations
		ORDER BY id DESC LIMIT `+strconv.Itoa(limit))
	if err != nil {
		return nil, fmt.Errorf("find delegations: %w", err)
	}
	defer rows.Close()
	var out []org.Delegation
	for rows.Next() {
		var d org.Delegation
		var s, e int64
		var revoked sql.NullInt64
		if err := rows.Scan(&d.ID, &d.FromPersonID, &d.ToPersonID, &s, &e, &d.Reason, &revoked); err != nil {
			return nil, err
		}
		d.StartsAt, d.EndsAt = FromMicro(s), FromMicro(e)
		d.RevokedAt = fromNullMicro(revoked)
		out = append(out, d)
	}
	return out, rows.Err()
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
