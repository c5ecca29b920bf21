package store_test

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// pageFixture is four dossiers received on 2, 3, 4 and 5 March 2026 (due
// 15 working days later), the first two forwarded by the clerk to the
// official, who sends the first back to the desk; the store's clock is
// settable.
type pageFixture struct {
	oneStop
	db    *store.DB
	clock *atomic.Int64
	codes map[string]string // applicant → code
}

var pageApplicants = []struct{ name, id, phone string }{
	{"Nguyễn Văn An", "001203004567", "0912345678"},
	{"Trần Thị Hoa", "027734634947", "0987 654 321"},
	{"Công ty TNHH Đầu tư Xanh", "230012345678", "02223822222"},
	{"Lê Minh Đức", "001099000111", ""},
}

const (
	an, hoa, company, duc = "Nguyễn Văn An", "Trần Thị Hoa", "Công ty TNHH Đầu tư Xanh", "Lê Minh Đức"
)

func pageEngines(t *testing.T, fn func(t *testing.T, f pageFixture)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			clock := new(atomic.Int64)
			clock.Store(time.Date(2026, 3, 10, 9, 0, 0, 0, vn).UnixMicro())
			db := storetest.New(t, engine, store.Options{Now: func() time.Time { return time.UnixMicro(clock.Load()) }})
			ctx := context.Background()
			f := pageFixture{oneStop: newOneStop(t, db), db: db, clock: clock, codes: map[string]string{}}
			for i, a := range pageApplicants {
				in := f.intake(a.name, time.Date(2026, 3, 2+i, 8+i, 0, 0, 0, vn), dossier.ChannelDirect)
				in.Applicant.IDNumber, in.Applicant.Phone = a.id, a.phone
				rec, _, err := db.ReceiveDossier(ctx, f.clerk, in)
				if err != nil {
					t.Fatal(err)
				}
				f.codes[a.name] = rec.Code
				if i < 2 {
					if _, err := db.RecordDossierEvent(ctx, f.clerk, rec.Code, 1, dossier.Event{Action: dossier.Forward, UnitID: f.desk.ID,
						ToUnitID: f.division.ID, ToPersonID: f.official.PersonID, ToPersonName: f.official.Name}); err != nil {
						t.Fatal(err)
					}
				}
			}
			if _, err := db.RecordDossierEvent(ctx, f.official, f.codes[an], 2, dossier.Event{Action: dossier.Forward, UnitID: f.division.ID,
				ToUnitID: f.desk.ID}); err != nil {
				t.Fatal(err)
			}
			fn(t, f)
		})
	}
}

