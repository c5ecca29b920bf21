package cli

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"congvu/internal/store/storetest"
)

// TestKillNineOfOneNode receives dossiers through two nodes on one
// PostgreSQL database, kills one with SIGKILL in the middle, and checks
// that the other keeps receiving (its clients moving over, as behind a
// load balancer) and that every acknowledged dossier is in the database,
// with the journal intact.
func TestKillNineOfOneNode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	dbURL := storetest.PostgresURL(t)
	bin := buildCongvu(t)
	tokens, procCode, _ := seedNodes(t, dbURL)
	a := startNode(t, bin, "A", dbURL)
	b := startNode(t, bin, "B", dbURL)
	load := startIntakeLoad(t, []*node{a, b}, tokens["motcua"], procCode, 8, 5000)
	if !load.waitFor(100, 30*time.Second) {
		load.end()
		t.Fatalf("only %d intakes acknowledged before the kill", load.count())
	}
	a.kill(t)
	onB := load.nodeCount("B")
	// B keeps serving, the clients of A included.
	served := func() bool { return load.nodeCount("B") >= onB+100 }
	for end := time.Now().Add(30 * time.Second); !served() && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
	}
	acked := load.end()
	if !served() {
		t.Errorf("node B acknowledged %d intakes after A was killed, want at least 100", load.nodeCount("B")-onB)
	}
	if load.nodeCount("A") == 0 {
		t.Error("node A acknowledged nothing before it was killed")
	}
	checkAcknowledged(t, dbURL, acked)
	t.Logf("%d acknowledged intakes (A %d, B %d), all present after A's SIGKILL", len(acked), load.nodeCount("A"), load.nodeCount("B"))
}

// RestartEnv turns on TestPostgresRestart, which restarts the local
// PostgreSQL cluster and so disturbs every other test using it:
// scripts/test runs it alone, after the rest.
const RestartEnv = "CONGVU_TEST_PG_RESTART"

// TestPostgresRestart restarts PostgreSQL under load on two nodes:
// /readyz fails on both and then recovers on both, both acknowledge
// writes again, and every write acknowledged is in the database.
func TestPostgresRestart(t *testing.T) {
	if os.Getenv(RestartEnv) != "1" {
		t.Skip("restarts the local PostgreSQL: set " + RestartEnv + "=1 (scripts/test does, alone, in CI)")
	}
	dbURL := storetest.PostgresURL(t)
	restart := pgRestarter(t) // after the schema, so that its clean-up runs first
	bin := buildCongvu(t)
	tokens, procCode, _ := seedNodes(t, dbURL)
	a := startNode(t, bin, "A", dbURL)
	b := startNode(t, bin, "B", dbURL)
	nodes := []*node{a, b}
	load := startIntakeLoad(t, nodes, tokens["motcua"], procCode, 6, 5000)
	if !load.waitFor(100, 30*time.Second) {
		load.end()
		t.Fatalf("only %d intakes acknowledged before the restart", load.count())
	}

	// Each node's /readyz is watched: down once, then up again.
	type watch struct {
		mu       sync.Mutex
		down, up bool
	}
	watches := make([]*watch, len(nodes))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 2 * time.Second}
	for i, n := range nodes {
		w := &watch{}
		watches[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
				}
				resp, err := client.Get(n.base + "/readyz")
				ok := err == nil && resp.StatusCode == 200
				if err == nil {
					resp.Body.Close()
				}
				w.mu.Lock()
				if !ok {
					w.down = true
				} else if w.down {
					w.up = true
				}
				w.mu.Unlock()
			}
		}()
	}
	restart()
	recovered := func() bool {
		for _, w := range watches {
			w.mu.Lock()
			done := w.down && w.up
			w.mu.Unlock()
			if !done {
				return false
			}
		}
		return true
	}
	for end := time.Now().Add(60 * time.Second); !recovered() && time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
	}
	close(stop)
	wg.Wait()
	for i, w := range watches {
		if !w.down || !w.up {
			t.Errorf("node %s: /readyz went down %v, came back %v", nodes[i].name, w.down, w.up)
		}
	}
	// Both take writes again.
	onA, onB := load.nodeCount("A"), load.nodeCount("B")
	again := func() bool { return load.nodeCount("A") > onA+20 && load.nodeCount("B") > onB+20 }
	for end := time.Now().Add(60 * time.Second); !again() && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
	}
	acked := load.end()
	if !again() {
		t.Errorf("after the restart node A acknowledged %d, node B %d", load.nodeCount("A")-onA, load.nodeCount("B")-onB)
	}
	checkAcknowledged(t, dbURL, acked)
	t.Logf("%d acknowledged intakes across a PostgreSQL restart, all present", len(acked))
}

// ClusterEnv names the Debian cluster TestPostgresRestart restarts, as
// "VERSION/NAME" (the one CONGVU_TEST_POSTGRES points at); by default the
// first version in /etc/postgresql and "main".
const ClusterEnv = "CONGVU_TEST_PG_CLUSTER"

// pgRestarter returns a function restarting the local Debian cluster
// (as root), and makes sure the cluster runs when the test ends.
func pgRestarter(t *testing.T) func() {
	t.Helper()
	ver, name, ok := strings.Cut(os.Getenv(ClusterEnv), "/")
	if !ok {
		versions, err := os.ReadDir("/etc/postgresql")
		if err != nil || len(versions) == 0 {
			t.Fatalf("%s=1 but no Debian PostgreSQL cluster in /etc/postgresql: %v", RestartEnv, err)
		}
		ver, name = versions[0].Name(), "main"
	}
	ctl := func(action string) error {
		out, err := exec.Command("pg_ctlcluster", "--skip-systemctl-redirect", ver, name, action).CombinedOutput()
		if err != nil && action != "status" {
			t.Logf("pg_ctlcluster %s %s %s: %v %s", ver, name, action, err, strings.TrimSpace(string(out)))
		}
		return err
	}
	if err := ctl("status"); err != nil {
		t.Fatalf("cluster %s/%s is not running", ver, name)
	}
	t.Cleanup(func() {
		if ctl("status") != nil {
			_ = ctl("start")
		}
	})
	return func() {
		if err := ctl("restart"); err != nil {
			t.Fatalf("restart PostgreSQL: %v", err)
		}
	}
}
