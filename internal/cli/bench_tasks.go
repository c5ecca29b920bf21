package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"congvu/internal/audit"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

func init() {
	extraCommands = append(extraCommands, command{"bench-tasks", "đo hiệu năng danh sách, giao và cập nhật nhiệm vụ qua HTTP / benchmark task lists, creation and transitions over HTTP", (*Main).benchTasks})
}

const benchTasksUsage = `bench-tasks [--db PATH] [--clients 16] [--tasks 100000] [--pages 20000] [--ops 2000] [--cpuprofile FILE]

Starts the real handler on 127.0.0.1:0 over a demo database (a new one in a
temporary directory unless --db names one) holding --tasks generated tasks
(db.GenerateTasks, when it holds none yet), gives the busiest official (the
person leading the most tasks) and the head of their division API tokens,
and measures, with --clients concurrent clients, side by side:
  healthz      GET /healthz, --pages requests (the HTTP stack alone);
  store-list   db.FindTasks as the list below sends it, --pages times;
  http-list    GET /api/v1/tasks?mine=lead&limit=50 (the official), --pages requests;
  store-write  db.CreateTask (the head assigns to the official), then
               db.RecordTaskEvent start and report_progress (the official),
               per task, --ops tasks;
  http-write   POST /api/v1/tasks (the head), POST /api/v1/tasks/{id}/events
               start (version 1) and report_progress (version 2) (the
               official), per task, --ops tasks.
Each line gives operations per second and p50/p95/p99 latency. --cpuprofile
writes a CPU profile of the runs (go tool pprof).`

