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

// Series is a year of plans and standing figures month by month: the two
// annual plans, and for each month the cumulative actual and estimate
// standing at its end (a month without its own figure stands at the last
// reported before it). Source "" is every source together.
type Series struct {
	Source           Source
	AssignedByPM     int64
	AllocatedLocally int64
	Actual           [12]int64
	Estimate         [12]int64
}

// At is the series' totals at the end of month m (1–12).
func (s Series) At(m int) Totals {
	t := Totals{AssignedByPM: s.AssignedByPM, AllocatedLocally: s.AllocatedLocally}
	if m >= 1 && m <= 12 {
		t.CumulativeActual, t.EstimateNext = s.Actual[m-1], s.Estimate[m-1]
	}
	return t
}

// ProjectRate is one project's totals at a month, for the lists of
// projects below the curve.
type ProjectRate struct {
	ProjectID    int64
	Code         string
	Name         string
	InvestorID   int64
	InvestorName string
	Band         Band
	Totals
}

// StatsFilter says which figures a rate is of: an agency's register, a
// year and a month (1–12), and optionally one investor, capital source,
// sector band or project.
type StatsFilter struct {
	AgencyID   int64
	Year       int
	Month      int
	InvestorID int64
	Source     Source
	Band       Band
	ProjectID  int64
}
