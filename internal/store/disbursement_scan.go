package store

import (
	"context"
	"fmt"

	"congvu/internal/investment"
)

// DisbursementTotalsByScan computes what DisbursementTotals reads from the
// rollups by scanning the plans and the figures themselves: for each
// project and source, the figure of the last month reported up to f's
// month. It is the oracle the rollups are tested against and the baseline
// of the dashboard's benchmark; no page uses it.
func (db *DB) DisbursementTotalsByScan(ctx context.Context, f investment.StatsFilter) (investment.Totals, error) {
	var t investment.Totals
	if err := checkStatsFilter(f); err != nil {
		return t, err
	}
	w := " WHERE p.agency_id = ?"
	args := []any{f.AgencyID}
	if f.InvestorID != 0 {
		w += " AND p.investor_id = ?"
		args = append(args, f.InvestorID)
	}
	if f.Band != "" {
		w += " AND p.sector_band = ?"
		args = append(args, string(f.Band))
	}
	if f.ProjectID != 0 {
		w += " AND p.id = ?"
		args = append(args, f.ProjectID)
	}
	src := ""
	if f.Source != "" {
		src = " AND %s.source = ?"
	}
	planArgs := append(append([]any{}, args...), f.Year)
	q := `SELECT COALESCE(SUM(c.assigned_by_pm), 0), COALESCE(SUM(c.allocated_locally), 0) FROM capital_plans c JOIN projects p ON p.id = c.project_id` +
		w + ` AND c.kind = 'annual' AND c.year = ?`
	if src != "" {
		q += fmt.Sprintf(src, "c")
		planArgs = append(planArgs, string(f.Source))
	}
	if err := db.queryRow(ctx, q, planArgs...).Scan(&t.AssignedByPM, &t.AllocatedLocally); err != nil {
		return t, fmt.Errorf("plans by scan: %w", err)
	}
	figArgs := append(append([]any{}, args...), f.Year, f.Month)
	q = `SELECT COALESCE(SUM(d.cumulative_actual), 0), COALESCE(SUM(d.estimate_next), 0) FROM disbursements d JOIN projects p ON p.id = d.project_id` +
		w + ` AND d.year = ? AND d.month = (SELECT MAX(x.month) FROM disbursements x
			WHERE x.project_id = d.project_id AND x.year = d.year AND x.source = d.source AND x.month <= ?)`
	if src != "" {
		q += fmt.Sprintf(src, "d")
		figArgs = append(figArgs, string(f.Source))
	}
	if err := db.queryRow(ctx, q, figArgs...).Scan(&t.CumulativeActual, &t.EstimateNext); err != nil {
		return t, fmt.Errorf("figures by scan: %w", err)
	}
	return t, nil
}
