package inspection

import (
	"slices"
)

// Sample draws n distinct members of population, reproducibly: the same
// seed over the same population (in any order, duplicates ignored) gives
// the same sample, which is what lets anyone check afterwards that the
// inspector did not pick the items (the seed is recorded with the
// inspection). The draw is a partial Fisher–Yates shuffle of the sorted
// population driven by splitmix64, written out here rather than taken from
// math/rand so that no change of the standard library can change an old
// inspection's sample. The sample is returned sorted; n ≥ the population
// gives all of it.
func Sample(population []int64, n int, seed uint64) []int64 {
	pop := slices.Clone(population)
	slices.Sort(pop)
	pop = slices.Compact(pop)
	if n >= len(pop) {
		return pop
	}
	if n <= 0 {
		return []int64{}
	}
	r := splitmix{state: seed}
	for i := 0; i < n; i++ {
		j := i + int(r.below(uint64(len(pop)-i)))
		pop[i], pop[j] = pop[j], pop[i]
	}
	out := pop[:n:n]
	slices.Sort(out)
	return out
}

// splitmix is splitmix64 (Steele, Lea and Flood 2014): a tiny generator of
// good quality for a sample, fixed forever by these lines.
type splitmix struct{ state uint64 }

func (s *splitmix) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// below returns a uniform number in [0, n) by rejection, so that no value
// is favoured when n does not divide 2^64.
func (s *splitmix) below(n uint64) uint64 {
	limit := -n % n // 2^64 mod n
	for {
		if v := s.next(); v >= limit {
			return v % n
		}
	}
}
