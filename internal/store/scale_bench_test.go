package store_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/fold"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// BenchmarkScaleLists is every list of tasks and dossiers at full size
// (1,000,000 tasks, 10,000,000 dossiers: TestBuildScale), for the
// director, a deputy director, a head, an official and the desk clerk, on
// SQLite and PostgreSQL, as the web and the API send them (the filters of
// internal/web's task tabs and dossier lists, each role's scope), with
// the old query beside it where it still exists (FindTasksSorted,
// FindDossiers' OFFSET pages: "…/old").
//
// Each "…/new" iteration reads the list's next page of 50 (pages 1 to 10
// in turn) and counts the list (capped at 1,000: dossier.TotalCap,
// store.TaskCountCap) as the pages do, with its first page. The metrics are p50, p95 and p99 per page in ms.
//
//	CONGVU_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/congvu_test?sslmode=disable \
//	go test ./internal/store -run '^$' -bench 'ScaleLists/.*/new' -benchtime 100x -timeout 0
//	go test ./internal/store -run '^$' -bench 'ScaleLists/.*/old' -benchtime 3x -timeout 0
//
// CONGVU_SCALE_ENGINES=sqlite (or postgres) measures one engine;
// CONGVU_SCALE_BEFORE=1 measures each list as it was read before issue
// #12's "lists that scale" too ("…/before", just before "…/new").
func BenchmarkScaleLists(b *testing.B) {
	engines := os.Getenv("CONGVU_SCALE_ENGINES")
	if engines == "" || strings.Contains(engines, "sqlite") {
		path := filepath.Join(scaleDir(), "sqlite.db")
		b.Run("sqlite", func(b *testing.B) {
			if _, err := os.Stat(path); err != nil {
				b.Skipf("no %s: build it with CONGVU_SCALE_BUILD=sqlite go test ./internal/store -run TestBuildScale", path)
			}
			benchScale(b, path)
		})
	}
	if engines == "" || strings.Contains(engines, "postgres") {
		b.Run("postgres", func(b *testing.B) {
			u := scalePostgresURL()
			if u == "" {
				b.Skip("set CONGVU_TEST_POSTGRES")
			}
			benchScale(b, u)
		})
	}
}

// scaleList is one list as a role reads it.
type scaleList struct {
	name string
	task *store.TaskFilter
	dos  *dossier.Filter
	// queue: the desk's or an official's queue page (their dossiers and
	// the desk's, merged).
	queue []dossier.Filter
}

