package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/fold"
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
// permission check needs it and units change rarely, so it is kept for
// treeFresh; a change on this node drops it at once, other nodes see it
// within treeFresh.
func (db *DB) Tree(ctx context.Context) (*org.Tree, error) {
	db.tree.mu.Lock()
	t, at := db.tree.t, db.tree.at
	db.tree.mu.Unlock()
	if t != nil && time.Since(at) < treeFresh {
		return t, nil
	}
	units, err := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	if err != nil {
		return nil, err
	}
	t = org.NewTree(units)
	db.tree.mu.Lock()
	db.tree.t, db.tree.at = t, time.Now()
	db.tree.mu.Unlock()
	return t, nil
}

const treeFresh = 2 * time.Second

// treeCache holds the last organisation tree read.
type treeCache struct {
	mu sync.Mutex
	t  *org.Tree
	at time.Time
}

// forgetTree drops the cached tree after a change to units.
func (db *DB) forgetTree() {
	db.tree.mu.Lock()
	db.tree.t = nil
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
		if n.Kind == org.KindAgency {
			agencyID = nil // an agency under a higher body is its own agency
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

// Restructure ends the source units, creates or links their successors,
// moves memberships and child units, and journals it as one event.
func (db *DB) Restructure(ctx context.Context, actor audit.Actor, r org.Restructuring) (int64, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return 0, err
	}
	if err := r.Validate(tree); err != nil {
		return 0, err
	}
	lastDay := org.DayBefore(r.EffectiveOn)
	defer db.forgetTree()
	err = db.InTx(ctx, func(tx *Tx) error {
		var createdBy any
		if actor.PersonID != 0 {
			createdBy = actor.PersonID
		}
		var err error
		r.ID, err = tx.InsertID(`INSERT INTO restructurings (kind, effective_on, decision, note, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, string(r.Kind), r.EffectiveOn, r.Decision, r.Note, createdBy, Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert restructuring: %w", err)
		}
		targets := append([]int64{}, r.Into...)
		// End the sources first so that a successor may take over a source's identifier.
		for _, src := range r.Sources {
			res, err := tx.Exec("UPDATE units SET valid_to = ? WHERE id = ? AND valid_to IS NULL", lastDay, src)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return apperr.Conflictf("Đơn vị số %d vừa được sắp xếp lại bởi người khác", "unit %d was just restructured by someone else", src)
			}
		}
		for _, n := range r.NewUnits {
			u, err := createUnit(tx, n)
			if err != nil {
				return err
			}
			targets = append(targets, u.ID)
		}
		moved := map[string][]int64{}
		for _, src := range r.Sources {
			for _, dst := range targets {
				if _, err := tx.Exec("INSERT INTO unit_successors (predecessor_id, successor_id, restructuring_id) VALUES (?, ?, ?)", src, dst, r.ID); err != nil {
					return fmt.Errorf("link successor: %w", err)
				}
			}
			if len(targets) != 1 {
				continue // a split leaves people and child units to be placed one by one
			}
			dst := targets[0]
			ids, err := moveMemberships(tx, src, dst, lastDay, r.EffectiveOn)
			if err != nil {
				return err
			}
			moved["memberships"] = append(moved["memberships"], ids...)
			rows, err := tx.Query("SELECT id FROM units WHERE parent_id = ? AND valid_to IS NULL", src)
			if err != nil {
				return err
			}
			var kids []int64
			for rows.Next() {
				var k int64
				if err := rows.Scan(&k); err != nil {
					rows.Close()
					return err
				}
				kids = append(kids, k)
			}
			rows.Close()
			for _, k := range kids {
				if _, err := tx.Exec("UPDATE units SET parent_id = ? WHERE id = ?", dst, k); err != nil {
					return err
				}
				if err := setAgencyBelow(tx, k, dst); err != nil {
					return err
				}
			}
			// People of an agency that ends belong to the agency that carries on.
			if _, err := tx.Exec(`UPDATE people SET agency_id = (SELECT agency_id FROM units WHERE id = ?)
				WHERE agency_id = ? AND EXISTS (SELECT 1 FROM units WHERE id = ? AND kind = 'agency')`, dst, src, src); err != nil {
				return err
			}
			moved["child_units"] = append(moved["child_units"], kids...)
		}
		return tx.Audit(actor, "restructuring", r.ID, string(r.Kind), map[string]any{
			"effective_on": r.EffectiveOn, "decision": r.Decision, "note": r.Note,
			"sources": r.Sources, "successors": targets, "moved": moved,
		})
	})
	return r.ID, err
}

// setAgencyBelow gives unit and every non-agency unit below it the agency of
// newParent, after unit has been moved under newParent.
func setAgencyBelow(tx *Tx, unit, newParent int64) error {
	_, err := tx.Exec(`WITH RECURSIVE sub(id) AS (
			SELECT id FROM units WHERE id = ? AND kind <> 'agency'
			UNION ALL
			SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE u.kind <> 'agency')
		UPDATE units SET agency_id = (SELECT agency_id FROM units WHERE id = ?) WHERE id IN (SELECT id FROM sub)`, unit, newParent)
	return err
}

// moveMemberships ends the memberships in src on lastDay and opens the same
// ones in dst from firstDay, returning the new membership ids.
func moveMemberships(tx *Tx, src, dst int64, lastDay, firstDay string) ([]int64, error) {
	rows, err := tx.Query("SELECT id, person_id, role, position, valid_from FROM memberships WHERE unit_id = ? AND valid_to IS NULL", src)
	if err != nil {
		return nil, err
	}
	type m struct {
		id, person     int64
		role, position string
		from           string
	}
	var ms []m
	for rows.Next() {
		var x m
		if err := rows.Scan(&x.id, &x.person, &x.role, &x.position, &x.from); err != nil {
			rows.Close()
			return nil, err
		}
		ms = append(ms, x)
	}
	rows.Close()
	var ids []int64
	for _, x := range ms {
		if x.from >= firstDay {
			// It starts on or after the change: it simply belongs to the successor.
			if _, err := tx.Exec("UPDATE memberships SET unit_id = ? WHERE id = ?", dst, x.id); err != nil {
				return nil, err
			}
			ids = append(ids, x.id)
			continue
		}
		if _, err := tx.Exec("UPDATE memberships SET valid_to = ? WHERE id = ?", lastDay, x.id); err != nil {
			return nil, err
		}
		id, err := tx.InsertID(`INSERT INTO memberships (person_id, unit_id, role, position, valid_from, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			x.person, dst, x.role, x.position, firstDay, Micro(tx.Now))
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

const personColumns = "p.id, COALESCE(p.agency_id, 0), p.full_name, p.email, p.phone, p.active, COALESCE(a.login, '')"

func scanPerson(sc interface{ Scan(...any) error }) (org.Person, error) {
	var p org.Person
	err := sc.Scan(&p.ID, &p.AgencyID, &p.FullName, &p.Email, &p.Phone, &p.Active, &p.Login)
	return p, err
}

// FindPeople lists people with their current memberships.
func (db *DB) FindPeople(ctx context.Context, f org.PersonFilter) ([]org.Person, error) {
	q := "SELECT " + personColumns + " FROM people p LEFT JOIN accounts a ON a.person_id = p.id WHERE 1=1"
	var args []any
	today := db.now().In(vn).Format(org.DateLayout)
	if f.UnitID != nil {
		units := []int64{*f.UnitID}
		if f.Subtree {
			tree, err := db.Tree(ctx)
			if err != nil {
				return nil, err
			}
			units = subtree(tree, *f.UnitID)
		}
		q += " AND p.id IN (SELECT person_id FROM memberships WHERE unit_id IN (" + placeholders(len(units)) + ") AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?))"
		for _, u := range units {
			args = append(args, u)
		}
		args = append(args, today, today)
	}
	if f.AgencyIDs != nil {
		q += " AND p.agency_id IN (" + placeholders(len(f.AgencyIDs)) + ")"
		for _, a := range f.AgencyIDs {
			args = append(args, a)
		}
	}
	if f.Query != "" {
		q += ` AND p.search_name LIKE ? ESCAPE '\'`
		args = append(args, fold.LikePattern(f.Query))
	}
	if f.OnlyActive {
		q += " AND p.active = TRUE"
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	q += " ORDER BY p.id LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(0, f.Offset))
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	var out []org.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.attachMemberships(ctx, out, today)
}

func (db *DB) attachMemberships(ctx context.Context, people []org.Person, on string) error {
	if len(people) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(people))
	args := make([]any, 0, len(people)+2)
	for i, p := range people {
		idx[p.ID] = i
		args = append(args, p.ID)
	}
	args = append(args, on, on)
	rows, err := db.query(ctx, "SELECT "+membershipColumns+" FROM memberships WHERE person_id IN ("+placeholders(len(people))+
		") AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id", args...)
	if err != nil {
		return fmt.Errorf("find memberships: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMembership(rows)
		if err != nil {
			return err
		}
		i := idx[m.PersonID]
		people[i].Memberships = append(people[i].Memberships, m)
	}
	return rows.Err()
}

// FindPersonByID returns one person with current memberships.
func (db *DB) FindPersonByID(ctx context.Context, id int64) (org.Person, error) {
	p, err := scanPerson(db.queryRow(ctx, "SELECT "+personColumns+" FROM people p LEFT JOIN accounts a ON a.person_id = p.id WHERE p.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.NotFoundf("Không tìm thấy cán bộ số %d", "person %d not found", id)
	}
	if err != nil {
		return p, fmt.Errorf("find person %d: %w", id, err)
	}
	ps := []org.Person{p}
	err = db.attachMemberships(ctx, ps, db.now().In(vn).Format(org.DateLayout))
	return ps[0], err
}

// CreatePerson adds a person.
func (db *DB) CreatePerson(ctx context.Context, actor audit.Actor, n org.NewPerson) (org.Person, error) {
	if err := n.Validate(); err != nil {
		return org.Person{}, err
	}
	var id int64
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = createPerson(tx, n)
		if err != nil {
			return err
		}
		return tx.Audit(actor, "person", id, "create", n)
	})
	if err != nil {
		return org.Person{}, err
	}
	return db.FindPersonByID(ctx, id)
}

func createPerson(tx *Tx, n org.NewPerson) (int64, error) {
	var ok int
	if err := tx.QueryRow("SELECT COUNT(*) FROM units WHERE id = ? AND kind = 'agency'", n.AgencyID).Scan(&ok); err != nil {
		return 0, err
	}
	if ok == 0 {
		return 0, apperr.Invalidf("agency_id", "không có cơ quan số %d", "no agency %d", n.AgencyID)
	}
	id, err := tx.InsertID(`INSERT INTO people (agency_id, full_name, search_name, email, phone, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		n.AgencyID, n.FullName, fold.String(n.FullName), n.Email, n.Phone, true, Micro(tx.Now))
	if err != nil {
		return 0, fmt.Errorf("insert person: %w", err)
	}
	return id, nil
}

const membershipColumns = "id, person_id, unit_id, role, position, valid_from, valid_to"

func scanMembership(sc interface{ Scan(...any) error }) (org.Membership, error) {
	var m org.Membership
	var to sql.NullString
	err := sc.Scan(&m.ID, &m.PersonID, &m.UnitID, &m.Role, &m.Position, &m.ValidFrom, &to)
	if to.Valid {
		v := to.String
		m.ValidTo = &v
	}
	return m, err
}

// AddMembership places a person in a unit.
func (db *DB) AddMembership(ctx context.Context, actor audit.Actor, n org.NewMembership) (org.Membership, error) {
	if err := n.Validate(); err != nil {
		return org.Membership{}, err
	}
	var m org.Membership
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		if m, err = addMembership(tx, n); err != nil {
			return err
		}
		return tx.Audit(actor, "person", n.PersonID, "add_membership", n)
	})
	return m, err
}

func addMembership(tx *Tx, n org.NewMembership) (org.Membership, error) {
	var unitOK, personOK int
	if err := tx.QueryRow("SELECT COUNT(*) FROM units WHERE id = ? AND valid_to IS NULL", n.UnitID).Scan(&unitOK); err != nil {
		return org.Membership{}, err
	}
	if unitOK == 0 {
		return org.Membership{}, apperr.Invalidf("unit_id", "không có đơn vị số %d đang hoạt động", "no current unit %d", n.UnitID)
	}
	if err := tx.QueryRow("SELECT COUNT(*) FROM people WHERE id = ?", n.PersonID).Scan(&personOK); err != nil {
		return org.Membership{}, err
	}
	if personOK == 0 {
		return org.Membership{}, apperr.Invalidf("person_id", "không có cán bộ số %d", "no person %d", n.PersonID)
	}
	id, err := tx.InsertID(`INSERT INTO memberships (person_id, unit_id, role, position, valid_from, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		n.PersonID, n.UnitID, string(n.Role), n.Position, n.ValidFrom, Micro(tx.Now))
	if err != nil {
		return org.Membership{}, fmt.Errorf("insert membership: %w", err)
	}
	return org.Membership{ID: id, PersonID: n.PersonID, UnitID: n.UnitID, Role: n.Role, Position: n.Position, ValidFrom: n.ValidFrom}, nil
}

// EndMembership closes a membership on its last day.
func (db *DB) EndMembership(ctx context.Context, actor audit.Actor, id int64, lastDay string) error {
	lastDay, err := org.ParseDate("valid_to", lastDay)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		var person int64
		var from string
		err := tx.QueryRow("SELECT person_id, valid_from FROM memberships WHERE id = ? AND valid_to IS NULL", id).Scan(&person, &from)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Không tìm thấy vị trí công tác số %d đang hiệu lực", "no current membership %d", id)
		}
		if err != nil {
			return err
		}
		if lastDay < from {
			return apperr.Invalidf("valid_to", "ngày kết thúc %s trước ngày bắt đầu %s", "end %s is before start %s", lastDay, from)
		}
		if _, err := tx.Exec("UPDATE memberships SET valid_to = ? WHERE id = ?", lastDay, id); err != nil {
			return err
		}
		return tx.Audit(actor, "person", person, "end_membership", map[string]any{"membership_id": id, "valid_to": lastDay})
	})
}

// Memberships returns a person's memberships valid on a date.
func (db *DB) Memberships(ctx context.Context, personID int64, on string) ([]org.Membership, error) {
	rows, err := db.query(ctx, "SELECT "+membershipColumns+" FROM memberships WHERE person_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id",
		personID, on, on)
	if err != nil {
		return nil, fmt.Errorf("find memberships: %w", err)
	}
	defer rows.Close()
	var out []org.Membership
	for rows.Next() {
		m, err := scanMembership(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateDelegation records that one person acts for another for a period.
func (db *DB) CreateDelegation(ctx context.Context, actor audit.Actor, d org.Delegation) (org.Delegation, error) {
	if err := d.Validate(); err != nil {
		return d, err
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM people WHERE id IN (?, ?)", d.FromPersonID, d.ToPersonID).Scan(&n); err != nil {
			return err
		}
		if n != 2 {
			return apperr.Invalidf("to_person_id", "không tìm thấy người ủy quyền hoặc người được ủy quyền", "one of the people does not exist")
		}
		var createdBy any
		if actor.PersonID != 0 {
			createdBy = actor.PersonID
		}
		var err error
		d.ID, err = tx.InsertID(`INSERT INTO delegations (from_person_id, to_person_id, starts_at, ends_at, reason, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, d.FromPersonID, d.ToPersonID, Micro(d.StartsAt), Micro(d.EndsAt), d.Reason, createdBy, Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert delegation: %w", err)
		}
		return tx.Audit(actor, "delegation", d.ID, "create", map[string]any{
			"from": d.FromPersonID, "to": d.ToPersonID, "starts_at": d.StartsAt, "ends_at": d.EndsAt, "reason": d.Reason})
	})
	return d, err
}

// ActiveDelegationsTo returns the delegations to a person in force now.
func (db *DB) ActiveDelegationsTo(ctx context.Context, personID int64) ([]org.Delegation, error) {
	now := Micro(db.now())
	rows, err := db.query(ctx, `SELECT id, from_person_id, to_person_id, starts_at, ends_at, reason FROM delegations
		WHERE to_person_id = ? AND revoked_at IS NULL AND starts_at <= ? AND ends_at > ? ORDER BY id`, personID, now, now)
	if err != nil {
		return nil, fmt.Errorf("find delegations: %w", err)
	}
	defer rows.Close()
	var out []org.Delegation
	for rows.Next() {
		var d org.Delegation
		var s, e int64
		if err := rows.Scan(&d.ID, &d.FromPersonID, &d.ToPersonID, &s, &e, &d.Reason); err != nil {
			return nil, err
		}
		d.StartsAt, d.EndsAt = FromMicro(s), FromMicro(e)
		out = append(out, d)
	}
	return out, rows.Err()
}

func subtree(t *org.Tree, root int64) []int64 {
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, t.Children(out[i])...)
	}
	return out
}

func placeholders(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