func (f pageFixture) names(t *testing.T, flt dossier.Filter) []string {
	t.Helper()
	p, err := f.db.FindDossierPage(context.Background(), flt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range p.Rows {
		out = append(out, s.ApplicantName)
	}
	if p.Total != len(out) || p.TotalCapped || p.Next != "" {
		t.Errorf("total %d (capped %v, next %q) for %d rows", p.Total, p.TotalCapped, p.Next, len(out))
	}
	return out
}

// Search matches every word typed, in any order, without diacritics, in
// each of the code, the applicant's name, ID number and phone, and the
// procedure's name; a word found nowhere finds nothing. Each query runs
// both with the sample of the table (the words are common in four rows)
// and without (asked of the trigram index).
func TestDossierPageSearch(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		all := []string{duc, company, hoa, an}
		cases := []struct {
			name, q string
			want    []string
		}{
			{"the full name without diacritics", "Nguyen Van An", []string{an}},
			{"the full name with them", "Nguyễn Văn An", []string{an}},
			{"words in another order", "an nguyen", []string{an}},
			{"upper case, mixed", "NGUYỄN an", []string{an}},
			{"đ folds to d", "duc le", []string{duc}},
			{"a word found nowhere", "nguyen xyz", nil},
			{"two people's words", "nguyen hoa", nil},
			{"the whole code", f.codes[hoa], []string{hoa}},
			{"the code's tail and a name", f.codes[hoa][len(f.codes[hoa])-4:] + " tran", []string{hoa}},
			{"part of an ID number", "3463494", []string{hoa}},
			{"the phone", "0912345678", []string{an}},
			{"a phone written with spaces", "654 321 0987", []string{hoa}},
			{"the procedure's name, words out of order", "doanh nghiep thanh lap", all},
			{"procedure and applicant", "dau tu doanh nghiep", []string{company}},
			{"short words matched row by row", "le d", []string{duc}},
		}
		for _, sample := range []string{"common", "rare"} {
			if sample == "rare" {
				f.db.SampleNothingForSearch()
			}
			for _, c := range cases {
				t.Run(sample+"/"+c.name, func(t *testing.T) {
					if got := f.names(t, dossier.Filter{AgencyID: f.agency.ID, Query: c.q}); !slices.Equal(got, c.want) {
						t.Errorf("%q: got %q, want %q", c.q, got, c.want)
					}
					// The old list, FindDossiers, searches the same way.
					old, err := f.db.FindDossiers(context.Background(), dossier.Filter{AgencyID: f.agency.ID, Query: c.q})
					if err != nil {
						t.Fatal(err)
					}
					if len(old) != len(c.want) {
						t.Errorf("FindDossiers %q: %d rows, want %d", c.q, len(old), len(c.want))
					}
				})
			}
		}
	})
}

// Each filter of the lists, alone and with others.
func TestDossierPageFilters(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, vn) }
		ag := f.agency.ID
		cases := []struct {
			name string
			now  time.Time // zero: the fixture's 10/03/2026 09:00
			f    dossier.Filter
			want []string
		}{
			{"all, newest first", time.Time{}, dossier.Filter{AgencyID: ag}, []string{duc, company, hoa, an}},
			{"open, most urgent first", time.Time{}, dossier.Filter{AgencyID: ag, Open: true}, []string{an, hoa, company, duc}},
			{"the official's", time.Time{}, dossier.Filter{AgencyID: ag, Open: true, HandlerID: f.official.PersonID}, []string{hoa}},
			{"one unit", time.Time{}, dossier.Filter{AgencyID: ag, Open: true, UnitIDs: []int64{f.division.ID}}, []string{hoa}},
			{"several units", time.Time{}, dossier.Filter{AgencyID: ag, Open: true, UnitIDs: []int64{f.division.ID, f.desk.ID}}, []string{an, hoa, company, duc}},
			{"no unit at all", time.Time{}, dossier.Filter{AgencyID: ag, UnitIDs: []int64{}}, nil},
			{"a status", time.Time{}, dossier.Filter{AgencyID: ag, Statuses: []dossier.Status{dossier.StatusProcessing}}, []string{hoa, an}},
			{"the procedure", time.Time{}, dossier.Filter{AgencyID: ag, Procedure: f.proc.Code}, []string{duc, company, hoa, an}},
			{"another procedure", time.Time{}, dossier.Filter{AgencyID: ag, Procedure: "1.000000"}, nil},
			{"received from 3 to 4 March, last received first", time.Time{}, dossier.Filter{AgencyID: ag, ReceivedOn: [2]time.Time{day(3), day(5)}}, []string{company, hoa}},
			{"received from 4 March", time.Time{}, dossier.Filter{AgencyID: ag, ReceivedOn: [2]time.Time{day(4), {}}}, []string{duc, company}},
			{"due from 24 March, by due", time.Time{}, dossier.Filter{AgencyID: ag, DueOn: [2]time.Time{day(24), {}}}, []string{hoa, company, duc}},
			{"due before 25 March", time.Time{}, dossier.Filter{AgencyID: ag, DueOn: [2]time.Time{{}, day(25)}}, []string{an, hoa}},
			{"overdue on 24 March at noon", time.Date(2026, 3, 24, 12, 0, 0, 0, vn), dossier.Filter{AgencyID: ag, Overdue: true}, []string{an, hoa}},
			{"nothing overdue on 10 March", time.Time{}, dossier.Filter{AgencyID: ag, Overdue: true}, nil},
			{"due soon on 23 March at 10:00", time.Date(2026, 3, 23, 10, 0, 0, 0, vn), dossier.Filter{AgencyID: ag, DueSoon: true}, []string{hoa}},
			{"overdue in a unit", time.Date(2026, 3, 24, 12, 0, 0, 0, vn), dossier.Filter{AgencyID: ag, Overdue: true, UnitIDs: []int64{f.desk.ID}}, []string{an}},
			{"handled by the official", time.Time{}, dossier.Filter{AgencyID: ag, HandledBy: f.official.PersonID}, []string{an}},
			{"handled by the clerk, newest first", time.Time{}, dossier.Filter{AgencyID: ag, HandledBy: f.clerk.PersonID}, []string{duc, company, hoa, an}},
			{"handled by the clerk and open with the official", time.Time{}, dossier.Filter{AgencyID: ag, HandledBy: f.clerk.PersonID, HandlerID: f.official.PersonID}, []string{hoa}},
			{"handled by the clerk, searched", time.Time{}, dossier.Filter{AgencyID: ag, HandledBy: f.clerk.PersonID, Query: "thi tran"}, []string{hoa}},
			{"a search in a unit's open dossiers", time.Time{}, dossier.Filter{AgencyID: ag, Open: true, UnitIDs: []int64{f.desk.ID}, Query: "cong ty"}, []string{company}},
			{"another agency", time.Time{}, dossier.Filter{AgencyID: ag + 1000}, nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				now := c.now
				if now.IsZero() {
					now = time.Date(2026, 3, 10, 9, 0, 0, 0, vn)
				}
				f.clock.Store(now.UnixMicro())
				if got := f.names(t, c.f); !slices.Equal(got, c.want) {
					t.Errorf("got %q, want %q", got, c.want)
				}
			})
		}
	})
}

