package news

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"congvu/internal/apperr"
)

func TestSlug(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Đầu tư công năm 2021", "dau-tu-cong-nam-2021"},
		{"Hội nghị  tổng kết — công tác CCHC!", "hoi-nghi-tong-ket-cong-tac-cchc"},
		{"Nguyễn Văn Ánh: ĐẠT giải", "nguyen-van-anh-dat-giai"},
		{"!!!", "bai-viet"},
		{strings.Repeat("dài ", 40), strings.TrimSuffix(strings.Repeat("dai-", 20), "-")},
	}
	for _, c := range cases {
		if got := Slug(c.in); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := SlugWithID("Thông báo", 42); got != "thong-bao-42" {
		t.Errorf("SlugWithID = %q", got)
	}
}

func TestRenderMarkdownInert(t *testing.T) {
	cases := []struct{ name, in, mustNot, must string }{
		{"script tag", "<script>alert(1)</script>", "<script", "&lt;script&gt;"},
		{"event handler", `<img src=x onerror="alert(1)">`, "<img src=x", "&lt;img"},
		{"javascript link", "[bấm](javascript:alert(1))", "href", "bấm"},
		{"javascript upper", "[x](JaVaScRiPt:alert)", "href", "x"},
		{"data image", "![ảnh](data:image/svg+xml,abc)", "<img", "ảnh"},
		{"protocol-relative", "[x](//evil.example)", "href", "x"},
		{"entity scheme", "[x](jav&#x61;script:alert)", "href", "x"},
		{"quote in address", `[x](/a"onmouseover="alert)`, `"onmouseover`, "&#34;"},
		{"style", "<style>body{}</style>", "<style", "&lt;style"},
		{"https link", "[Cổng](https://example.gov.vn)", "javascript", `<a href="https://example.gov.vn" rel="nofollow noopener">Cổng</a>`},
		{"site image", "![Toàn cảnh hội nghị](/files/7)", "onerror", `<img src="/files/7" alt="Toàn cảnh hội nghị" loading="lazy">`},
		{"heading and list", "# Mục\n- một\n- **hai**", "<h1", "<h2>Mục</h2>\n<ul>\n<li>một</li>\n<li><strong>hai</strong></li>"},
	}
	for _, c := range cases {
		got := RenderMarkdown(c.in)
		if strings.Contains(got, c.mustNot) {
			t.Errorf("%s: %q renders %q, which contains %q", c.name, c.in, got, c.mustNot)
		}
		if !strings.Contains(got, c.must) {
			t.Errorf("%s: %q renders %q, without %q", c.name, c.in, got, c.must)
		}
	}
}

func TestDraftCheck(t *testing.T) {
	ok := Draft{UnitID: 1, Category: string(CatNotices), Title: "Thông báo lịch tiếp công dân", Body: "Nội dung", WriterUnit: "Phòng KGVX."}
	if _, err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		field string
		edit  func(*Draft)
	}{
		{"unit_id", func(d *Draft) { d.UnitID = 0 }},
		{"category", func(d *Draft) { d.Category = "xyz" }},
		{"title", func(d *Draft) { d.Title = "" }},
		{"body", func(d *Draft) { d.Body = " " }},
		{"body", func(d *Draft) { d.Body = "![](/files/1)" }},
		{"writer_unit", func(d *Draft) { d.WriterUnit = "" }},
		{"title", func(d *Draft) { d.Title = strings.Repeat("a", MaxTitle+1) }},
		{"body", func(d *Draft) { d.Body = strings.Repeat("ệ", 25000) }}, // 25,000 characters, 75 KB
	}
	for _, c := range cases {
		d := ok
		c.edit(&d)
		_, err := d.Check()
		e := apperr.As(err)
		if e == nil || e.Code != apperr.Invalid || e.Field != c.field {
			t.Errorf("want invalid %s, got %v", c.field, err)
		}
	}
}

func TestWorkflow(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	a := Article{Status: StatusDraft}
	steps := []struct {
		e    Event
		want Status
		fail apperr.Code
	}{
		{EventPublish, StatusDraft, apperr.Conflict},
		{EventUnpublish, StatusDraft, apperr.Conflict},
		{EventSubmit, StatusSubmitted, ""},
		{EventSubmit, StatusSubmitted, apperr.Conflict},
		{EventPublish, StatusPublished, ""},
		{EventPublish, StatusPublished, apperr.Conflict},
		{EventUnpublish, StatusUnpublished, ""},
		{EventPublish, StatusPublished, ""},
	}
	for i, s := range steps {
		b, err := Apply(a, s.e, now.Add(time.Duration(i)*time.Hour))
		if apperr.CodeOf(err) != s.fail && !(s.fail == "" && err == nil) {
			t.Fatalf("step %d %s from %s: err %v, want %q", i, s.e, a.Status, err, s.fail)
		}
		if err == nil {
			a = b
		}
		if a.Status != s.want {
			t.Fatalf("step %d: status %s, want %s", i, a.Status, s.want)
		}
	}
	if !a.PublishedAt.Equal(now.Add(4 * time.Hour)) {
		t.Errorf("republishing moved the first date: %v", a.PublishedAt)
	}
}

