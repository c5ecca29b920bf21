package news

import (
	"context"
	"testing"
	"time"
)

// slowSink is a memSink whose AddCounts waits to be let go.
type slowSink struct {
	*memSink
	entered, release chan struct{}
}

func (s slowSink) AddCounts(ctx context.Context, d Delta, now time.Time) (Totals, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.memSink.AddCounts(ctx, d, now)
}

// While a flush is being written, the views and visits it carries are
// still shown (the article's count and the footer's visits do not dip for
// its length), and once it is done they are shown once, from the store;
// a failed flush keeps them shown too, pending again.
func TestCounterShowsWhatIsBeingFlushed(t *testing.T) {
	for _, fail := range []bool{false, true} {
		ctx := context.Background()
		clk := &clock{t: time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)}
		sink := slowSink{newMemSink(), make(chan struct{}), make(chan struct{})}
		sink.fail = fail
		c := NewCounter(sink, clk.now)
		for i := 0; i < 3; i++ {
			if _, err := c.Hit(ctx, "10.0.0."+string(rune('1'+i)), browser, 7); err != nil {
				t.Fatal(err)
			}
		}
		check := func(when string) {
			t.Helper()
			if v, s := c.PendingViews(7), c.Site(); v != 3 || s.Visits != 3 {
				t.Errorf("fail=%v, %s: %d views pending, %d visits shown; want 3 and 3", fail, when, v, s.Visits)
			}
		}
		check("before the flush")
		done := make(chan error, 1)
		go func() { done <- c.Flush(ctx) }()
		<-sink.entered
		check("during the flush")
		close(sink.release)
		err := <-done
		if (err != nil) != fail {
			t.Fatalf("fail=%v: flush: %v", fail, err)
		}
		if fail {
			check("after a failed flush")
			continue
		}
		if v, s := c.PendingViews(7), c.Site(); v != 0 || s.Visits != 3 || sink.views[7] != 3 {
			t.Errorf("after the flush: %d views pending, %d visits shown, %d views stored; want 0, 3, 3", v, s.Visits, sink.views[7])
		}
	}
}
