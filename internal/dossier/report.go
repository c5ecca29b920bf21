package dossier

import "congvu/internal/calendar"

// Report holds the figures of the period report on dossier handling (Biểu
// II.06a/VPCP/KSTT) [practice, DOMAIN.md §1.5] for one period. Every dossier
// counted in Received is counted once more in exactly one of Resolved,
// InProgress or Withdrawn, so
// Received.Total = Resolved.Total + InProgress.Total + Withdrawn.
type Report struct {
	From, To calendar.Date // the period, both days included

	// Received is the dossiers to be handled in the period (số hồ sơ nhận
	// giải quyết): received during it, online or in person/by post, plus
	// those carried over from before (kỳ trước chuyển qua).
	Received struct {
		Total       int
		Online      int // trực tuyến
		Direct      int // trực tiếp and bưu chính
		CarriedOver int // received before the period, still open at its start
	}
	// Resolved is the dossiers completed (status 9) within the period,
	// judged by dates against the statutory due.
	Resolved struct {
		Total, Early, OnTime, Late int
	}
	// InProgress is the dossiers still open at the end of the period,
	// judged at its last day; Paused says how many of them had the clock
	// stopped (statuses 5, 6, 8).
	InProgress struct {
		Total, WithinDeadline, Overdue int
		Paused                         int
	}
	// Withdrawn is the dossiers withdrawn by the applicant within the period.
	Withdrawn int
}

// ComputeReport computes the period report from dossier states, and is the
// oracle for the SQL version built on rollups. Pass each dossier's state AS
// AT THE END of the period (Replay its events up to the end of the last day):
// what happened later would otherwise be counted, such as a pause that moved
// the due. Completions and withdrawals dated after the period are taken as
// still open, which keeps the figures right for most later states.
//
// Dossiers never received (status 1) or refused (status 3) are left out, as
// are those received after the period, and those received before it and
// finished before it began.
func ComputeReport(states []State, from, to calendar.Date) Report {
	r := Report{From: from, To: to}
	in := func(t calendar.Date) bool { return !t.Before(from) && !t.After(to) }
	for _, s := range states {
		if s.ReceivedAt.IsZero() || s.Status == StatusRefused || s.Status == StatusRegistered || s.Status == StatusNone {
			continue
		}
		received := calendar.DateOf(s.ReceivedAt)
		if received.After(to) {
			continue
		}
		completed := !s.CompletedAt.IsZero()
		withdrawn := !s.WithdrawnAt.IsZero()
		if received.Before(from) {
			if completed && calendar.DateOf(s.CompletedAt).Before(from) ||
				withdrawn && calendar.DateOf(s.WithdrawnAt).Before(from) {
				continue // finished in an earlier period
			}
			r.Received.CarriedOver++
		} else if s.Channel == ChannelOnline {
			r.Received.Online++
		} else {
			r.Received.Direct++
		}
		r.Received.Total++
		switch {
		case completed && in(calendar.DateOf(s.CompletedAt)):
			r.Resolved.Total++
			switch Classify(s) {
			case Early:
				r.Resolved.Early++
			case OnTime:
				r.Resolved.OnTime++
			default:
				r.Resolved.Late++
			}
		case withdrawn && in(calendar.DateOf(s.WithdrawnAt)):
			r.Withdrawn++
		default:
			r.InProgress.Total++
			if ClassifyOpen(s, to) == Overdue {
				r.InProgress.Overdue++
			} else {
				r.InProgress.WithinDeadline++
			}
			if s.Status.Paused() {
				r.InProgress.Paused++
			}
		}
	}
	return r
}

// ProgressScore is the "progress and results" score of the QĐ 766/QĐ-TTg
// service-quality index, out of 20 [practice, DOMAIN.md §1.6]: (open
// dossiers still within the deadline + dossiers resolved early or on time +
// dossiers withdrawn) ÷ dossiers received × 20. A period with nothing
// received scores the full 20 (UNVERIFIED: nothing was late).
func (r Report) ProgressScore() float64 {
	if r.Received.Total == 0 {
		return 20
	}
	good := r.InProgress.WithinDeadline + r.Resolved.Early + r.Resolved.OnTime + r.Withdrawn
	return float64(good) / float64(r.Received.Total) * 20
}
