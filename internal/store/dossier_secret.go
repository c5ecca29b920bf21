package store

import (
	"context"

	"congvu/internal/apperr"
	"congvu/internal/audit"
)

// ReissueLookupSecret gives a dossier a new lookup secret (cấp lại mã tra
// cứu) and returns it: the only way to print a receipt with a secret after
// the intake, since only the secret's HMAC is kept. The old secret stops
// working at once; the journal records who reissued it (never the secret).
// The caller checks the permission (dossier.CanReissueSecret).
// Errors: apperr.NotFound for an unknown code.
func (db *DB) ReissueLookupSecret(ctx context.Context, actor audit.Actor, code string) (string, error) {
	secret := newLookupSecret()
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec("UPDATE dossiers SET secret_hash = ? WHERE code = ?", db.hashLookupSecret(secret), code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.NotFoundf("Không tìm thấy hồ sơ %s", "no dossier %s", code)
		}
		return tx.Audit(actor, "dossier", code, "reissue_lookup_secret", nil)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}
