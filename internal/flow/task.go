package flow

import (
	"time"

	"congvu/internal/work"
)

// TaskFact is one thing a task's history says about where its time went:
// an obstacle resolved (how long it blocked the task, from being raised
// to being resolved), or a review decided (how long the result waited for
// it, from the submission to the decision, and whether it was returned
// for rework). Times are elapsed, not working time: a task's deadline
// counts calendar days unless it says otherwise, and an obstacle blocks
// over a weekend too.
type TaskFact struct {
	At       time.Time // when it was resolved or decided: the day it counts on
	Obstacle bool      // an obstacle resolved; otherwise a review
	Took     time.Duration
	Returned bool // a review that sent the result back (trả lại)
}

// TaskFacts are every fact of a task's history, in order: its resolved
// obstacles, then its reviews.
func TaskFacts(h work.TaskWithHistory) []TaskFact {
	var out []TaskFact
	for _, o := range h.Obstacles {
		if o.ResolvedAt != nil {
			out = append(out, TaskFact{At: *o.ResolvedAt, Obstacle: true, Took: max(o.ResolvedAt.Sub(o.RaisedAt), 0)})
		}
	}
	subs := map[int64]time.Time{}
	for _, s := range h.Submissions {
		subs[s.Seq] = s.At
	}
	for _, r := range h.Reviews {
		f := TaskFact{At: r.At, Returned: !r.Passed}
		if at, ok := subs[r.SubmissionSeq]; ok {
			f.Took = max(r.At.Sub(at), 0)
		}
		out = append(out, f)
	}
	return out
}

// NewTaskFacts are the facts an event added, the history going from old
// to next: the obstacles it resolved and the review it decided.
func NewTaskFacts(old, next work.TaskWithHistory) []TaskFact {
	resolved := map[int64]bool{}
	for _, o := range old.Obstacles {
		if o.ResolvedAt != nil {
			resolved[o.ID] = true
		}
	}
	var out []TaskFact
	for _, o := range next.Obstacles {
		if o.ResolvedAt != nil && !resolved[o.ID] {
			out = append(out, TaskFact{At: *o.ResolvedAt, Obstacle: true, Took: max(o.ResolvedAt.Sub(o.RaisedAt), 0)})
		}
	}
	if len(next.Reviews) > len(old.Reviews) {
		all := TaskFacts(work.TaskWithHistory{Submissions: next.Submissions, Reviews: next.Reviews[len(old.Reviews):]})
		out = append(out, all...)
	}
	return out
}

// TaskSums is a task rollup row, or the sum of several.
type TaskSums struct {
	PlanID, UnitID int64
	Obstacles      int64
	Blocked        time.Duration
	Reviews        int64
	ReviewWait     time.Duration
	Returns        int64
}

// Add counts one fact.
func (s *TaskSums) Add(f TaskFact) {
	if f.Obstacle {
		s.Obstacles++
		s.Blocked += f.Took
		return
	}
	s.Reviews++
	s.ReviewWait += f.Took
	if f.Returned {
		s.Returns++
	}
}

// Merge adds another row's sums (the plan and unit are kept).
func (s *TaskSums) Merge(o TaskSums) {
	s.Obstacles += o.Obstacles
	s.Blocked += o.Blocked
	s.Reviews += o.Reviews
	s.ReviewWait += o.ReviewWait
	s.Returns += o.Returns
}

// TaskLine is the task figures of a plan (or of a unit) over a period.
type TaskLine struct {
	PlanID, UnitID  int64
	Obstacles       int64
	BlockedDays     float64 // in all, 24-hour days
	MeanBlockedDays float64 // per obstacle resolved
	Reviews         int64
	MeanReviewDays  float64 // the mean wait of a result for its review
	Returns         int64
	ReturnShare     float64 // Returns ÷ Reviews, 0..1
}

// Line turns sums into figures.
func (s TaskSums) Line() TaskLine {
	day := 24 * time.Hour
	l := TaskLine{PlanID: s.PlanID, UnitID: s.UnitID, Obstacles: s.Obstacles, Reviews: s.Reviews, Returns: s.Returns,
		BlockedDays: round2(float64(s.Blocked) / float64(day))}
	if s.Obstacles > 0 {
		l.MeanBlockedDays = round2(float64(s.Blocked) / float64(day) / float64(s.Obstacles))
	}
	if s.Reviews > 0 {
		l.MeanReviewDays = round2(float64(s.ReviewWait) / float64(day) / float64(s.Reviews))
		l.ReturnShare = float64(int64(float64(s.Returns)/float64(s.Reviews)*10000+0.5)) / 10000
	}
	return l
}
