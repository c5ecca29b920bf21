package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/investment"
)

// The disbursement rates of a register for a year and a month, from the
// rollups of disbursement_rollup.go: a sum over disbursement_groups for the
// province, an investor, a source or a sector band; a row of
// disbursement_year for a project and for the projects below the curve.

// checkStatsFilter refuses a month that is not one.
func checkStatsFilter(f investment.StatsFilter) error {
	if f.Month < 1 || f.Month > 12 {
		return apperr.Invalidf("month", "Tháng %d không hợp lệ (1 đến 12)", "Month %d is not valid (1 to 12)", f.Month)
	}
	if f.Year < 2000 || f.Year > 2100 {
		return apperr.Invalidf("year", "Năm %d không hợp lệ", "Year %d is not valid", f.Year)
	}
	return nil
}

func monthCol(prefix string, m int) string { return prefix + strconv.Itoa(m) }

// groupWhere is the condition on disbursement_groups (or, with project
// rows, disbursement_year) of a filter, with its arguments.
func groupWhere(f investment.StatsFilter, alias string) (string, []any) {
	w := " WHERE " + alias + "agency_id = ? AND " + alias + "year = ?"
	args := []any{f.AgencyID, f.Year}
	if f.InvestorID != 0 {
		w += " AND " + alias + "investor_id = ?"
		args = append(args, f.InvestorID)
	}
	if f.Source != "" {
		w += " AND " + alias + "source = ?"
		args = append(args, string(f.Source))
	}
	if f.Band != "" {
		w += " AND " + alias + "sector_band = ?"
		args = append(args, string(f.Band))
	}
	return w, args
}

// DisbursementTotals is the plans and the disbursement of the register
// f.AgencyID for f's year up to the end of f's month, limited by f's
// filters: the sum of the groups' rollups, or a project's own row.
// Errors: apperr.Invalid (month, year).
func (db *DB) DisbursementTotals(ctx context.Context, f investment.StatsFilter) (investment.Totals, error) {
	var t investment.Totals
	if err := checkStatsFilter(f); err != nil {
		return t, err
	}
	a, e := monthCol("a", f.Month), monthCol("e", f.Month)
	if f.ProjectID != 0 {
		err := db.queryRow(ctx, `SELECT assigned_by_pm, allocated_locally, `+a+`, `+e+` FROM disbursement_year
			WHERE project_id = ? AND year = ? AND source = ? AND agency_id = ?`, f.ProjectID, f.Year, string(f.Source), f.AgencyID).
			Scan(&t.AssignedByPM, &t.AllocatedLocally, &t.CumulativeActual, &t.EstimateNext)
		if errors.Is(err, sql.ErrNoRows) {
			return investment.Totals{}, nil
		}
		return t, err
	}
	w, args := groupWhere(f, "")
	err := db.queryRow(ctx, `SELECT COALESCE(SUM(assigned_by_pm), 0), COALESCE(SUM(allocated_locally), 0), COALESCE(SUM(`+a+`), 0), COALESCE(SUM(`+e+`), 0)
		FROM disbursement_groups`+w, args...).Scan(&t.AssignedByPM, &t.AllocatedLocally, &t.CumulativeActual, &t.EstimateNext)
	if err != nil {
		return t, fmt.Errorf("disbursement totals: %w", err)
	}
	return t, nil
}

// Breakdown is one line of a breakdown of the totals: its key (an
// investor's id, a source, a sector band) and name.
type Breakdown struct {
	Key  string
	Name string
	investment.Totals
}

