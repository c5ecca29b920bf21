package flow

import (
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

func testCal(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
	if err != nil {
		panic(err)
	}
	return t
}

// proc3 is a 3-working-day procedure: the desk (half a day, unit 2), a
// division (2 days, unit 3), the director (half a day, unit 1).
func proc3() dossier.Procedure {
	d, _ := calendar.ParseDate("2025-01-01")
	return dossier.Procedure{
		Code: "1.000001", Name: "Thủ tục thử", Field: "Thử", Level: dossier.LevelFull,
		Limit:     calendar.Limit{Value: 3, Unit: calendar.WorkingDays},
		Documents: []dossier.Document{{Name: "Đơn", Copy: dossier.Original, Quantity: 1}},
		Steps: []dossier.Step{
			{Name: "Bộ phận một cửa", UnitID: 2, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Phòng chuyên môn", UnitID: 3, Budget: 2},
			{Name: "Lãnh đạo Sở", UnitID: 1, Role: org.RoleDirector, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: d, AgencyID: 1,
	}
}

func ev(a dossier.Action, at string) dossier.Event {
	t := vn(at)
	e := dossier.Event{Action: a, At: t, RecordedAt: t, ActorID: 7, ActorName: "Trần Thị Bình", UnitID: 2}
	if a.NeedsReason() {
		e.Reason = "lý do"
	}
	return e
}

func fwd(at string, unit int64) dossier.Event {
	e := ev(dossier.Forward, at)
	e.ToUnitID, e.ToPersonID, e.ToPersonName = unit, 100+unit, "Người nhận"
	return e
}

// lateDossier is worked by hand (office hours 07:00–11:30, 13:30–17:00):
//   - desk: received Mon 02/03 08:00, forwarded 10:00: 2 h, nothing done
//     between, so no waiting is known;
//   - division: handed in Mon 10:00, first action (supplement request)
//     Mon 14:00 = 1.5 + 0.5 = 2 h of waiting; paused until Tue 08:00 (3 +
//     1 = 4 h); forwarded Wed 09:00: 5 + 8 + 2 = 15 h less 4 h paused =
//     11 h spent, 9 h handling, within its 16 h;
//   - director: Wed 09:00 to Fri 10:00 = 6 + 8 + 3 = 17 h against 4 h,
//     13 h over.
//
// Due: 24 working hours from Mon 08:00 = Thu 08:00, plus the 4 h pause =
// Thu 14:00; completed Fri: late, laid to the director's step.
func lateDossier() []dossier.Event {
	sup := ev(dossier.RequestSupplement, "2026-03-02 14:00")
	sup.Reason = "thiếu bản sao"
	return []dossier.Event{
		ev(dossier.Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 10:00", 3),
		sup,
		ev(dossier.ReceiveSupplement, "2026-03-03 08:00"),
		fwd("2026-03-04 09:00", 1),
		ev(dossier.Complete, "2026-03-06 10:00"),
	}
}

func TestRecountHandWorked(t *testing.T) {
	passes, late, err := Recount(proc3(), testCal(t), lateDossier(), dossier.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		step, to            int
		unit                int64
		spent, wait, budget float64 // hours
		over                bool
	}{
		{0, 1, 2, 2, 0, 4, false},
		{1, 2, 3, 11, 2, 16, false},
		{2, End, 1, 17, 0, 4, true},
	}
	if len(passes) != len(want) {
		t.Fatalf("passes = %+v, want %d", passes, len(want))
	}
	for i, w := range want {
		p := passes[i]
		if p.Step != w.step || p.ToStep != w.to || p.UnitID != w.unit || p.Spent.Hours() != w.spent ||
			p.Wait.Hours() != w.wait || p.Budget.Hours() != w.budget || p.OverBudget() != w.over {
			t.Errorf("pass %d = %+v (spent %v, wait %v), want %+v", i, p, p.Spent, p.Wait, w)
		}
	}
	if passes[1].Handling() != 9*time.Hour || passes[2].Overrun() != 13*time.Hour {
		t.Errorf("handling %v, overrun %v; want 9h and 13h", passes[1].Handling(), passes[2].Overrun())
	}
	if late == nil || late.Step != 2 || late.UnitID != 1 || !late.At.Equal(vn("2026-03-06 10:00")) {
		t.Errorf("late = %+v, want step 2 of unit 1 on Fri 06/03", late)
	}
}

func TestReworkPassesAndOnTimeDossier(t *testing.T) {
	back := ev(dossier.ReturnForRework, "2026-03-03 09:00")
	back.Reason = "sai số liệu"
	events := []dossier.Event{
		ev(dossier.Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 09:00", 3),
		fwd("2026-03-02 15:00", 1),
		back, // the director returns it: director 15:00–09:00 = 2 + 2 = 4 h
		fwd("2026-03-03 10:00", 1),
		ev(dossier.Complete, "2026-03-03 11:00"),
	}
	passes, late, err := Recount(proc3(), testCal(t), events, dossier.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	var route [][2]int
	for _, p := range passes {
		route = append(route, [2]int{p.Step, p.ToStep})
	}
	want := [][2]int{{0, 1}, {1, 2}, {2, 1}, {1, 2}, {2, End}}
	if len(route) != len(want) {
		t.Fatalf("route = %v, want %v", route, want)
	}
	for i := range want {
		if route[i] != want[i] {
			t.Fatalf("route = %v, want %v", route, want)
		}
	}
	if !passes[2].Returned() || passes[1].Returned() || passes[2].Spent != 4*time.Hour {
		t.Errorf("the return pass = %+v, want returned after 4h", passes[2])
	}
	if late != nil {
		t.Errorf("late = %+v for a dossier done on its second day", late)
	}
}

func TestLateCauseWithNothingOverBudgetTakesTheLongestStep(t *testing.T) {
	st := dossier.State{CompletedAt: vn("2026-03-10 10:00"), StatutoryDue: vn("2026-03-05 10:00"), Steps: []dossier.StepRecord{
		{UnitID: 2, EndedAt: vn("2026-03-02 10:00"), Spent: 2 * time.Hour, Budget: 1},
		{UnitID: 3, EndedAt: vn("2026-03-04 10:00"), Spent: 15 * time.Hour, Budget: 2},
		{UnitID: 1, EndedAt: vn("2026-03-10 10:00"), Spent: 3 * time.Hour, Budget: 1},
	}}
	if step, unit, ok := LateCause(dossier.State{}, st); !ok || step != 1 || unit != 3 {
		t.Errorf("LateCause = %d, %d, %v; want step 1 of unit 3", step, unit, ok)
	}
	if _, _, ok := LateCause(st, st); ok {
		t.Error("a dossier completed before the event is not laid again")
	}
}

func TestQuantileHandWorked(t *testing.T) {
	var h Hist
	for _, x := range []float64{1, 2, 3, 10, 20} {
		h.Add(time.Duration(x * float64(time.Hour)))
	}
	// Buckets (0.5,1], (1,2], (2,3], (8,12], (16,24]; the median is the 3rd
	// value, alone in (2,3]: its middle, 2.5; p90 is the 5th, alone in
	// (16,24]: 20.
	cases := []struct{ q, want float64 }{{0.5, 2.5}, {0.9, 20}, {0.2, 0.75}, {1, 20}}
	for _, c := range cases {
		if got := h.Quantile(c.q); got != c.want {
			t.Errorf("Quantile(%v) = %v, want %v", c.q, got, c.want)
		}
	}
	var g Hist
	g[0], g[5] = 4, 6 // the doc's example
	if got := round2(g.Quantile(0.5)); got != 4.17 {
		t.Errorf("median = %v, want 4.17", got)
	}
	if got := (Hist{}).Quantile(0.5); got != 0 {
		t.Errorf("empty median = %v", got)
	}
	var big Hist
	big.Add(5000 * time.Hour)
	if got := big.Quantile(0.9); got != 1920 {
		t.Errorf("open bucket = %v, want its lower edge 1920", got)
	}
	if Bucket(8*time.Hour) != 6 || Bucket(8*time.Hour+time.Second) != 7 || Bucket(0) != 0 {
		t.Error("bucket edges are upper-inclusive")
	}
}

func TestAnalyseHandWorked(t *testing.T) {
	info := []StepInfo{{"Bộ phận một cửa", 0.5}, {"Phòng chuyên môn", 2}, {"Lãnh đạo Sở", 0.5}}
	var rows []StepSums
	var edges []EdgeSums
	add := func(passes []Pass, late *Late) {
		for _, p := range passes {
			s := StepSums{Step: p.Step, UnitID: p.UnitID}
			s.AddPass(p)
			rows = append(rows, s)
			edges = append(edges, EdgeSums{From: p.Step, To: p.ToStep, Passes: 1, Spent: p.Spent})
		}
		if late != nil {
			rows = append(rows, StepSums{Step: late.Step, UnitID: late.UnitID, LateCaused: 1})
		}
	}
	h := time.Hour
	// Two more dossiers on top of the hand-worked one: the division takes 3 h
	// and 20 h (over its 16), the director 1 h and 2 h.
	p, late, err := Recount(proc3(), testCal(t), lateDossier(), dossier.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	add(p, late)
	add([]Pass{{Step: 0, UnitID: 2, ToStep: 1, Spent: 1 * h, Budget: 4 * h}, {Step: 1, UnitID: 3, ToStep: 2, Spent: 3 * h, Wait: h, Budget: 16 * h},
		{Step: 2, UnitID: 1, ToStep: End, Spent: 1 * h, Budget: 4 * h}}, nil)
	add([]Pass{{Step: 0, UnitID: 2, ToStep: 1, Spent: 1 * h, Budget: 4 * h}, {Step: 1, UnitID: 3, ToStep: 2, Spent: 20 * h, Wait: 5 * h, Budget: 16 * h},
		{Step: 2, UnitID: 1, ToStep: End, Spent: 2 * h, Budget: 4 * h}}, &Late{Step: 1, UnitID: 3})
	a := Analyse(info, rows, edges)
	div := a.Steps[1]
	// Division: 3, 11, 20 h → buckets (2,3], (8,12], (16,24]; median = the
	// 2nd, middle of (8,12] = 10; p90 = the 3rd, middle of (16,24] = 20.
	// Waiting (2 + 1 + 5)/3 = 2.67 h, handling (9 + 2 + 15)/3 = 8.67 h;
	// one of three over budget, 4 h lost.
	if div.Count != 3 || div.MedianHours != 10 || div.P90Hours != 20 || div.BudgetHours != 16 || div.OverBudgetShare != 0.3333 ||
		div.WaitHours != 2.67 || div.HandlingHours != 8.67 || div.OverHours != 4 || div.LateCaused != 1 {
		t.Errorf("division = %+v", div)
	}
	dir := a.Steps[2]
	if dir.OverHours != 13 || !dir.Slowest || div.Slowest || dir.LateCaused != 1 || dir.OverBudgetShare != 0.3333 {
		t.Errorf("director = %+v, want 13 h lost, flagged slowest", dir)
	}
	if a.Late != 2 || len(a.Causes) != 2 || a.Causes[0].Late != 1 || a.Causes[0].Step != 1 {
		t.Errorf("causes = %+v, late %d", a.Causes, a.Late)
	}
	if len(a.Edges) != 3 || a.Edges[2] != (Edge{From: 2, To: End, Count: 3, MeanHours: round2(20.0 / 3)}) {
		t.Errorf("edges = %+v", a.Edges)
	}
	before := Analyse(info, nil, nil)
	d := Compare(before, a)
	if len(d) != 3 || d[1].Count != 3 || d[1].MedianHours != 10 || d[1].LateCaused != 1 || d[1].Before.Count != 0 {
		t.Errorf("compare = %+v", d)
	}
	if before.Steps[2].BudgetHours != 4 || before.Steps[0].Slowest {
		t.Errorf("an empty period keeps the budgets and flags nothing: %+v", before.Steps)
	}
}

func TestBehind(t *testing.T) {
	passes, late, err := Recount(proc3(), testCal(t), lateDossier(), dossier.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	mar := func(d int) calendar.Date { return calendar.Date{Year: 2026, Month: 3, Day: d} }
	cases := []struct {
		f        Figure
		step     int
		units    map[int64]bool
		from, to calendar.Date
		want     bool
	}{
		{FigPasses, 1, nil, mar(1), mar(31), true},
		{FigPasses, 1, nil, mar(5), mar(31), false}, // the division's pass ended on the 4th
		{FigPasses, 1, map[int64]bool{2: true}, mar(1), mar(31), false},
		{FigOverBudget, 1, nil, mar(1), mar(31), false},
		{FigOverBudget, 2, nil, mar(6), mar(6), true},
		{FigLateCaused, 2, map[int64]bool{1: true}, mar(6), mar(6), true},
		{FigLateCaused, 1, nil, mar(1), mar(31), false},
		{FigReturned, 2, nil, mar(1), mar(31), false},
	}
	for i, c := range cases {
		if got := Behind(c.f, c.step, c.units, c.from, c.to, passes, late); got != c.want {
			t.Errorf("case %d (%s step %d): %v, want %v", i, c.f, c.step, got, c.want)
		}
	}
	if !FigLateCaused.Valid() || Figure("x").Valid() {
		t.Error("Valid")
	}
}
