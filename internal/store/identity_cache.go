package store

import (
	"sync/atomic"
	"time"

	"congvu/internal/auth"
	"congvu/internal/org"
)

// identityCache keeps, for a second, who an API token belongs to, the
// grants a person holds and a person's own fields: every API request asks
// the first two, every hand-off to a person the third, and they were a
// tenth of a busy server's CPU. A change to people, memberships,
// delegations, accounts, units or restructurings empties it as soon as it
// commits, on this node and (PostgreSQL, through NOTIFY) on the others.
type identityCache struct {
	tokens   freshCache[string, int64]
	subjects freshCache[int64, auth.Subject]
	people   freshCache[int64, org.Person]
}

// identityFresh bounds how long a cached answer is used on SQLite.
const identityFresh = time.Second

func newIdentityCache(fresh time.Duration, live *atomic.Bool) identityCache {
	return identityCache{
		tokens:   freshCache[string, int64]{fresh: fresh, live: live},
		subjects: freshCache[int64, auth.Subject]{fresh: fresh, live: live},
		people:   freshCache[int64, org.Person]{fresh: fresh, live: live},
	}
}

// forget empties the cache after a change to identities has committed.
func (c *identityCache) forget() {
	c.tokens.forget()
	c.subjects.forget()
	c.people.forget()
}
