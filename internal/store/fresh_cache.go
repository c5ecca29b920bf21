package store

import (
	"sync"
	"sync/atomic"
	"time"
)

// freshCache keeps answers read from the database for a while, for the
// questions every request asks. Whatever changes an answer, committed
// through this process, empties the cache (forget); on PostgreSQL a change
// committed by another node empties it as soon as its notification arrives
// (invalidate.go), and fresh is only a safety net; on SQLite, where the
// command line may write the same file without telling, a change made
// behind the server's back shows within fresh.
type freshCache[K comparable, V any] struct {
	mu    sync.Mutex
	gen   uint64 // counts the changes; an answer read before one is not kept
	m     map[K]freshEntry[V]
	fresh time.Duration
	// live, when set, says whether the node hears of other nodes' changes:
	// while it does not, nothing is answered from the cache nor kept in it.
	live *atomic.Bool
}

type freshEntry[V any] struct {
	v  V
	at time.Time
}

// maxFreshEntries bounds a cache; past it the cache starts over.
const maxFreshEntries = 4096

// get returns the answer for k when it is fresh, and the generation to
// hand to put with an answer read now.
func (c *freshCache[K, V]) get(k K) (V, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || time.Since(e.at) >= c.fresh || (c.live != nil && !c.live.Load()) {
		var zero V
		return zero, c.gen, false
	}
	return e.v, c.gen, true
}

// put keeps v, read at at, unless something changed since gen.
func (c *freshCache[K, V]) put(gen uint64, k K, v V, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || (c.live != nil && !c.live.Load()) {
		return
	}
	if c.m == nil || len(c.m) >= maxFreshEntries {
		c.m = map[K]freshEntry[V]{}
	}
	c.m[k] = freshEntry[V]{v, at}
}

// forget empties the cache after a change has committed.
func (c *freshCache[K, V]) forget() {
	c.mu.Lock()
	c.gen++
	c.m = nil
	c.mu.Unlock()
}

// age makes every answer older by d, as time going by would (for tests).
func (c *freshCache[K, V]) age(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		e.at = e.at.Add(-d)
		c.m[k] = e
	}
}
