package store

// Stands in for invcore's FindProjectByCode until wt-invcore is merged; the
// merge commit deletes it.

import (
	"context"

	"congvu/internal/investment"
)

func (db *DB) FindProjectByCode(ctx context.Context, agencyID int64, code string) (investment.Project, error) {
	var p investment.Project
	err := db.queryRow(ctx, `SELECT id, agency_id, code, name, investor_id, managing_unit_id, sector_band FROM projects WHERE agency_id = ? AND code = ?`, agencyID, code).
		Scan(&p.ID, &p.AgencyID, &p.Code, &p.Name, &p.InvestorID, &p.ManagingUnitID, &p.Band)
	return p, err
}

func (db *DB) FindInvestorByID(ctx context.Context, id int64) (investment.Investor, error) {
	var i investment.Investor
	err := db.queryRow(ctx, `SELECT id, agency_id, unit_id, name FROM investors WHERE id = ?`, id).Scan(&i.ID, &i.AgencyID, &i.UnitID, &i.Name)
	return i, err
}
