package investment

import (
	"cmp"
	"slices"
	"strings"
)

// Ranking investors by disbursement rate (Luật Đầu tư công 58/2024/QH15
// Art 15 discloses disbursement progress; the province ranks its investors
// monthly): the rate is the cumulative actual since 1 January over the
// year's plan, against each of the two denominators, the plan assigned by
// the Prime Minister and the plan allocated locally.

// InvestorFigures are one investor's sums for a month.
type InvestorFigures struct {
	InvestorID       int64
	Name             string
	AssignedByPM     int64
	AllocatedLocally int64
	CumulativeActual int64
}

// Rate is a fraction (0.4 for 40%), with OK false when the plan is zero.
type Rate struct {
	Value float64
	OK    bool
}

// RateOf is actual over plan; no rate when the plan is zero.
func RateOf(actual, plan int64) Rate {
	if plan <= 0 {
		return Rate{}
	}
	return Rate{Value: float64(actual) / float64(plan), OK: true}
}

// Denominator names the plan a ranking divides by.
type Denominator string

// The two denominators.
const (
	ByPM    Denominator = "pm"    // the plan assigned by the Prime Minister
	ByLocal Denominator = "local" // the plan allocated locally
)

// InvestorRank is one line of a ranking.
type InvestorRank struct {
	InvestorFigures
	Rank        int // 1 for the best; equal rates share a rank
	RateVsPM    Rate
	RateVsLocal Rate
}

// RankInvestors ranks investors by their rate against the denominator
// chosen, best first; investors without a plan on that denominator come
// last, unranked (Rank 0). Equal rates share a rank (1, 2, 2, 4); ties and
// the unranked are in name order.
func RankInvestors(figs []InvestorFigures, by Denominator) []InvestorRank {
	out := make([]InvestorRank, len(figs))
	for i, f := range figs {
		out[i] = InvestorRank{InvestorFigures: f, RateVsPM: RateOf(f.CumulativeActual, f.AssignedByPM),
			RateVsLocal: RateOf(f.CumulativeActual, f.AllocatedLocally)}
	}
	key := func(r InvestorRank) Rate {
		if by == ByPM {
			return r.RateVsPM
		}
		return r.RateVsLocal
	}
	slices.SortStableFunc(out, func(a, b InvestorRank) int {
		ka, kb := key(a), key(b)
		if ka.OK != kb.OK {
			if ka.OK {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(kb.Value, ka.Value); ka.OK && c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.InvestorID, b.InvestorID))
	})
	for i := range out {
		k := key(out[i])
		switch {
		case !k.OK:
		case i > 0 && key(out[i-1]).OK && key(out[i-1]).Value == k.Value:
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}
