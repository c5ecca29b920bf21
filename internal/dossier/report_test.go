package dossier

import (
	"math"
	"testing"
	"time"
)

func TestComputeReport(t *testing.T) {
	at := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		return vn(s + " 09:00")
	}
	mk := func(status Status, ch Channel, received, due, completed, withdrawn string) State {
		return State{Status: status, Channel: ch, ReceivedAt: at(received), StatutoryDue: at(due),
			AppointedDue: at(due), CompletedAt: at(completed), WithdrawnAt: at(withdrawn)}
	}
	paused := mk(StatusSupplement, ChannelOnline, "2026-03-20", "2026-03-30", "", "")
	paused.PausedAt = ptrTime(at("2026-03-25"))
	states := []State{
		mk(StatusReturned, ChannelOnline, "2026-03-03", "2026-03-20", "2026-03-10", ""),  // online, early
		mk(StatusResolved, ChannelDirect, "2026-03-05", "2026-03-20", "2026-03-20", ""),  // direct, on time
		mk(StatusReturned, ChannelPostal, "2026-03-05", "2026-03-24", "2026-03-25", ""),  // postal, late
		mk(StatusProcessing, ChannelDirect, "2026-02-20", "2026-03-31", "", ""),          // carried over, within (due on the last day)
		mk(StatusProcessing, ChannelDirect, "2026-02-10", "2026-02-27", "", ""),          // carried over, overdue
		mk(StatusReturned, ChannelDirect, "2026-02-01", "2026-02-20", "2026-02-25", ""),  // finished before: left out
		mk(StatusWithdrawn, ChannelOnline, "2026-03-10", "2026-03-30", "", "2026-03-12"), // withdrawn
		paused, // online, paused before its due: within
		mk(StatusReceived, ChannelDirect, "2026-04-01", "2026-04-20", "", ""),            // after the period: left out
		mk(StatusRegistered, ChannelOnline, "", "", "", ""),                              // not received: left out
		mk(StatusRefused, ChannelDirect, "2026-03-04", "2026-03-25", "", ""),             // refused: left out
		mk(StatusReturned, ChannelDirect, "2026-02-25", "2026-03-05", "2026-03-02", ""),  // carried over, early
		mk(StatusResolved, ChannelDirect, "2026-03-15", "2026-03-30", "2026-04-03", ""),  // completed after: open and overdue at the end
		mk(StatusWithdrawn, ChannelOnline, "2026-02-15", "2026-03-30", "", "2026-02-28"), // withdrawn before: left out
	}
	r := ComputeReport(states, date("2026-03-01"), date("2026-03-31"))
	var want Report
	want.From, want.To = date("2026-03-01"), date("2026-03-31")
	want.Received.Total, want.Received.Online, want.Received.Direct, want.Received.CarriedOver = 9, 3, 3, 3
	want.Resolved.Total, want.Resolved.Early, want.Resolved.OnTime, want.Resolved.Late = 4, 2, 1, 1
	want.InProgress.Total, want.InProgress.WithinDeadline, want.InProgress.Overdue, want.InProgress.Paused = 4, 2, 2, 1
	want.Withdrawn = 1
	if r != want {
		t.Errorf("report = %+v\nwant     %+v", r, want)
	}
	if r.Received.Total != r.Resolved.Total+r.InProgress.Total+r.Withdrawn {
		t.Error("received ≠ resolved + in progress + withdrawn")
	}
	// (2 within + 2 early + 1 on time + 1 withdrawn) ÷ 9 × 20
	if got := r.ProgressScore(); math.Abs(got-6.0/9*20) > 1e-9 {
		t.Errorf("ProgressScore = %v", got)
	}
	if got := ComputeReport(nil, want.From, want.To).ProgressScore(); got != 20 {
		t.Errorf("empty period scores %v", got)
	}
}

// TestReportFromReplayedDossiers runs real histories through the report.
func TestReportFromReplayedDossiers(t *testing.T) {
	states := []State{
		bacNinhRun(t, "2026-04-17 16:59"), // on time
		bacNinhRun(t, "2026-04-20 07:01"), // late
		replay(t, proc15(), DefaultRules(), ev(SubmitOnline, "2026-04-01 20:00"), ev(Accept, "2026-04-02 08:00")),
	}
	sameTime(t, "online due", states[2].StatutoryDue, "2026-04-23 08:00")
	r := ComputeReport(states, date("2026-04-01"), date("2026-04-30"))
	if r.Received.CarriedOver != 2 || r.Received.Online != 1 || r.Resolved.OnTime != 1 || r.Resolved.Late != 1 ||
		r.InProgress.Overdue != 1 || r.Received.Total != 3 {
		t.Errorf("report = %+v", r)
	}
	// Mid-April, the Bắc Ninh dossiers are still open and within the deadline.
	r = ComputeReport(states, date("2026-04-01"), date("2026-04-15"))
	if r.Received.Total != 3 || r.InProgress.WithinDeadline != 3 || r.Resolved.Total != 0 {
		t.Errorf("report = %+v", r)
	}
}

func ptrTime(t time.Time) *time.Time { return &t }