func benchScale(b *testing.B, dsn string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Skip(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var nt, nd int
	if err := db.QueryRowRaw(ctx, "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM dossiers)").Scan(&nt, &nd); err != nil {
		b.Fatal(err)
	}
	if nd == 0 {
		b.Skip("the scale database is empty")
	}
	b.Logf("%s: %d tasks, %d dossiers", db.Engine(), nt, nd)
	now := time.Now()
	lists := scaleLists(b, db, now)
	// CONGVU_SCALE_OLD, a regular expression, names the lists whose old
	// query runs too (all by default): at full size one old page costs
	// seconds to a minute.
	oldRe, err := regexp.Compile(os.Getenv("CONGVU_SCALE_OLD"))
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range lists {
		if os.Getenv("CONGVU_SCALE_BEFORE") != "" {
			b.Run(l.name+"/before", func(b *testing.B) {
				db.ListsAsBefore(true)
				defer db.ListsAsBefore(false)
				benchScaleNew(b, db, l, true)
			})
		}
		b.Run(l.name+"/new", func(b *testing.B) { benchScaleNew(b, db, l, false) })
		switch {
		case !oldRe.MatchString(l.name):
		case l.task != nil:
			b.Run(l.name+"/old", func(b *testing.B) {
				i := 0
				scaleLatency(b, func() error {
					i++
					f := *l.task
					f.Limit, f.Offset = 50, (i%10)*50
					_, err := db.FindTasksSorted(ctx, f)
					return err
				})
			})
		case l.dos != nil && l.dos.HandledBy == 0 && !l.dos.Overdue && !l.dos.DueSoon && l.dos.DueOn[0].IsZero():
			b.Run(l.name+"/old", func(b *testing.B) {
				i := 0
				scaleLatency(b, func() error {
					i++
					f := *l.dos
					f.Limit, f.Offset = 50, (i%10)*50
					_, err := db.FindDossiers(ctx, f)
					return err
				})
			})
		}
	}
}

// benchScaleNew reads pages 1 to 10 of the list in turn, the first with
// its count; before, as the lists did before issue #12's "lists that
// scale" (the baseline "…/before" with CONGVU_SCALE_BEFORE set): a task
// list counted up to 10,000 on every page, a dossier list up to 10,000,
// a dossier's code searched through the trigram index.
func benchScaleNew(b *testing.B, db *store.DB, l scaleList, before bool) {
	ctx := context.Background()
	var taskAfter *store.TaskCursor
	after := ""
	page := 0
	scaleLatency(b, func() error {
		switch {
		case l.task != nil:
			f := *l.task
			f.Limit, f.After = 50, taskAfter
			// The web's task list counts its list with its first page
			// (but the due tab's, internal/web/task_list.go) and carries
			// the total in the next page's link, as the dossier lists do.
			if (taskAfter == nil || before) && !strings.HasSuffix(l.name, "/due") {
				limit := 0
				if before {
					limit = 10_000
				}
				if _, _, err := db.CountTasks(ctx, f, limit); err != nil {
					return err
				}
			}
			p, err := db.FindTaskPage(ctx, f)
			if err != nil {
				return err
			}
			taskAfter = p.Next
		case l.dos != nil:
			f := *l.dos
			f.Limit, f.After, f.SkipTotal = 50, after, after != ""
			p, err := db.FindDossierPage(ctx, f)
			if err != nil {
				return err
			}
			after = p.Next
		default:
			p, err := db.FindDossierQueue(ctx, l.queue, after, 50, after != "")
			if err != nil {
				return err
			}
			after = p.Next
		}
		if page++; page == 10 || after == "" && taskAfter == nil {
			page, after, taskAfter = 0, "", nil
		}
		return nil
	})
}

// scaleBudget bounds one sub-benchmark's time (8 s, or
// CONGVU_SCALE_BUDGET, e.g. "3s"): a list slower than that (an old query
// at full size takes seconds a page) is measured on the pages read by
// then, and "pages" says how many.
var scaleBudget = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("CONGVU_SCALE_BUDGET")); err == nil && d > 0 {
		return d
	}
	return 8 * time.Second
}()

// scaleLatency is benchLatency within scaleBudget.
func scaleLatency(b *testing.B, op func() error) {
	var lat []time.Duration
	start := time.Now()
	for b.Loop() {
		if len(lat) > 0 && time.Since(start) > scaleBudget {
			continue // past the budget: b.Loop runs out (a break fails the benchmark)
		}
		t := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p/100)].Microseconds()) / 1000 }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
	b.ReportMetric(pct(99), "p99-ms")
	b.ReportMetric(float64(len(lat)), "pages")
}

// scaleRoles are the people whose lists are measured.
type scaleRoles struct {
	tree                                    *org.Tree
	agency, desk, division                  int64
	director, deputy, head, official, clerk int64
}

