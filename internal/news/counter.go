package news

import (
	"context"
	"crypto/sha256"
	"net"
	"strings"
	"sync"
	"time"
)

// The windows of the counts.
const (
	// OnlineWindow: a visitor is "Trực tuyến" for five minutes after a page.
	OnlineWindow = 5 * time.Minute
	// RepeatWindow: a page opened again by the same visitor within it is
	// not a new view, and pages within it of each other are one visit
	// (the usual 30-minute visit of web analytics).
	RepeatWindow = 30 * time.Minute
)

// VisitorID is a visitor as the counter knows it: a hash of the day's
// salt, the address and the browser's user agent. No cookie is set and
// nothing that identifies a person is kept: the salt of a day is dropped
// after it (the store keeps one per day), so tomorrow's hash of the same
// visitor cannot be linked to today's.
type VisitorID [16]byte

// Visitor hashes a visitor with the day's salt.
func Visitor(salt []byte, addr, userAgent string) VisitorID {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		addr = host
	}
	h := sha256.New()
	h.Write(salt)
	h.Write([]byte{0})
	h.Write([]byte(addr))
	h.Write([]byte{0})
	h.Write([]byte(userAgent))
	var id VisitorID
	copy(id[:], h.Sum(nil))
	return id
}

// botTokens are pieces of the user agents of crawlers, link previewers,
// monitors and scripts, which read pages but are no readers (an empty
// agent is a script too). The in-app browsers of Zalo and Facebook are
// readers and not listed; their link previewers are ("preview",
// "facebookexternalhit"). Plain substrings of the lower-cased agent: a
// regular expression of the same cost a page ~100 µs under load, these a
// microsecond.
var botTokens = []string{"bot", "crawl", "spider", "slurp", "fetch", "preview", "monitor", "pingdom", "uptime", "headless",
	"lighthouse", "curl", "wget", "python", "go-http-client", "java/", "okhttp", "axios", "httpclient", "libwww", "scrapy",
	"facebookexternalhit", "whatsapp", "yandex", "baidu", "semrush", "ahrefs", "mj12", "petal"}

// IsBot reports whether a user agent is a crawler's or a script's.
func IsBot(userAgent string) bool {
	ua := strings.ToLower(strings.TrimSpace(userAgent))
	if ua == "" {
		return true
	}
	for _, t := range botTokens {
		if strings.Contains(ua, t) {
			return true
		}
	}
	return false
}

// Delta is what a flush adds to the stored totals: views per article,
// new visits, and the visitors seen since the last flush with the time
// each was last seen (the store keeps them five minutes for "online").
type Delta struct {
	Views  map[int64]int64
	Visits int64
	Seen   map[VisitorID]time.Time
}

// Empty reports whether the delta adds nothing.
func (d Delta) Empty() bool { return len(d.Views) == 0 && d.Visits == 0 && len(d.Seen) == 0 }

// Totals are the site's counts as stored after a flush.
type Totals struct {
	Online int64 // distinct visitors seen within OnlineWindow, over every node
	Visits int64
}

// Sink is where the counter's deltas go: the store, which adds them in
// one transaction (so several nodes add, never overwrite) and keeps the
// daily salt all nodes share.
type Sink interface {
	AddCounts(ctx context.Context, d Delta, now time.Time) (Totals, error)
	DailySalt(ctx context.Context, day string) ([]byte, error)
}

// Counter counts views and visits in memory and flushes them to its Sink
// in batches: a page view costs a hash and a map update under a lock, not
// a write. Every count taken is either in the pending delta or in the
// store: a failed flush puts its delta back.
type Counter struct {
	sink Sink
	now  func() time.Time

	mu        sync.Mutex
	pending   Delta
	inflight  Delta                   // what a flush is adding now: still shown until the flush is done
	lastSeen  map[VisitorID]time.Time // this node's visitors within RepeatWindow
	lastView  map[viewKey]time.Time   // this node's (visitor, article) within RepeatWindow
	stored    Totals                  // as of the last flush
	newOnline int64                   // visitors new to this node's window since the last flush

	flushMu sync.Mutex // one flush at a time
	saltMu  sync.Mutex
	saltDay string
	salt    []byte
}

type viewKey struct {
	v       VisitorID
	article int64
}

// NewCounter makes a counter over sink. now is the clock (tests move it).
func NewCounter(sink Sink, now func() time.Time) *Counter {
	c := &Counter{sink: sink, now: now, lastSeen: map[VisitorID]time.Time{}, lastView: map[viewKey]time.Time{}}
	c.pending = newDelta()
	return c
}

