package store

import (
	"context"
	"fmt"
	"sort"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// otherField labels the procedures that name no field.
const otherField = "Lĩnh vực khác"

// DossierReportLines breaks the period report of unit down as Biểu II.06a
// lists it: one line per field (lĩnh vực) of the procedures its dossiers
// follow, and one line per unit — the unit's own dossiers, then each unit
// below it with its subtree. Each breakdown splits the same dossiers, so
// either list adds up to DossierReport of the unit (dossier.Report.Add).
// Both come from the rollups, one report per line.
func (db *DB) DossierReportLines(ctx context.Context, unit int64, from, to calendar.Date) (byField, byUnit []dossier.ReportLine, err error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, nil, err
	}
	units := statsUnits(tree, unit)
	snaps := map[calendar.Date]bool{}
	fields, err := db.reportFields(ctx, tree, units)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range fields {
		r, err := db.dossierReport(ctx, units, f.codes, from, to, snaps)
		if err != nil {
			return nil, nil, err
		}
		if r == (dossier.Report{From: from, To: to}) {
			continue // no dossier of this field in the period: no line
		}
		byField = append(byField, dossier.ReportLine{Label: f.name, Field: f.name, Report: r})
	}
	// The unit's own line holds what no unit below it leads.
	below := map[int64]bool{}
	type part struct {
		id    int64
		units []int64
	}
	var parts []part
	u, _ := tree.Unit(unit)
	for _, c := range tree.Children(unit) {
		if tree.AgencyOf(c) != u.AgencyID {
			continue // a department below the committee reports on its own
		}
		sub := statsUnits(tree, c)
		for _, id := range sub {
			below[id] = true
		}
		parts = append(parts, part{c, sub})
	}
	var own []int64
	for _, id := range units {
		if !below[id] {
			own = append(own, id)
		}
	}
	parts = append([]part{{unit, own}}, parts...)
	for _, p := range parts {
		r, err := db.dossierReport(ctx, p.units, nil, from, to, snaps)
		if err != nil {
			return nil, nil, err
		}
		name := ""
		if pu, ok := tree.Unit(p.id); ok {
			name = pu.Name
		}
		byUnit = append(byUnit, dossier.ReportLine{Label: name, UnitID: p.id, Report: r})
	}
	return byField, byUnit, nil
}

type reportField struct {
	name  string
	codes []string
}

// reportFields groups the procedures of the catalogues of units' agencies
// (a restructured unit's old agency included) by their field, as the
// latest version of each procedure names it, in the order of the fields'
// names (the procedures without one last). The catalogue, not the
// rollups, says which procedures there are: reading a unit's daily rollups
// for them took a hundred milliseconds at 100,000 dossiers; the fields
// without a dossier in the period are left out afterwards.
func (db *DB) reportFields(ctx context.Context, tree *org.Tree, units []int64) ([]reportField, error) {
	if len(units) == 0 {
		return nil, nil
	}
	var args []any
	seen := map[int64]bool{}
	for _, u := range units {
		if a := tree.AgencyOf(u); a != 0 && !seen[a] {
			seen[a] = true
			args = append(args, a)
		}
	}
	if len(args) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT code, field, version FROM procedures WHERE agency_id IN (`+placeholders(len(args))+`)
		ORDER BY code, version`, args...)
	if err != nil {
		return nil, fmt.Errorf("report fields: %w", err)
	}
	defer rows.Close()
	fieldOf := map[string]string{}
	for rows.Next() {
		var code, field string
		var version int
		if err := rows.Scan(&code, &field, &version); err != nil {
			return nil, err
		}
		fieldOf[code] = field // the latest version's, rows come in version order
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byName := map[string][]string{}
	for code, f := range fieldOf {
		if f == "" {
			f = otherField
		}
		byName[f] = append(byName[f], code)
	}
	out := make([]reportField, 0, len(byName))
	for name, codes := range byName {
		sort.Strings(codes)
		out = append(out, reportField{name, codes})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].name == otherField) != (out[j].name == otherField) {
			return out[j].name == otherField
		}
		return out[i].name < out[j].name
	})
	return out, nil
}
