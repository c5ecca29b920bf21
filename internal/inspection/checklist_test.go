package inspection

import (
	"testing"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/work"
)

var t0 = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) // 08:00 in Vietnam

func verdictOf(cs []Check, c Code) Verdict {
	for _, x := range cs {
		if x.Code == c {
			return x.Verdict
		}
	}
	return ""
}

func TestDossierChecks(t *testing.T) {
	day := 24 * time.Hour
	step := func(i int, r dossier.Result) dossier.StepRecord {
		return dossier.StepRecord{Index: i, Name: "Bước", StartedAt: t0, EndedAt: t0.Add(day), Result: r}
	}
	received := dossier.Event{Action: dossier.Receive, At: t0}
	base := func() dossier.Record {
		return dossier.Record{CreatedAt: t0, Events: []dossier.Event{received},
			State: dossier.State{ReceivedAt: t0, StatutoryDue: t0.Add(10 * day), AppointedDue: t0.Add(10 * day)}}
	}
	now := t0.Add(5 * day)
	cases := []struct {
		name string
		edit func(*dossier.Record)
		code Code
		want Verdict
	}{
		{"no step ended", func(*dossier.Record) {}, StepsInBudget, NA},
		{"steps on time", func(r *dossier.Record) {
			r.State.Steps = []dossier.StepRecord{step(0, dossier.OnTime), step(1, dossier.Early), {Index: 2}}
		}, StepsInBudget, Pass},
		{"a late step", func(r *dossier.Record) {
			r.State.Steps = []dossier.StepRecord{step(0, dossier.OnTime), step(1, dossier.Late)}
		}, StepsInBudget, Fail},
		{"received: receipt issued", func(*dossier.Record) {}, ReceiptIssued, Pass},
		{"not received", func(r *dossier.Record) { r.State.ReceivedAt = time.Time{}; r.Events = nil }, ReceiptIssued, NA},
		{"received without its event", func(r *dossier.Record) { r.Events = nil }, ReceiptIssued, Fail},
		{"in time: no apology needed", func(*dossier.Record) {}, ApologyBeforeDue, NA},
		{"open past due without apology", func(r *dossier.Record) { r.State.StatutoryDue = t0.Add(day) }, ApologyBeforeDue, Fail},
		{"open past due, paused", func(r *dossier.Record) { r.State.StatutoryDue = t0.Add(day); p := t0; r.State.PausedAt = &p }, ApologyBeforeDue, NA},
		{"open past due with an apology", func(r *dossier.Record) { r.State.StatutoryDue = t0.Add(day); r.State.Apologies = 1 }, ApologyBeforeDue, Pass},
		{"finished late without apology", func(r *dossier.Record) {
			r.State.StatutoryDue, r.State.CompletedAt = t0.Add(day), t0.Add(3*day)
		}, ApologyBeforeDue, Fail},
		{"finished late", func(r *dossier.Record) {
			r.State.StatutoryDue, r.State.CompletedAt = t0.Add(day), t0.Add(3*day)
		}, ResultOnTime, Fail},
		{"finished early", func(r *dossier.Record) { r.State.CompletedAt = t0.Add(2 * day) }, ResultOnTime, Pass},
		{"still open", func(*dossier.Record) {}, ResultOnTime, NA},
		{"no supplement", func(*dossier.Record) {}, SupplementWithReason, NA},
		{"supplement with its list", func(r *dossier.Record) {
			r.Events = append(r.Events, dossier.Event{Action: dossier.RequestSupplement, Reason: "Bổ sung bản sao giấy phép"})
		}, SupplementWithReason, Pass},
		{"supplement without a reason", func(r *dossier.Record) {
			r.Events = append(r.Events, dossier.Event{Action: dossier.RequestSupplement, Reason: "Bổ sung"}, dossier.Event{Action: dossier.RequestSupplement, Reason: " "})
		}, SupplementWithReason, Fail},
		{"refusal without reason", func(r *dossier.Record) {
			r.Events = append(r.Events, dossier.Event{Action: dossier.Refuse})
		}, RefusalWithReason, Fail},
		{"the manual items wait", func(*dossier.Record) {}, PapersArchived, Pending},
	}
	for _, c := range cases {
		r := base()
		c.edit(&r)
		if got := verdictOf(DossierChecks(r, now), c.code); got != c.want {
			t.Errorf("%s: %s = %q, want %q", c.name, c.code, got, c.want)
		}
	}
}

