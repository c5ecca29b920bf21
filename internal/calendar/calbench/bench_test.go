// Package calbench compares the calendar engine with two alternatives on the
// same pre-generated cases: a straightforward day-stepping loop (written
// here, on top of the engine's own IsWorkingDay) and github.com/rickar/cal/v2.
// It holds only _test.go files, so that the calendar package itself keeps no
// third-party dependency, even in its tests.
//
// Run: go test -run=^$ -bench=. -benchmem ./internal/calendar/...
package calbench

import (
	"math/rand/v2"
	"testing"
	"time"

	"congvu/internal/calendar"
)

// dueCase is one due-instant computation: received + Days working days.
type dueCase struct {
	received time.Time
	days     float64
}

// spanCase is one Between computation.
type spanCase struct{ a, b time.Time }

const numCases = 4096

// cases draws receipts at random seconds over 2025-01-01..2026-10-31 (the
// years with official tables, leaving room for 30 working days before the
// end of 2026) and limits of 0.5 to 30 working days in half days.
func cases() ([]dueCase, []spanCase) {
	r := rand.New(rand.NewPCG(2025, 2026))
	lo := time.Date(2025, 1, 1, 0, 0, 0, 0, calendar.VN).Unix()
	hi := time.Date(2026, 10, 31, 0, 0, 0, 0, calendar.VN).Unix()
	due := make([]dueCase, numCases)
	span := make([]spanCase, numCases)
	for i := range due {
		t := time.Unix(lo+r.Int64N(hi-lo), 0).In(calendar.VN)
		due[i] = dueCase{t, float64(1+r.IntN(60)) / 2}
		span[i] = spanCase{t, t.Add(time.Duration(r.Int64N(int64(45 * 24 * time.Hour))))}
	}
	return due, span
}

func engine(tb testing.TB) *calendar.Calendar {
	c, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

var sinkT time.Time
var sinkD time.Duration

func BenchmarkDue(b *testing.B) {
	due, _ := cases()
	c := engine(b)
	loop := newLoop(c)
	rc := newRickar(c, false)
	rcCached := newRickar(c, true)
	b.Run("engine", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := due[i%numCases]
			t, err := c.Due(k.received, calendar.Limit{Value: k.days, Unit: calendar.WorkingDays})
			if err != nil {
				b.Fatal(err)
			}
			sinkT = t
		}
	})
	b.Run("loop", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := due[i%numCases]
			sinkT = loop.add(k.received, time.Duration(k.days*float64(calendar.WorkingDay)))
		}
	})
	b.Run("rickar", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := due[i%numCases]
			sinkT = rc.AddWorkHours(k.received, time.Duration(k.days*float64(rickarDay)))
		}
	})
	b.Run("rickar_cached", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := due[i%numCases]
			sinkT = rcCached.AddWorkHours(k.received, time.Duration(k.days*float64(rickarDay)))
		}
	})
}

func BenchmarkBetween(b *testing.B) {
	_, span := cases()
	c := engine(b)
	loop := newLoop(c)
	rc := newRickar(c, false)
	rcCached := newRickar(c, true)
	b.Run("engine", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := span[i%numCases]
			d, err := c.Between(k.a, k.b)
			if err != nil {
				b.Fatal(err)
			}
			sinkD = d
		}
	})
	b.Run("loop", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := span[i%numCases]
			sinkD = loop.between(k.a, k.b)
		}
	})
	b.Run("rickar", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := span[i%numCases]
			sinkD = rc.WorkHoursInRange(k.a, k.b)
		}
	})
	b.Run("rickar_cached", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			k := span[i%numCases]
			sinkD = rcCached.WorkHoursInRange(k.a, k.b)
		}
	})
}

// TestLoopAgrees makes sure the benchmark compares like with like: the loop
// gives the engine's answers on every case.
func TestLoopAgrees(t *testing.T) {
	due, span := cases()
	c := engine(t)
	loop := newLoop(c)
	for _, k := range due {
		want, err := c.Due(k.received, calendar.Limit{Value: k.days, Unit: calendar.WorkingDays})
		if got := loop.add(k.received, time.Duration(k.days*float64(calendar.WorkingDay))); err != nil || !got.Equal(want) {
			t.Fatalf("Due(%v, %v): engine %v (%v), loop %v", k.received, k.days, want, err, got)
		}
	}
	for _, k := range span {
		want, err := c.Between(k.a, k.b)
		if got := loop.between(k.a, k.b); err != nil || got != want {
			t.Fatalf("Between(%v, %v): engine %v (%v), loop %v", k.a, k.b, want, err, got)
		}
	}
}
