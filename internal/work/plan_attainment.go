package work

// PlanAttainment is how far a plan's targets (chỉ tiêu) are reached, the
// measure of a plan's result beside its tasks' completion: a plan whose
// tasks are all done while its targets stand at 30% is not done.
type PlanAttainment struct {
	Targets  int // targets of the plan
	Reported int // targets with at least one actual
	Reached  int // targets whose attainment is 100% or more
	// Mean is the mean attainment over all targets, 0–1: each target's
	// capped at 1 (exceeding one target does not make up for another) and a
	// target with no actual yet counting 0 (nothing is known to be reached).
	Mean float64
}

// Attainment sums up the plan's targets. ok is false for a plan without
// targets, whose result only its tasks can tell.
func (p Plan) Attainment() (a PlanAttainment, ok bool) {
	a.Targets = len(p.Targets)
	if a.Targets == 0 {
		return a, false
	}
	sum := 0.0
	for _, t := range p.Targets {
		r, has := t.Attainment()
		if !has {
			continue
		}
		a.Reported++
		if r >= 1 {
			a.Reached++
			r = 1
		}
		sum += r
	}
	a.Mean = sum / float64(a.Targets)
	return a, true
}
