package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Several nodes on one PostgreSQL database keep each other's caches true
// through LISTEN/NOTIFY: every commit group whose transactions changed
// what a cache holds sends, in the committing transaction, one
//
//	NOTIFY congvu_invalidate, '<kind>[,<kind>…]@<schema>@<node>'
//
// (kinds: identity, tree, procedure, calendar, news), which PostgreSQL delivers to
// every listening session only when, and if, the transaction commits. Each
// node listens on a connection of its own (listener) and forgets what the
// kinds name. The schema (the connection's current_schema()) lets
// deployments, or tests, sharing one database ignore each other; the node
// (random, per process) lets the sender ignore its own, as it has
// forgotten already.
//
// A node whose listener is not connected may have missed notifications,
// so while it is down the caches answer nothing and keep nothing, and on
// every (re)connection the node forgets them all.
const invalidateChannel = "congvu_invalidate"

// invalidation is a set of kinds of cached answers a change made stale.
type invalidation uint8

const (
	// invIdentity: tokens, subjects and people.
	invIdentity invalidation = 1 << iota
	// invTree: the organisation tree.
	invTree
	// invProcedure: which procedure version is in force.
	invProcedure
	// invCalendar: the agencies' working-time calendars.
	invCalendar
	// invNews: the portal's articles and their stored view counts, which
	// the public pages keep (NewsGeneration).
	invNews
	invAll = invIdentity | invTree | invProcedure | invCalendar | invNews
)

var invalidationNames = []struct {
	k    invalidation
	name string
}{{invIdentity, "identity"}, {invTree, "tree"}, {invProcedure, "procedure"}, {invCalendar, "calendar"}, {invNews, "news"}}

// kinds names the kinds, as the payload does before its schema.
func (k invalidation) kinds() string {
	var names []string
	for _, n := range invalidationNames {
		if k&n.k != 0 {
			names = append(names, n.name)
		}
	}
	return strings.Join(names, ",")
}

// parseInvalidation reads a payload: one of another schema says nothing
// to this node; a kind it does not know (sent by a newer version during a
// rolling upgrade) is taken to mean everything.
func parseInvalidation(payload, schema, node string) invalidation {
	kinds, rest, ok := strings.Cut(payload, "@")
	if !ok {
		return 0
	}
	i := strings.LastIndexByte(rest, '@')
	if i < 0 || rest[:i] != schema || rest[i+1:] == node {
		return 0
	}
	var k invalidation
	for _, name := range strings.Split(kinds, ",") {
		known := false
		for _, n := range invalidationNames {
			if n.name == name {
				k, known = k|n.k, true
			}
		}
		if !known && name != "" {
			return invAll
		}
	}
	return k
}

// invalidationObjects are the journal's object types whose changes make
// cached answers stale, by the kind they make stale. A transaction that
// journals one of them marks the kind (Tx.changed), forgotten on this node
// as soon as it commits and on the others through NOTIFY.
var invalidationObjects = map[string]invalidation{
	"person": invIdentity, "account": invIdentity, "delegation": invIdentity,
	"unit": invIdentity | invTree, "restructuring": invIdentity | invTree,
	"procedure":    invProcedure,
	"calendar":     invCalendar,
	"office_hours": invCalendar, "agency_days_off": invCalendar,
}

// unchangingActions are journalled actions on those objects that change no
// cached answer: a login (or a failed one) writes the account's counters and
// a session, which nothing caches, and without this every login attempt on
// any node would empty every node's identity cache.
var unchangingActions = map[string]bool{"login": true, "login_failed": true, "locked": true, "logout": true}

// invalidates is what journalling action on an object of objectType makes stale.
func invalidates(objectType, action string) invalidation {
	if unchangingActions[action] {
		return 0
	}
	if strings.HasPrefix(objectType, "article") || strings.HasPrefix(objectType, "news") {
		return invNews // an article, and whatever is journalled as a part of one
	}
	return invalidationObjects[objectType]
}

// forget empties the caches of the kinds k, on this node.
func (db *DB) forget(k invalidation) {
	if k&invIdentity != 0 {
		db.identities.forget()
	}
	if k&invTree != 0 {
		db.forgetTree()
	}
	if k&invProcedure != 0 {
		db.inForce.forget()
	}
	if k&invCalendar != 0 {
		db.cals.forget()
	}
	if k&invNews != 0 {
		db.newsGen.Add(1)
	}
}

// NewsGeneration numbers the states of the portal's articles as this node
// knows them: it moves on after every committed change of an article (its
// text, state or stored views — a flush of the counts) on any node, and
// whenever this node may have missed one. ok is false while a change
// could go unheard (PostgreSQL's listener down): then nothing may be kept.
// The public pages keep what they read under it (internal/web).
func (db *DB) NewsGeneration() (gen int64, ok bool) {
	return db.newsGen.Load(), db.live.Load()
}

