package investment

// TEMPORARY (disbreport): stands for invcore's and money's names until
// wt-invcore and wt-money are merged; the merge deletes this file.

import (
	"strconv"

	"congvu/internal/apperr"
)

type Totals struct {
	AssignedByPM     int64
	AllocatedLocally int64
	CumulativeActual int64
	EstimateNext     int64
}

func (t Totals) RateVsPM() float64            { return rate(t.CumulativeActual, t.AssignedByPM) }
func (t Totals) RateVsLocal() float64         { return rate(t.CumulativeActual, t.AllocatedLocally) }
func (t Totals) EstimateRateVsPM() float64    { return rate(t.EstimateNext, t.AssignedByPM) }
func (t Totals) EstimateRateVsLocal() float64 { return rate(t.EstimateNext, t.AllocatedLocally) }
func (t Totals) Add(o Totals) Totals {
	return Totals{t.AssignedByPM + o.AssignedByPM, t.AllocatedLocally + o.AllocatedLocally, t.CumulativeActual + o.CumulativeActual, t.EstimateNext + o.EstimateNext}
}
func rate(v, plan int64) float64 {
	if plan <= 0 {
		return 0
	}
	return float64(v) / float64(plan)
}

func FormatDong(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := false
	if v < 0 {
		neg, s = true, s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+4)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out) + " đ"
	}
	return string(out) + " đ"
}

type FigureInput struct {
	Year             int
	Month            int
	Source           Source
	CumulativeActual int64
	EstimateNext     int64
	Correction       bool
	Reason           string
}

type FigureRow struct {
	Line        int
	ProjectCode string
	FigureInput
}

type RowError struct {
	Index int
	Line  int
	Err   *apperr.Error
}

type BatchError struct{ Rows []RowError }

func (e *BatchError) Error() string { return "rows refused" }

type Denominator string

const (
	AgainstPM    Denominator = "pm"
	AgainstLocal Denominator = "local"
)
