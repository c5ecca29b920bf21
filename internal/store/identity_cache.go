package store

import (
	"time"

	"congvu/internal/auth"
	"congvu/internal/org"
)

// identityCache keeps, for a second, who an API token belongs to, the
// grants a person holds and a person's own fields: every API request asks
// the first two, every hand-off to a person the third, and they were a
// tenth of a busy server's CPU. A change made through this process to
// people, memberships, delegations, accounts, units or restructurings
// empties it as soon as it commits; a change made by another node sharing
// the database shows within identityFresh.
type identityCache struct {
	tokens   freshCache[string, int64]
	subjects freshCache[int64, auth.Subject]
	people   freshCache[int64, org.Person]
}

// identityFresh bounds how long a cached answer is used.
const identityFresh = time.Second

func newIdentityCache() identityCache {
	return identityCache{
		tokens:   freshCache[string, int64]{fresh: identityFresh},
		subjects: freshCache[int64, auth.Subject]{fresh: identityFresh},
		people:   freshCache[int64, org.Person]{fresh: identityFresh},
	}
}

// identityObjects are the journal's object types whose changes can change a
// token's owner, a subject's grants or a person.
var identityObjects = map[string]bool{"person": true, "account": true, "delegation": true, "unit": true, "restructuring": true}

// forget empties the cache after a change to identities has committed.
func (c *identityCache) forget() {
	c.tokens.forget()
	c.subjects.forget()
	c.people.forget()
}
