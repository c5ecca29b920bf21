package store

import (
	"context"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/dossier"
)

// ImportProcedures adds a version of each procedure to an agency's
// catalogue, all in ONE transaction: either every version is created or
// none. Each is validated first; the first failure is an apperr.Invalid
// naming the procedure's place in the list (from 1) and its field.
func (db *DB) ImportProcedures(ctx context.Context, actor audit.Actor, agencyID int64, procs []dossier.Procedure) error {
	if len(procs) == 0 {
		return apperr.Invalidf("procedures", "không có thủ tục nào để nhập", "no procedure to import")
	}
	for i := range procs {
		procs[i].AgencyID, procs[i].Version = agencyID, 1
		if err := procs[i].Validate(); err != nil {
			return importErr(i, procs[i].Code, err)
		}
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		for i, p := range procs {
			created, err := createProcedureVersion(tx, tree, p)
			if err != nil {
				return importErr(i, p.Code, err)
			}
			if err := tx.Audit(actor, "procedure", created.Code, "create_version", map[string]any{
				"agency_id": agencyID, "version": created.Version, "name": created.Name, "effective_from": created.EffectiveFrom.String(),
				"limit": created.Limit.Value, "unit": created.Limit.Unit.String(), "steps": len(created.Steps), "import": true}); err != nil {
				return err
			}
		}
		return nil
	})
}

// importErr prefixes a user error with the procedure it concerns.
func importErr(i int, code string, err error) error {
	e := apperr.As(err)
	if e == nil {
		return fmt.Errorf("import procedure %d (%s): %w", i+1, code, err)
	}
	return &apperr.Error{Code: e.Code, Field: fmt.Sprintf("procedures[%d].%s", i, e.Field),
		VI: fmt.Sprintf("Thủ tục thứ %d (%s): %s", i+1, code, e.VI), EN: fmt.Sprintf("procedure %d (%s): %s", i+1, code, e.EN)}
}

// FindCatalogue returns every stored version of an agency's procedures,
// by field, code and version: what the catalogue export writes.
func (db *DB) FindCatalogue(ctx context.Context, agencyID int64) ([]dossier.Procedure, error) {
	rows, err := db.query(ctx, "SELECT "+procedureColumns+" FROM procedures WHERE agency_id = ? ORDER BY field, code, version", agencyID)
	if err != nil {
		return nil, fmt.Errorf("find catalogue: %w", err)
	}
	defer rows.Close()
	var out []dossier.Procedure
	for rows.Next() {
		_, p, err := scanProcedure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
