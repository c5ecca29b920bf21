package blob

import (
	"context"
	"sort"
	"time"
)

// Info is one stored blob as a sweep sees it.
type Info struct {
	Sum    string
	Size   int64
	Stored time.Time // when it was last written (a second upload of the same content writes it again)
}

// Sweeper is a Store whose blobs can be listed and deleted: what
// "congvu files sweep" needs to find and remove the blobs no file row
// names (left by a crash between the blob and its row, or by a refused
// form whose scan was kept first).
type Sweeper interface {
	Store
	// List calls fn for every blob stored, in no particular order.
	List(ctx context.Context, fn func(Info) error) error
	// Delete removes the blob under sum; none there is not an error.
	Delete(ctx context.Context, sum string) error
}

// Orphans are the blobs of st that named says no file row names and that
// were stored before cutoff, by sum: a blob stored since may belong to an
// upload whose row is still being written, so it is left for a later sweep.
func Orphans(ctx context.Context, st Sweeper, named func(sum string) bool, cutoff time.Time) ([]Info, error) {
	var out []Info
	err := st.List(ctx, func(i Info) error {
		if !named(i.Sum) && i.Stored.Before(cutoff) {
			out = append(out, i)
		}
		return nil
	})
	sort.Slice(out, func(a, b int) bool { return out[a].Sum < out[b].Sum })
	return out, err
}