func TestTaskChecks(t *testing.T) {
	day := 24 * time.Hour
	done := t0.Add(3 * day)
	late := t0.Add(9 * day)
	base := func() work.TaskWithHistory {
		return work.TaskWithHistory{Task: work.Task{State: work.StateInProgress, OriginalDeadline: t0.Add(5 * day), Deadline: t0.Add(5 * day)}}
	}
	accepted := func(h *work.TaskWithHistory, at time.Time) {
		h.Task.State, h.CompletedAt = work.StateDone, &at
		h.Reviews = append(h.Reviews, work.Review{Passed: true})
	}
	now := t0.Add(4 * day)
	cases := []struct {
		name string
		edit func(*work.TaskWithHistory)
		now  time.Time
		code Code
		want Verdict
	}{
		{"open: not yet reviewed", func(*work.TaskWithHistory) {}, now, TaskReviewed, NA},
		{"accepted", func(h *work.TaskWithHistory) { accepted(h, done) }, now, TaskReviewed, Pass},
		{"done without a review", func(h *work.TaskWithHistory) { h.Task.State = work.StateDone; h.CompletedAt = &done }, now, TaskReviewed, Fail},
		{"done on time", func(h *work.TaskWithHistory) { accepted(h, done) }, now, TaskOnTime, Pass},
		{"done late", func(h *work.TaskWithHistory) { accepted(h, late) }, late, TaskOnTime, Fail},
		{"done late, exempted", func(h *work.TaskWithHistory) {
			accepted(h, late)
			h.Exemptions = []work.Exemption{{Kind: work.ExemptDelay}}
		}, late, TaskOnTime, Pass},
		{"open before its deadline", func(*work.TaskWithHistory) {}, now, TaskOnTime, NA},
		{"open past its original deadline", func(h *work.TaskWithHistory) { h.Task.Deadline = late }, late, TaskOnTime, Fail},
		{"extension asked in time", func(h *work.TaskWithHistory) {
			h.Extensions = []work.Extension{{RequestedAt: t0.Add(day), Previous: t0.Add(5 * day)}}
		}, now, ExtensionBeforeDue, Pass},
		{"extension asked too late", func(h *work.TaskWithHistory) {
			h.Extensions = []work.Extension{{RequestedAt: t0.Add(6 * day), Previous: t0.Add(5 * day)}}
		}, now, ExtensionBeforeDue, Fail},
		{"a return without reason", func(h *work.TaskWithHistory) { h.Reviews = []work.Review{{Passed: false}} }, now, ReturnsWithReason, Fail},
		{"a return with its reason", func(h *work.TaskWithHistory) {
			h.Reviews = []work.Review{{Passed: false, Reason: "Thiếu số liệu quý II"}}
		}, now, ReturnsWithReason, Pass},
		{"an open obstacle", func(h *work.TaskWithHistory) { h.Obstacles = []work.Obstacle{{ID: 1}} }, now, ObstaclesResolved, Fail},
		{"obstacles resolved", func(h *work.TaskWithHistory) { h.Obstacles = []work.Obstacle{{ID: 1, ResolvedAt: &done}} }, now, ObstaclesResolved, Pass},
		{"the product is judged by hand", func(*work.TaskWithHistory) {}, now, ProductAsRequired, Pending},
	}
	for _, c := range cases {
		h := base()
		c.edit(&h)
		if got := verdictOf(TaskChecks(h, c.now), c.code); got != c.want {
			t.Errorf("%s: %s = %q, want %q", c.name, c.code, got, c.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	items := []Item{
		{Checks: []Check{{Code: StepsInBudget, Verdict: Pass}, {Code: PapersArchived, Verdict: Pending}}},
		{Checks: []Check{{Code: StepsInBudget, Verdict: Fail}, {Code: PapersArchived, Verdict: Pass}}},
		{Checks: []Check{{Code: StepsInBudget, Verdict: NA}, {Code: PapersArchived, Verdict: Pass}}},
	}
	got := Summarize(items)
	want := []Summary{{Code: StepsInBudget, Pass: 1, Fail: 1, NA: 1}, {Code: PapersArchived, Pass: 2, Pending: 1}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestEveryCriterionLabelled(t *testing.T) {
	for _, k := range Criteria {
		if k.VI == "" || k.EN == "" || !k.Subject.Valid() {
			t.Errorf("criterion %s lacks a label or a subject", k.Code)
		}
	}
}
