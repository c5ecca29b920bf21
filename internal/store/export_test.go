package store

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"time"
)

// ExecRaw lets the tests tamper with rows behind the store's back.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.d.rebind(q), args...)
	return err
}

// MigrateTo applies the migrations up to version v, as a database made by
// an older congvu had them.
func (db *DB) MigrateTo(ctx context.Context, v int) error {
	_, err := db.migrate(ctx, v)
	return err
}

// ExpireIdentities ages every cached token, subject and person past
// their freshness, as a second (on SQLite) going by would.
func (db *DB) ExpireIdentities() {
	db.identities.tokens.age(db.identities.tokens.fresh)
	db.identities.subjects.age(db.identities.subjects.fresh)
	db.identities.people.age(db.identities.people.fresh)
}

// ExpireCalendars makes the next use of every cached calendar check the
// database again, as two seconds going by would.
func (db *DB) ExpireCalendars() {
	db.cals.mu.Lock()
	defer db.cals.mu.Unlock()
	for _, c := range db.cals.byAgent {
		c.checked = c.checked.Add(-db.calRecheck)
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
// would, with its own caches, writers and listener (and opt's clock and
// freshness); it is closed when t ends.
func (db *DB) OpenAnotherNode(t interface{ Cleanup(func()) }, opt Options) (*DB, error) {
	other, err := Open(context.Background(), db.url, opt)
	if err == nil {
		t.Cleanup(func() { other.Close() })
	}
	return other, err
}

// ListenerPID is the server process of the node's listener connection
// (0 when it has none), for a test to end it.
func (db *DB) ListenerPID() uint32 {
	if db.listen == nil {
		return 0
	}
	db.listen.mu.Lock()
	defer db.listen.mu.Unlock()
	if db.listen.conn == nil {
		return 0
	}
	return db.listen.conn.PgConn().PID()
}

// Barrier waits until node other has heard every notification sent before
// it: a notification sent now through db arrives after them.
func (db *DB) Barrier(ctx context.Context, other *DB) error {
	mark := "@settle@" + rand.Text()
	got := make(chan struct{})
	var once sync.Once
	f := func(p string) {
		if p == mark {
			once.Do(func() { close(got) })
		}
	}
	other.listen.heard.Store(&f)
	defer other.listen.heard.Store(nil)
	if err := db.ExecRaw(ctx, "SELECT pg_notify('"+invalidateChannel+"', ?)", mark); err != nil {
		return err
	}
	select {
	case <-got:
		return nil
	case <-time.After(10 * time.Second):
		return errors.New("the other node did not hear the mark")
	}
}

// ListenerPings is how many times the node's listener checked its silent
// connection.
func (db *DB) ListenerPings() int64 { return db.listen.pings.Load() }

// PingListenersEvery makes listeners opened from now on check a silent
// connection after d; it returns the undo.
func PingListenersEvery(d time.Duration) func() {
	old := listenPing
	listenPing = d
	return func() { listenPing = old }
}

// URL is the database's URL, for tests that open it again themselves.
func (db *DB) URL() string { return db.url }

// Listening reports whether the node hears of other nodes' changes, and
// how many times its listener has connected.
func (db *DB) Listening() (bool, int64) {
	if db.listen == nil {
		return db.live.Load(), 0
	}
	return db.live.Load(), db.listen.connects.Load()
}

// SearchDossiersByScan is the search before migration 0009, the baseline
// of BenchmarkDossierSearch: LIKE on every row of the agency, newest first.
func (db *DB) SearchDossiersByScan(ctx context.Context, agency int64, query string) (int, error) {
	rows, err := db.query(ctx, `SELECT d.code FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
		WHERE d.agency_id = ? AND d.search_text LIKE ? ESCAPE '\' ORDER BY d.id DESC LIMIT 100`, agency, likeFold(query))
	if err != nil {
		return 0, err
	}
	codes, err := collectRows(rows, scanValue[string])
	return len(codes), err
}

// SampleNothingForSearch makes the next searches' sample of the newest
// rows empty for ten minutes, so that every query counts as rare and is
// asked of the trigram index: in a test's few rows every query found
// would otherwise count as common.
func (db *DB) SampleNothingForSearch() {
	for _, s := range []*trigramSample{&db.dossierTri, &db.taskTri} {
		s.mu.Lock()
		s.count, s.texts, s.taken = map[string]int{}, nil, time.Now()
		s.mu.Unlock()
	}
}

// SearchTasksByScan is task search before migration 0010, the baseline of
// BenchmarkTaskSearch: LIKE on every task of the agency (or of the units),
// by deadline.
func (db *DB) SearchTasksByScan(ctx context.Context, agency int64, units []int64, query string) (int, error) {
	q, args := `SELECT id FROM tasks WHERE agency_id = ?`, []any{agency}
	if units != nil {
		q += " AND lead_unit_id IN (" + placeholders(len(units)) + ")"
		for _, u := range units {
			args = append(args, u)
		}
	}
	rows, err := db.query(ctx, q+` AND search_text LIKE ? ESCAPE '\' ORDER BY deadline_at, id LIMIT 50`, append(args, likeFold(query))...)
	if err != nil {
		return 0, err
	}
	ids, err := collectRows(rows, scanValue[int64])
	return len(ids), err
}

// ListsAsBefore makes the dossier lists count up to 10,000 and search a
// dossier's code through the trigram index, as they did before issue
// #12's "lists that scale", or (false) as they do now: the baseline of
// BenchmarkScaleLists in the same run.
func (db *DB) ListsAsBefore(on bool) {
	if on {
		db.before = listsBefore{cap: 10_000, codeByWord: true}
		return
	}
	db.before = listsBefore{}
}
