package investment

// Totals are a set of projects' plans and disbursement for a year up to a
// month: the two denominators (DOMAIN.md §4), the cumulative disbursed
// since 1 January and the estimate to the end of the next month.
type Totals struct {
	AssignedByPM     int64
	AllocatedLocally int64
	CumulativeActual int64
	EstimateNext     int64
}

// RateVsPM is the disbursement rate against the plan assigned by the Prime
// Minister, as a fraction (0.4 for 40%); 0 without a plan.
func (t Totals) RateVsPM() float64 { return rate(t.CumulativeActual, t.AssignedByPM) }

// RateVsLocal is the disbursement rate against the plan allocated locally,
// as a fraction; 0 without a plan.
func (t Totals) RateVsLocal() float64 { return rate(t.CumulativeActual, t.AllocatedLocally) }

// EstimateRateVsPM is the estimated rate at the end of the next month
// against the plan assigned by the Prime Minister.
func (t Totals) EstimateRateVsPM() float64 { return rate(t.EstimateNext, t.AssignedByPM) }

// EstimateRateVsLocal is the estimated rate at the end of the next month
// against the plan allocated locally.
func (t Totals) EstimateRateVsLocal() float64 { return rate(t.EstimateNext, t.AllocatedLocally) }

// Add sums two sets of totals.
func (t Totals) Add(o Totals) Totals {
	return Totals{t.AssignedByPM + o.AssignedByPM, t.AllocatedLocally + o.AllocatedLocally, t.CumulativeActual + o.CumulativeActual, t.EstimateNext + o.EstimateNext}
}

func rate(v, plan int64) float64 {
	if plan <= 0 {
		return 0
	}
	return float64(v) / float64(plan)
}
