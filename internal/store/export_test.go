package store

import "context"

// ExecRaw lets the tests tamper with rows behind the store's back.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.d.rebind(q), args...)
	return err
}

// ExpireIdentities ages every cached token and subject past identityFresh,
// as a second going by would.
func (db *DB) ExpireIdentities() {
	c := &db.identities
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, t := range c.tokens {
		t.at = t.at.Add(-identityFresh)
		c.tokens[k] = t
	}
	for k, s := range c.subjects {
		s.at = s.at.Add(-identityFresh)
		c.subjects[k] = s
	}
}

// ExpireCalendars makes the next use of every cached calendar check the
// database again, as two seconds going by would.
func (db *DB) ExpireCalendars() {
	db.cals.mu.Lock()
	defer db.cals.mu.Unlock()
	for _, c := range db.cals.byAgent {
		c.checked = c.checked.Add(-calendarRecheck)
	}
}