// Pages follow one another without a gap or a repeat to the last, each
// with the list's whole total, in every order; a cursor from another
// order is refused.
func TestDossierPagePaging(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		ctx := context.Background()
		for i := range 7 {
			in := f.intake("Phạm Văn Bình", time.Date(2026, 3, 9, 8, i, 0, 0, vn), dossier.ChannelDirect)
			if _, _, err := f.db.ReceiveDossier(ctx, f.clerk, in); err != nil {
				t.Fatal(err)
			}
		}
		day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, vn) }
		for _, c := range []struct {
			name string
			f    dossier.Filter
		}{
			{"newest", dossier.Filter{AgencyID: f.agency.ID}},
			{"open by due", dossier.Filter{AgencyID: f.agency.ID, Open: true}},
			{"received", dossier.Filter{AgencyID: f.agency.ID, ReceivedOn: [2]time.Time{day(1), day(31)}}},
			{"due range", dossier.Filter{AgencyID: f.agency.ID, DueOn: [2]time.Time{day(1), {}}}},
			{"search", dossier.Filter{AgencyID: f.agency.ID, Query: "doanh nghiep"}},
			{"handled", dossier.Filter{AgencyID: f.agency.ID, HandledBy: f.clerk.PersonID}},
		} {
			t.Run(c.name, func(t *testing.T) {
				whole := c.f
				whole.Limit = 100
				all, err := f.db.FindDossierPage(ctx, whole)
				if err != nil {
					t.Fatal(err)
				}
				if len(all.Rows) != 11 || all.Total != 11 || all.Next != "" {
					t.Fatalf("the whole list: %d rows, total %d, next %q", len(all.Rows), all.Total, all.Next)
				}
				var got []string
				flt := c.f
				flt.Limit = 3
				for pages := 0; ; pages++ {
					if pages > 4 {
						t.Fatal("more than four pages of three for 11 dossiers")
					}
					p, err := f.db.FindDossierPage(ctx, flt)
					if err != nil {
						t.Fatal(err)
					}
					if p.Total != 11 || p.TotalCapped {
						t.Errorf("page %d: total %d capped %v", pages, p.Total, p.TotalCapped)
					}
					for _, s := range p.Rows {
						got = append(got, s.Code)
					}
					if p.Next == "" {
						if len(p.Rows) != 2 {
							t.Errorf("the last page has %d rows, want 2", len(p.Rows))
						}
						break
					}
					flt.After = p.Next
				}
				var want []string
				for _, s := range all.Rows {
					want = append(want, s.Code)
				}
				if !slices.Equal(got, want) {
					t.Errorf("pages gave\n%q\nwant\n%q", got, want)
				}
			})
		}
		_, err := f.db.FindDossierPage(ctx, dossier.Filter{AgencyID: f.agency.ID, Open: true, After: "n1.2"})
		if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "after") {
			t.Errorf("a newest-first cursor on the open list: %v", err)
		}
	})
}

