package httpx

import (
	"context"
	"time"

	"congvu/internal/store"
)

// LateStore counts the dossiers and tasks late now, per unit and person
// (store/late.go), for the director's "who is late".
type LateStore interface {
	LateWork(ctx context.Context, units []int64, now time.Time) ([]store.LateCount, error)
}
