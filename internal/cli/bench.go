package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"congvu/internal/audit"
	"congvu/internal/config"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

func init() {
	extraCommands = append(extraCommands, command{"bench", "đo hiệu năng tiếp nhận và xử lý hồ sơ qua HTTP / benchmark dossier intake and transitions over HTTP", (*Main).bench})
}

const benchUsage = `bench [--db PATH] [--clients 16] [--dossiers 3000] [--history 20000] [--runs healthz,store,http] [--cpuprofile FILE]

Starts the real handler on 127.0.0.1:0 over a demo database (a new one in a
temporary directory unless --db names one), with --history generated
dossiers, creates API tokens, and measures, with --clients concurrent
clients, side by side:
  healthz  GET /healthz, 3 × --dossiers requests (the HTTP stack alone);
  store    the same work as http without HTTP: ReceiveDossier, then two
           RecordDossierEvent forwards, per dossier;
  http     POST /api/v1/dossiers (the desk clerk), POST .../events forward to
           the division's official (the clerk), POST .../events forward to the
           head (the official), per dossier.
--runs picks some of them, in that order. Each line gives operations per
second and p50/p95/p99 latency. --cpuprofile writes a CPU profile of the
runs (go tool pprof).

bench portal ... measures the portal's public pages instead: congvu bench
portal --help.`

func (m *Main) bench(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "portal" {
		return m.benchPortal(ctx, args[1:])
	}
	fs := m.flags("bench", benchUsage)
	dbPath := fs.String("db", "", "cơ sở dữ liệu SQLite (mặc định: tạo mới) / SQLite database (default: a new one)")
	clients := fs.Int("clients", 16, "số máy khách đồng thời / concurrent clients")
	n := fs.Int("dossiers", 3000, "số hồ sơ mỗi lượt đo / dossiers per run")
	history := fs.Int("history", 20000, "số hồ sơ lịch sử tạo trước / dossiers of history generated first")
	profile := fs.String("cpuprofile", "", "ghi hồ sơ CPU của các lượt đo vào tệp / write a CPU profile of the runs to a file")
	runList := fs.String("runs", "healthz,store,http", "các lượt đo / the runs to make")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	runs := map[string]bool{}
	for _, r := range strings.Split(*runList, ",") {
		switch r = strings.TrimSpace(r); r {
		case "healthz", "store", "http":
			runs[r] = true
		default:
			return usagef("--runs: không có lượt đo %q (healthz, store, http) / no run %q", r, r)
		}
	}
	if *clients < 1 || *n < 1 || *history < 0 {
		return usagef("--clients, --dossiers phải dương / must be positive")
	}
	db, path, done, err := m.benchDatabase(ctx, *dbPath, "congvu-bench-")
	if err != nil {
		return err
	}
	defer done()
	if *history > 0 {
		var count int
		if rows, err := db.FindDossiers(ctx, dossier.Filter{Limit: 1}); err == nil {
			count = len(rows)
		}
		if count == 0 {
			fmt.Fprintf(m.Stdout, "Tạo %d hồ sơ lịch sử / generating %d dossiers of history…\n", *history, *history)
			if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: *history, Now: m.Now(), Seed: 1}); err != nil {
				return err
			}
			if err := db.Settle(ctx); err != nil {
				return err
			}
		}
	}
	who, err := benchStaff(ctx, db)
	if err != nil {
		return err
	}
	base, client, stopServer, err := m.benchServer(db, *clients)
	if err != nil {
		return err
	}
	defer stopServer()

	fmt.Fprintf(m.Stdout, "%d máy khách / clients, %d hồ sơ / dossiers per run, %s %s\n", *clients, *n, db.Engine(), store.Redact(path))
	fmt.Fprintf(m.Stdout, "%-8s %9s %10s %9s %9s %9s\n", "run", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms")
	report := func(name string, r benchResult) {
		fmt.Fprintf(m.Stdout, "%-8s %9d %10.0f %9.2f %9.2f %9.2f\n", name, len(r.lat), float64(len(r.lat))/r.wall.Seconds(),
			r.pct(50), r.pct(95), r.pct(99))
	}
	stop, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	if runs["healthz"] {
		report("healthz", runBench(*clients, 3**n, func(i int) error {
			resp, err := client.Get(base + "/healthz")
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return nil
		}))
	}
	clerk := audit.Actor{PersonID: who.clerk.id, Name: who.clerk.name, AgencyID: who.agency}
	official := audit.Actor{PersonID: who.official.id, Name: who.official.name, AgencyID: who.agency}
	intake := func(i int) dossier.Intake {
		return dossier.Intake{AgencyID: who.agency, UnitID: who.desk, ProcedureCode: benchProcedure, Channel: dossier.ChannelDirect,
			Applicant: dossier.Applicant{Name: fmt.Sprintf("Công ty TNHH Thử tải %d", i), Organization: true, IDNumber: "2300000001"}}
	}
	var storeRes, httpRes benchResult
	if runs["store"] {
		storeRes = runBenchSteps(*clients, *n, []func(int, *string) error{
			func(i int, code *string) error {
				rec, _, err := db.ReceiveDossier(ctx, clerk, intake(i))
				*code = rec.Code
				return err
			},
			func(i int, code *string) error {
				_, err := db.RecordDossierEvent(ctx, clerk, *code, 1, dossier.Event{Action: dossier.Forward, UnitID: who.desk,
					ToPersonID: who.official.id, ToPersonName: who.official.name})
				return err
			},
			func(i int, code *string) error {
				_, err := db.RecordDossierEvent(ctx, official, *code, 2, dossier.Event{Action: dossier.Forward, UnitID: who.division,
					ToPersonID: who.head.id, ToPersonName: who.head.name})
				return err
			},
		})
		report("store", storeRes)
	}
	post := benchPost(client, base)
	if runs["http"] {
		httpRes = runBenchSteps(*clients, *n, []func(int, *string) error{
			func(i int, code *string) error {
				var out struct {
					Code string `json:"code"`
				}
				err := post(who.clerkToken, "/api/v1/dossiers", map[string]any{"procedure_code": benchProcedure,
					"applicant": map[string]any{"name": fmt.Sprintf("Công ty TNHH Thử tải HTTP %d", i), "organization": true, "id_number": "2300000002"}}, &out)
				*code = out.Code
				return err
			},
			func(i int, code *string) error {
				return post(who.clerkToken, "/api/v1/dossiers/"+*code+"/events", map[string]any{"action": "forward", "to_person_id": who.official.id, "version": 1}, nil)
			},
			func(i int, code *string) error {
				return post(who.officialToken, "/api/v1/dossiers/"+*code+"/events", map[string]any{"action": "forward", "to_person_id": who.head.id, "version": 2}, nil)
			},
		})
		report("http", httpRes)
	}
	for _, r := range []struct {
		name string
		res  benchResult
	}{{"store", storeRes}, {"http", httpRes}} {
		if r.res.errs > 0 {
			fmt.Fprintf(m.Stdout, "%s: %d lỗi / errors, e.g. %v\n", r.name, r.res.errs, r.res.firstErr)
		}
	}
	return nil
}

