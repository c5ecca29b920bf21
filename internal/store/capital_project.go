package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/investment"
)

// moneyProject is what the capital plans and the disbursement figures need
// of a project: the project with its investor, locked for the transaction.
type moneyProject struct {
	investment.Project
	Investor investment.Investor
}

// lockMoneyProject reads project code of agency's register with its
// investor, locking the project's row so that figures of one project are
// written one after the other (their rollups depend on each other).
// Errors: apperr.NotFound naming the field "project".
func lockMoneyProject(tx *Tx, agency int64, code string) (moneyProject, error) {
	var p moneyProject
	var managing sql.NullInt64
	err := tx.QueryRow(`SELECT id, agency_id, code, name, investor_id, managing_unit_id, sector_band FROM projects
		WHERE agency_id = ? AND code = ?`+tx.ForUpdate(), agency, code).
		Scan(&p.ID, &p.AgencyID, &p.Code, &p.Name, &p.InvestorID, &managing, &p.Band)
	if errors.Is(err, sql.ErrNoRows) {
		e := apperr.NotFoundf("Không có dự án mã %q", "No project with code %q", code)
		e.Field = "project"
		return p, e
	}
	if err != nil {
		return p, fmt.Errorf("project %q: %w", code, err)
	}
	p.ManagingUnitID = managing.Int64
	err = tx.QueryRow(`SELECT id, agency_id, unit_id, name FROM investors WHERE id = ?`, p.InvestorID).
		Scan(&p.Investor.ID, &p.Investor.AgencyID, &p.Investor.UnitID, &p.Investor.Name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("investor of project %q: %w", code, err)
	}
	return p, nil
}

// extensionOf reads the Art 72 extension of a project's plan year, nil
// when there is none.
func extensionOf(tx *Tx, project int64, year int) (*investment.Extension, error) {
	e := investment.Extension{Year: year}
	var until string
	var file sql.NullInt64
	err := tx.QueryRow(`SELECT until_date, decision_number, decision_date, decision_signer, decision_file_id FROM capital_extensions
		WHERE project_id = ? AND year = ?`, project, year).Scan(&until, &e.Decision.Number, &e.Decision.Date, &e.Decision.Signer, &file)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("extension of %d: %w", year, err)
	}
	e.Decision.FileID = file.Int64
	if e.Until, err = parseStoredDate(until); err != nil {
		return nil, err
	}
	return &e, nil
}

func nullFile(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// RegisterOf is the agency whose project register a person of agency
// works on: the department itself, or, for an investor's staff (whose
// investor unit is an agency of its own), the department keeping the
// register their investor is in.
func (db *DB) RegisterOf(ctx context.Context, agency int64) (int64, error) {
	var reg int64
	err := db.queryRow(ctx, `SELECT agency_id FROM investors WHERE unit_id = ?`, agency).Scan(&reg)
	if errors.Is(err, sql.ErrNoRows) {
		return agency, nil
	}
	if err != nil {
		return 0, fmt.Errorf("register of %d: %w", agency, err)
	}
	return reg, nil
}

// InvestorOfUnit is the investor whose own unit unit is (0: none).
func (db *DB) InvestorOfUnit(ctx context.Context, unit int64) (int64, error) {
	var id int64
	err := db.queryRow(ctx, `SELECT id FROM investors WHERE unit_id = ?`, unit).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
