package inspection

import (
	"slices"
	"testing"
)

func TestSample(t *testing.T) {
	pop := make([]int64, 100)
	for i := range pop {
		pop[i] = int64(1000 + i)
	}
	shuffled := slices.Clone(pop)
	slices.Reverse(shuffled)
	shuffled = append(shuffled, 1000, 1001) // duplicates count once

	a := Sample(pop, 10, 42)
	cases := []struct {
		name string
		got  []int64
		want []int64
		same bool
	}{
		{"same seed, same sample", Sample(pop, 10, 42), a, true},
		{"the population's order does not matter", Sample(shuffled, 10, 42), a, true},
		{"another seed, another sample", Sample(pop, 10, 43), a, false},
		{"n over the population gives all of it", Sample(pop[:5], 9, 1), pop[:5], true},
		{"n zero gives none", Sample(pop, 0, 1), []int64{}, true},
	}
	for _, c := range cases {
		if slices.Equal(c.got, c.want) != c.same {
			t.Errorf("%s: got %v, want (same=%v) %v", c.name, c.got, c.same, c.want)
		}
	}
	if len(a) != 10 || !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != 10 {
		t.Errorf("sample %v: want 10 distinct members, sorted", a)
	}
	for _, id := range a {
		if !slices.Contains(pop, id) {
			t.Errorf("sample member %d is not in the population", id)
		}
	}
}

// TestSampleFixed pins one draw: a change to the generator would change
// every recorded inspection's sample, which this test forbids.
func TestSampleFixed(t *testing.T) {
	pop := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	got := Sample(pop, 3, 20260301)
	if want := []int64{1, 6, 7}; !slices.Equal(got, want) {
		t.Fatalf("seed 20260301 drew %v, recorded inspections drew %v", got, want)
	}
}

// TestSampleUniform checks that each member is drawn about as often as
// any other over many seeds (a biased draw would favour the first ones).
func TestSampleUniform(t *testing.T) {
	pop := []int64{1, 2, 3, 4, 5}
	counts := map[int64]int{}
	const runs = 20000
	for s := uint64(0); s < runs; s++ {
		for _, id := range Sample(pop, 2, s) {
			counts[id]++
		}
	}
	for _, id := range pop {
		share := float64(counts[id]) / runs // expected 2/5
		if share < 0.37 || share > 0.43 {
			t.Errorf("member %d drawn in %.3f of the runs, want about 0.4", id, share)
		}
	}
}