// benchProcedure is the demo's most common procedure: desk, the business
// registration division's official, its head.
const benchProcedure = "2.002040"

type benchPerson struct {
	id   int64
	name string
}

type benchWho struct {
	agency, desk, division    int64
	clerk, official, head     benchPerson
	clerkToken, officialToken string
}

// benchStaff finds the demo's desk clerk, business registration official
// and head, and gives the first two an API token.
func benchStaff(ctx context.Context, db *store.DB) (benchWho, error) {
	var w benchWho
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		return w, err
	}
	for _, u := range units {
		switch {
		case u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh":
			w.agency = u.ID
		case u.Kind == org.KindDesk:
			w.desk = u.ID
		case strings.HasPrefix(u.Name, "Phòng Đăng ký kinh doanh"):
			w.division = u.ID
		}
	}
	people, err := db.FindPeople(ctx, org.PersonFilter{OnlyActive: true})
	if err != nil {
		return w, err
	}
	for _, p := range people {
		for _, ms := range p.Memberships {
			bp := benchPerson{p.ID, p.FullName}
			switch {
			case ms.UnitID == w.desk && ms.Role == org.RoleClerk && w.clerk.id == 0:
				w.clerk = bp
			case ms.UnitID == w.division && ms.Role == org.RoleOfficial && w.official.id == 0:
				w.official = bp
			case ms.UnitID == w.division && ms.Role == org.RoleHead:
				w.head = bp
			}
		}
	}
	if w.agency == 0 || w.desk == 0 || w.division == 0 || w.clerk.id == 0 || w.official.id == 0 || w.head.id == 0 {
		return w, fmt.Errorf("bench: the demo agency's desk, business registration division or their staff are missing")
	}
	sys := audit.System("bench")
	suffix := fmt.Sprint(time.Now().UnixNano() % 1e6)
	for _, a := range []struct {
		p     benchPerson
		token *string
	}{{w.clerk, &w.clerkToken}, {w.official, &w.officialToken}} {
		login := fmt.Sprintf("bench%d.%s", a.p.id, suffix)
		if err := db.CreateAccount(ctx, sys, a.p.id, login, "Bench@2026-"+suffix+"-mat-khau"); err != nil {
			// The person may already have an account (the demo's clerk).
			accs, lerr := db.FindPeople(ctx, org.PersonFilter{OnlyActive: true})
			if lerr != nil {
				return w, err
			}
			login = ""
			for _, p := range accs {
				if p.ID == a.p.id {
					login = p.Login
				}
			}
			if login == "" {
				return w, err
			}
		}
		if *a.token, err = db.CreateToken(ctx, sys, login, "bench"); err != nil {
			return w, err
		}
	}
	return w, nil
}

