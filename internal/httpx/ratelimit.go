package httpx

import (
	"sync"
	"time"
)

// RateLimiter is a token bucket per client address, for endpoints the
// public can hammer (login, public dossier lookup).
type RateLimiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewRateLimiter allows burst requests at once and perMinute on average.
func NewRateLimiter(perMinute, burst int) *RateLimiter {
	return &RateLimiter{rate: float64(perMinute) / 60, burst: float64(burst), buckets: map[string]*bucket{}, now: time.Now}
}

// Allow reports whether the client may make one more request now.
func (l *RateLimiter) Allow(client string) bool {
	ok, _ := l.Reserve(client)
	return ok
}

// Reserve is Allow that also says, when the answer is no, how long until
// the client's next request would be allowed (for Retry-After).
func (l *RateLimiter) Reserve(client string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[client]
	if b == nil {
		if len(l.buckets) > 100_000 { // forget everyone rather than grow without bound
			l.buckets = map[string]*bucket{}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	}
	b.tokens--
	return true, 0
}

// NewLookupLimiter is the one budget of the public dossier lookup, shared
// by the web page (/tra-cuu) and the API (/api/v1/public/...): a burst of
// 20 look-ups from one client and 20 a minute after, plenty for a family
// following its papers; sharing it means that switching between the two
// doors gives a guesser nothing.
func NewLookupLimiter() *RateLimiter { return NewRateLimiter(LookupPerMinute, LookupBurst) }

// The public lookup's budget per client: LookupBurst at once, then
// LookupPerMinute.
const (
	LookupPerMinute = 20
	LookupBurst     = 20
)
