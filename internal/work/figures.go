package work

import (
	"time"

	"congvu/internal/calendar"
)

// Figures are one official's task results for one month (in Vietnam's
// time), the quantities NĐ 335/2025/NĐ-CP scores: what was assigned, what
// was completed, completed to quality, completed on time, in counts and in
// standard units (đơn vị quy đổi: Σ hệ số quy đổi).
//
// Which tasks count ("được giao trong tháng"): the tasks the person leads
// (người chủ trì) whose ORIGINAL deadline falls in the month. A task is
// owed in the month it falls due, not the month it was handed out: a task
// assigned on the 28th and due next month is next month's work, and a
// quarter-long task is counted once, when due. This keeps quantity =
// completed ÷ assigned meaningful (every counted task could have been
// completed in the month) and an extension does not move a task into a
// later month. Cancelled tasks are left out (the assigner withdrew them)
// and only counted in Cancelled. Coordinators are scored on their own
// sub-tasks, where they are the lead.
//
// Figures are as at the end of the month: a task counts as completed when
// its accepted submission is dated in or before the month (an acceptance
// given a few days later still counts, see CompletedAt), and as delayed when
// completed after its original deadline's day or still open at the month's
// end. Exemptions (objective causes confirmed) count whenever confirmed,
// since the cause is often confirmed after the period closes.
type Figures struct {
	PersonID int64
	Year     int
	Month    time.Month

	Assigned      int     // tasks due in the month, not cancelled
	AssignedUnits float64 // Σ weight
	Done          int     // completed by the month's end
	DoneUnits     float64 // Σ weight of done tasks: the weighted units of work delivered
	DoneEarly     int     // done on a day before the deadline's
	DoneOnTime    int     // done on or before the deadline's day, or late with an exempted delay
	OnTimeUnits   float64
	Delays        int // done late or open at the month's end, not exempted
	DelayedUnits  float64
	OpenOverdue   int // of Delays and ExemptedDelays: still open at the month's end
	ExemptedDelay int // delays with an objective cause confirmed
	FailedReviews int // returns for rework up to the month's end, not exempted
	ExemptReviews int // returns with an objective cause confirmed
	Cancelled     int // due in the month but cancelled: not counted above

	Lines []TaskLine // one per counted task, in input order
}

// TaskLine is one counted task's part of the figures.
type TaskLine struct {
	TaskID        int64
	Title         string
	Weight        float64
	Key           bool
	Deadline      time.Time // the original deadline
	CompletedAt   *time.Time
	Timeliness    Timeliness // at the month's end; Early, OnTime, Late or (never, given the cohort) Within
	Done          bool
	Delayed       bool // late and not exempted
	DelayExempted bool
	FailedReviews int // not exempted
	ExemptReviews int
}

// MonthlyFigures computes the figures of person for month of year from the
// tasks (with histories) given; tasks not led by the person or not due in
// the month are ignored, so the caller may pass a superset.
func MonthlyFigures(tasks []TaskWithHistory, person int64, year int, month time.Month) Figures {
	f := Figures{PersonID: person, Year: year, Month: month}
	p := MonthPeriod(year, int(month))
	if p.Validate() != nil {
		return f
	}
	end := p.End().AddDays(1).Time().Add(-time.Nanosecond) // 23:59:59.999999999 on the last day, in Vietnam
	for _, h := range tasks {
		t := h.Task
		if t.LeadPersonID != person || !p.Contains(calendar.DateOf(t.OriginalDeadline)) {
			continue
		}
		if t.State == StateCancelled {
			f.Cancelled++
			continue
		}
		l := TaskLine{TaskID: t.ID, Title: t.Title, Weight: t.weight(), Key: t.Key, Deadline: t.OriginalDeadline}
		l.Timeliness = h.TimelinessAt(end)
		l.Done = h.CompletedAt != nil && !h.CompletedAt.After(end)
		if l.Done {
			l.CompletedAt = h.CompletedAt
		}
		late := l.Timeliness == Late
		l.DelayExempted = late && h.DelayExempted()
		l.Delayed = late && !l.DelayExempted
		for _, r := range h.Reviews {
			if r.Passed || r.At.After(end) {
				continue
			}
			if h.reviewExempted(r.Seq) {
				l.ExemptReviews++
			} else {
				l.FailedReviews++
			}
		}

		w := l.Weight
		f.Assigned++
		f.AssignedUnits += w
		if l.Done {
			f.Done++
			f.DoneUnits += w
			if l.Timeliness == Early {
				f.DoneEarly++
			}
			if !l.Delayed {
				f.DoneOnTime++
				f.OnTimeUnits += w
			}
		} else if late {
			f.OpenOverdue++
		}
		if l.Delayed {
			f.Delays++
			f.DelayedUnits += w
		}
		if l.DelayExempted {
			f.ExemptedDelay++
		}
		f.FailedReviews += l.FailedReviews
		f.ExemptReviews += l.ExemptReviews
		f.Lines = append(f.Lines, l)
	}
	return f
}
