package store

import "context"

// ExecRaw lets the tests tamper with rows behind the store's back.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.d.rebind(q), args...)
	return err
}

// ExpireIdentities ages every cached token, subject and person past
// identityFresh, as a second going by would.
func (db *DB) ExpireIdentities() {
	db.identities.tokens.age(identityFresh)
	db.identities.subjects.age(identityFresh)
	db.identities.people.age(identityFresh)
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

// CheckIdleWriters makes every group on PostgreSQL check its connection
// first, as after a second without writes; it returns the undo.
func CheckIdleWriters() func() {
	old := pgIdleCheck
	pgIdleCheck = 0
	return func() { pgIdleCheck = old }
}

// OpenAnotherNode opens the same database again, as a second app node
// would, with its own caches and writers; it is closed when t ends.
func (db *DB) OpenAnotherNode(t interface{ Cleanup(func()) }) (*DB, error) {
	other, err := Open(context.Background(), db.url, Options{})
	if err == nil {
		t.Cleanup(func() { other.Close() })
	}
	return other, err
}

// SearchDossiersByScan is the search before migration 0009, the baseline
// of BenchmarkDossierSearch: LIKE on every row of the agency, newest first.
func (db *DB) SearchDossiersByScan(ctx context.Context, agency int64, query string) (int, error) {
	rows, err := db.query(ctx, `SELECT d.code FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
		WHERE d.agency_id = ? AND d.search_text LIKE ? ESCAPE '\' ORDER BY d.id DESC LIMIT 100`, agency, likeFold(query))
	if err != nil {
		return 0, err
	}
	codes, err := collectRows(rows, func(rs interface{ Scan(...any) error }) (string, error) {
		var c string
		return c, rs.Scan(&c)
	})
	return len(codes), err
}
