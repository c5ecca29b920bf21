package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/store"
)

// Diacritic-insensitive search over many dossiers (docs/BENCHMARKS.md,
// "Search"), on the report benchmark's databases (dossier_bench_test.go):
//
//	go test ./internal/store -run '^$' -bench 'DossierSearch$' -benchtime 400x
//
// Each kind of query a desk types is asked of FindDossiers as the search
// page asks it (the agency, a page of 100, newest first), with values taken
// from dossiers spread over the whole table; "mix" takes the kinds in turn.
// Besides ns/op, each reports p50, p95 and p99 in ms.

func BenchmarkDossierSearch(b *testing.B) {
	dsn, n := sqliteBenchDB(b)
	benchSearch(b, dsn, n, false)
}

func BenchmarkDossierSearchPostgres(b *testing.B) {
	dsn, n := postgresBenchDB(b)
	benchSearch(b, dsn, n, false)
}

// BenchmarkDossierSearchScan is the baseline: the same queries by LIKE on
// every row, as before migration 0009 (about a second each at a million:
// run it with -benchtime 12x).
func BenchmarkDossierSearchScan(b *testing.B) {
	dsn, n := sqliteBenchDB(b)
	benchSearch(b, dsn, n, true)
}

func BenchmarkDossierSearchScanPostgres(b *testing.B) {
	dsn, n := postgresBenchDB(b)
	benchSearch(b, dsn, n, true)
}

func benchSearch(b *testing.B, dsn string, n int, scan bool) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil { // a database built before migration 0009 gets its index
		b.Fatal(err)
	}
	// Sample dossiers across the table: every n/64-th of the newest first.
	var sample []dossier.Record
	for off := 0; off < n && len(sample) < 64; off += max(1, n/64) {
		page, err := db.FindDossiers(ctx, dossier.Filter{Limit: 1, Offset: off})
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range page {
			rec, err := db.FindDossierByCode(ctx, s.Code)
			if err != nil {
				b.Fatal(err)
			}
			sample = append(sample, rec)
		}
	}
	if len(sample) == 0 {
		b.Fatal("no dossiers in the benchmark database")
	}
	agency := sample[0].AgencyID
	words := []string{"dau tu", "thanh lap", "ho kinh doanh", "dieu chinh", "cong ty tnhh", "giay chung nhan"}
	kinds := []struct {
		name  string
		query func(i int) string
	}{
		{"code", func(i int) string { return sample[i%len(sample)].Code }},
		{"code-tail", func(i int) string { c := sample[i%len(sample)].Code; return c[len(c)-11:] }},
		{"id-number", func(i int) string { return sample[i%len(sample)].Applicant.IDNumber }},
		{"name", func(i int) string { return sample[i%len(sample)].Applicant.Name }},
		{"words", func(i int) string { return words[i%len(words)] }},
		{"no-match", func(i int) string { return fmt.Sprintf("khong co ho so %d", i%10) }},
	}
	search := func(q string) error {
		if scan {
			_, err := db.SearchDossiersByScan(ctx, agency, q)
			return err
		}
		_, err := db.FindDossiers(ctx, dossier.Filter{AgencyID: agency, Query: q, Limit: 100})
		return err
	}
	for _, k := range kinds {
		b.Run(fmt.Sprintf("n=%d/%s", n, k.name), func(b *testing.B) {
			benchLatency(b, func(i int) error { return search(k.query(i)) })
		})
	}
	b.Run(fmt.Sprintf("n=%d/mix", n), func(b *testing.B) {
		benchLatency(b, func(i int) error { return search(kinds[i%len(kinds)].query(i / len(kinds))) })
	})
}
