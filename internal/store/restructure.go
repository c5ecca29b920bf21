package store

import (
	"context"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/org"
)

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
