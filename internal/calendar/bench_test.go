package calendar

import (
	"testing"
	"time"
)

// The comparison with other implementations lives in calbench; these measure
// the costs paid once: building a year, and a lunar conversion.

// BenchmarkFirstUse is New plus the first Due, which builds the year.
func BenchmarkFirstUse(b *testing.B) {
	t := time.Date(2027, 3, 1, 9, 0, 0, 0, VN)
	for b.Loop() {
		c, err := New(DefaultConfig())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Due(t, Limit{Value: 5, Unit: WorkingDays}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolarToLunar(b *testing.B) {
	d := Date{2026, 4, 26}
	for b.Loop() {
		if _, err := SolarToLunar(d); err != nil {
			b.Fatal(err)
		}
	}
}
