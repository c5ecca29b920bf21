package flow

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"
)

// StepSums is one rollup row of a step, or the sum of several: what the
// passes of a step at a unit add up to, and the late dossiers laid to it.
type StepSums struct {
	Step       int
	UnitID     int64
	Passes     int64
	OverBudget int64
	Returned   int64 // passes that ended with a return for rework
	LateCaused int64
	Spent      time.Duration
	Wait       time.Duration
	Budget     time.Duration
	Overrun    time.Duration
	Hist       Hist
}

// AddPass counts one pass.
func (s *StepSums) AddPass(p Pass) {
	s.Passes++
	if p.OverBudget() {
		s.OverBudget++
	}
	if p.Returned() {
		s.Returned++
	}
	s.Spent += p.Spent
	s.Wait += p.Wait
	s.Budget += p.Budget
	s.Overrun += p.Overrun()
	s.Hist.Add(p.Spent)
}

// Merge adds another row's sums (the step and unit are kept).
func (s *StepSums) Merge(o StepSums) {
	s.Passes += o.Passes
	s.OverBudget += o.OverBudget
	s.Returned += o.Returned
	s.LateCaused += o.LateCaused
	s.Spent += o.Spent
	s.Wait += o.Wait
	s.Budget += o.Budget
	s.Overrun += o.Overrun
	s.Hist.Merge(o.Hist)
}

// EdgeSums is one rollup row of the directly-follows graph: the passes of
// From that handed the dossier to To, and their working time.
type EdgeSums struct {
	From, To int
	Passes   int64
	Spent    time.Duration
}

// StepInfo is what the procedure says of a step: its name and budget.
type StepInfo struct {
	Name   string
	Budget float64 // working days
}

// Step is the figures of one step over a period.
type Step struct {
	Step            int
	Name            string
	Count           int64   // passes ended in the period
	MedianHours     float64 // working hours, from the histogram
	P90Hours        float64
	BudgetHours     float64 // the budget of the passes counted (the procedure's when none)
	OverBudget      int64
	OverBudgetShare float64 // OverBudget ÷ Count, 0..1
	WaitHours       float64 // mean waiting per pass, hand-off in to pick-up
	HandlingHours   float64 // mean handling per pass
	OverHours       float64 // total working hours beyond the budget: the time the step lost
	LateCaused      int64   // late dossiers laid to the step (LateCause)
	Returned        int64   // passes sent back for rework
	// Slowest marks the step that lost the most time (OverHours), or with
	// nothing over budget the one with the highest median against its
	// budget; one step at most.
	Slowest bool
}

// Edge is one arc of the directly-follows graph.
type Edge struct {
	From, To  int // step indexes; To is End for completion
	Count     int64
	MeanHours float64 // mean working time of the From pass before the hand-off
}

// Cause is a step and unit late dossiers are laid to.
type Cause struct {
	Step   int
	UnitID int64
	Late   int64
}

// Analysis is the bottleneck analysis of a procedure over a period.
type Analysis struct {
	Steps  []Step
	Edges  []Edge
	Causes []Cause // most late dossiers first
	Late   int64   // late dossiers completed in the period (each laid to one step)
}

