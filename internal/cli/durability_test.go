package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

// TestKillNineLosesNoAcknowledgedIntake runs the real binary, receives
// dossiers over HTTP from several clients, kills the process with SIGKILL
// in the middle, and checks that every dossier whose 201 reached a client
// is in the database afterwards, with the journal intact.
func TestKillNineLosesNoAcknowledgedIntake(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "congvu")
	if out, err := exec.Command("go", "build", "-o", bin, "congvu/cmd/congvu").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "k.db")
	token, procCode := prepareDesk(t, dbPath)

	cmd := exec.Command(bin, "serve", "--db", dbPath, "--addr", "127.0.0.1:0", "--log-level", "error")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "http://"); ok {
				addr <- strings.Fields(rest)[0]
			}
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}

	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; ; i++ {
				body := fmt.Sprintf(`{"procedure_code":%q,"applicant":{"name":"Người nộp %d-%d","phone":"0912345678"},"channel":"direct"}`, procCode, c, i)
				req, _ := http.NewRequest("POST", base+"/api/v1/dossiers", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				var out struct {
					Code string `json:"code"`
				}
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated || err != nil {
					t.Errorf("intake answered %d (%v)", resp.StatusCode, err)
					return
				}
				mu.Lock()
				acked = append(acked, out.Code)
				mu.Unlock()
			}
		}(c)
	}
	// Let the clients get going, then kill the server mid-flight.
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 150 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	wg.Wait()
	if len(acked) < 50 {
		t.Fatalf("only %d intakes acknowledged before the kill", len(acked))
	}

	checkAcknowledged(t, dbPath, acked)
	t.Logf("%d acknowledged intakes, all present after SIGKILL", len(acked))
}

// prepareDesk seeds the demo agency with a one-step procedure at its desk
// and returns an API token of the desk clerk and the procedure code.
func prepareDesk(t *testing.T, path string) (string, string) {
	t.Helper()
	tok, code, _ := seedDesk(t, path)
	return tok, code
}

// seedDesk is prepareDesk, returning the demo accounts too.
func seedDesk(t *testing.T, path string) (string, string, []demo.Account) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	accs, err := demo.Seed(ctx, db, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	clerk := ""
	for _, a := range accs {
		if a.Login == "motcua" {
			clerk = a.Login
		}
	}
	if clerk == "" {
		t.Fatal("the demo has no desk clerk motcua")
	}
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var desk org.Unit
	for _, u := range units {
		if u.Kind == org.KindDesk {
			desk = u
		}
	}
	p, err := db.CreateProcedureVersion(ctx, audit.System("test"), dossier.Procedure{
		Code: "1.999002", Name: "Cung cấp thông tin về quy hoạch", Level: dossier.LevelPartial,
		Limit:         calendar.Limit{Value: 3, Unit: calendar.WorkingDays},
		Steps:         []dossier.Step{{Name: "Tiếp nhận và giải quyết", UnitID: desk.ID, Role: org.RoleClerk, Budget: 3}},
		EffectiveFrom: calendar.Date{Year: 2025, Month: 7, Day: 1}, AgencyID: desk.AgencyID,
	})
	if err != nil && !apperr.Is(err, apperr.Conflict) {
		t.Fatal(err)
	}
	tok, err := db.CreateToken(ctx, audit.System("test"), clerk, "durability")
	if err != nil {
		t.Fatal(err)
	}
	return tok, p.Code, accs
}
