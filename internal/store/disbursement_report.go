package store

import (
	"context"
	"fmt"

	"congvu/internal/investment"
)

// The monthly disbursement report (Biểu 01a/TTKHN, TT 37/2025/TT-BTC), its
// export, the ranking of investors and the investors late with their
// report, read from the rollups RecordDisbursements keeps (disbursement_year
// per project and source, disbursement_groups per investor).

// DisbursementLine is a project and source's standing for a month: the
// year's two plans, the cumulative actual at the end of the month and the
// estimate to the end of the next, and whether the month itself was
// reported (a month not reported stands at the last one reported).
type DisbursementLine struct {
	ProjectID    int64
	ProjectCode  string
	ProjectName  string
	InvestorID   int64
	InvestorName string
	Source       investment.Source
	Reported     bool
	investment.Totals
}

// DisbursementLines lists the project and source lines of the register
// f.AgencyID with a plan or a figure in f.Year, limited by f's filters
// (investor, source, sector band, project), in project code and source
// order. Errors: apperr.Invalid (month, year).
func (db *DB) DisbursementLines(ctx context.Context, f investment.StatsFilter) ([]DisbursementLine, error) {
	if err := checkStatsFilter(f); err != nil {
		return nil, err
	}
	w, args := groupWhere(f, "y.")
	w += " AND y.source <> ''" // the project's all-sources row
	if f.ProjectID != 0 {
		w += " AND y.project_id = ?"
		args = append(args, f.ProjectID)
	}
	a, e := monthCol("y.a", f.Month), monthCol("y.e", f.Month)
	q := `SELECT p.id, p.code, p.name, i.id, i.name, y.source, y.assigned_by_pm, y.allocated_locally, ` + a + `, ` + e + `,
		CASE WHEN EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = y.project_id AND d.year = y.year AND d.source = y.source AND d.month = ?) THEN 1 ELSE 0 END
		FROM disbursement_year y JOIN projects p ON p.id = y.project_id JOIN investors i ON i.id = y.investor_id` + w + ` ORDER BY p.code, y.source`
	rows, err := db.query(ctx, q, append([]any{f.Month}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("disbursement lines: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (DisbursementLine, error) {
		var l DisbursementLine
		var src string
		var reported int
		err := sc.Scan(&l.ProjectID, &l.ProjectCode, &l.ProjectName, &l.InvestorID, &l.InvestorName, &src,
			&l.AssignedByPM, &l.AllocatedLocally, &l.CumulativeActual, &l.EstimateNext, &reported)
		l.Source, l.Reported = investment.Source(src), reported == 1
		return l, err
	})
}

// InvestorRanking ranks the investors of f's register by their rate at the
// end of f's month against the denominator by (investment.RankInvestors),
// from the investor rollups. Errors: apperr.Invalid (month, year).
func (db *DB) InvestorRanking(ctx context.Context, f investment.StatsFilter, by investment.Denominator) ([]investment.InvestorRank, error) {
	bs, err := db.DisbursementBreakdown(ctx, f, "investor")
	if err != nil {
		return nil, err
	}
	list := make([]investment.InvestorTotals, 0, len(bs))
	for _, b := range bs {
		var id int64
		fmt.Sscan(b.Key, &id)
		list = append(list, investment.InvestorTotals{InvestorID: id, Name: b.Name, Totals: b.Totals})
	}
	return investment.RankInvestors(list, by), nil
}

// LateInvestor is an investor that has not reported a month by its due
// date, with its name and how many figures (project × source) are missing.
type LateInvestor struct {
	investment.MissingReport
	Name   string
	UnitID int64 // the investor's own unit, whose staff are reminded
}

// LateInvestors lists the investors of the register agency that owe
// figures for month p — a project and source with a plan in p's year
// (either denominator above zero) and no figure recorded for the month —
// in name order. Whether they are late yet is the caller's question
// (investment.LateMonth).
func (db *DB) LateInvestors(ctx context.Context, agency int64, p investment.Period) ([]LateInvestor, error) {
	rows, err := db.query(ctx, `SELECT i.id, i.name, i.unit_id, COUNT(*) FROM disbursement_year y JOIN investors i ON i.id = y.investor_id
		WHERE y.agency_id = ? AND y.year = ? AND y.source <> '' AND (y.assigned_by_pm > 0 OR y.allocated_locally > 0)
		AND NOT EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = y.project_id AND d.year = y.year AND d.source = y.source AND d.month = ?)
		GROUP BY i.id, i.name, i.unit_id ORDER BY i.name, i.id`, agency, p.Year, p.Month)
	if err != nil {
		return nil, fmt.Errorf("late investors: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (LateInvestor, error) {
		l := LateInvestor{MissingReport: investment.MissingReport{Period: p}}
		err := sc.Scan(&l.InvestorID, &l.Name, &l.UnitID, &l.Missing)
		return l, err
	})
}

// DisbursementRegisters lists the agencies keeping a register with
// investors, for the reminder scan.
func (db *DB) DisbursementRegisters(ctx context.Context) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT DISTINCT agency_id FROM investors ORDER BY agency_id`)
	if err != nil {
		return nil, fmt.Errorf("registers: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	})
}