func TestScheduledPublishing(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	later := now.Add(48 * time.Hour)
	a, err := Apply(Article{Status: StatusSubmitted, PublishAt: later}, EventPublish, now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Visible(now) || a.Visible(later.Add(-time.Second)) {
		t.Error("a scheduled article is visible before its time")
	}
	if !a.Visible(later) {
		t.Error("a scheduled article is not visible at its time")
	}
	if past, _ := Apply(Article{Status: StatusSubmitted, PublishAt: now.Add(-time.Hour)}, EventPublish, now); !past.PublishedAt.Equal(now) {
		t.Errorf("a past PublishAt publishes now, got %v", past.PublishedAt)
	}
}

// memSink is a Sink in memory; fail makes the next AddCounts fail.
type memSink struct {
	mu     sync.Mutex
	views  map[int64]int64
	visits int64
	seen   map[VisitorID]time.Time
	fail   bool
	salts  map[string][]byte
}

func newMemSink() *memSink {
	return &memSink{views: map[int64]int64{}, seen: map[VisitorID]time.Time{}, salts: map[string][]byte{}}
}

func (m *memSink) AddCounts(_ context.Context, d Delta, now time.Time) (Totals, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		m.fail = false
		return Totals{}, errors.New("store down")
	}
	for a, n := range d.Views {
		m.views[a] += n
	}
	m.visits += d.Visits
	for v, t := range d.Seen {
		m.seen[v] = t
	}
	var online int64
	for _, t := range m.seen {
		if now.Sub(t) < OnlineWindow {
			online++
		}
	}
	return Totals{Online: online, Visits: m.visits}, nil
}

func (m *memSink) DailySalt(_ context.Context, day string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.salts[day] == nil {
		m.salts[day] = []byte("salt-" + day)
	}
	return m.salts[day], nil
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

const browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"

// Reloads and bots must not inflate the counts: the same visitor's
// reloads within the window are one view and one visit, a bot none.
func TestCounterFiltersReloadsAndBots(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)}
	sink := newMemSink()
	c := NewCounter(sink, clk.now)
	for i := 0; i < 50; i++ { // one reader reloading every 20 seconds for ~17 minutes
		c.Hit(ctx, "203.0.113.5:4431", browser, 7)
		clk.add(20 * time.Second)
	}
	for _, bot := range []string{"", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "facebookexternalhit/1.1", "Mozilla/5.0 (compatible; bingbot/2.0)", "python-requests/2.31", "HeadlessChrome/120"} {
		if counted, _ := c.Hit(ctx, "198.51.100.9:80", bot, 7); counted {
			t.Errorf("bot %q counted", bot)
		}
	}
	for _, reader := range []string{"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36 Zalo android/12100",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 [FBAN/FBIOS;FBAV/450.0]"} {
		if IsBot(reader) {
			t.Errorf("an in-app browser is taken for a robot: %q", reader)
		}
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if sink.views[7] != 1 || sink.visits != 1 {
		t.Fatalf("views %d visits %d, want 1 and 1", sink.views[7], sink.visits)
	}
	// Another reader, and the first one back after the window: two more.
	c.Hit(ctx, "203.0.113.6:1", browser, 7)
	clk.add(RepeatWindow)
	c.Hit(ctx, "203.0.113.5:9", browser, 7)
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if sink.views[7] != 3 || sink.visits != 3 {
		t.Fatalf("views %d visits %d, want 3 and 3", sink.views[7], sink.visits)
	}
	if got := c.Site(); got.Online != 1 || got.Visits != 3 {
		t.Errorf("site %+v: want 1 online (the other left 30 minutes ago), 3 visits", got)
	}
}

// Concurrent hits of distinct visitors are each counted once, across
// concurrent flushes and a failed one.
func TestCounterExactUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)}
	sink := newMemSink()
	c := NewCounter(sink, clk.now)
	const workers, each = 8, 500
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				addr := fmt.Sprintf("10.%d.%d.%d:1", w, i/250, i%250)
				c.Hit(ctx, addr, browser, int64(1+i%3))
				c.Hit(ctx, addr, browser, int64(1+i%3)) // its reload
				if i%100 == 0 {
					sink.mu.Lock()
					sink.fail = i%200 == 0
					sink.mu.Unlock()
					c.Flush(ctx)
				}
			}
		}(w)
	}
	wg.Wait()
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	total := sink.views[1] + sink.views[2] + sink.views[3]
	if total != workers*each || sink.visits != workers*each {
		t.Fatalf("views %d visits %d, want %d each", total, sink.visits, workers*each)
	}
	if got := c.Site(); got.Online != workers*each {
		t.Errorf("online %d, want %d", got.Online, workers*each)
	}
}

// A graceful stop (the context of Run ends) flushes what is pending.
func TestCounterRunFlushesOnStop(t *testing.T) {
	clk := &clock{t: time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)}
	sink := newMemSink()
	c := NewCounter(sink, clk.now)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx, time.Hour, nil); close(done) }()
	for i := 0; i < 100; i++ {
		c.Hit(context.Background(), fmt.Sprintf("10.0.0.%d:1", i), browser, 5)
	}
	stop()
	<-done
	if sink.views[5] != 100 || sink.visits != 100 {
		t.Fatalf("after a graceful stop: views %d visits %d, want 100", sink.views[5], sink.visits)
	}
}

func TestVisitorRotatesDaily(t *testing.T) {
	a := Visitor([]byte("day1"), "203.0.113.5:1", browser)
	if a != Visitor([]byte("day1"), "203.0.113.5:2", browser) {
		t.Error("the port changed the visitor")
	}
	if a == Visitor([]byte("day2"), "203.0.113.5:1", browser) {
		t.Error("the same visitor hashes alike on two days")
	}
}
