package store

import "context"

// QueryStringsRaw runs a one-column read for the benchmarks' setup.
func (db *DB) QueryStringsRaw(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return collectRows(rows, func(r interface{ Scan(...any) error }) (string, error) {
		var s string
		return s, r.Scan(&s)
	})
}
