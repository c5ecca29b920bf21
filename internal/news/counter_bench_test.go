package news

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkCounterHit is the counter's own cost per page: a new visitor
// and view every time (its worst case), in parallel.
func BenchmarkCounterHit(b *testing.B) {
	c := NewCounter(newMemSink(), time.Now)
	ctx := context.Background()
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			c.Hit(ctx, fmt.Sprintf("10.%d.%d.%d:1", i>>16&255, i>>8&255, i&255), browser, 1+i%50)
		}
	})
}
