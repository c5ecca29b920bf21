package store

import (
	"cmp"
	"context"
	"slices"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
)

// FindDossierQueue returns one page of the union of several lists of
// dossiers in the same order — a clerk's queue is the dossiers with them
// and those waiting at their desk, most urgent first — without the cap of
// 200 per list the queue page had (issue #12, "paging with no silent
// cap"). Each list is read as FindDossierPage reads it (keyset, in index
// order) from the same cursor, limit+1 rows each, and the rows are merged
// here, each dossier once: a page costs the lists' pages, whatever their
// length.
//
// The total, unless skipTotal, is the lists' capped counts added, less
// the dossiers two lists share when there are two (counted as the list of
// both filters at once): exact below dossier.TotalCap, "more than" beyond.
//
// Errors: Invalid (field "after") for a cursor that is not this order's,
// or lists in different orders.
func (db *DB) FindDossierQueue(ctx context.Context, fs []dossier.Filter, after string, limit int, skipTotal bool) (dossier.Page, error) {
	if len(fs) == 0 {
		return dossier.Page{}, nil
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	sort := dossier.SortOf(fs[0])
	for _, f := range fs[1:] {
		if dossier.SortOf(f) != sort {
			return dossier.Page{}, apperr.Invalidf("after", "các danh sách gộp phải cùng thứ tự", "merged lists must share their order")
		}
	}
	c, err := parseCursor(after, sort)
	if err != nil {
		return dossier.Page{}, err
	}
	type row struct {
		s dossier.Summary
		k cursor
	}
	var rows []row
	more := false
	ls := make([]dossierList, len(fs))
	for i, f := range fs {
		if ls[i], err = db.dossierList(ctx, f, sort); err != nil {
			return dossier.Page{}, err
		}
		rs, ks, err := db.listPage(ctx, ls[i], c, limit+1)
		if err != nil {
			return dossier.Page{}, err
		}
		more = more || len(rs) > limit
		for j := range rs {
			rows = append(rows, row{rs[j], ks[j]})
		}
	}
	// The list's order: by key then id, ascending for SortDue; the other
	// orders are newest first.
	order := func(a, b row) int {
		o := cmp.Or(cmp.Compare(a.k.key, b.k.key), cmp.Compare(a.k.id, b.k.id))
		if sort != dossier.SortDue {
			return -o
		}
		return o
	}
	slices.SortFunc(rows, order)
	rows = slices.CompactFunc(rows, func(a, b row) bool { return a.k.id == b.k.id })
	var p dossier.Page
	if len(rows) > limit {
		rows, more = rows[:limit], true
	}
	for _, r := range rows {
		p.Rows = append(p.Rows, r.s)
	}
	if more && len(rows) > 0 {
		p.Next = rows[len(rows)-1].k.String(sort)
	}
	if skipTotal {
		return p, nil
	}
	for i, l := range ls {
		n, capped, err := db.countList(ctx, l, fs[i].HandledBy)
		if err != nil {
			return dossier.Page{}, err
		}
		p.Total += n
		p.TotalCapped = p.TotalCapped || capped
	}
	if len(fs) == 2 && !p.TotalCapped {
		both, err := db.dossierList(ctx, bothFilters(fs[0], fs[1]), sort)
		if err != nil {
			return dossier.Page{}, err
		}
		n, _, err := db.countList(ctx, both, 0)
		if err != nil {
			return dossier.Page{}, err
		}
		p.Total -= n
	}
	if limit := db.countCap(); p.Total > limit {
		p.Total, p.TotalCapped = limit, true
	}
	return p, nil
}

// bothFilters is the filter of the dossiers a and b both select, for the
// filters a queue merges (agency, units, handler, open).
func bothFilters(a, b dossier.Filter) dossier.Filter {
	f := a
	f.Open = a.Open || b.Open
	f.Overdue = a.Overdue || b.Overdue
	f.DueSoon = a.DueSoon || b.DueSoon
	if f.HandlerID == 0 {
		f.HandlerID = b.HandlerID
	}
	switch {
	case f.UnitIDs == nil:
		f.UnitIDs = b.UnitIDs
	case b.UnitIDs != nil:
		var both []int64
		for _, u := range f.UnitIDs {
			if slices.Contains(b.UnitIDs, u) {
				both = append(both, u)
			}
		}
		f.UnitIDs = append(both, 0) // never empty: the intersection may be
	}
	if len(f.Statuses) == 0 {
		f.Statuses = b.Statuses
	}
	return f
}
