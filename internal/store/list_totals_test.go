package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// A list's total is exact up to the cap (dossier.TotalCap,
// store.TaskCountCap) and "more than the cap" beyond: the cap itself and
// capped. Each total is checked against the list read to its end by
// cursor, for lists on both sides of the cap, on both engines.
func TestListTotalsCapped(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 10, 0, 0, 0, calendar.VN)
		if _, err := demo.Seed(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: dossier.TotalCap + 400, Now: now, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: store.TaskCountCap + 400, Now: now, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		var agency, handler int64
		var code string
		if err := db.QueryRowRaw(ctx, "SELECT agency_id FROM dossiers GROUP BY agency_id ORDER BY count(*) DESC LIMIT 1").Scan(&agency); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowRaw(ctx, "SELECT handler_id FROM dossiers WHERE handler_id IS NOT NULL AND handler_id <> 0 GROUP BY handler_id ORDER BY count(*) DESC LIMIT 1").Scan(&handler); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowRaw(ctx, "SELECT code FROM dossiers ORDER BY id LIMIT 1 OFFSET 100").Scan(&code); err != nil {
			t.Fatal(err)
		}
		sides := map[bool]int{} // capped → lists seen
		t.Run("dossiers", func(t *testing.T) {
			for _, c := range []struct {
				name string
				f    dossier.Filter
			}{
				{"all", dossier.Filter{}},
				{"open", dossier.Filter{Open: true}},
				{"overdue", dossier.Filter{Overdue: true}},
				{"resolved", dossier.Filter{Statuses: []dossier.Status{dossier.StatusResolved}}},
				{"a handler", dossier.Filter{HandlerID: handler}},
				{"a common word", dossier.Filter{Query: "nguyen"}},
				{"a code", dossier.Filter{Query: code}},
				{"dossiers I handled", dossier.Filter{HandledBy: handler}},
			} {
				t.Run(c.name, func(t *testing.T) {
					f := c.f
					f.AgencyID, f.Now, f.Limit = agency, now, 500
					p, err := db.FindDossierPage(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					total, capped := p.Total, p.TotalCapped
					n := len(p.Rows)
					for p.Next != "" {
						f.After, f.SkipTotal = p.Next, true
						if p, err = db.FindDossierPage(ctx, f); err != nil {
							t.Fatal(err)
						}
						if p.Total != 0 || p.TotalCapped {
							t.Errorf("a later page counted: %d %v", p.Total, p.TotalCapped)
						}
						n += len(p.Rows)
					}
					checkTotal(t, n, total, capped, dossier.TotalCap)
					sides[capped]++
				})
			}
		})
		t.Run("tasks", func(t *testing.T) {
			tree, err := db.Tree(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var lead int64
			if err := db.QueryRowRaw(ctx, "SELECT lead_person_id FROM tasks GROUP BY lead_person_id ORDER BY count(*) DESC LIMIT 1").Scan(&lead); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name string
				f    store.TaskFilter
			}{
				{"the agency", store.TaskFilter{AgencyID: agency}},
				{"open", store.TaskFilter{Open: true}},
				{"overdue", store.TaskFilter{Overdue: true}},
				{"in progress", store.TaskFilter{States: []work.State{work.StateInProgress}}},
				{"one person's", store.TaskFilter{LeadPersonID: lead}},
				{"a search", store.TaskFilter{Query: "bao cao"}},
				{"a division's", store.TaskFilter{UnitIDs: tree.AgencySubtree(firstDivision(t, db, agency))}},
			} {
				t.Run(c.name, func(t *testing.T) {
					f := c.f
					f.Now, f.Limit = now, 1000
					total, capped, err := db.CountTasks(ctx, f, 0)
					if err != nil {
						t.Fatal(err)
					}
					n := 0
					for {
						p, err := db.FindTaskPage(ctx, f)
						if err != nil {
							t.Fatal(err)
						}
						n += len(p.Tasks)
						if p.Next == nil {
							break
						}
						f.After = p.Next
					}
					checkTotal(t, n, total, capped, store.TaskCountCap)
					sides[capped]++
				})
			}
		})
		if sides[true] == 0 || sides[false] == 0 {
			t.Errorf("lists capped and not: %v; want both", sides)
		}
	})
}

func checkTotal(t *testing.T, n, total int, capped bool, limit int) {
	t.Helper()
	switch {
	case n > limit && (total != limit || !capped):
		t.Errorf("%d rows: total %d capped %v, want %d capped", n, total, capped, limit)
	case n <= limit && (total != n || capped):
		t.Errorf("%d rows: total %d capped %v, want exact", n, total, capped)
	}
}

func firstDivision(t *testing.T, db *store.DB, agency int64) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRowRaw(context.Background(), "SELECT lead_unit_id FROM tasks WHERE agency_id = ? GROUP BY lead_unit_id ORDER BY count(*) DESC LIMIT 1", agency).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// A search by a dossier's code, typed in either case, finds the dossiers
// whose code begins with it, through the index of codes (0050) on both
// engines (PostgreSQL's at scale); a code found nowhere finds nothing; what is not shaped as a
// code is a search of the words.
func TestDossierCodeSearch(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		ctx := context.Background()
		code := f.codes[hoa]
		other := code[:len(code)-1] + string(code[len(code)-1]^1) // the same day, another number
		cases := []struct {
			name, q string
			want    []string
		}{
			{"the code", code, []string{hoa}},
			{"the code in lower case", strings.ToLower(code), []string{hoa}},
			{"with spaces around", "  " + code + " ", []string{hoa}},
			{"a code found nowhere", other, nil},
			{"the code's day only: a search of the words", code[:strings.LastIndex(code, "-")], []string{hoa}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got := f.names(t, dossier.Filter{AgencyID: f.agency.ID, Query: c.q})
				if strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Errorf("%q: %q, want %q", c.q, got, c.want)
				}
			})
		}
		plan, err := explainPage(ctx, f.db, dossier.Filter{AgencyID: f.agency.ID, Query: strings.ToLower(code)})
		if err != nil {
			t.Fatal(err)
		}
		// PostgreSQL's planner reads four rows by their key; at scale it
		// takes the index of codes (docs/BENCHMARKS.md).
		if f.db.Engine() == "sqlite" && (!strings.Contains(plan, "dossiers_code_prefix") || strings.Contains(plan, "VIRTUAL TABLE")) {
			t.Errorf("plan, want the index of codes:\n%s", plan)
		}
	})
}
