package evaluation

import (
	"math"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/work"
)

// march is a month of three tasks, worked by hand below:
//
//	T1 weight 2, completed on time, no return
//	T2 weight 1, completed late, returned once
//	T3 weight 1, still open at the month's end (late)
//
// W = 4 units; shares 2/4 = 0,5, 1/4 = 0,25, 0,25.
func march(exempt bool) []work.Figures {
	due := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	done := due.Add(-48 * time.Hour)
	late := due.Add(72 * time.Hour)
	t2 := work.TaskLine{TaskID: 2, Title: "Báo cáo quý", Weight: 1, Deadline: due, CompletedAt: &late, Done: true, Delayed: true, FailedReviews: 1, Timeliness: work.Late}
	if exempt {
		t2.Delayed, t2.DelayExempted, t2.FailedReviews, t2.ExemptReviews = false, true, 0, 1
	}
	return []work.Figures{{AssignedUnits: 4, Lines: []work.TaskLine{
		{TaskID: 1, Title: "Tờ trình dự toán", Weight: 2, Deadline: due, CompletedAt: &done, Done: true, Timeliness: work.Early},
		t2,
		{TaskID: 3, Title: "Thẩm định", Weight: 1, Deadline: due, Timeliness: work.Late, Delayed: true},
	}}}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCompute(t *testing.T) {
	r := ND335()
	for _, c := range []struct {
		name                 string
		months               []work.Figures
		leader               bool
		unit                 float64
		hand                 map[Item]float64
		qty, qual, prog, pts float64
	}{
		// quantity = 0,5 + 0,25 = 0,75 (T3 not done)
		// quality  = 0,5 + 0,25 × (1 − 0,25 × 1) = 0,5 + 0,1875 = 0,6875
		// progress = 0,5 + 0,25 × (1 − 0,25) = 0,6875 (T2 late once)
		// 70 × (0,75 + 0,6875 + 0,6875) ÷ 3 = 70 × 2,125 ÷ 3 = 49,58333…
		{"staff", march(false), false, 1, nil, 0.75, 0.6875, 0.6875, 70 * 2.125 / 3},
		// T2's delay and return exempted (objective cause): it counts in full:
		// 0,75 on each item, 70 × 0,75 = 52,5
		{"exempted", march(true), false, 1, nil, 0.75, 0.75, 0.75, 52.5},
		// A leader, one of whose staff is KHTNV (d = 50%), đ = 80, e = 100:
		// (0,75 + 0,6875 + 0,6875 + 0,5 + 0,8 + 1) ÷ 6 = 4,425 ÷ 6 = 0,7375; × 70 = 51,625
		{"leader", march(false), true, 0.5, map[Item]float64{ItemOrganise: 80, ItemSolidarity: 100}, 0.75, 0.6875, 0.6875, 51.625},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Compute(r, c.months, c.leader, c.unit, c.hand)
			if err != nil {
				t.Fatal(err)
			}
			if !near(res.Ratios[ItemQuantity], c.qty) || !near(res.Ratios[ItemQuality], c.qual) || !near(res.Ratios[ItemProgress], c.prog) || !near(res.Points, c.pts) {
				t.Errorf("ratios %v points %v, want %v %v %v %v", res.Ratios, res.Points, c.qty, c.qual, c.prog, c.pts)
			}
			sum := 0.0
			for _, l := range res.Lines {
				sum += l.Share
			}
			if !near(sum, 1) {
				t.Errorf("shares add up to %v", sum)
			}
		})
	}
	if _, err := Compute(r, march(false), true, 1, map[Item]float64{ItemOrganise: 80}); apperr.As(err) == nil || apperr.As(err).Field != "hand.solidarity" {
		t.Errorf("missing handwritten item: %v", err)
	}
	if _, err := Compute(r, march(false), true, 1, map[Item]float64{ItemOrganise: 80, ItemSolidarity: 101}); apperr.As(err) == nil || apperr.As(err).Field != "hand.solidarity" {
		t.Errorf("handwritten item over 100: %v", err)
	}
	if res, _ := Compute(r, nil, false, 1, nil); res.Rated {
		t.Error("no task rated")
	}
}

