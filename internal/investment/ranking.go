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
// the Prime Minister and the plan allocated locally (DOMAIN.md §4).

// InvestorTotals are one investor's sums for a month.
type InvestorTotals struct {
	InvestorID int64
	Name       string
	Totals
}

// ParseDenominator reads "pm" or "local"; anything else is "local", the
// plan the province allocates and ranks its investors by.
func ParseDenominator(s string) Denominator {
	if s == string(AgainstPM) {
		return AgainstPM
	}
	return AgainstLocal
}

// plan is the denominator's plan.
func (d Denominator) plan(t Totals) int64 {
	if d == AgainstPM {
		return t.AssignedByPM
	}
	return t.AllocatedLocally
}

// InvestorRank is one line of a ranking.
type InvestorRank struct {
	InvestorTotals
	Rank int // 1 for the best; equal rates share a rank; 0 without a plan on the denominator
}

// RankInvestors ranks investors by their rate against the denominator
// chosen, best first; investors without a plan on that denominator come
// last, unranked (Rank 0). Equal rates share a rank (1, 2, 2, 4); ties and
// the unranked are in name order.
func RankInvestors(list []InvestorTotals, by Denominator) []InvestorRank {
	out := make([]InvestorRank, len(list))
	for i, t := range list {
		out[i] = InvestorRank{InvestorTotals: t}
	}
	rate := func(r InvestorRank) (float64, bool) {
		p := by.plan(r.Totals)
		return float64(r.CumulativeActual) / float64(max(p, 1)), p > 0
	}
	slices.SortStableFunc(out, func(a, b InvestorRank) int {
		ra, oka := rate(a)
		rb, okb := rate(b)
		if oka != okb {
			if oka {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(rb, ra); oka && c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.InvestorID, b.InvestorID))
	})
	for i := range out {
		r, ok := rate(out[i])
		switch {
		case !ok:
		case i > 0 && out[i-1].Rank > 0 && func() bool { p, _ := rate(out[i-1]); return p == r }():
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}
