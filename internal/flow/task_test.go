package flow

import (
	"testing"
	"time"

	"congvu/internal/work"
)

// A task blocked twice and reviewed twice, worked by hand: obstacle 1
// raised Mon 02/03 09:00 and resolved Wed 04/03 09:00 (2 days); obstacle 2
// raised Thu 05/03 09:00, still open; submitted Fri 06/03 10:00 and
// returned Mon 09/03 10:00 (3 days); submitted again Tue 10/03 10:00,
// accepted Tue 10/03 22:00 (half a day).
func TestTaskFactsHandWorked(t *testing.T) {
	resolved := vn("2026-03-04 09:00")
	before := work.TaskWithHistory{
		Obstacles:   []work.Obstacle{{ID: 3, RaisedAt: vn("2026-03-02 09:00")}},
		Submissions: []work.Submission{{Seq: 6, At: vn("2026-03-06 10:00")}},
		Reviews:     []work.Review{{Seq: 7, At: vn("2026-03-09 10:00"), SubmissionSeq: 6}},
	}
	after := before
	after.Obstacles = []work.Obstacle{{ID: 3, RaisedAt: vn("2026-03-02 09:00"), ResolvedAt: &resolved}, {ID: 5, RaisedAt: vn("2026-03-05 09:00")}}
	after.Submissions = append(append([]work.Submission{}, before.Submissions...), work.Submission{Seq: 8, At: vn("2026-03-10 10:00")})
	after.Reviews = append(append([]work.Review{}, before.Reviews...), work.Review{Seq: 9, At: vn("2026-03-10 22:00"), SubmissionSeq: 8, Passed: true})

	facts := TaskFacts(after)
	want := []TaskFact{
		{At: resolved, Obstacle: true, Took: 48 * time.Hour},
		{At: vn("2026-03-09 10:00"), Took: 72 * time.Hour, Returned: true},
		{At: vn("2026-03-10 22:00"), Took: 12 * time.Hour},
	}
	if len(facts) != len(want) {
		t.Fatalf("facts = %+v", facts)
	}
	for i := range want {
		if facts[i] != want[i] {
			t.Errorf("fact %d = %+v, want %+v", i, facts[i], want[i])
		}
	}
	// The event from before to after added the resolution and the accept.
	added := NewTaskFacts(before, after)
	if len(added) != 2 || added[0] != want[0] || added[1] != want[2] {
		t.Errorf("new facts = %+v", added)
	}
	if len(NewTaskFacts(after, after)) != 0 {
		t.Error("nothing new without an event")
	}
	var s TaskSums
	for _, f := range facts {
		s.Add(f)
	}
	l := s.Line()
	if l.Obstacles != 1 || l.BlockedDays != 2 || l.MeanBlockedDays != 2 || l.Reviews != 2 || l.MeanReviewDays != 1.75 || l.Returns != 1 || l.ReturnShare != 0.5 {
		t.Errorf("line = %+v", l)
	}
}