// Analyse sums rollup rows into the figures of each step of the procedure
// (info, by index), the graph and the late causes. Rows of steps the
// procedure no longer has (an older version's) are shown as "Bước n".
func Analyse(info []StepInfo, rows []StepSums, edges []EdgeSums) Analysis {
	var a Analysis
	per := map[int]*StepSums{}
	causes := map[[2]int64]int64{}
	n := len(info)
	for _, r := range rows {
		s := per[r.Step]
		if s == nil {
			s = &StepSums{Step: r.Step}
			per[r.Step] = s
		}
		s.Merge(r)
		if r.LateCaused != 0 {
			causes[[2]int64{int64(r.Step), r.UnitID}] += r.LateCaused
		}
		n = max(n, r.Step+1)
	}
	for i := range n {
		st := Step{Step: i, Name: "Bước " + strconv.Itoa(i+1)}
		if i < len(info) {
			st.Name, st.BudgetHours = info[i].Name, round2(info[i].Budget*8)
		}
		if s := per[i]; s != nil {
			st.Count, st.OverBudget, st.LateCaused, st.Returned = s.Passes, s.OverBudget, s.LateCaused, s.Returned
			if s.Passes > 0 {
				c := float64(s.Passes)
				st.MedianHours, st.P90Hours = round2(s.Hist.Quantile(0.5)), round2(s.Hist.Quantile(0.9))
				st.BudgetHours = round2(s.Budget.Hours() / c)
				st.OverBudgetShare = math.Round(float64(s.OverBudget)/c*10000) / 10000
				st.WaitHours, st.HandlingHours = round2(s.Wait.Hours()/c), round2((s.Spent-s.Wait).Hours()/c)
				st.OverHours = round2(s.Overrun.Hours())
			}
			a.Late += s.LateCaused
		}
		a.Steps = append(a.Steps, st)
	}
	markSlowest(a.Steps)
	for k, late := range causes {
		a.Causes = append(a.Causes, Cause{Step: int(k[0]), UnitID: k[1], Late: late})
	}
	slices.SortFunc(a.Causes, func(x, y Cause) int {
		return cmp.Or(cmp.Compare(y.Late, x.Late), cmp.Compare(x.Step, y.Step), cmp.Compare(x.UnitID, y.UnitID))
	})
	sum := map[[2]int]*EdgeSums{}
	for _, e := range edges {
		k := [2]int{e.From, e.To}
		if sum[k] == nil {
			sum[k] = &EdgeSums{From: e.From, To: e.To}
		}
		sum[k].Passes += e.Passes
		sum[k].Spent += e.Spent
	}
	for _, e := range sum {
		if e.Passes > 0 {
			a.Edges = append(a.Edges, Edge{From: e.From, To: e.To, Count: e.Passes, MeanHours: round2(e.Spent.Hours() / float64(e.Passes))})
		}
	}
	slices.SortFunc(a.Edges, func(x, y Edge) int {
		return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(toKey(x.To), toKey(y.To)))
	})
	return a
}

// toKey orders End after every step.
func toKey(to int) int {
	if to == End {
		return math.MaxInt
	}
	return to
}

func markSlowest(steps []Step) {
	best, bestOver, bestRatio := -1, 0.0, 0.0
	for i, s := range steps {
		if s.Count == 0 {
			continue
		}
		ratio := s.MedianHours
		if s.BudgetHours > 0 {
			ratio = s.MedianHours / s.BudgetHours
		}
		switch {
		case s.OverHours > bestOver:
			best, bestOver = i, s.OverHours
		case bestOver == 0 && (best < 0 || ratio > bestRatio):
			best, bestRatio = i, ratio
		}
	}
	if best >= 0 {
		steps[best].Slowest = true
	}
}

// Diff is a step's figures in two periods and the change from the first
// to the second.
type Diff struct {
	Step            int
	Name            string
	Before, After   Step
	Count           int64
	MedianHours     float64
	P90Hours        float64
	OverBudgetShare float64
	WaitHours       float64
	LateCaused      int64
}

// Compare sets two periods' analyses side by side, step by step: after
// less before. A step only one of them has is compared with zero.
func Compare(before, after Analysis) []Diff {
	n := max(len(before.Steps), len(after.Steps))
	out := make([]Diff, 0, n)
	for i := range n {
		var b, a Step
		if i < len(before.Steps) {
			b = before.Steps[i]
		}
		if i < len(after.Steps) {
			a = after.Steps[i]
		}
		name := cmp.Or(a.Name, b.Name)
		out = append(out, Diff{Step: i, Name: name, Before: b, After: a, Count: a.Count - b.Count,
			MedianHours: round2(a.MedianHours - b.MedianHours), P90Hours: round2(a.P90Hours - b.P90Hours),
			OverBudgetShare: math.Round((a.OverBudgetShare-b.OverBudgetShare)*10000) / 10000,
			WaitHours:       round2(a.WaitHours - b.WaitHours), LateCaused: a.LateCaused - b.LateCaused})
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
