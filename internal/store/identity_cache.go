package store

import (
	"sync"
	"time"

	"congvu/internal/auth"
)

// identityCache keeps, for a second, who an API token belongs to and the
// grants a person holds: every API request asks both, and they were a
// tenth of a busy server's CPU. A change made through this process to
// people, memberships, delegations, accounts, units or restructurings
// empties it as soon as it commits; a change made by another node sharing
// the database shows within identityFresh.
type identityCache struct {
	mu       sync.Mutex
	gen      uint64 // counts the changes; an entry read before one is not kept
	tokens   map[string]cachedToken
	subjects map[int64]cachedSubject
}

// identityFresh bounds how long a cached token or subject is used.
const identityFresh = time.Second

// maxCachedIdentities bounds each map; past it the cache starts over.
const maxCachedIdentities = 4096

type cachedToken struct {
	person int64
	at     time.Time
}

type cachedSubject struct {
	s  auth.Subject
	at time.Time
}

// identityObjects are the journal's object types whose changes can change a
// token's owner or a subject's grants.
var identityObjects = map[string]bool{"person": true, "account": true, "delegation": true, "unit": true, "restructuring": true}

func (c *identityCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// forget empties the cache after a change to identities has committed.
func (c *identityCache) forget() {
	c.mu.Lock()
	c.gen++
	c.tokens, c.subjects = nil, nil
	c.mu.Unlock()
}

func (c *identityCache) token(hash string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.tokens[hash]
	if !ok || time.Since(t.at) >= identityFresh {
		return 0, false
	}
	return t.person, true
}

func (c *identityCache) putToken(gen uint64, hash string, person int64, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.tokens == nil || len(c.tokens) >= maxCachedIdentities {
		c.tokens = map[string]cachedToken{}
	}
	c.tokens[hash] = cachedToken{person, at}
}

// subject returns a copy of the cached subject: callers mark it (Token).
func (c *identityCache) subject(person int64) (*auth.Subject, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.subjects[person]
	if !ok || time.Since(s.at) >= identityFresh {
		return nil, false
	}
	cp := s.s
	return &cp, true
}

func (c *identityCache) putSubject(gen uint64, s *auth.Subject, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.subjects == nil || len(c.subjects) >= maxCachedIdentities {
		c.subjects = map[int64]cachedSubject{}
	}
	cp := *s
	cp.Token = false
	c.subjects[s.PersonID] = cachedSubject{cp, at}
}
