package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// auditAgencies gives each event the agency it concerns, whose auditors
// read it, before it is hashed (the hash covers the agency): the acting
// person's agency (known to a request's subject, else looked up), or, for
// congvu itself and its operator (the command line, the demo, the jobs),
// the agency of the object changed. Events about no agency's object (the
// national holiday table, a migration) keep none and are the system
// operator's to read. Lookups happen only for events whose actor did not
// bring its agency: requests always do, so the hot path asks nothing.
func auditAgencies(tx *Tx, events []pendingAudit) error {
	var people []any
	seen := map[int64]bool{}
	for _, p := range events {
		if !p.agencySet && p.AgencyID == 0 && p.ActorID != 0 && !seen[p.ActorID] {
			seen[p.ActorID] = true
			people = append(people, p.ActorID)
		}
	}
	agencyOf := map[int64]int64{}
	if len(people) > 0 {
		rows, err := tx.Query("SELECT id, COALESCE(agency_id, 0) FROM people WHERE id IN ("+placeholders(len(people))+")", people...)
		if err != nil {
			return fmt.Errorf("agencies of the journal's actors: %w", err)
		}
		for rows.Next() {
			var id, agency int64
			if err := rows.Scan(&id, &agency); err != nil {
				rows.Close()
				return err
			}
			agencyOf[id] = agency
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range events {
		e := &events[i].Event
		switch {
		case events[i].agencySet, e.AgencyID != 0:
		case e.ActorID != 0:
			e.AgencyID = agencyOf[e.ActorID]
		default:
			a, err := objectAgency(tx, e.ObjectType, e.ObjectID)
			if err != nil {
				return fmt.Errorf("agency of %s %s for the journal: %w", e.ObjectType, e.ObjectID, err)
			}
			e.AgencyID = a
		}
	}
	return nil
}

// objectAgencyQueries find the agency of an object by its journal id. A
// procedure's code can exist in several agencies, and a restructuring can
// leave units of several: they count only when one agency is concerned.
var objectAgencyQueries = map[string]struct {
	q       string
	numeric bool // the object id is a row id
}{
	"person":     {"SELECT agency_id FROM people WHERE id = ?", true},
	"account":    {"SELECT p.agency_id FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.login = ?", false},
	"unit":       {"SELECT COALESCE(agency_id, id) FROM units WHERE id = ?", true},
	"dossier":    {"SELECT agency_id FROM dossiers WHERE code = ?", false},
	"task":       {"SELECT agency_id FROM tasks WHERE id = ?", true},
	"plan":       {"SELECT agency_id FROM plans WHERE id = ?", true},
	"delegation": {"SELECT p.agency_id FROM delegations d JOIN people p ON p.id = d.from_person_id WHERE d.id = ?", true},
	"procedure":  {"SELECT MIN(agency_id) FROM procedures WHERE code = ? HAVING COUNT(DISTINCT agency_id) = 1", false},
	"restructuring": {`SELECT MIN(COALESCE(u.agency_id, u.id)) FROM unit_successors s JOIN units u ON u.id = s.successor_id
		WHERE s.restructuring_id = ? HAVING COUNT(DISTINCT COALESCE(u.agency_id, u.id)) = 1`, true},
}

// objectAgency is the agency of the object an event by the system changed,
// 0 when it belongs to none.
func objectAgency(tx *Tx, objectType, objectID string) (int64, error) {
	if objectType == "office_hours" { // the journal names the agency itself
		id, _ := strconv.ParseInt(objectID, 10, 64)
		return id, nil
	}
	look, ok := objectAgencyQueries[objectType]
	if !ok {
		return 0, nil
	}
	var arg any = objectID
	if look.numeric {
		id, err := strconv.ParseInt(objectID, 10, 64)
		if err != nil {
			return 0, nil
		}
		arg = id
	}
	var agency sql.NullInt64
	err := tx.QueryRow(look.q, arg).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return agency.Int64, err
}
