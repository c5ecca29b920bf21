package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/fold"
	"congvu/internal/investment"
	"congvu/internal/portal"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestPortalCatalogueAndTransparency, on the demo agency with a history of
// dossiers, on both engines: the portal speaks for the demo agency; the
// public catalogue is the catalogue in force, filtered by field, level
// and every word folded, in pages; each procedure's record (from the
// rollups) equals the dossiers behind the report's figures (read from the
// dossiers themselves); the apologies equal the apology events; each month
// of the transparency page is the period report of that month; only
// projects past their investment decision are disclosed.
func TestPortalCatalogueAndTransparency(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := storetest.New(t, engine, store.Options{})
			ctx := context.Background()
			now := time.Now()
			if _, err := demo.Seed(ctx, db, now); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: 300, Now: now, Months: 14, Seed: 15}); err != nil {
				t.Fatal(err)
			}
			tree, err := db.Tree(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var want int64
			for _, u := range tree.Units() {
				if u.Name == "Sở Tài chính tỉnh Bắc Ninh" && u.Current() {
					want = u.ID
				}
			}
			agency, err := db.PortalAgency(ctx)
			if err != nil || agency != want {
				t.Fatalf("portal agency %d, %v; want the demo's %d", agency, err, want)
			}
			today := calendar.DateOf(now)
			all, err := db.FindProcedures(ctx, dossier.ProcedureFilter{AgencyID: agency, On: today})
			if err != nil {
				t.Fatal(err)
			}
			list := func(q portal.Query) ([]portal.Procedure, int) {
				t.Helper()
				q.AgencyID, q.On = agency, today
				if q.PerPage == 0 {
					q.PerPage = 1000
				}
				l, n, err := db.PublicProcedures(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				return l, n
			}
			every, n := list(portal.Query{})
			if n != len(all) || len(every) != len(all) {
				t.Fatalf("catalogue: %d (%d listed), want %d in force", n, len(every), len(all))
			}
			codes := func(l []portal.Procedure) []string {
				var out []string
				for _, p := range l {
					out = append(out, p.Code)
				}
				return out
			}
			page2, _ := list(portal.Query{Page: 2, PerPage: 5})
			if !slices.Equal(codes(page2), codes(every[5:10])) {
				t.Errorf("page 2: %v, want %v", codes(page2), codes(every[5:10]))
			}
			found, _ := list(portal.Query{Search: "dang ky thanh lap cong ty"})
			if len(found) == 0 {
				t.Error("no procedure found for 'dang ky thanh lap cong ty'")
			}
			for _, p := range found {
				f := fold.String(p.Code + " " + p.Name + " " + p.Field)
				if !strings.Contains(f, "dang") || !strings.Contains(f, "thanh") || !strings.Contains(f, "lap") || !strings.Contains(f, "cong ty") {
					t.Errorf("%s %q does not match", p.Code, p.Name)
				}
			}
			for _, c := range []struct {
				field string
				level dossier.Level
			}{{"Hợp tác xã", 0}, {"", dossier.LevelFull}, {"", dossier.LevelInfo}} {
				got, n := list(portal.Query{Field: c.field, Level: c.level})
				wantN := 0
				for _, p := range all {
					if (c.field == "" || p.Field == c.field) && (c.level == 0 || p.Level == c.level) {
						wantN++
					}
				}
				if n != wantN || len(got) != wantN {
					t.Errorf("field %q level %d: %d, want %d", c.field, c.level, n, wantN)
				}
			}

			// Each record against the dossiers behind the report's figures.
			units, err := db.StatsUnits(ctx, agency)
			if err != nil {
				t.Fatal(err)
			}
			from, to := portal.RecordPeriod(today)
			count := func(code string, fig dossier.Figure) int {
				t.Helper()
				l, err := db.FindDossiers(ctx, dossier.Filter{LeadUnitIDs: units, Figure: fig, Procedure: code, From: from.Time(), To: to.AddDays(1).Time(), Limit: 100000})
				if err != nil {
					t.Fatal(err)
				}
				return len(l)
			}
			received := 0
			for _, p := range every {
				r := p.Record
				got := []int{r.Received, r.Early, r.OnTime, r.Late}
				want := []int{count(p.Code, dossier.FigReceivedOnline) + count(p.Code, dossier.FigReceivedDirect),
					count(p.Code, dossier.FigResolvedEarly), count(p.Code, dossier.FigResolvedOnTime), count(p.Code, dossier.FigResolvedLate)}
				if !slices.Equal(got, want) {
					t.Errorf("%s: record %v, dossiers %v", p.Code, got, want)
				}
				if r.HasResolved() && (r.WorkMS <= 0 || r.AvgWorkingDays() <= 0) {
					t.Errorf("%s: %d resolved, average working time %v", p.Code, r.Resolved(), r.AvgWorkingDays())
				}
				received += r.Received
			}
			if received == 0 {
				t.Fatal("no dossier received in the last 12 months: the seed made none?")
			}
			one, err := db.PublicProcedure(ctx, agency, every[0].Code, today)
			if err != nil || one.Record != every[0].Record || one.Name != every[0].Name {
				t.Errorf("one procedure: %+v, %v; want the list's %+v", one.Record, err, every[0].Record)
			}
			if _, err := db.PublicProcedure(ctx, agency, "9.999999", today); err == nil || !strings.Contains(err.Error(), "9.999999") {
				t.Errorf("an unknown code: %v", err)
			}

			// The transparency page of this year and the last.
			for _, year := range []int{today.Year - 1, today.Year} {
				tp, err := db.Transparency(ctx, agency, year, today)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range tp.Months {
					r, err := db.DossierReport(ctx, units, m.Report.From, m.Report.To)
					if err != nil {
						t.Fatal(err)
					}
					if r != m.Report || m.Report.From.Day != 1 || m.Report.From.Month != m.Month.Month {
						t.Errorf("%v: %+v, the report says %+v", m.Month, m.Report, r)
					}
				}
				if r, _ := db.DossierReport(ctx, units, tp.From, tp.To); r != tp.Total {
					t.Errorf("%d: total %+v, the report says %+v", year, tp.Total, r)
				}
				var events int
				if err := db.QueryRowRaw(ctx, `SELECT COUNT(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
					WHERE e.action = 'apologize' AND e.recorded_at >= ? AND e.recorded_at < ?`,
					store.Micro(tp.From.Time()), store.Micro(tp.To.AddDays(1).Time())).Scan(&events); err != nil {
					t.Fatal(err)
				}
				if tp.Apologies != events {
					t.Errorf("%d: %d apologies, %d apology events", year, tp.Apologies, events)
				}
				for _, p := range tp.Projects {
					if !slices.Contains(portal.PublicPhases, p.Phase) {
						t.Errorf("%s disclosed in phase %s", p.Code, p.Phase)
					}
				}
			}
			if _, err := db.Transparency(ctx, agency, today.Year+1, today); err == nil {
				t.Error("a year to come: no error")
			}
			// A preparation project is never disclosed; one in implementation is.
			projects, _, err := db.FindProjects(ctx, investment.ProjectFilter{AgencyID: agency, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			disclosed, total, err := db.PublicProjects(ctx, agency, today.Year, int(today.Month))
			if err != nil {
				t.Fatal(err)
			}
			wantN := 0
			for _, p := range projects {
				if slices.Contains(portal.PublicPhases, p.Phase) {
					wantN++
				}
			}
			if total != wantN || len(disclosed) != min(wantN, store.PublicProjectsMax) {
				t.Errorf("disclosed %d (%d listed), want %d of %d projects", total, len(disclosed), wantN, len(projects))
			}
		})
	}
}
