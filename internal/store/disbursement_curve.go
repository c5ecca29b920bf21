package store

import (
	"context"
	"fmt"

	"congvu/internal/audit"
	"congvu/internal/investment"
)

// DisbursementCurves are the target curves of an agency's register, by
// effective year (investment.Curve: UNVERIFIED, an administrator's data).
func (db *DB) DisbursementCurves(ctx context.Context, agency int64) ([]investment.Curve, error) {
	cols := "effective_year, against"
	for m := 1; m <= 12; m++ {
		cols += ", " + monthCol("t", m)
	}
	rows, err := db.query(ctx, `SELECT `+cols+` FROM disbursement_curves WHERE agency_id = ? ORDER BY effective_year`, agency)
	if err != nil {
		return nil, fmt.Errorf("curves: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.Curve, error) {
		var c investment.Curve
		dest := []any{&c.EffectiveYear, &c.Against}
		for i := range c.Targets {
			dest = append(dest, &c.Targets[i])
		}
		return c, sc.Scan(dest...)
	})
}

// CurveFor is the curve in force for year in agency's register
// (investment.CurveFor: the default when none was set).
func (db *DB) CurveFor(ctx context.Context, agency int64, year int) (investment.Curve, error) {
	cs, err := db.DisbursementCurves(ctx, agency)
	if err != nil {
		return investment.Curve{}, err
	}
	return investment.CurveFor(cs, year), nil
}

// SetDisbursementCurve sets the target curve of agency's register from
// c.EffectiveYear (replacing one set for that year), journalled. The
// caller has checked the actor administers the agency. Errors:
// apperr.Invalid from investment.Curve.Validate.
func (db *DB) SetDisbursementCurve(ctx context.Context, actor audit.Actor, agency int64, c investment.Curve) error {
	if err := c.Validate(); err != nil {
		return err
	}
	cols, sets := "agency_id, effective_year, against", "against = excluded.against"
	args := []any{agency, c.EffectiveYear, string(c.Against)}
	for m := 1; m <= 12; m++ {
		t := monthCol("t", m)
		cols += ", " + t
		sets += ", " + t + " = excluded." + t
		args = append(args, c.Targets[m-1])
	}
	cols += ", person_id, at"
	sets += ", person_id = excluded.person_id, at = excluded.at"
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.Write("curve", `INSERT INTO disbursement_curves (`+cols+`) VALUES (`+placeholders(17)+`)
			ON CONFLICT (agency_id, effective_year) DO UPDATE SET `+sets, append(args, actor.PersonID, Micro(tx.Now))...); err != nil {
			return err
		}
		return tx.AuditFor(agency, actor, "disbursement_curve", c.EffectiveYear, "set", c)
	})
}
