package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/store"
)

// buildCongvu builds the real binary into a temporary directory.
func buildCongvu(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "congvu")
	if out, err := exec.Command("go", "build", "-o", bin, "congvu/cmd/congvu").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// node is a `congvu serve` process of the test's, on 127.0.0.1.
type node struct {
	name   string
	cmd    *exec.Cmd
	base   string
	stderr *syncBuffer
	exited chan struct{}
}

// startNode starts `congvu serve` on dbURL on a free port and waits until
// it listens; it is killed when the test ends.
func startNode(t *testing.T, bin, name, dbURL string) *node {
	t.Helper()
	n := &node{name: name, stderr: &syncBuffer{}, exited: make(chan struct{})}
	n.cmd = exec.Command(bin, "serve", "--db", dbURL, "--addr", "127.0.0.1:0", "--log-level", "warn")
	n.cmd.Env = append(os.Environ(), "CONGVU_DB=")
	n.cmd.Stderr = n.stderr
	stdout, err := n.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := n.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { n.cmd.Wait(); close(n.exited) }()
	t.Cleanup(func() {
		n.cmd.Process.Kill()
		<-n.exited
		if t.Failed() {
			t.Logf("node %s stderr:\n%s", n.name, n.stderr.String())
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "http://"); ok {
				addr <- strings.Fields(rest)[0]
			}
		}
	}()
	select {
	case a := <-addr:
		n.base = "http://" + a
	case <-n.exited:
		t.Fatalf("node %s exited at start: %s", name, n.stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("node %s did not start", name)
	}
	return n
}

// kill ends the node with SIGKILL and waits for it.
func (n *node) kill(t *testing.T) {
	t.Helper()
	if err := n.cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	<-n.exited
}

var testClient = &http.Client{Timeout: 10 * time.Second}

// call sends a JSON request with a bearer token (or none) and decodes a
// JSON answer into out when given; it returns the status.
func call(t *testing.T, method, url, token string, body any, out any, header ...string) (int, error) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := testClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			return resp.StatusCode, fmt.Errorf("decode %s %s: %w: %.300s", method, url, err, raw)
		}
	}
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %.300s", method, url, resp.StatusCode, raw)
	}
	return resp.StatusCode, nil
}

// soon polls cond for at most a few seconds: far less than the minute a
// node keeps a cached answer on PostgreSQL, so what it waits for is the
// notification, not the time-to-live.
func soon(cond func() bool) bool {
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// intakeLoad receives dossiers through the nodes from several clients
// until stop is closed or limit dossiers are acknowledged, and records
// every acknowledged code. A client whose node does not answer tries the
// next node, as a load balancer would.
type intakeLoad struct {
	mu       sync.Mutex
	acked    []string
	byNode   map[string]int
	failures int
	wg       sync.WaitGroup
	stop     chan struct{}
}

func startIntakeLoad(t *testing.T, nodes []*node, token, procCode string, clients, limit int) *intakeLoad {
	l := &intakeLoad{byNode: map[string]int{}, stop: make(chan struct{})}
	for c := range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			at := c % len(nodes)
			for i := 0; ; i++ {
				select {
				case <-l.stop:
					return
				default:
				}
				if l.count() >= limit {
					return
				}
				// Round robin, success or not: a client that failed over
				// to one node during an outage must come back to the
				// other, or a recovered node may see no load at all.
				n := nodes[at]
				at = (at + 1) % len(nodes)
				body := map[string]any{"procedure_code": procCode, "channel": "direct",
					"applicant": map[string]any{"name": fmt.Sprintf("Người nộp %d-%d", c, i), "phone": "0912345678"}}
				var out struct {
					Code string `json:"code"`
				}
				status, err := call(t, "POST", n.base+"/api/v1/dossiers", token, body, &out)
				if status != http.StatusCreated || out.Code == "" {
					// Not acknowledged: the node is gone or the database
					// is away; the next node gets the next try (above).
					l.mu.Lock()
					l.failures++
					l.mu.Unlock()
					_ = err
					time.Sleep(20 * time.Millisecond)
					continue
				}
				l.mu.Lock()
				l.acked = append(l.acked, out.Code)
				l.byNode[n.name]++
				l.mu.Unlock()
			}
		}()
	}
	return l
}

func (l *intakeLoad) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

func (l *intakeLoad) nodeCount(name string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byNode[name]
}

// waitFor waits until at least n dossiers are acknowledged, for at most
// a bounded time, and reports whether they were.
func (l *intakeLoad) waitFor(n int, within time.Duration) bool {
	for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if l.count() >= n {
			return true
		}
	}
	return l.count() >= n
}

func (l *intakeLoad) end() []string {
	close(l.stop)
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.acked...)
}

// checkAcknowledged opens dbURL and checks that every acknowledged dossier
// is there, once, and that the journal verifies.
func checkAcknowledged(t *testing.T, dbURL string, acked []string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seen := map[string]bool{}
	for _, code := range acked {
		if seen[code] {
			t.Fatalf("code %s acknowledged twice", code)
		}
		seen[code] = true
		if _, err := db.FindDossierByCode(ctx, code); err != nil {
			t.Errorf("acknowledged dossier %s lost: %v", code, err)
		}
	}
	if _, err := db.VerifyAudit(ctx); err != nil {
		t.Errorf("journal: %v", err)
	}
}

// seedNodes seeds dbURL with the demo agency, a one-step procedure at its
// desk and API tokens for the given logins; it returns the tokens, the
// procedure's code and the demo accounts.
func seedNodes(t *testing.T, dbURL string, logins ...string) (map[string]string, string, []demo.Account) {
	t.Helper()
	tok, proc, accs := seedDesk(t, dbURL)
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tokens := map[string]string{"motcua": tok}
	for _, l := range logins {
		if tokens[l], err = db.CreateToken(ctx, audit.System("test"), l, "nodes"); err != nil {
			t.Fatal(err)
		}
	}
	return tokens, proc, accs
}
