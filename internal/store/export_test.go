package store

import "context"

// ExecRaw lets the tests tamper with rows behind the store's back.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.d.rebind(q), args...)
	return err
}
