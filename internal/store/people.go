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
	"congvu/internal/fold"
	"congvu/internal/org"
)

const personColumns = "p.id, COALESCE(p.agency_id, 0), p.full_name, p.email, p.phone, p.active, COALESCE(a.login, '')"

func scanPerson(sc interface{ Scan(...any) error }) (org.Person, error) {
	var p org.Person
	err := sc.Scan(&p.ID, &p.AgencyID, &p.FullName, &p.Email, &p.Phone, &p.Active, &p.Login)
	return p, err
}

// FindPeople lists people with their current memberships.
func (db *DB) FindPeople(ctx context.Context, f org.PersonFilter) ([]org.Person, error) {
	// The portal's uploaders (migration 0047) are no staff.
	q := "SELECT " + personColumns + " FROM people p LEFT JOIN accounts a ON a.person_id = p.id WHERE p.id NOT IN (SELECT person_id FROM portal_people)"
	var args []any
	today := db.now().In(vn).Format(org.DateLayout)
	if f.UnitID != nil {
		units := []int64{*f.UnitID}
		if f.Subtree {
			tree, err := db.Tree(ctx)
			if err != nil {
				return nil, err
			}
			units = tree.AgencySubtree(*f.UnitID)
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
	out, err := collectRows(rows, scanPerson)
	if err != nil {
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
	p, err := db.FindPersonWithoutMemberships(ctx, id)
	if err != nil {
		return p, err
	}
	ps := []org.Person{p}
	err = db.attachMemberships(ctx, ps, db.now().In(vn).Format(org.DateLayout))
	return ps[0], err
}

// FindPersonWithoutMemberships returns a person's own fields and login,
// kept for a second (identityCache).
func (db *DB) FindPersonWithoutMemberships(ctx context.Context, id int64) (org.Person, error) {
	p, gen, ok := db.identities.people.get(id)
	if ok {
		return p, nil
	}
	at := time.Now()
	p, err := scanPerson(db.queryRow(ctx, "SELECT "+personColumns+" FROM people p LEFT JOIN accounts a ON a.person_id = p.id WHERE p.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.NotFoundf("Không tìm thấy cán bộ số %d", "person %d not found", id)
	}
	if err != nil {
		return p, fmt.Errorf("find person %d: %w", id, err)
	}
	db.identities.people.put(gen, id, p, at)
	return p, nil
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
	if err := tx.QueryRow("SELECT COUNT(*) FROM units WHERE id = ? AND kind IN ('agency', 'investor')", n.AgencyID).Scan(&ok); err != nil {
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
	return db.findMemberships(ctx, "SELECT "+membershipColumns+" FROM memberships WHERE person_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id",
		personID, on, on)
}

// findMemberships runs a query over memberships and reads the rows.
func (db *DB) findMemberships(ctx context.Context, q string, args ...any) ([]org.Membership, error) {
	rows, err := db.query(ctx, q, args...)
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
