package store

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/investment"
)

// The disbursement rollups (migration 0025): per project, year and source
// (and source '' for all of a project's sources) in disbursement_year, and
// per agency, year, investor, source and sector band in
// disbursement_groups, each with the year's two annual plans and, for each
// month, the cumulative actual and the estimate standing at its end. They
// change in the same transaction as the plan or the figure that changes
// them, so that a rate for any month and filter is a sum over rollup rows,
// never a scan of the figures (as dossier_daily is for dossiers).

// yearDelta is what a plan or a figure adds to a year's rollup rows.
type yearDelta struct {
	pm, local int64
	a, e      [12]int64
}

func (d yearDelta) zero() bool { return d == yearDelta{} }

// monthCols are the rollup columns a1..a12 then e1..e12.
var monthCols = func() []string {
	var c []string
	for _, p := range []string{"a", "e"} {
		for m := 1; m <= 12; m++ {
			c = append(c, p+strconv.Itoa(m))
		}
	}
	return c
}()

func rollupUpsert(table, key string, keyCols []string) string {
	cols := append(append([]string{}, keyCols...), "assigned_by_pm", "allocated_locally")
	cols = append(cols, monthCols...)
	sets := make([]string, 0, 26)
	for _, c := range cols[len(keyCols):] {
		sets = append(sets, c+" = "+table+"."+c+" + excluded."+c)
	}
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (" + placeholders(len(cols)) +
		") ON CONFLICT (" + key + ") DO UPDATE SET " + strings.Join(sets, ", ")
}

var (
	yearUpsert = rollupUpsert("disbursement_year", "project_id, year, source",
		[]string{"project_id", "year", "source", "agency_id", "investor_id", "sector_band"})
	groupUpsert = rollupUpsert("disbursement_groups", "agency_id, year, investor_id, source, sector_band",
		[]string{"agency_id", "year", "investor_id", "source", "sector_band"})
)

func (d yearDelta) args(keys ...any) []any {
	args := append(keys, d.pm, d.local)
	for _, v := range d.a {
		args = append(args, v)
	}
	for _, v := range d.e {
		args = append(args, v)
	}
	return args
}

// addRollups adds d to the rollup rows of project p's year and source.
func addRollups(tx *Tx, p moneyProject, year int, src investment.Source, d yearDelta) error {
	if d.zero() {
		return nil
	}
	band := string(p.Band)
	for _, s := range []string{string(src), ""} {
		if err := tx.Write("disbursement rollup of project", yearUpsert, d.args(p.ID, year, s, p.AgencyID, p.InvestorID, band)...); err != nil {
			return err
		}
	}
	return tx.Write("disbursement rollup of group", groupUpsert, d.args(p.AgencyID, year, p.InvestorID, string(src), band)...)
}

// figureDelta is what a month's figure changing from the standing values
// (oldA, oldE) to (a, e) adds to the rollups: the difference, over the
// months it stands for (investment.CarrySpan), reported being the other
// months with a figure of their own.
func figureDelta(reported []time.Month, m time.Month, oldA, oldE, a, e int64) yearDelta {
	var d yearDelta
	from, to := investment.CarrySpan(reported, m)
	for k := from; k <= to; k++ {
		d.a[k-1], d.e[k-1] = a-oldA, e-oldE
	}
	return d
}

// rollupSet gathers a batch's rollup deltas so that each rollup row is
// written once, at the batch's end, in the same transaction: a workbook
// of 5,000 figures for 500 projects and two months touches about 3,000
// rows (a project's source and ” rows, the few investor groups), not
// three upserts per figure. The rows are written in key order, so that
// two batches lock shared group rows in the same order.
type rollupSet struct {
	years  map[yearRollupKey]*yearDelta
	groups map[groupRollupKey]*yearDelta
}

type yearRollupKey struct {
	project int64
	year    int
	source  string
	agency  int64
	inv     int64
	band    string
}

type groupRollupKey struct {
	agency int64
	year   int
	inv    int64
	source string
	band   string
}

func newRollupSet() *rollupSet {
	return &rollupSet{years: map[yearRollupKey]*yearDelta{}, groups: map[groupRollupKey]*yearDelta{}}
}

func (d *yearDelta) plus(o yearDelta) {
	d.pm += o.pm
	d.local += o.local
	for i := range d.a {
		d.a[i] += o.a[i]
		d.e[i] += o.e[i]
	}
}

// add is addRollups deferred to write.
func (s *rollupSet) add(p moneyProject, year int, src investment.Source, d yearDelta) {
	if d.zero() {
		return
	}
	for _, k := range []string{string(src), ""} {
		key := yearRollupKey{p.ID, year, k, p.AgencyID, p.InvestorID, string(p.Band)}
		if s.years[key] == nil {
			s.years[key] = &yearDelta{}
		}
		s.years[key].plus(d)
	}
	key := groupRollupKey{p.AgencyID, year, p.InvestorID, string(src), string(p.Band)}
	if s.groups[key] == nil {
		s.groups[key] = &yearDelta{}
	}
	s.groups[key].plus(d)
}

// write upserts the gathered rows.
func (s *rollupSet) write(tx *Tx) error {
	years := make([]yearRollupKey, 0, len(s.years))
	for k := range s.years {
		years = append(years, k)
	}
	slices.SortFunc(years, func(a, b yearRollupKey) int {
		return cmp.Or(cmp.Compare(a.project, b.project), cmp.Compare(a.year, b.year), cmp.Compare(a.source, b.source))
	})
	for _, k := range years {
		if d := *s.years[k]; !d.zero() {
			if err := tx.Write("disbursement rollup of project", yearUpsert, d.args(k.project, k.year, k.source, k.agency, k.inv, k.band)...); err != nil {
				return err
			}
		}
	}
	groups := make([]groupRollupKey, 0, len(s.groups))
	for k := range s.groups {
		groups = append(groups, k)
	}
	slices.SortFunc(groups, func(a, b groupRollupKey) int {
		return cmp.Or(cmp.Compare(a.agency, b.agency), cmp.Compare(a.year, b.year), cmp.Compare(a.inv, b.inv),
			cmp.Compare(a.source, b.source), cmp.Compare(a.band, b.band))
	})
	for _, k := range groups {
		if d := *s.groups[k]; !d.zero() {
			if err := tx.Write("disbursement rollup of group", groupUpsert, d.args(k.agency, k.year, k.inv, k.source, k.band)...); err != nil {
				return err
			}
		}
	}
	return nil
}
