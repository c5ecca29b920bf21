package httpx

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"congvu/internal/org"
	"congvu/internal/store"
)

// LateStore counts the dossiers and tasks late now, per unit and person
// (store/late.go), for the director's "who is late".
type LateStore interface {
	LateWork(ctx context.Context, units []int64, now time.Time) ([]store.LateCount, error)
}

// LateRow is one unit's or one person's late work (ai đang trễ hạn).
type LateRow struct {
	UnitID   int64
	PersonID int64
	Name     string // the unit's name, or the person's full name
	Dossiers int
	Tasks    int
}

// Total is the dossiers and tasks late together, the row's rank.
func (r LateRow) Total() int { return r.Dossiers + r.Tasks }

// LateBoard is the late work under one unit, the same for the web page
// (/late) and the API (GET /api/v1/late).
type LateBoard struct {
	UnitID   int64
	Dossiers int
	Tasks    int
	Units    []LateRow // units with late work, most late first
	People   []LateRow // people with late work, most late first
}

// LateBoard counts the late work of unit and the units below it in its
// agency (org.Tree.AgencySubtree: a committee's view does not count its
// departments'). The caller has checked dossier.stats on unit.
func (d Deps) LateBoard(ctx context.Context, tree *org.Tree, unit int64) (LateBoard, error) {
	board := LateBoard{UnitID: unit}
	counts, err := d.Store.LateWork(ctx, tree.AgencySubtree(unit), d.Now())
	if err != nil {
		return board, err
	}
	unitName := func(id int64) string {
		if u, ok := tree.Unit(id); ok {
			return u.Name
		}
		return fmt.Sprintf("#%d", id)
	}
	units := map[int64]*LateRow{}
	people := map[int64]*LateRow{}
	for _, c := range counts {
		board.Dossiers += c.Dossiers
		board.Tasks += c.Tasks
		u := units[c.UnitID]
		if u == nil {
			u = &LateRow{UnitID: c.UnitID, Name: unitName(c.UnitID)}
			units[c.UnitID] = u
		}
		u.Dossiers += c.Dossiers
		u.Tasks += c.Tasks
		if c.PersonID == 0 {
			continue
		}
		p := people[c.PersonID]
		if p == nil {
			p = &LateRow{UnitID: c.UnitID, PersonID: c.PersonID}
			people[c.PersonID] = p
		}
		p.Dossiers += c.Dossiers
		p.Tasks += c.Tasks
	}
	for _, u := range units {
		board.Units = append(board.Units, *u)
	}
	for _, p := range people {
		person, err := d.Store.FindPersonByID(ctx, p.PersonID)
		if err != nil {
			return board, err
		}
		p.Name = person.FullName
		board.People = append(board.People, *p)
	}
	byLate := func(a, c LateRow) int {
		return cmp.Or(cmp.Compare(c.Total(), a.Total()), cmp.Compare(a.Name, c.Name), cmp.Compare(a.PersonID, c.PersonID))
	}
	slices.SortFunc(board.Units, byLate)
	slices.SortFunc(board.People, byLate)
	return board, nil
}