// startCPUProfile writes a CPU profile to path until stop is called; with
// an empty path it does nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// benchServer starts the real handler on 127.0.0.1:0 over db and returns
// its address and a client with a connection for each of clients (twice
// over, for the client's own turnover).
func (m *Main) benchServer(db *store.DB, clients int) (base string, client *http.Client, stop func(), err error) {
	handler, err := NewHandler(config.FromEnv(func(string) string { return "" }), db, slog.New(slog.NewTextHandler(io.Discard, nil)), m.Now)
	if err != nil {
		return "", nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients * 2, MaxConnsPerHost: clients * 2}, Timeout: 30 * time.Second}
	return "http://" + ln.Addr().String(), client, func() { srv.Close() }, nil
}

// benchPost returns a client's POST of a JSON body with an API token,
// decoding the answer into out (when not nil); a status of 300 or more is
// an error carrying the answer.
func benchPost(client *http.Client, base string) func(token, path string, body, out any) error {
	return func(token, path string, body, out any) error {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", base+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 300 {
			return fmt.Errorf("%s: %d %s", path, resp.StatusCode, data)
		}
		if out != nil {
			return json.Unmarshal(data, out)
		}
		return nil
	}
}

// benchResult is the latencies of one run.
type benchResult struct {
	lat      []time.Duration
	wall     time.Duration
	errs     int
	firstErr error
}

// pct is a percentile of the latencies in milliseconds.
func (r benchResult) pct(p float64) float64 {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(float64(len(r.lat)-1) * p / 100)
	return float64(r.lat[i].Microseconds()) / 1000
}

// runBench runs op(0..n-1) from clients goroutines.
func runBench(clients, n int, op func(int) error) benchResult {
	return runBenchSteps(clients, n, []func(int, *string) error{func(i int, _ *string) error { return op(i) }})
}

// runBenchSteps runs, for each of n items, the steps in order (each one
// operation, timed on its own), items taken by clients goroutines.
func runBenchSteps(clients, n int, steps []func(int, *string) error) benchResult {
	var next atomic.Int64
	var mu sync.Mutex
	var res benchResult
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var errs int
			var first error
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					break
				}
				var code string
				for _, st := range steps {
					t := time.Now()
					err := st(i, &code)
					lat = append(lat, time.Since(t))
					if err != nil {
						errs++
						if first == nil {
							first = err
						}
						break
					}
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			res.errs += errs
			if res.firstErr == nil {
				res.firstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.wall = time.Since(start)
	slices.Sort(res.lat)
	return res
}

// benchDatabase opens the database a benchmark runs on (a new one in a
// temporary directory when path is empty), migrated and seeded with the demo
// agency. done closes it and removes the temporary directory.
func (m *Main) benchDatabase(ctx context.Context, path, prefix string) (*store.DB, string, func(), error) {
	cleanup := func() {}
	if path == "" {
		dir, err := os.MkdirTemp("", prefix)
		if err != nil {
			return nil, "", nil, err
		}
		cleanup = func() { os.RemoveAll(dir) }
		path = filepath.Join(dir, "bench.db")
	}
	db, err := m.open(ctx, path, nil)
	if err != nil {
		cleanup()
		return nil, "", nil, err
	}
	if _, err := demo.Seed(ctx, db, m.Now()); err != nil {
		db.Close()
		cleanup()
		return nil, "", nil, err
	}
	return db, path, func() { db.Close(); cleanup() }, nil
}
