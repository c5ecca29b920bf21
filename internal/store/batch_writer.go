package store

import (
	"context"
	"fmt"
	"sync"
)

// batchWriter writes the batches a bulk loader hands it, one write
// transaction each, in a goroutine of its own, so that building the next
// batch overlaps writing this one. After the first failure it drains the
// rest without writing; the loader sees the failure on its next call.
type batchWriter[B, S any] struct {
	ctx      context.Context
	work     chan B
	wg       sync.WaitGroup
	mu       sync.Mutex
	err      error
	stats    S
	progress func(S)
}

// startBatchWriter starts writing batches with write, which returns what to
// add to the counts once its transaction has committed; label names the
// loader in errors. progress, when not nil, gets the counts after each batch.
func startBatchWriter[B, S any](ctx context.Context, db *DB, label string, write func(tx *Tx, b B) (func(*S), error), progress func(S)) *batchWriter[B, S] {
	w := &batchWriter[B, S]{ctx: ctx, work: make(chan B, 2), progress: progress}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for b := range w.work {
			if w.failed() != nil {
				continue // drain
			}
			var add func(*S)
			err := db.InTx(ctx, func(tx *Tx) error {
				var err error
				add, err = write(tx, b)
				return err
			})
			if err != nil {
				w.mu.Lock()
				w.err = fmt.Errorf("%s: %w", label, err)
				w.mu.Unlock()
				continue
			}
			w.update(add)
		}
	}()
	return w
}

// failed returns the writer's first failure.
func (w *batchWriter[B, S]) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// update changes the counts and reports them.
func (w *batchWriter[B, S]) update(add func(*S)) {
	w.mu.Lock()
	add(&w.stats)
	stats := w.stats
	w.mu.Unlock()
	if w.progress != nil {
		w.progress(stats)
	}
}

// send hands a batch over, waiting while two are queued.
func (w *batchWriter[B, S]) send(b B) error {
	select {
	case w.work <- b:
	case <-w.ctx.Done():
		return w.ctx.Err()
	}
	return w.failed()
}

// close waits for the queued batches and returns the counts and the first
// failure.
func (w *batchWriter[B, S]) close() (S, error) {
	close(w.work)
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stats, w.err
}