// notifyStatement is sent last in a committing transaction that changed
// something cached, with the kinds as its argument.
const notifyStatement = "SELECT pg_notify('" + invalidateChannel + "', CAST(? AS TEXT) || '@' || COALESCE(current_schema(), '') || '@' || CAST(? AS TEXT))"

// listener is a node's LISTEN connection on PostgreSQL.
type listener struct {
	cfg  *pgx.ConnConfig
	db   *DB
	stop chan struct{}
	done chan struct{}
	// first is closed once the first session has listened or failed, so
	// that Open returns a node whose caches are on when they can be.
	first     chan struct{}
	firstOnce sync.Once
	once      sync.Once
	// connects counts the sessions that reached LISTEN, pings the checks
	// of a silent connection (for tests).
	connects, pings atomic.Int64
	mu              sync.Mutex
	conn            *pgx.Conn // the current session's connection, for close
	// heard, when set (tests), is told every payload after it is handled.
	heard atomic.Pointer[func(string)]
}

// Timing of the listener: how long to wait before connecting again (at
// first, and at most), and how long a silent connection waits before it
// checks that the server still has it (a connection whose peer vanished
// without a word would otherwise wait forever, and miss everything).
var (
	listenRetryMin = 100 * time.Millisecond
	listenRetryMax = 5 * time.Second
	listenPing     = 15 * time.Second
)

func newListener(db *DB, cfg *pgx.ConnConfig) *listener {
	cfg = cfg.Copy()
	cfg.RuntimeParams["application_name"] = "congvu listener"
	l := &listener{cfg: cfg, db: db, stop: make(chan struct{}), done: make(chan struct{}), first: make(chan struct{})}
	go l.run()
	return l
}

func (l *listener) run() {
	defer close(l.done)
	defer l.firstDone()
	wait := listenRetryMin
	for {
		start := time.Now()
		err := l.session()
		// Whatever it was, this node may miss notifications from now on.
		l.db.live.Store(false)
		l.db.forget(invAll)
		l.firstDone()
		select {
		case <-l.stop:
			return
		default:
		}
		if time.Since(start) > listenRetryMax {
			wait = listenRetryMin // it had been working: try again soon
		}
		l.db.log.Warn("cache invalidation listener lost; caches off until it is back", "err", err, "retry_in", wait)
		select {
		case <-l.stop:
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, listenRetryMax)
	}
}

// session connects, listens and forgets what notifications name until the
// connection fails or the listener stops.
func (l *listener) session() error {
	ctx, cancel := context.WithTimeout(context.Background(), pgConnTimeout)
	c, err := pgx.ConnectConfig(ctx, l.cfg)
	if err != nil {
		cancel()
		return err
	}
	l.mu.Lock()
	l.conn = c
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.conn = nil
		l.mu.Unlock()
		_ = c.Close(context.Background())
	}()
	var schema string
	if err := c.QueryRow(ctx, "SELECT COALESCE(current_schema(), '')").Scan(&schema); err != nil {
		cancel()
		return err
	}
	if _, err := c.Exec(ctx, "LISTEN "+invalidateChannel); err != nil {
		cancel()
		return err
	}
	cancel()
	// Listening from here: whatever changed before is forgotten now, and
	// whatever changes after will be told.
	l.db.forget(invAll)
	l.db.live.Store(true)
	l.connects.Add(1)
	l.firstDone()
	for {
		select {
		case <-l.stop:
			return nil
		default:
		}
		wctx, wcancel := context.WithTimeout(context.Background(), listenPing)
		n, err := c.WaitForNotification(wctx)
		wcancel()
		if errors.Is(err, context.DeadlineExceeded) {
			pctx, pcancel := context.WithTimeout(context.Background(), pgConnTimeout)
			err = c.Ping(pctx)
			pcancel()
			if err != nil {
				return err
			}
			l.pings.Add(1)
			continue
		}
		if err != nil {
			return err
		}
		if k := parseInvalidation(n.Payload, schema, l.db.node); k != 0 {
			l.db.forget(k)
		}
		if h := l.heard.Load(); h != nil {
			(*h)(n.Payload)
		}
	}
}

func (l *listener) firstDone() { l.firstOnce.Do(func() { close(l.first) }) }

// close stops the listener and waits for it.
func (l *listener) close() {
	l.once.Do(func() {
		close(l.stop)
		l.mu.Lock()
		if l.conn != nil {
			// Ends a WaitForNotification in progress.
			_ = l.conn.PgConn().Conn().Close()
		}
		l.mu.Unlock()
		<-l.done
	})
}