// Every list's page reads an index in its own order: no sort of what it
// selects (SQLite's USE TEMP B-TREE FOR ORDER BY), and the index meant for
// it. On PostgreSQL, where the planner picks from statistics that a small
// test table does not have, the plan is asked with sorting disabled and
// must still need no sort: an index in the list's order exists.
func TestDossierPagePlans(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		ctx := context.Background()
		ag := f.agency.ID
		day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, vn) }
		cases := []struct {
			name   string
			f      dossier.Filter
			sqlite string // the index the page reads on SQLite
		}{
			{"director: all, newest", dossier.Filter{AgencyID: ag}, "INTEGER PRIMARY KEY"},
			{"director: all, with a status and a procedure", dossier.Filter{AgencyID: ag, Statuses: []dossier.Status{2, 4}, Procedure: "1.001612"}, "dossiers_agency_procedure"},
			{"director: a procedure", dossier.Filter{AgencyID: ag, Procedure: "1.001612"}, "dossiers_agency_procedure"},
			{"director: a handler, every status", dossier.Filter{AgencyID: ag, HandlerID: f.official.PersonID}, "dossiers_handler_newest"},
			{"director: a unit, every status", dossier.Filter{AgencyID: ag, UnitIDs: []int64{f.division.ID}}, "dossiers_unit_newest"},
			{"head: a handler within the answerable units", dossier.Filter{AgencyID: ag, HandlerID: f.official.PersonID, LeadUnitIDs: []int64{f.division.ID, f.desk.ID}}, "dossiers_handler_newest"},
			{"director: open by due", dossier.Filter{AgencyID: ag, Open: true}, "dossiers_open_agency"},
			{"director: overdue", dossier.Filter{AgencyID: ag, Overdue: true}, "dossiers_open_agency"},
			{"director: due soon", dossier.Filter{AgencyID: ag, DueSoon: true}, "dossiers_open_agency"},
			{"director: received range", dossier.Filter{AgencyID: ag, ReceivedOn: [2]time.Time{day(1), day(31)}}, "dossiers_agency_received"},
			{"director: due range", dossier.Filter{AgencyID: ag, DueOn: [2]time.Time{day(1), day(31)}}, "dossiers_agency_due"},
			{"head: open in the units", dossier.Filter{AgencyID: ag, Open: true, UnitIDs: []int64{f.division.ID, f.desk.ID}}, "dossiers_open_agency"},
			{"head: overdue in the units", dossier.Filter{AgencyID: ag, Overdue: true, UnitIDs: []int64{f.division.ID, f.desk.ID}}, "dossiers_open_agency"},
			{"head: answerable units", dossier.Filter{AgencyID: ag, LeadUnitIDs: []int64{f.division.ID, f.desk.ID}}, "INTEGER PRIMARY KEY"},
			{"official: mine", dossier.Filter{AgencyID: ag, Open: true, HandlerID: f.official.PersonID}, "dossiers_open_handler"},
			{"desk: open at the desk", dossier.Filter{AgencyID: ag, Open: true, UnitIDs: []int64{f.desk.ID}}, "dossiers_open_unit"},
			{"desk: resolved, waiting to return", dossier.Filter{AgencyID: ag, Statuses: []dossier.Status{dossier.StatusResolved}}, "dossiers_agency_status"},
			{"search", dossier.Filter{AgencyID: ag, Query: "nguyen van an"}, "VIRTUAL TABLE"},
			{"search in open dossiers of units", dossier.Filter{AgencyID: ag, Open: true, UnitIDs: []int64{f.desk.ID}, Query: "nguyen van an"}, "VIRTUAL TABLE"},
		}
		f.db.SampleNothingForSearch() // searches are asked of the trigram index
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				plan, err := explainPage(ctx, f.db, c.f)
				if err != nil {
					t.Fatal(err)
				}
				if f.db.Engine() == "sqlite" {
					if strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, c.sqlite) {
						t.Errorf("plan, want %s read in order:\n%s", c.sqlite, plan)
					}
					return
				}
				for _, line := range strings.Split(plan, "\n") {
					if l := strings.TrimLeft(line, " ->"); strings.HasPrefix(l, "Sort") || strings.Contains(l, "Seq Scan on dossiers") {
						t.Errorf("plan sorts or reads the whole table:\n%s", plan)
						break
					}
				}
			})
		}
	})
}

