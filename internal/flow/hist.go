package flow

import "time"

// Bounds are the upper edges, in working hours, of the histogram's buckets;
// the last bucket holds everything beyond the last edge. Fine where most
// steps fall (a few hours to a few working days: 1 day = 8 hours), coarse
// beyond, so that a percentile is close where a budget is judged. The
// store keeps one column per bucket: changing the edges needs a migration
// and a recount.
var Bounds = [Buckets - 1]float64{0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 40, 56, 80, 120, 160, 240, 320, 480, 640, 960, 1280, 1920}

// Buckets is the number of buckets of a Hist.
const Buckets = 24

// Hist counts working times by bucket of Bounds.
type Hist [Buckets]int64

// Bucket returns the bucket of a working time: the first whose upper edge
// is at or above it.
func Bucket(d time.Duration) int {
	h := d.Hours()
	for i, b := range Bounds {
		if h <= b {
			return i
		}
	}
	return Buckets - 1
}

// Add counts one working time.
func (h *Hist) Add(d time.Duration) { h[Bucket(d)]++ }

// Merge adds another histogram's counts.
func (h *Hist) Merge(o Hist) {
	for i, n := range o {
		h[i] += n
	}
}

// Total is the number of times counted.
func (h Hist) Total() int64 {
	var n int64
	for _, c := range h {
		n += c
	}
	return n
}

// Quantile returns the q-quantile (0 < q ≤ 1) in working hours: the
// bucket holding the value of rank ⌈q·n⌉ (nearest rank), and within it
// the middle of that value's share of the bucket, as if the bucket's
// values were spread evenly (one value: the bucket's middle). The open
// last bucket answers its lower edge. 0 when nothing is counted.
//
// Hand-worked: 4 times in bucket 0–0.5 h and 6 in 4–6 h; the median is the
// 5th value, the first of the six in 4–6 h: 4 + 2·0.5/6 ≈ 4.17 h.
func (h Hist) Quantile(q float64) float64 {
	n := h.Total()
	if n == 0 || q <= 0 {
		return 0
	}
	rank := int64(q*float64(n) + 0.999999999) // ⌈q·n⌉, robust to 0.9·10 = 9.000000000000002
	rank = min(max(rank, 1), n)
	var seen int64
	for i, c := range h {
		if c == 0 || seen+c < rank {
			seen += c
			continue
		}
		lo := 0.0
		if i > 0 {
			lo = Bounds[i-1]
		}
		if i == Buckets-1 {
			return lo
		}
		return lo + (Bounds[i]-lo)*(float64(rank-seen)-0.5)/float64(c)
	}
	return 0
}