func (m *Main) benchTasks(ctx context.Context, args []string) error {
	fs := m.flags("bench-tasks", benchTasksUsage)
	dbPath := fs.String("db", "", "cơ sở dữ liệu SQLite (mặc định: tạo mới) / SQLite database (default: a new one)")
	clients := fs.Int("clients", 16, "số máy khách đồng thời / concurrent clients")
	nTasks := fs.Int("tasks", 100000, "số nhiệm vụ tạo trước / tasks generated first")
	pages := fs.Int("pages", 20000, "số trang danh sách mỗi lượt đo / list pages per run")
	ops := fs.Int("ops", 2000, "số nhiệm vụ giao và cập nhật mỗi lượt đo / tasks created and moved per run")
	profile := fs.String("cpuprofile", "", "ghi hồ sơ CPU của các lượt đo vào tệp / write a CPU profile of the runs to a file")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *clients < 1 || *pages < 1 || *ops < 1 || *nTasks < 0 {
		return usagef("--clients, --pages, --ops phải dương / must be positive")
	}
	db, path, done, err := m.benchDatabase(ctx, *dbPath, "congvu-bench-tasks-")
	if err != nil {
		return err
	}
	defer done()
	if existing, err := db.FindTasks(ctx, store.TaskFilter{Limit: 1}); err != nil {
		return err
	} else if len(existing) == 0 && *nTasks > 0 {
		fmt.Fprintf(m.Stdout, "Tạo %d nhiệm vụ / generating %d tasks…\n", *nTasks, *nTasks)
		start := time.Now()
		st, err := db.GenerateTasks(ctx, audit.System("bench"), store.TaskGenOptions{N: *nTasks, Now: m.Now(), Seed: 1})
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "%d nhiệm vụ / tasks, %d sự kiện / events in %v\n", st.Tasks, st.Events, time.Since(start).Round(time.Millisecond))
	}
	who, err := benchTaskStaff(ctx, db)
	if err != nil {
		return err
	}
	base, client, stopServer, err := m.benchServer(db, *clients)
	if err != nil {
		return err
	}
	defer stopServer()

	leads := fmt.Sprint(who.leads)
	if who.leads == benchLeadsCounted {
		leads = "≥ " + leads
	}
	fmt.Fprintf(m.Stdout, "%d máy khách / clients, %s %s; official %d leads %s tasks, head %d\n", *clients, db.Engine(), store.Redact(path), who.official.id, leads, who.head.id)
	fmt.Fprintf(m.Stdout, "%-12s %9s %10s %9s %9s %9s\n", "run", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms")
	var errs []string
	report := func(name string, r benchResult) {
		fmt.Fprintf(m.Stdout, "%-12s %9d %10.0f %9.2f %9.2f %9.2f\n", name, len(r.lat), float64(len(r.lat))/r.wall.Seconds(),
			r.pct(50), r.pct(95), r.pct(99))
		if r.errs > 0 {
			errs = append(errs, fmt.Sprintf("%s: %d lỗi / errors, e.g. %v", name, r.errs, r.firstErr))
		}
	}
	get := func(token, path string) error {
		req, _ := http.NewRequest("GET", base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			return fmt.Errorf("%s: %d", path, resp.StatusCode)
		}
		if n < 100 && token != "" {
			return fmt.Errorf("%s: %d bytes: an empty page", path, n)
		}
		return nil
	}
	stop, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	report("healthz", runBench(*clients, *pages, func(int) error { return get("", "/healthz") }))
	scope, err := benchTaskScope(ctx, db, who.official.id)
	if err != nil {
		return err
	}
	report("store-list", runBench(*clients, *pages, func(int) error {
		_, err := db.FindTasks(ctx, store.TaskFilter{Scope: scope, LeadPersonID: who.official.id, Limit: 50, Now: m.Now()})
		return err
	}))
	report("http-list", runBench(*clients, *pages, func(int) error {
		return get(who.officialToken, "/api/v1/tasks?mine=lead&limit=50")
	}))

	head := audit.Actor{PersonID: who.head.id, Name: who.head.name, AgencyID: who.agency}
	official := audit.Actor{PersonID: who.official.id, Name: who.official.name, AgencyID: who.agency}
	days := 10.0
	var ids = make([]int64, *ops)
	pct := func(p int) *int { return &p }
	report("store-write", runBenchSteps(*clients, *ops, []func(int, *string) error{
		func(i int, _ *string) error {
			h, err := db.CreateTask(ctx, head, work.NewTask{AgencyID: who.agency, LeadUnitID: who.division, LeadPersonID: who.official.id,
				AssignerID: who.head.id, AssignedAt: m.Now(), Title: fmt.Sprintf("Nhiệm vụ thử tải %d", i), Product: "Báo cáo thử tải",
				Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil)
			ids[i] = h.Task.ID
			return err
		},
		func(i int, _ *string) error {
			_, _, err := db.RecordTaskEvent(ctx, official, ids[i], 1, work.Event{Action: work.ActionStart})
			return err
		},
		func(i int, _ *string) error {
			_, _, err := db.RecordTaskEvent(ctx, official, ids[i], 2, work.Event{Action: work.ActionReportProgress, Percent: pct(30), Note: "Đang thực hiện"})
			return err
		},
	}))
	post := benchPost(client, base)
	report("http-write", runBenchSteps(*clients, *ops, []func(int, *string) error{
		func(i int, id *string) error {
			var out struct {
				ID int64 `json:"id"`
			}
			err := post(who.headToken, "/api/v1/tasks", map[string]any{"title": fmt.Sprintf("Nhiệm vụ thử tải HTTP %d", i),
				"lead_person_id": who.official.id, "lead_unit_id": who.division, "deadline_working_days": days}, &out)
			*id = fmt.Sprint(out.ID)
			return err
		},
		func(i int, id *string) error {
			return post(who.officialToken, "/api/v1/tasks/"+*id+"/events", map[string]any{"action": "start", "version": 1}, nil)
		},
		func(i int, id *string) error {
			return post(who.officialToken, "/api/v1/tasks/"+*id+"/events", map[string]any{"action": "report_progress", "percent": 30,
				"note": "Đang thực hiện", "version": 2}, nil)
		},
	}))
	for _, e := range errs {
		fmt.Fprintln(m.Stdout, e)
	}
	return nil
}

type benchTaskWho struct {
	agency, division         int64
	official, head           benchPerson
	leads                    int
	officialToken, headToken string
}

// benchLeadsCounted is how many of an official's tasks benchTaskStaff
// counts at most (a list's largest page).
const benchLeadsCounted = 1000

// benchTaskStaff finds the official who leads the most tasks (among the
// officials of the agency's divisions), the head of their division, and
// gives both an API token.
func benchTaskStaff(ctx context.Context, db *store.DB) (benchTaskWho, error) {
	var w benchTaskWho
	tree, err := db.Tree(ctx)
	if err != nil {
		return w, err
	}
	ms, err := db.CurrentMemberships(ctx, 0)
	if err != nil {
		return w, err
	}
	heads := map[int64]int64{}
	for _, m := range ms {
		if m.Role == org.RoleHead {
			heads[m.UnitID] = m.PersonID
		}
	}
	for _, m := range ms {
		u, ok := tree.Unit(m.UnitID)
		if !ok || !u.Current() || u.Kind != org.KindDivision || m.Role != org.RoleOfficial || heads[m.UnitID] == 0 {
			continue
		}
		list, err := db.FindTasks(ctx, store.TaskFilter{LeadPersonID: m.PersonID, Limit: benchLeadsCounted})
		if err != nil {
			return w, err
		}
		if w.official.id == 0 || len(list) > w.leads {
			w.official.id, w.head.id, w.division, w.agency, w.leads = m.PersonID, heads[m.UnitID], m.UnitID, u.AgencyID, len(list)
		}
	}
	if w.official.id == 0 {
		return w, fmt.Errorf("bench-tasks: no official in a division with a head")
	}
	sys := audit.System("bench")
	suffix := fmt.Sprint(time.Now().UnixNano() % 1e6)
	for _, a := range []struct {
		p     *benchPerson
		token *string
	}{{&w.official, &w.officialToken}, {&w.head, &w.headToken}} {
		p, err := db.FindPersonByID(ctx, a.p.id)
		if err != nil {
			return w, err
		}
		a.p.name = p.FullName
		login := p.Login
		if login == "" {
			login = fmt.Sprintf("bench%d.%s", a.p.id, suffix)
			if err := db.CreateAccount(ctx, sys, a.p.id, login, "Bench@2026-"+suffix+"-mat-khau"); err != nil {
				return w, err
			}
		}
		if *a.token, err = db.CreateToken(ctx, sys, login, "bench"); err != nil {
			return w, err
		}
	}
	return w, nil
}

// benchTaskScope is the scope GET /api/v1/tasks gives a person (as
// api.taskScope builds it from their grants): their units' subtrees, the
// units on the path above, and a manager's whole subtree as coordinator.
func benchTaskScope(ctx context.Context, db *store.DB, person int64) (*store.TaskScope, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, err
	}
	subj, err := db.Subject(ctx, person)
	if err != nil {
		return nil, err
	}
	sc := &store.TaskScope{PersonID: person}
	for _, g := range subj.Grants {
		u, ok := tree.Unit(g.UnitID)
		if !ok {
			continue
		}
		sub := []int64{g.UnitID}
		for i := 0; i < len(sub); i++ {
			sub = append(sub, tree.Children(sub[i])...)
		}
		switch g.Role {
		case org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector:
			sc.AgencyIDs = append(sc.AgencyIDs, u.AgencyID)
		case org.RoleHead, org.RoleDeputyHead, org.RoleOfficial, org.RoleClerk:
			sc.UnitIDs = append(sc.UnitIDs, sub...)
		}
		for _, p := range tree.Path(g.UnitID) {
			if p.AgencyID == u.AgencyID {
				sc.CoordinatingUnitIDs = append(sc.CoordinatingUnitIDs, p.ID)
			}
		}
		if g.Role.Manages() {
			sc.CoordinatingUnitIDs = append(sc.CoordinatingUnitIDs, sub...)
		}
	}
	return sc, nil
}