func findScaleRoles(b testing.TB, db *store.DB) scaleRoles {
	ctx := context.Background()
	tree, err := db.Tree(ctx)
	if err != nil {
		b.Fatal(err)
	}
	r := scaleRoles{tree: tree}
	for _, u := range tree.Units() {
		if u.Current() && u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
			r.agency = u.ID
		}
	}
	for _, u := range tree.Units() {
		if u.Current() && u.Kind == org.KindDesk && u.AgencyID == r.agency {
			r.desk = u.ID
		}
	}
	// The official holding the most open dossiers, and their division.
	var official, n int64
	if err := db.QueryRowRaw(ctx, `SELECT handler_id, count(*) FROM dossiers WHERE agency_id = ? AND handler_id IS NOT NULL AND handler_id <> 0
		AND completed_at IS NULL AND closed_at IS NULL AND statutory_due_at IS NOT NULL GROUP BY handler_id ORDER BY 2 DESC LIMIT 1`, r.agency).Scan(&official, &n); err != nil {
		b.Fatal(err)
	}
	ms, err := db.CurrentMemberships(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range ms {
		u, ok := tree.Unit(m.UnitID)
		if !ok || !u.Current() || u.AgencyID != r.agency {
			continue
		}
		switch {
		case m.Role == org.RoleDirector && r.director == 0:
			r.director = m.PersonID
		case m.Role == org.RoleDeputyDirector && r.deputy == 0:
			r.deputy = m.PersonID
		case m.Role == org.RoleClerk && r.clerk == 0:
			r.clerk = m.PersonID
		case m.PersonID == official && u.Kind == org.KindDivision:
			r.official, r.division = official, u.ID
		}
	}
	for _, m := range ms {
		if m.UnitID == r.division && m.Role == org.RoleHead {
			r.head = m.PersonID
		}
	}
	if r.director == 0 || r.deputy == 0 || r.head == 0 || r.official == 0 || r.clerk == 0 || r.desk == 0 {
		b.Fatalf("roles missing: %+v", r)
	}
	return r
}

