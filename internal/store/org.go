package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/org"
)

var _ org.Store = (*DB)(nil)

const unitColumns = "id, COALESCE(agency_id, 0), parent_id, kind, COALESCE(code, ''), name, short_name, valid_from, valid_to"

func scanUnit(sc interface{ Scan(...any) error }) (org.Unit, error) {
	var u org.Unit
	var parent sql.NullInt64
	var validTo sql.NullString
	if err := sc.Scan(&u.ID, &u.AgencyID, &parent, &u.Kind, &u.Code, &u.Name, &u.ShortName, &u.ValidFrom, &validTo); err != nil {
		return u, err
	}
	if parent.Valid {
		p := parent.Int64
		u.ParentID = &p
	}
	if validTo.Valid {
		v := validTo.String
		u.ValidTo = &v
	}
	return u, nil
}

// Tree returns every unit with its succession links. Every request's
// permission check needs it and units change rarely, so it is kept: a
// change drops it as soon as it commits, on this node and (PostgreSQL,
// through NOTIFY) on the others; db.treeFresh bounds it besides (on
// SQLite, for changes made by another process).
func (db *DB) Tree(ctx context.Context) (*org.Tree, error) {
	db.tree.mu.Lock()
	t, at, gen := db.tree.t, db.tree.at, db.tree.gen
	db.tree.mu.Unlock()
	if t != nil && time.Since(at) < db.treeFresh && db.live.Load() {
		return t, nil
	}
	read := time.Now()
	units, err := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	if err != nil {
		return nil, err
	}
	t = org.NewTree(units)
	db.tree.mu.Lock()
	if gen == db.tree.gen && db.live.Load() { // nothing changed while it was read
		db.tree.t, db.tree.at = t, read
	}
	db.tree.mu.Unlock()
	return t, nil
}

// treeFresh bounds the tree's cache on SQLite.
const treeFresh = 2 * time.Second

// treeCache holds the last organisation tree read.
type treeCache struct {
	mu  sync.Mutex
	t   *org.Tree
	at  time.Time
	gen uint64 // counts the changes, as freshCache's does
}

// forgetTree drops the cached tree after a change to units.
func (db *DB) forgetTree() {
	db.tree.mu.Lock()
	db.tree.t = nil
	db.tree.gen++
	db.tree.mu.Unlock()
}

// FindUnits lists units ordered by agency, parent and name, with their
// successors and predecessors.
func (db *DB) FindUnits(ctx context.Context, f org.UnitFilter) ([]org.Unit, error) {
	q := "SELECT " + unitColumns + " FROM units WHERE 1=1"
	var args []any
	if f.AgencyID != nil {
		q += " AND agency_id = ?"
		args = append(args, *f.AgencyID)
	}
	if f.ParentID != nil {
		q += " AND parent_id = ?"
		args = append(args, *f.ParentID)
	}
	if f.ValidOn != "" {
		q += " AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
		args = append(args, f.ValidOn, f.ValidOn)
	} else if !f.IncludeOld {
		q += " AND valid_to IS NULL"
	}
	q += " ORDER BY COALESCE(parent_id, 0), valid_to IS NOT NULL, id"
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find units: %w", err)
	}
	defer rows.Close()
	var out []org.Unit
	idx := map[int64]int{}
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("find units: %w", err)
		}
		idx[u.ID] = len(out)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	links, err := db.query(ctx, "SELECT predecessor_id, successor_id FROM unit_successors ORDER BY successor_id")
	if err != nil {
		return nil, fmt.Errorf("find unit successors: %w", err)
	}
	defer links.Close()
	for links.Next() {
		var p, s int64
		if err := links.Scan(&p, &s); err != nil {
			return nil, err
		}
		if i, ok := idx[p]; ok {
			out[i].Successors = append(out[i].Successors, s)
		}
		if i, ok := idx[s]; ok {
			out[i].Predecessors = append(out[i].Predecessors, p)
		}
	}
	return out, links.Err()
}

// FindUnitByID returns one unit.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (org.Unit, error) {
	units, err := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	if err != nil {
		return org.Unit{}, err
	}
	for _, u := range units {
		if u.ID == id {
			return u, nil
		}
	}
	return org.Unit{}, apperr.NotFoundf("Không tìm thấy đơn vị số %d", "unit %d not found", id)
}

// CreateUnit adds a unit and journals it.
func (db *DB) CreateUnit(ctx context.Context, actor audit.Actor, n org.NewUnit) (org.Unit, error) {
	if err := n.Validate(); err != nil {
		return org.Unit{}, err
	}
	var u org.Unit
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		u, err = createUnit(tx, n)
		if err != nil {
			return err
		}
		return tx.Audit(actor, "unit", u.ID, "create", n)
	})
	db.forgetTree()
	return u, err
}

func createUnit(tx *Tx, n org.NewUnit) (org.Unit, error) {
	var agencyID any
	if n.ParentID != nil {
		var parentAgency int64
		var validTo sql.NullString
		err := tx.QueryRow("SELECT COALESCE(agency_id, id), valid_to FROM units WHERE id = ?", *n.ParentID).Scan(&parentAgency, &validTo)
		if errors.Is(err, sql.ErrNoRows) {
			return org.Unit{}, apperr.Invalidf("parent_id", "không có đơn vị cấp trên số %d", "no parent unit %d", *n.ParentID)
		}
		if err != nil {
			return org.Unit{}, err
		}
		if validTo.Valid {
			return org.Unit{}, apperr.Invalidf("parent_id", "đơn vị cấp trên đã kết thúc", "the parent unit has ended")
		}
		agencyID = parentAgency
		if n.Kind.OwnAgency() {
			agencyID = nil // an agency (or an investor) under a higher body is its own agency
		}
	}
	var code any
	if n.Code != "" {
		code = n.Code
	}
	id, err := tx.InsertID(`INSERT INTO units (agency_id, parent_id, kind, code, name, short_name, valid_from, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, agencyID, n.ParentID, string(n.Kind), code, n.Name, n.ShortName, n.ValidFrom, Micro(tx.Now))
	if err != nil {
		if tx.d.isUniqueViolation(err) {
			return org.Unit{}, apperr.New(apperr.Conflict, "code", "Mã định danh "+n.Code+" đã được dùng", "identifier "+n.Code+" is already in use")
		}
		return org.Unit{}, fmt.Errorf("insert unit: %w", err)
	}
	if agencyID == nil {
		if _, err := tx.Exec("UPDATE units SET agency_id = id WHERE id = ?", id); err != nil {
			return org.Unit{}, err
		}
	}
	return scanUnit(tx.QueryRow("SELECT "+unitColumns+" FROM units WHERE id = ?", id))
}

func placeholders(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