func newDelta() Delta {
	return Delta{Views: map[int64]int64{}, Seen: map[VisitorID]time.Time{}}
}

// Hit counts one public page opened by (addr, userAgent); article is the
// article's id on an article page, 0 elsewhere. It reports whether the
// article's view was counted: not for a bot, nor for the same visitor
// opening the same article again within RepeatWindow.
func (c *Counter) Hit(ctx context.Context, addr, userAgent string, article int64) (bool, error) {
	if IsBot(userAgent) {
		return false, nil
	}
	now := c.now()
	salt, err := c.daySalt(ctx, now)
	if err != nil {
		return false, err
	}
	v := Visitor(salt, addr, userAgent)
	c.mu.Lock()
	defer c.mu.Unlock()
	last, seen := c.lastSeen[v]
	if !seen || now.Sub(last) >= RepeatWindow {
		c.pending.Visits++
	}
	if !seen || now.Sub(last) >= OnlineWindow {
		c.newOnline++
	}
	c.lastSeen[v] = now
	c.pending.Seen[v] = now
	if article == 0 {
		return false, nil
	}
	k := viewKey{v, article}
	if t, ok := c.lastView[k]; ok && now.Sub(t) < RepeatWindow {
		return false, nil
	}
	c.lastView[k] = now
	c.pending.Views[article]++
	return true, nil
}

// daySalt is the salt of now's day (Vietnam's day: the counts are the
// portal's), asked of the sink once a day.
func (c *Counter) daySalt(ctx context.Context, now time.Time) ([]byte, error) {
	day := now.In(vietnam).Format("2006-01-02")
	c.saltMu.Lock()
	defer c.saltMu.Unlock()
	if c.saltDay == day {
		return c.salt, nil
	}
	s, err := c.sink.DailySalt(ctx, day)
	if err != nil {
		return nil, err
	}
	c.saltDay, c.salt = day, s
	return s, nil
}

var vietnam = time.FixedZone("ICT", 7*3600)

// PendingViews is the views of an article taken and not yet flushed: the
// page shows the stored count plus these, so a reader sees their own view.
func (c *Counter) PendingViews(article int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending.Views[article] + c.inflight.Views[article]
}

// PendingVisits is the visits taken and not yet flushed (today's, for
// the statistics page).
func (c *Counter) PendingVisits() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending.Visits
}

// Site is the site's counts now: as stored at the last flush, plus this
// node's visits and new visitors since.
func (c *Counter) Site() Totals {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Totals{Online: c.stored.Online + c.newOnline, Visits: c.stored.Visits + c.pending.Visits + c.inflight.Visits}
}

// Flush adds the pending counts to the sink. On failure they stay pending
// (merged with those taken meanwhile) for the next flush. While it runs,
// what it adds is still counted by PendingViews and Site (inflight), so
// that the counts shown do not dip for the length of a flush — under load
// a flush of many new visitors takes a while.
func (c *Counter) Flush(ctx context.Context) error {
	c.flushMu.Lock()
	defer c.flushMu.Unlock()
	now := c.now()
	c.mu.Lock()
	d := c.pending
	c.pending = newDelta()
	c.inflight = d
	online := c.newOnline
	c.newOnline = 0
	c.prune(now)
	c.mu.Unlock()
	t, err := c.sink.AddCounts(ctx, d, now)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inflight = Delta{}
	if err != nil {
		for a, n := range d.Views {
			c.pending.Views[a] += n
		}
		c.pending.Visits += d.Visits
		for v, at := range d.Seen {
			if at.After(c.pending.Seen[v]) {
				c.pending.Seen[v] = at
			}
		}
		c.newOnline += online
		return err
	}
	c.stored = t
	return nil
}

// prune forgets what no longer matters for the windows (c.mu held).
func (c *Counter) prune(now time.Time) {
	for v, t := range c.lastSeen {
		if now.Sub(t) >= RepeatWindow {
			delete(c.lastSeen, v)
		}
	}
	for k, t := range c.lastView {
		if now.Sub(t) >= RepeatWindow {
			delete(c.lastView, k)
		}
	}
}

// Run flushes every interval until ctx ends, then once more with a fresh
// context so that a graceful stop loses no count.
func (c *Counter) Run(ctx context.Context, interval time.Duration, onErr func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := c.Flush(final); err != nil && onErr != nil {
				onErr(err)
			}
			cancel()
			return
		case <-t.C:
			if err := c.Flush(ctx); err != nil && onErr != nil && ctx.Err() == nil {
				onErr(err)
			}
		}
	}
}
