package work

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// One official's March 2026: six tasks, each due in March.
//
//	T1 weight 2, due Fri 13/3: submitted Tue 10/3, accepted 11/3         → done early
//	T2 weight 1, due Fri 13/3: extended to 20/3, submitted Wed 18/3       → done late (the original deadline counts): a delay
//	T3 weight 1, due Fri 20/3: submitted 16/3, returned 17/3, resubmitted
//	                           Fri 20/3 09:00, accepted                   → done on time, one failed review
//	T4 weight 1, due Mon 16/3: blocked 12/3–17/3, submitted Wed 18/3,
//	                           objective cause confirmed by the superior  → done late, delay exempted
//	T5 weight 1, due Wed 25/3: cancelled 5/3                               → not counted
//	T6 weight 1, due Fri 27/3: 40% on 10/3, still open on 31/3            → open overdue: a delay
//
// Counted: T1–T4, T6; assigned 5 tasks = 2+1+1+1+1 = 6 units.
// Done: T1–T4 = 4 tasks, 5 units. Done early: T1. On time (exemption
// included): T1, T3, T4 = 3 tasks, 4 units. Delays: T2, T6 = 2 (T6 open).
// Exempted delays: T4. Failed reviews: 1 (T3). Cancelled: 1.
//
// Score (NĐ 335/2025, 70 points split equally: 70/3 per item):
//
//	per task (default): quantity = 70/3 × 5/6                      = 19.4444
//	                    quality  = 70/3 × (2 + 1 + 0.75 + 1)/6      = 70/3 × 4.75/6 = 18.4722  (T3 loses 25% of its share)
//	                    progress = 70/3 × (2 + 0.75 + 1 + 1)/6      = 70/3 × 4.75/6 = 18.4722  (T2 loses 25% of its share)
//	                    total    = 70/3 × 14.5/6 = 1015/18          = 56.3889; with general criteria 30: 86.39 → HTTNV
//	per item:           quantity = 70/3 × 5/6                      = 19.4444
//	                    quality  = 70/3 × (5/6 − 0.25×1) = 70/3 × 7/12  = 13.6111
//	                    progress = 70/3 × (4/6 − 0.25×2) = 70/3 × 1/6   =  3.8889
//	                    total    = 70/3 × 19/12 = 1330/36           = 36.9444; with 30: 66.94 → HTNV
func TestMonthlyFigures(t *testing.T) {
	cal := testCalendar(t)
	mk := func(id int64, due string, w float64) TaskWithHistory {
		return newTask(t, cal, id, "2026-03-02 08:00", DeadlineSpec{Date: date(due)}, w)
	}
	start := ev(ActionStart)
	accept := ev(ActionAccept)
	submit := note(ActionSubmit, "Báo cáo")

	t1 := mk(1, "2026-03-13", 2)
	t1 = must(t, t1, start, asLead, "2026-03-03 08:00")
	t1 = must(t, t1, submit, asLead, "2026-03-10 15:00")
	t1 = must(t, t1, accept, asAssigner, "2026-03-11 09:00")

	t2 := mk(2, "2026-03-13", 1)
	t2 = must(t, t2, start, asLead, "2026-03-02 09:00")
	t2 = must(t, t2, Event{Action: ActionRequestExtension, Deadline: ptr(at("2026-03-20 17:00")), Reason: "Chờ số liệu"}, asLead, "2026-03-12 09:00")
	t2 = must(t, t2, Event{Action: ActionDecideExtension, Approved: ptr(true)}, asAssigner, "2026-03-12 10:00")
	t2 = must(t, t2, submit, asLead, "2026-03-18 10:00")
	t2 = must(t, t2, accept, asAssigner, "2026-03-18 14:00")

	t3 := mk(3, "2026-03-20", 1)
	t3 = must(t, t3, start, asLead, "2026-03-03 08:00")
	t3 = must(t, t3, submit, asLead, "2026-03-16 09:00")
	t3 = must(t, t3, reason(ActionReturn, "Thiếu phụ lục số liệu"), asAssigner, "2026-03-17 09:00")
	t3 = must(t, t3, note(ActionSubmit, "Báo cáo kèm phụ lục"), asLead, "2026-03-20 09:00")
	t3 = must(t, t3, accept, asAssigner, "2026-03-20 15:00")

	t4 := mk(4, "2026-03-16", 1)
	t4 = must(t, t4, start, asLead, "2026-03-03 08:00")
	t4 = must(t, t4, note(ActionRaiseObstacle, "Chờ ý kiến Sở Xây dựng"), asLead, "2026-03-12 09:00")
	t4 = must(t, t4, note(ActionResolveObstacle, "Sở Xây dựng đã có ý kiến"), asAssigner, "2026-03-17 09:00")
	t4 = must(t, t4, submit, asLead, "2026-03-18 09:00")
	t4 = must(t, t4, accept, asAssigner, "2026-03-19 09:00")
	t4 = must(t, t4, Event{Action: ActionConfirmCause, Kind: ExemptDelay, Reason: "Sở Xây dựng chậm có ý kiến"}, asSuperior, "2026-03-19 10:00")

	t5 := mk(5, "2026-03-25", 1)
	t5 = must(t, t5, reason(ActionCancel, "Nội dung đã được lồng ghép vào nhiệm vụ khác"), asAssigner, "2026-03-05 09:00")

	t6 := mk(6, "2026-03-27", 1)
	t6 = must(t, t6, start, asLead, "2026-03-03 08:00")
	t6 = must(t, t6, Event{Action: ActionReportProgress, Percent: ptr(40), Note: "Đang tổng hợp"}, asLead, "2026-03-10 09:00")

	// Decoys: due in April; led by someone else.
	april := mk(7, "2026-04-10", 1)
	other := t1
	other.Task.ID, other.Task.LeadPersonID = 8, 99

	tasks := []TaskWithHistory{t1, t2, t3, t4, t5, t6, april, other}
	f := MonthlyFigures(tasks, lead, 2026, time.March)
	want := Figures{PersonID: lead, Year: 2026, Month: time.March,
		Assigned: 5, AssignedUnits: 6, Done: 4, DoneUnits: 5, DoneEarly: 1, DoneOnTime: 3, OnTimeUnits: 4,
		Delays: 2, DelayedUnits: 2, OpenOverdue: 1, ExemptedDelay: 1, FailedReviews: 1, ExemptReviews: 0, Cancelled: 1}
	got := f
	got.Lines = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("figures\n got %+v\nwant %+v", got, want)
	}
	lines := map[int64]Timeliness{1: Early, 2: Late, 3: OnTime, 4: Late, 6: Late}
	for _, l := range f.Lines {
		if lines[l.TaskID] != l.Timeliness {
			t.Errorf("T%d: %s, want %s", l.TaskID, l.Timeliness, lines[l.TaskID])
		}
	}

	s := f.Score(ND335())
	checkScore(t, "per task", s, 70.0/3*5/6, 70.0/3*4.75/6, 70.0/3*4.75/6, 1015.0/18)
	if g := Level(30+s.Total, false); g != Good {
		t.Errorf("level %s, want HTTNV at %.2f", g, 30+s.Total)
	}
	if g := Level(30+s.Total, true); g != Failed {
		t.Errorf("disciplined: %s", g)
	}
	r := ND335()
	r.PerItem = true
	s = f.Score(r)
	checkScore(t, "per item", s, 70.0/3*5/6, 70.0/3*7/12, 70.0/3/6, 1330.0/36)
	if g := Level(30+s.Total, false); g != Completed {
		t.Errorf("level %s, want HTNV at %.2f", g, 30+s.Total)
	}

	// T6 completed in April does not change March: it was open at the end of March.
	t6 = must(t, t6, submit, asLead, "2026-04-02 09:00")
	t6 = must(t, t6, accept, asAssigner, "2026-04-03 09:00")
	again := MonthlyFigures([]TaskWithHistory{t1, t2, t3, t4, t5, t6}, lead, 2026, time.March)
	again.Lines = nil
	if !reflect.DeepEqual(again, want) {
		t.Errorf("after T6 done in April, March\n got %+v\nwant %+v", again, want)
	}

	// An objective cause confirmed for T3's return removes its deduction:
	// quality 70/3 × 5/6.
	t3 = must(t, t3, Event{Action: ActionConfirmCause, Kind: ExemptReview, Reason: "Mẫu phụ lục thay đổi sau khi giao"}, asAssigner, "2026-04-02 09:00")
	f = MonthlyFigures([]TaskWithHistory{t1, t2, t3, t4, t5, t6}, lead, 2026, time.March)
	if f.FailedReviews != 0 || f.ExemptReviews != 1 {
		t.Errorf("after the exemption: %d failed, %d exempted", f.FailedReviews, f.ExemptReviews)
	}
	checkScore(t, "review exempted", f.Score(ND335()), 70.0/3*5/6, 70.0/3*5/6, 70.0/3*4.75/6, 70.0/3*14.75/6)

	// Nothing due: not rated.
	if s := MonthlyFigures(tasks, lead, 2026, time.May).Score(ND335()); s.Rated || s.Total != 0 {
		t.Errorf("empty month scored: %+v", s)
	}
}

func checkScore(t *testing.T, name string, s TaskScore, qty, qual, prog, total float64) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !s.Rated || !near(s.Quantity, qty) || !near(s.Quality, qual) || !near(s.Progress, prog) || !near(s.Total, total) {
		t.Errorf("%s: %+v, want %.4f %.4f %.4f = %.4f", name, s, qty, qual, prog, total)
	}
}

func TestLevel(t *testing.T) {
	cases := []struct {
		score       float64
		disciplined bool
		want        Grade
	}{
		{100, false, Excellent},
		{90, false, Excellent},
		{89.99999999999999, false, Excellent}, // a floating-point 90
		{89.99, false, Good},
		{70, false, Good},
		{69.99, false, Completed},
		{50, false, Completed},
		{49.99, false, Failed},
		{0, false, Failed},
		{95, true, Failed},
		{math.NaN(), false, Failed},
	}
	for _, c := range cases {
		if got := Level(c.score, c.disciplined); got != c.want {
			t.Errorf("Level(%v, %v) = %s, want %s", c.score, c.disciplined, got, c.want)
		}
	}
	if Excellent.Label("vi") != "Hoàn thành xuất sắc nhiệm vụ" {
		t.Errorf("label %q", Excellent.Label("vi"))
	}
}