// "Dossiers I handled" counts from the person's events in the order of
// their index, each dossier once, and stops at the cap: it collected
// every event of the person first (IN (subquery): a temporary b-tree of a
// clerk's millions of events at full size).
func TestDossierHandledCountPlan(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		plan, err := f.db.ExplainDossierCount(context.Background(), dossier.Filter{AgencyID: f.agency.ID, HandledBy: f.official.PersonID})
		if err != nil {
			t.Fatal(err)
		}
		if f.db.Engine() == "sqlite" {
			if !strings.Contains(plan, "dossier_events_actor") || strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "MATERIALIZE") || strings.Contains(plan, "LIST SUBQUERY") {
				t.Errorf("plan, want the actor's index read in order, nothing collected:\n%s", plan)
			}
			return
		}
		if strings.Contains(plan, "Hash") || strings.Contains(plan, "Sort") || strings.Contains(plan, "Seq Scan on dossier_events") {
			t.Errorf("plan, want the actor's index read in order:\n%s", plan)
		}
	})
}

// A batch of "dossiers I handled" reads each dossier by its id: SQLite,
// without statistics, read the agency's every dossier from an index of
// the agency for the ids of the batch, and sorted them.
func TestDossierHandledBatchPlan(t *testing.T) {
	pageEngines(t, func(t *testing.T, f pageFixture) {
		var batch []int64 // a whole batch: SQLite judged a list of five ids cheaper than the agency's index
		for id := int64(1); id <= 200; id++ {
			batch = append(batch, id)
		}
		plan, err := f.db.ExplainHandledBatch(context.Background(), dossier.Filter{AgencyID: f.agency.ID, HandledBy: f.official.PersonID,
			LeadUnitIDs: []int64{f.division.ID}}, batch)
		if err != nil {
			t.Fatal(err)
		}
		if f.db.Engine() == "sqlite" {
			if !strings.Contains(plan, "SEARCH d USING INTEGER PRIMARY KEY") || strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("plan, want each dossier read by its id:\n%s", plan)
			}
			return
		}
		if strings.Contains(plan, "Seq Scan on dossiers") {
			t.Errorf("plan, want each dossier read by its id:\n%s", plan)
		}
	})
}

func explainPage(ctx context.Context, db *store.DB, f dossier.Filter) (string, error) {
	return db.ExplainDossierPage(ctx, f, true)
}
