package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// The bottleneck analysis over the API, worked by hand: two dossiers of
// procedure 1.009645 (desk 0.5 / Phòng Đấu thầu 14 / desk 0.5 days) in
// March 2026, office hours 07:00–11:30, 13:30–17:00.
//
//   - A: desk Mon 02/03 08:00 → 09:00 (1 h); the division takes it at
//     09:00, asks for a consultation-free supplement Tue 03/03 09:00 (its
//     pick-up: 8 h of waiting), gets it back Wed 04/03 09:00 (8 h paused)
//     and hands it on Thu 05/03 09:00: 24 h less 8 paused = 16 h; the desk
//     completes it Thu 10:00 (1 h).
//   - B: desk Mon 02/03 08:00 → 10:00 (2 h); the division holds it until
//     Fri 03/04 10:00 (24 working days = 192 h, over its 112 h by 80 h);
//     the desk completes it at 11:00 (1 h): late, laid to the division.
func TestBottlenecksAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		clerk := audit.Actor{PersonID: f.clerk.ID, Name: f.clerk.FullName}
		official := audit.Actor{PersonID: f.official.ID, Name: f.official.FullName}
		at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, calendar.VN) }
		toDivision := func(t time.Time) dossier.Event {
			return dossier.Event{Action: dossier.Forward, At: t, UnitID: f.desk.ID, ToUnitID: f.bidding.ID, ToPersonID: f.official.ID, ToPersonName: f.official.FullName}
		}
		toDesk := func(t time.Time) dossier.Event {
			return dossier.Event{Action: dossier.Forward, At: t, UnitID: f.bidding.ID, ToUnitID: f.desk.ID, ToPersonID: f.clerk.ID, ToPersonName: f.clerk.FullName}
		}
		codes := map[string]string{}
		for name, evs := range map[string][]dossier.Event{
			"A": {toDivision(at(3, 2, 9)),
				{Action: dossier.RequestSupplement, At: at(3, 3, 9), UnitID: f.bidding.ID, Reason: "Bổ sung bản vẽ"},
				{Action: dossier.ReceiveSupplement, At: at(3, 4, 9), UnitID: f.desk.ID},
				toDesk(at(3, 5, 9)), {Action: dossier.Complete, At: at(3, 5, 10), UnitID: f.desk.ID}},
			"B": {toDivision(at(3, 2, 10)), toDesk(at(4, 3, 10)), {Action: dossier.Complete, At: at(4, 3, 11), UnitID: f.desk.ID}},
		} {
			rec, _, err := db.ReceiveDossier(ctx, clerk, dossier.Intake{AgencyID: f.agency.ID, UnitID: f.desk.ID, ProcedureCode: procCode,
				Channel: dossier.ChannelDirect, ReceivedAt: at(3, 2, 8), Applicant: dossier.Applicant{Name: "Nguyễn Văn " + name, IDNumber: "001203004567"}, Sets: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range evs {
				if _, err := db.RecordDossierEvent(ctx, official, rec.Code, 0, ev); err != nil {
					t.Fatalf("%s %s: %v", name, ev.Action, err)
				}
			}
			codes[name] = rec.Code
		}
		q := "/api/v1/stats/bottlenecks?procedure=" + procCode + "&from=2026-03-01&to=2026-04-30"
		rec := do(mux, call{method: "GET", path: q, token: f.tokens["director"]})
		if rec.Code != http.StatusOK {
			t.Fatalf("director: %d %s", rec.Code, rec.Body)
		}
		var got bottleneckResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Steps) != 3 || got.Late != 1 {
			t.Fatalf("%s", rec.Body)
		}
		// The division: 16 h and 192 h, buckets (12,16] and (160,240]: the
		// median is the 1st value, the middle of (12,16] = 14; p90 the 2nd,
		// the middle of (160,240] = 200. Waiting (8 + 0)/2 = 4 h, handling
		// (8 + 192)/2 = 100 h; one of two over budget; 80 h lost.
		div := got.Steps[1]
		want := bottleneckStep{Step: 1, Name: "Thẩm định", Count: 2, MedianHours: 14, P90Hours: 200, BudgetHours: 112, OverBudgetShare: 0.5,
			WaitHours: 4, HandlingHours: 100, OverHours: 80, LateCaused: 1, Slowest: true}
		if div != want {
			t.Errorf("division:\n got %+v\nwant %+v", div, want)
		}
		if d := got.Steps[0]; d.Count != 2 || d.MedianHours != 0.75 || d.WaitHours != 0 || d.Slowest {
			t.Errorf("desk: %+v", d) // 1 h and 2 h: the median is the 1st, the middle of (0.5,1]
		}
		if len(got.LateCauses) != 1 || got.LateCauses[0].UnitID != f.bidding.ID || got.LateCauses[0].UnitName != f.bidding.Name {
			t.Errorf("late causes: %+v", got.LateCauses)
		}
		if len(got.Edges) != 3 || got.Edges[2] != (bottleneckEdge{FromStep: 2, ToStep: -1, Count: 2, MeanHours: 1}) {
			t.Errorf("edges: %+v", got.Edges)
		}
		// March alone against April alone: B's division pass ended in April.
		rec = do(mux, call{method: "GET", path: "/api/v1/stats/bottlenecks?procedure=" + procCode + "&from=2026-03-01&to=2026-03-31&compare_from=2026-04-01&compare_to=2026-04-30",
			token: f.tokens["director"]})
		var cmp bottleneckResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &cmp); err != nil || rec.Code != 200 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		if c := cmp.Compare[1]; c.Count != 1 || c.MedianHours != 200 || c.CountChange != 0 || c.MedianHoursChange != 14-200 || c.LateCausedChange != -1 {
			t.Errorf("compare: %+v", c)
		}
		// The dossiers behind the division's over-budget share and its late ones: B.
		for _, fig := range []string{"over_budget", "late_caused"} {
			rec = do(mux, call{method: "GET", path: "/api/v1/stats/bottlenecks/dossiers?step=1&figure=" + fig + "&procedure=" + procCode + "&from=2026-03-01&to=2026-04-30",
				token: f.tokens["director"]})
			var list []dossierSummaryResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 1 || list[0].Code != codes["B"] {
				t.Errorf("%s: %d %s", fig, rec.Code, rec.Body)
			}
		}
		// The head sees their division's steps; the desk's are not theirs.
		rec = do(mux, call{method: "GET", path: q + fmt.Sprintf("&unit=%d", f.bidding.ID), token: f.tokens["head"]})
		var mine bottleneckResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &mine); err != nil || rec.Code != 200 || mine.Steps[1].Count != 2 || mine.Steps[0].Count != 0 {
			t.Errorf("head on the division: %d %s", rec.Code, rec.Body)
		}
		// The tasks: one obstacle raised and resolved, one result returned.
		days := 10.0
		head, lead := audit.Actor{PersonID: f.head.ID, Name: f.head.FullName}, audit.Actor{PersonID: f.official.ID, Name: f.official.FullName}
		h, err := db.CreateTask(ctx, head, work.NewTask{AgencyID: f.agency.ID, Title: "Tổng hợp báo cáo đấu thầu", Product: "Báo cáo",
			LeadUnitID: f.bidding.ID, LeadPersonID: f.official.ID, AssignerID: f.head.ID, Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			who audit.Actor
			ev  work.Event
		}{
			{lead, work.Event{Action: work.ActionRaiseObstacle, Note: "Chưa có số liệu"}},
			{head, work.Event{Action: work.ActionResolveObstacle, Note: "Đã có số liệu"}},
			{lead, work.Event{Action: work.ActionSubmit, Note: "Dự thảo"}},
			{head, work.Event{Action: work.ActionReturn, Reason: "Thiếu kiến nghị"}},
		} {
			if _, _, err := db.RecordTaskEvent(ctx, x.who, h.Task.ID, 0, x.ev); err != nil {
				t.Fatalf("%s: %v", x.ev.Action, err)
			}
		}
		rec = do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/stats/task-bottlenecks?unit=%d", f.bidding.ID), token: f.tokens["head"]})
		var tasks []taskBottleneckResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &tasks); err != nil || len(tasks) != 1 || tasks[0].Obstacles != 1 || tasks[0].Reviews != 1 ||
			tasks[0].Returns != 1 || tasks[0].ReturnShare != 1 || tasks[0].UnitID != f.bidding.ID {
			t.Errorf("task bottlenecks: %d %s", rec.Code, rec.Body)
		}
		if rec = do(mux, call{method: "GET", path: "/api/v1/stats/task-bottlenecks", token: f.tokens["official"]}); rec.Code != http.StatusForbidden {
			t.Errorf("an official: %d", rec.Code)
		}
		bad := []struct {
			path, who string
			status    int
			field     string
		}{
			{"/api/v1/stats/bottlenecks?from=2026-03-01", "director", 400, "procedure"},
			{"/api/v1/stats/bottlenecks?procedure=9.999999", "director", 404, ""},
			{q + "&compare_from=2026-01-01", "director", 400, "compare_to"},
			{q + "&compare_from=2026-02-01&compare_to=2026-01-01", "director", 400, "compare_to"},
			{"/api/v1/stats/bottlenecks?procedure=" + procCode + "&from=2026-04-01&to=2026-03-01", "director", 400, "to"},
			{q, "head", 403, ""}, // the whole agency is not the head's
			{q, "official", 403, ""},
			{"/api/v1/stats/bottlenecks/dossiers?figure=passes&procedure=" + procCode, "director", 400, "step"},
			{"/api/v1/stats/bottlenecks/dossiers?step=1&figure=slow&procedure=" + procCode, "director", 400, "figure"},
		}
		for _, b := range bad {
			rec := do(mux, call{method: "GET", path: b.path, token: f.tokens[b.who]})
			if rec.Code != b.status {
				t.Errorf("%s as %s: %d %s, want %d", b.path, b.who, rec.Code, rec.Body, b.status)
				continue
			}
			if b.field != "" {
				if e := apiError(t, rec); e.Field != b.field {
					t.Errorf("%s: field %q, want %q", b.path, e.Field, b.field)
				}
			}
		}
	})
}
