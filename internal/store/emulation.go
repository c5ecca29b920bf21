package store

import (
	"context"
	"fmt"
	"strconv"

	"congvu/internal/review"
)

// EmulationProposals lists the emulation titles rule proposes from an
// agency's year ratings (YearRatings), for the director to confirm: a
// person disciplined in the year (a decision in discipline_records or a
// violation recorded at the discipline severity) is marked so, and the
// rule decides what that takes away.
func (db *DB) EmulationProposals(ctx context.Context, agencyID int64, year int, rule review.EmulationRule) ([]review.Proposal, error) {
	ys, _, err := db.YearRatings(ctx, agencyID, year)
	if err != nil {
		return nil, err
	}
	severe, err := db.disciplineViolators(ctx, agencyID, year)
	if err != nil {
		return nil, err
	}
	rated := make([]review.Rated, 0, len(ys))
	for _, r := range ys {
		if r.Rated {
			rated = append(rated, review.Rated{PersonID: r.PersonID, Name: r.PersonName, Grade: r.Grade, Disciplined: r.Disciplined || severe[r.PersonID]})
		}
	}
	return review.Propose(rule, rated), nil
}

// disciplineViolators are the people of the agency with a violation at the
// discipline severity (khiển trách or above) in the year.
func (db *DB) disciplineViolators(ctx context.Context, agencyID int64, year int) (map[int64]bool, error) {
	y := strconv.Itoa(year)
	rows, err := db.query(ctx, "SELECT DISTINCT person_id FROM discipline_violations WHERE agency_id = ? AND severity = ? AND occurred_on >= ? AND occurred_on <= ?",
		agencyID, string(review.Discipline), y+"-01-01", y+"-12-31")
	if err != nil {
		return nil, fmt.Errorf("discipline violations: %w", err)
	}
	defer rows.Close()
	severe := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		severe[id] = true
	}
	return severe, rows.Err()
}