// scaleLists are the lists of every role, as internal/web builds them.
func scaleLists(b testing.TB, db *store.DB, now time.Time) []scaleList {
	ctx := context.Background()
	r := findScaleRoles(b, db)
	var out []scaleList
	var name string // an applicant's full name, its words reversed, without diacritics (as typed on a phone)
	if err := db.QueryRowRaw(ctx, "SELECT applicant_name FROM dossiers WHERE id >= (SELECT max(id) / 2 FROM dossiers) ORDER BY id LIMIT 1").Scan(&name); err != nil {
		b.Fatal(err)
	}
	words := strings.Fields(name)
	slices.Reverse(words)
	name = fold.String(strings.Join(words, " "))
	var code string // a dossier's code, as read off a receipt
	if err := db.QueryRowRaw(ctx, "SELECT code FROM dossiers WHERE id >= (SELECT max(id) / 3 FROM dossiers) ORDER BY id LIMIT 1").Scan(&code); err != nil {
		b.Fatal(err)
	}
	var proc string // the most common procedure
	if err := db.QueryRowRaw(ctx, "SELECT procedure_code FROM dossiers WHERE id < 100000 GROUP BY procedure_code ORDER BY count(*) DESC LIMIT 1").Scan(&proc); err != nil {
		b.Fatal(err)
	}
	month := [2]time.Time{now.AddDate(0, -2, 0), now.AddDate(0, -1, 0)}
	soon := now.Add(15 * 24 * time.Hour)
	policy := auth.NewPolicy()
	dossier.RegisterPolicy(policy)
	work.RegisterPolicy(policy)
	for _, who := range []struct {
		role string
		id   int64
	}{{"director", r.director}, {"deputy", r.deputy}, {"head", r.head}, {"official", r.official}, {"desk", r.clerk}} {
		subj, err := db.Subject(ctx, who.id)
		if err != nil {
			b.Fatal(err)
		}
		sc := store.TaskScopeOf(subj, r.tree)
		task := func(list string, f store.TaskFilter) {
			f.Scope, f.Now = sc, now
			out = append(out, scaleList{name: "tasks/" + who.role + "/" + list, task: &f})
		}
		managesAgency := who.role == "director" || who.role == "deputy"
		// The task tabs (internal/web/task_list.go) and their filters.
		task("mine", store.TaskFilter{LeadPersonID: who.id})
		task("assigned", store.TaskFilter{AssignerID: who.id})
		task("coordinating", store.TaskFilter{CoordinatorPersonID: who.id})
		task("due", store.TaskFilter{Open: true, DueBefore: &soon})
		switch {
		case managesAgency:
			task("board", store.TaskFilter{AgencyID: r.agency})
			task("board-open", store.TaskFilter{AgencyID: r.agency, Open: true})
			task("board-overdue", store.TaskFilter{AgencyID: r.agency, Overdue: true})
			task("board-in-progress", store.TaskFilter{AgencyID: r.agency, States: []work.State{work.StateInProgress}})
			// The web's board of one unit keeps the agency (readTaskQuery).
			task("board-unit", store.TaskFilter{AgencyID: r.agency, UnitIDs: append(r.tree.AgencySubtree(r.division), 0)})
			task("board-search", store.TaskFilter{AgencyID: r.agency, Query: "bao cao"})
			task("all-overdue", store.TaskFilter{Overdue: true})
		case who.role == "head":
			board := r.tree.AgencySubtree(r.division)
			task("board", store.TaskFilter{UnitIDs: board})
			task("board-open", store.TaskFilter{UnitIDs: board, Open: true})
			task("board-overdue", store.TaskFilter{UnitIDs: board, Overdue: true})
			task("board-search", store.TaskFilter{UnitIDs: board, Query: "bao cao"})
			task("all-overdue", store.TaskFilter{Overdue: true})
		default:
			task("mine-open", store.TaskFilter{LeadPersonID: who.id, Open: true})
			task("mine-search", store.TaskFilter{LeadPersonID: who.id, Query: "bao cao"})
		}
		// The dossier lists (internal/web/dossier_filter.go): the whole
		// agency for who may view it, else what their units answer for.
		var lead []int64
		if !policy.Can(subj, r.tree, dossier.PermView, auth.Resource{UnitID: r.agency}) {
			var own []int64
			for _, g := range subj.Grants {
				own = append(own, g.UnitID)
			}
			lead = r.tree.AgencySubtree(own...)
		}
		// dosAll is a list of the whole agency (the queue pages'), dos one
		// within what the role may view.
		dosAll := func(list string, f dossier.Filter) {
			f.AgencyID, f.Now = r.agency, now
			out = append(out, scaleList{name: "dossiers/" + who.role + "/" + list, dos: &f})
		}
		dos := func(list string, f dossier.Filter) {
			f.LeadUnitIDs = lead
			dosAll(list, f)
		}
		dos("all", dossier.Filter{})
		dos("open", dossier.Filter{Open: true})
		dos("overdue", dossier.Filter{Overdue: true})
		dos("due-soon", dossier.Filter{DueSoon: true})
		dos("status", dossier.Filter{Statuses: []dossier.Status{dossier.StatusResolved, dossier.StatusReturned}})
		dos("procedure", dossier.Filter{Procedure: proc})
		dos("unit", dossier.Filter{UnitIDs: []int64{r.division}})
		dos("handler", dossier.Filter{HandlerID: r.official})
		dos("received-month", dossier.Filter{ReceivedOn: month})
		dos("due-month", dossier.Filter{DueOn: month})
		dos("search-name", dossier.Filter{Query: name})
		dos("search-word", dossier.Filter{Query: "nguyen"})
		dos("search-code", dossier.Filter{Query: code})
		dos("handled", dossier.Filter{HandledBy: who.id})
		// The queue pages (internal/web/dossier_list.go).
		switch who.role {
		case "director", "deputy", "head":
			var units []int64 // the whole agency: no unit filter
			if !managesAgency {
				units = r.tree.AgencySubtree(leadUnitsOf(subj)...)
			}
			dosAll("unit-late", dossier.Filter{UnitIDs: units, Overdue: true})
			dosAll("unit-soon", dossier.Filter{UnitIDs: units, DueSoon: true})
		}
		queue := []dossier.Filter{{AgencyID: r.agency, HandlerID: who.id, Open: true}}
		if who.role == "desk" {
			queue = append(queue, dossier.Filter{AgencyID: r.agency, UnitIDs: []int64{r.desk}, Open: true})
			dosAll("to-return", dossier.Filter{Statuses: []dossier.Status{dossier.StatusResolved}})
		}
		out = append(out, scaleList{name: "dossiers/" + who.role + "/queue", queue: queue})
	}
	return out
}

// leadUnitsOf is internal/web's leadUnits: the units a head or director leads.
func leadUnitsOf(sub *auth.Subject) []int64 {
	var out []int64
	for _, g := range sub.Grants {
		if g.Role.Manages() {
			out = append(out, g.UnitID)
		}
	}
	return out
}