func TestLevel(t *testing.T) {
	r := ND335()
	for _, c := range []struct {
		total       float64
		disciplined bool
		want        work.Grade
	}{
		{100, false, work.Excellent}, {90, false, work.Excellent}, {89.99999999999999, false, work.Excellent},
		{89.99, false, work.Good}, {70, false, work.Good}, {69.99, false, work.Completed},
		{50, false, work.Completed}, {49.99, false, work.Failed}, {0, false, work.Failed},
		// discipline (khiển trách or heavier) forces KHTNV whatever the score
		{100, true, work.Failed}, {75, true, work.Failed},
	} {
		if got := r.Level(c.total, c.disciplined); got != c.want {
			t.Errorf("Level(%v, %v) = %s, want %s", c.total, c.disciplined, got, c.want)
		}
	}
}

func TestQuota(t *testing.T) {
	r := ND335()
	for _, c := range []struct {
		name            string
		excellent, good int
		ok              bool
	}{
		{"exactly 20%: 1 of 5", 0, 5, true},          // 20 × 5 ÷ 100 = 1 allowed; 0 + 1 ≤ 1
		{"past 20%: 2 of 5", 1, 5, false},            // 1 + 1 = 2 > 1
		{"rounded down: 20% of 4 is 0", 0, 4, false}, // 20 × 4 ÷ 100 = 0,8 → 0
		{"rounded down: 20% of 9 is 1", 0, 9, true},  // 1,8 → 1
		{"20% of 9 taken", 1, 9, false},
		{"exactly 20% of 10 is 2", 1, 10, true}, // 2 ≤ 2
		{"nobody HTTNV", 0, 0, false},
	} {
		err := CheckQuota(r, work.Excellent, Tally{Excellent: c.excellent, Good: c.good}, GroupStaff)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
		if err != nil && !apperr.Is(err, apperr.Conflict) {
			t.Errorf("%s: %v is not a conflict", c.name, err)
		}
	}
	err := CheckQuota(r, work.Excellent, Tally{Excellent: 1, Good: 5}, GroupStaff)
	if msg := apperr.As(err).Message("vi"); msg == "" || !contains(msg, "1 người Hoàn thành xuất sắc", "5 người Hoàn thành tốt", "tối đa 1 người", "20%") {
		t.Errorf("the refusal names the figures: %q", msg)
	}
	if CheckQuota(r, work.Good, Tally{}, GroupStaff) != nil {
		t.Error("HTTNV is never capped")
	}
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		found := false
		for i := 0; i+len(p) <= len(s); i++ {
			if s[i:i+len(p)] == p {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestWorkflow(t *testing.T) {
	r := ND335()
	now := time.Date(2026, 4, 2, 3, 0, 0, 0, time.UTC)
	f := Facts{Months: march(false), UnitFactor: 1, Now: now}
	e := Evaluation{ID: 1, PersonID: 7, UnitID: 3, Period: work.MonthPeriod(2026, 3), Group: GroupStaff, State: StateDraft}
	common := map[string]float64{"politics": 9, "capacity": 8, "innovation": 10}
	step := func(e Evaluation, ev Event, f Facts) Evaluation {
		t.Helper()
		n, err := Apply(r, e, ev, f)
		if err != nil {
			t.Fatalf("%s: %v", ev.Action, err)
		}
		return n
	}
	refused := func(e Evaluation, ev Event, f Facts, code apperr.Code, field string) {
		t.Helper()
		n, err := Apply(r, e, ev, f)
		if !apperr.Is(err, code) || (field != "" && apperr.As(err).Field != field) {
			t.Errorf("%s: %v, want %s on %q", ev.Action, err, code, field)
		}
		if n.State != e.State || len(n.Events) != len(e.Events) {
			t.Errorf("%s: a refusal changed the evaluation", ev.Action)
		}
	}
	refused(e, Event{Action: ActionSelfAssess, Common: map[string]float64{"politics": 11, "capacity": 8, "innovation": 10}}, f, apperr.Invalid, "common.politics")
	refused(e, Event{Action: ActionSelfAssess, Common: map[string]float64{"politics": -1, "capacity": 8, "innovation": 10}}, f, apperr.Invalid, "common.politics")
	refused(e, Event{Action: ActionSelfAssess, Common: map[string]float64{"politics": 9, "capacity": 8}}, f, apperr.Invalid, "common.innovation")
	refused(e, Event{Action: ActionSelfAssess, Common: map[string]float64{"politics": 9, "capacity": 8, "innovation": 10, "x": 1}}, f, apperr.Invalid, "common.x")
	refused(e, Event{Action: ActionApprove}, f, apperr.Conflict, "")
	refused(e, Event{Action: "grade"}, f, apperr.Invalid, "action")
	refused(e, Event{Action: ActionSelfAssess, Common: common}, Facts{Now: now}, apperr.Conflict, "") // no task due

	e = step(e, Event{Action: ActionSelfAssess, ActorID: 7, Common: common}, f)
	// 9 + 8 + 10 = 27 common; 27 + 49,58 = 76,58 → HTTNV
	if e.State != StateSelfAssessed || e.Total != 76.58 || e.Grade != work.Good {
		t.Fatalf("self-assessed: %s %v %s", e.State, e.Total, e.Grade)
	}
	refused(e, Event{Action: ActionReturn}, f, apperr.Invalid, "reason")
	e = step(e, Event{Action: ActionReturn, ActorID: 2, Reason: "Chấm lại tiêu chí đổi mới"}, f)
	if e.State != StateReturned {
		t.Fatal(e.State)
	}
	e = step(e, Event{Action: ActionSelfAssess, ActorID: 7, Common: common}, f)
	e = step(e, Event{Action: ActionAssess, ActorID: 2, Common: map[string]float64{"politics": 10, "capacity": 10, "innovation": 10}}, f)
	// 30 + 49,58 = 79,58
	if e.Total != 79.58 || e.Grade != work.Good || e.AssessorID != 2 {
		t.Fatalf("assessed: %v %s", e.Total, e.Grade)
	}
	// disciplined meanwhile: approval rates KHTNV
	d := f
	d.Disciplined = true
	if n := step(e, Event{Action: ActionApprove, ActorID: 1}, d); n.Grade != work.Failed || n.State != StateApproved {
		t.Errorf("disciplined: %s %s", n.Grade, n.State)
	}
	e = step(e, Event{Action: ActionApprove, ActorID: 1}, f)
	if e.State != StateApproved || len(e.Events) != 5 || e.Version != 5 {
		t.Errorf("approved: %s, %d events, version %d", e.State, len(e.Events), e.Version)
	}
	refused(e, Event{Action: ActionReturn, Reason: "muộn"}, f, apperr.Conflict, "")
}

func TestApprovePastQuota(t *testing.T) {
	r := ND335()
	months := march(true) // 52,5 task points
	e := Evaluation{Period: work.MonthPeriod(2026, 3), Group: GroupStaff, State: StateAssessed,
		Common: map[string]float64{"politics": 10, "capacity": 10, "innovation": 10}}
	// 30 + 52,5 = 82,5: HTTNV, never capped
	if _, err := Apply(r, e, Event{Action: ActionApprove}, Facts{Months: months, Tally: Tally{Excellent: 3}}); err != nil {
		t.Fatal(err)
	}
	full := []work.Figures{{AssignedUnits: 1, Lines: []work.TaskLine{{TaskID: 1, Weight: 1, Done: true}}}}
	// 30 + 70 = 100: HTXSNV, one already approved against 5 HTTNV
	_, err := Apply(r, e, Event{Action: ActionApprove}, Facts{Months: full, Tally: Tally{Excellent: 1, Good: 5}})
	if !apperr.Is(err, apperr.Conflict) || apperr.As(err).Field != "quota" {
		t.Errorf("past the quota: %v", err)
	}
}

func TestLevel90(t *testing.T) {
	met := Line{Done: true}
	early := Line{Done: true, Early: true}
	late := Line{Done: true, Delayed: true}
	for _, c := range []struct {
		name  string
		lines []Line
		disc  bool
		want  work.Grade
	}{
		{"all met, half early", []Line{early, met}, false, work.Excellent},
		{"all met", []Line{early, met, met}, false, work.Good},
		{"1 of 5 short (20%)", []Line{met, met, met, met, late}, false, work.Completed},
		{"1 of 4 short (25%)", []Line{met, met, met, late}, false, work.Failed},
		{"disciplined", []Line{early}, true, work.Failed},
	} {
		if g, _ := Level90(c.lines, c.disc); g != c.want {
			t.Errorf("%s: %s, want %s", c.name, g, c.want)
		}
	}
}

func TestInForceAndYear(t *testing.T) {
	sets := Builtin()
	for _, c := range []struct {
		d    calendar.Date
		want Scheme
	}{{calendar.Date{Year: 2025, Month: 12, Day: 31}, SchemeND90}, {calendar.Date{Year: 2026, Month: 1, Day: 1}, SchemeND335}} {
		if r, ok := InForce(sets, c.d); !ok || r.Scheme != c.want {
			t.Errorf("%s: %s", c.d, r.Scheme)
		}
	}
	r := ND335()
	// (92 + 88 + 95) ÷ 3 = 91,67 → HTXSNV
	y := RateYear(r, YearRating{Periods: []PeriodResult{{Total: 92}, {Total: 88}, {Total: 95}}})
	if y.Average != 91.67 || y.Grade != work.Excellent {
		t.Errorf("year: %v %s", y.Average, y.Grade)
	}
	if y := RateYear(r, YearRating{Periods: []PeriodResult{{Total: 92}}, Disciplined: true}); y.Grade != work.Failed {
		t.Errorf("disciplined year: %s", y.Grade)
	}
	if d := YearDeadline(2026); d.String() != "2026-12-15" {
		t.Error(d)
	}
	// The agency's 70: staff at 49 of 70 (0,7) and 90 of 100 dossiers on time (0,9): 70 × (0,7 + 0,9) ÷ 2 = 56
	if a := ScoreAgency(r, []float64{42, 56}, 90, 100); a.Points != 56 {
		t.Errorf("agency: %v", a.Points)
	}
	if UnitFactor(r, []work.Grade{work.Good, work.Failed}) != 0.5 || UnitFactor(r, []work.Grade{work.Completed}) != 1 {
		t.Error("unit factor")
	}
}

func TestRuleSetValidate(t *testing.T) {
	ok := ND335()
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		field  string
		change func(*RuleSet)
	}{
		{"common", func(r *RuleSet) { r.Common[0].Max = 5 }},
		{"staff[0]", func(r *RuleSet) { r.Staff[0].Weight = -1 }},
		{"staff[0]", func(r *RuleSet) { r.Staff[0].Item = ItemUnit }},
		{"leaders", func(r *RuleSet) { r.Leaders = nil }},
		{"quota_percent", func(r *RuleSet) { r.QuotaPercent = 0 }},
		{"effective_from", func(r *RuleSet) { r.EffectiveFrom.Year = 2025 }},
	} {
		r := ND335()
		c.change(&r)
		if err := r.Validate(); apperr.As(err) == nil || apperr.As(err).Field != c.field {
			t.Errorf("%s: %v", c.field, err)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{{"3", "Tháng 3/2026", true}, {"03", "Tháng 3/2026", true}, {"12", "Tháng 12/2026", true}, {"q2", "Quý II/2026", true}, {"Q4", "Quý IV/2026", true},
		{"0", "", false}, {"13", "", false}, {"q5", "", false}, {"q", "", false}, {"-1", "", false}, {"+3", "", false}, {"", "", false}, {"năm", "", false}, {"1e1", "", false}} {
		p, err := ParsePeriod(2026, c.in)
		if (err == nil) != c.ok || (c.ok && p.Label("vi") != c.want) {
			t.Errorf("%q: %v %v", c.in, p.Label("vi"), err)
		}
		if err != nil && apperr.As(err).Field != "period" {
			t.Errorf("%q: field %q", c.in, apperr.As(err).Field)
		}
		if c.ok {
			if q, _ := ParsePeriod(2026, PeriodParam(p)); q != p {
				t.Errorf("%q: round trip %v", c.in, q)
			}
		}
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"3", "q2", "Q4", "13", "", "q", "-0", "+1", "１", "q０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(2026, s)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if p.Validate() != nil || (p.Kind != work.PeriodMonth && p.Kind != work.PeriodQuarter) {
			t.Fatalf("%q: %+v", s, p)
		}
	})
}
