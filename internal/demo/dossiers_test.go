package demo

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/store"
)

// TestGenerateDossiers generates 2,000 dossiers and checks the store's
// figures against the domain: for every month (and the whole period), the
// period report from the rollups and snapshots equals dossier.ComputeReport
// over the histories replayed to the month's end, for the agency and for a
// division; codes are unique and gap-free per day; the journal verifies.
func TestGenerateDossiers(t *testing.T) {
	ctx := context.Background()
	genNow := time.Date(2026, 11, 20, 10, 30, 0, 0, calendar.VN)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"), store.Options{Now: func() time.Time { return genNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(ctx, db, genNow); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	const n = 2000
	stats, err := GenerateDossiers(ctx, db, DossierOptions{N: n, Now: genNow, Seed: 7, Progress: &out})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Dossiers != n || stats.SnapshotDays == 0 || out.Len() == 0 {
		t.Fatalf("stats %+v, progress %q", stats, out.String())
	}
	t.Logf("%+v", stats)

	// Every dossier, by its code, replayed by the store.
	var codes []string
	seqs := map[string][]int{}
	for off := 0; ; off += 500 {
		page, err := db.FindDossiers(ctx, dossier.Filter{Limit: 500, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range page {
			codes = append(codes, s.Code)
		}
		if len(page) < 500 {
			break
		}
	}
	if len(codes) != n {
		t.Fatalf("%d dossiers stored, want %d", len(codes), n)
	}
	recs := make([]dossier.Record, 0, n)
	counts := map[dossier.Status]int{}
	for _, c := range codes {
		_, day, seq, err := dossier.ParseCode(c)
		if err != nil {
			t.Fatal(err)
		}
		seqs[day.String()] = append(seqs[day.String()], seq)
		rec, err := db.FindDossierByCode(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if d := calendar.DateOf(rec.Events[0].At); d != day {
			t.Errorf("%s: first event on %s", c, d)
		}
		counts[rec.State.Status]++
		recs = append(recs, rec)
	}
	for day, ss := range seqs {
		seen := map[int]bool{}
		for _, s := range ss {
			if seen[s] || s < 1 || s > len(ss) {
				t.Errorf("day %s: numbers %v are not 1..%d", day, ss, len(ss))
				break
			}
			seen[s] = true
		}
	}
	t.Logf("statuses: %v", counts)
	if counts[dossier.StatusReturned] < n/2 || counts[dossier.StatusProcessing]+counts[dossier.StatusReceived] == 0 ||
		counts[dossier.StatusWithdrawn] == 0 || counts[dossier.StatusRefused] == 0 {
		t.Errorf("implausible mix of statuses: %v", counts)
	}

	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	agency := unitNamed(t, tree, "Sở Tài chính tỉnh Bắc Ninh", true).ID
	division := unitNamed(t, tree, "Phòng Đăng ký kinh doanh và Hộ kinh doanh", true).ID
	cal, err := db.Calendar(ctx, agency)
	if err != nil {
		t.Fatal(err)
	}
	type period struct{ from, to calendar.Date }
	var periods []period
	first := calendar.Date{Year: 2025, Month: 7, Day: 1}
	for d := first; d.Before(calendar.DateOf(genNow).AddDays(1)); {
		next := calendar.Date{Year: d.Year, Month: d.Month + 1, Day: 1}
		if d.Month == 12 {
			next = calendar.Date{Year: d.Year + 1, Month: 1, Day: 1}
		}
		periods = append(periods, period{d, next.AddDays(-1)})
		d = next
	}
	periods = append(periods, period{calendar.Date{Year: 2026, Month: 1, Day: 1}, calendar.Date{Year: 2026, Month: 12, Day: 31}})
	late := 0
	for _, scope := range []int64{agency, division} {
		units, err := db.StatsUnits(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		in := map[int64]bool{}
		for _, u := range units {
			in[u] = true
		}
		for _, p := range periods {
			end := p.to.AddDays(1).Time()
			var states []dossier.State
			for _, rec := range recs {
				if !in[rec.LeadUnitID] {
					continue
				}
				var evs []dossier.Event
				for _, ev := range rec.Events {
					if ev.At.Before(end) {
						evs = append(evs, ev)
					}
				}
				st, err := dossier.Replay(rec.Procedure, cal, evs, dossier.DefaultRules())
				if err != nil {
					t.Fatal(err)
				}
				states = append(states, st)
			}
			want := dossier.ComputeReport(states, p.from, p.to)
			got, err := db.DossierReport(ctx, units, p.from, p.to)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("unit %d, %s–%s:\n got %+v\nwant %+v", scope, p.from, p.to, got, want)
			}
			if scope == agency && !(p.from.Month == 1 && p.to.Month == 12) {
				late += want.Resolved.Late
			}
		}
	}
	if late == 0 {
		t.Error("no dossier was resolved late")
	}
	if _, err := db.VerifyAudit(ctx); err != nil {
		t.Errorf("audit: %v", err)
	}
}
