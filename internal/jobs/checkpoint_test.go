package jobs_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"congvu/internal/anchor"
	"congvu/internal/audit"
	"congvu/internal/jobs"
	"congvu/internal/org"
)

// Two nodes with the key sign each interval once between them, and a
// checkpoint is written only when the journal moved.
func TestAuditCheckpointsOncePerInterval(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			a, b := twoNodes(t, engine)
			dir := t.TempDir()
			key, err := anchor.GenerateKey(filepath.Join(dir, "audit.key"))
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "checkpoints") // shared by both nodes
			clk := &fakeClock{}
			clk.Set(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
			var runners []*jobs.Runner
			for i, db := range []interface {
				jobs.Queue
				anchor.Head
			}{a, b} {
				r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Log: quiet, Owner: string(rune('a' + i))})
				jobs.NewAuditCheckpoints(r, db, &anchor.Writer{Key: key, Path: file, Now: clk.Now}, 10*time.Minute)
				runners = append(runners, r)
			}
			tick := func() {
				for _, r := range runners {
					if err := r.Tick(ctx); err != nil {
						t.Fatal(err)
					}
				}
			}
			lines := func() int {
				b, _ := os.ReadFile(file)
				return bytes.Count(b, []byte("\n"))
			}
			tick() // an empty journal: nothing to sign
			if n := lines(); n != 0 {
				t.Fatalf("%d checkpoints of an empty journal", n)
			}
			if _, err := a.CreateUnit(ctx, audit.System("test"), org.NewUnit{Kind: org.KindAgency, Code: "000.00.15.H27", Name: "Sở Kế hoạch và Đầu tư", ValidFrom: "2008-01-01"}); err != nil {
				t.Fatal(err)
			}
			clk.Add(10 * time.Minute)
			tick()
			tick()
			if n := lines(); n != 1 {
				t.Fatalf("%d checkpoints after one interval on two nodes, want 1", n)
			}
			cps, err := anchor.ReadFile(file, key)
			if err != nil {
				t.Fatal(err)
			}
			if cps[0].Seq != 1 {
				t.Errorf("checkpoint at %d, want the head 1", cps[0].Seq)
			}
			if _, err := b.VerifyAuditAgainst(ctx, cps); err != nil {
				t.Error(err)
			}
		})
	}
}
