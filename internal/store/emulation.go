package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
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

// EmulationTitle is a title the director confirmed.
type EmulationTitle struct {
	PersonID    int64
	Title       review.Title
	ConfirmedAt time.Time
}

// EmulationTitles returns the titles confirmed for an agency's year, by person.
func (db *DB) EmulationTitles(ctx context.Context, agencyID int64, year int) (map[int64]EmulationTitle, error) {
	rows, err := db.query(ctx, "SELECT person_id, title, confirmed_at FROM emulation_titles WHERE agency_id = ? AND year = ?", agencyID, year)
	if err != nil {
		return nil, fmt.Errorf("emulation titles: %w", err)
	}
	defer rows.Close()
	out := map[int64]EmulationTitle{}
	for rows.Next() {
		var t EmulationTitle
		var title string
		var at int64
		if err := rows.Scan(&t.PersonID, &title, &at); err != nil {
			return nil, err
		}
		t.Title, t.ConfirmedAt = review.Title(title), FromMicro(at)
		out[t.PersonID] = t
	}
	return out, rows.Err()
}

// EmulationEntry is a title proposed for a year and, once the director
// confirmed it, when (zero until then).
type EmulationEntry struct {
	review.Proposal
	ConfirmedAt time.Time
}

// EmulationYear lists what rule proposes for an agency's year with what
// the director has confirmed of it: the page's and the API's list.
func (db *DB) EmulationYear(ctx context.Context, agencyID int64, year int, rule review.EmulationRule) ([]EmulationEntry, error) {
	props, err := db.EmulationProposals(ctx, agencyID, year, rule)
	if err != nil {
		return nil, err
	}
	done, err := db.EmulationTitles(ctx, agencyID, year)
	if err != nil {
		return nil, err
	}
	out := make([]EmulationEntry, len(props))
	for i, p := range props {
		out[i] = EmulationEntry{Proposal: p, ConfirmedAt: done[p.PersonID].ConfirmedAt}
	}
	return out, nil
}

// ConfirmEmulation records the titles proposed for the people chosen, as
// proposed now by rule (a person no longer proposed, or one already
// confirmed, is apperr.Invalid naming "person_id"; nothing is written
// then), journalled together.
func (db *DB) ConfirmEmulation(ctx context.Context, actor audit.Actor, agencyID int64, year int, rule review.EmulationRule, people []int64) ([]review.Proposal, error) {
	if len(people) == 0 {
		return nil, apperr.Invalidf("person_id", "Chưa chọn người nào để công nhận", "Nobody chosen")
	}
	props, err := db.EmulationProposals(ctx, agencyID, year, rule)
	if err != nil {
		return nil, err
	}
	done, err := db.EmulationTitles(ctx, agencyID, year)
	if err != nil {
		return nil, err
	}
	byPerson := map[int64]review.Proposal{}
	for _, p := range props {
		byPerson[p.PersonID] = p
	}
	var chosen []review.Proposal
	for _, id := range people {
		p, ok := byPerson[id]
		if !ok {
			return nil, apperr.Invalidf("person_id", "Người số %d không có trong danh sách đề nghị năm %d", "Person %d is not proposed for %d", id, year)
		}
		if _, ok := done[id]; ok {
			return nil, apperr.Invalidf("person_id", "Danh hiệu của %s đã được công nhận", "The title of %s is already confirmed", p.Name)
		}
		chosen = append(chosen, p)
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		for _, p := range chosen {
			if _, err := tx.Exec("INSERT INTO emulation_titles (agency_id, year, person_id, title, grade, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				agencyID, year, p.PersonID, string(p.Title), string(p.Grade), actor.PersonID, Micro(tx.Now)); err != nil {
				return fmt.Errorf("confirm title: %w", err)
			}
			if err := tx.AuditFor(agencyID, actor, "emulation", p.PersonID, "confirm", map[string]any{"year": year, "title": p.Title, "grade": p.Grade}); err != nil {
				return err
			}
		}
		return nil
	})
	return chosen, err
}