// DisbursementBreakdown is DisbursementTotals split by dim: "investor",
// "source" or "sector_band", in the order of the key.
func (db *DB) DisbursementBreakdown(ctx context.Context, f investment.StatsFilter, dim string) ([]Breakdown, error) {
	if err := checkStatsFilter(f); err != nil {
		return nil, err
	}
	col, join, name := "", "", "''"
	switch dim {
	case "investor":
		col, join, name = "g.investor_id", " LEFT JOIN investors i ON i.id = g.investor_id", "COALESCE(MAX(i.name), '')"
	case "source":
		col = "g.source"
	case "sector_band":
		col = "g.sector_band"
	default:
		return nil, apperr.Invalidf("by", "Không chia theo %q được", "Cannot break down by %q", dim)
	}
	a, e := monthCol("g.a", f.Month), monthCol("g.e", f.Month)
	w, args := groupWhere(f, "g.")
	rows, err := db.query(ctx, `SELECT `+col+`, `+name+`, SUM(g.assigned_by_pm), SUM(g.allocated_locally), SUM(`+a+`), SUM(`+e+`)
		FROM disbursement_groups g`+join+w+` GROUP BY `+col+` ORDER BY `+col, args...)
	if err != nil {
		return nil, fmt.Errorf("disbursement by %s: %w", dim, err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (Breakdown, error) {
		var b Breakdown
		var key any
		err := sc.Scan(&key, &b.Name, &b.AssignedByPM, &b.AllocatedLocally, &b.CumulativeActual, &b.EstimateNext)
		b.Key = fmt.Sprint(key)
		if k, ok := key.([]byte); ok {
			b.Key = string(k)
		}
		return b, err
	})
}

// belowCurveWhere is the condition on disbursement_year (alias y) of the
// projects below the curve at f's month, with its arguments and the plan
// column the curve is drawn against. f.Source "" is the projects' rows of
// all their sources.
func belowCurveWhere(f investment.StatsFilter, curve investment.Curve) (w string, args []any, plan string) {
	plan = "y.assigned_by_pm"
	if curve.Against == investment.AgainstLocal {
		plan = "y.allocated_locally"
	}
	w, args = groupWhere(investment.StatsFilter{AgencyID: f.AgencyID, Year: f.Year, InvestorID: f.InvestorID, Band: f.Band}, "y.")
	w += " AND y.source = ? AND " + plan + " > 0 AND " + monthCol("y.a", f.Month) + " * 10000.0 < " + plan + " * ?"
	return w, append(args, string(f.Source), curve.Target(time.Month(f.Month))), plan
}

// BelowCurve lists the projects of f (all sources, or f's source) whose
// rate at the end of f's month is below curve's target, the furthest below
// first, at most limit of them, with how many there are in all.
func (db *DB) BelowCurve(ctx context.Context, f investment.StatsFilter, curve investment.Curve, limit int) ([]investment.ProjectRate, int, error) {
	if err := checkStatsFilter(f); err != nil {
		return nil, 0, err
	}
	w, args, plan := belowCurveWhere(f, curve)
	a, e := monthCol("y.a", f.Month), monthCol("y.e", f.Month)
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM disbursement_year y`+w, args...).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count below curve: %w", err)
	}
	if n == 0 || limit <= 0 {
		return nil, n, nil
	}
	// The rows are sorted and cut to the limit before they are joined to
	// their projects and investors, so that only those are looked up
	// (ties in the order of the project's id, then shown in the order of
	// its code).
	ratio := a + ` * 1.0 / ` + plan
	rows, err := db.query(ctx, `SELECT y.project_id, p.code, p.name, y.investor_id, COALESCE(i.name, ''), y.sector_band,
		y.assigned_by_pm, y.allocated_locally, y.a, y.e
		FROM (SELECT y.project_id, y.investor_id, y.sector_band, y.assigned_by_pm, y.allocated_locally, `+a+` AS a, `+e+` AS e,
			`+ratio+` AS ratio
			FROM disbursement_year y`+w+` ORDER BY `+ratio+`, y.project_id LIMIT ?) y
		JOIN projects p ON p.id = y.project_id LEFT JOIN investors i ON i.id = y.investor_id
		ORDER BY y.ratio, p.code`, append(args, limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("below curve: %w", err)
	}
	out, err := collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.ProjectRate, error) {
		var r investment.ProjectRate
		err := sc.Scan(&r.ProjectID, &r.Code, &r.Name, &r.InvestorID, &r.InvestorName, &r.Band,
			&r.AssignedByPM, &r.AllocatedLocally, &r.CumulativeActual, &r.EstimateNext)
		return r, err
	})
	return out, n, err
}

// ProjectSeries is a project's year month by month: one series per source
// it has a plan or a figure in, and the series of all its sources ("").
func (db *DB) ProjectSeries(ctx context.Context, project int64, year int) ([]investment.Series, error) {
	cols := "source, assigned_by_pm, allocated_locally"
	for _, c := range monthCols {
		cols += ", " + c
	}
	rows, err := db.query(ctx, `SELECT `+cols+` FROM disbursement_year WHERE project_id = ? AND year = ? ORDER BY source`, project, year)
	if err != nil {
		return nil, fmt.Errorf("project series: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.Series, error) {
		var s investment.Series
		dest := []any{&s.Source, &s.AssignedByPM, &s.AllocatedLocally}
		for i := range s.Actual {
			dest = append(dest, &s.Actual[i])
		}
		for i := range s.Estimate {
			dest = append(dest, &s.Estimate[i])
		}
		return s, sc.Scan(dest...)
	})
}
