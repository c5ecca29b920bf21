package store

import (
	"database/sql"
	"time"

	"congvu/internal/fold"
)

// nullInt reads an optional stored instant.
type nullInt struct{ sql.NullInt64 }

func (n nullInt) time() time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return FromMicro(n.Int64)
}

func likeFold(q string) string { return fold.LikePattern(q) }
