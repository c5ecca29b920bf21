package work

import (
	"math"

	"congvu/internal/calendar"
)

// ScoreRules are the rules for scoring task results, as data with the
// decree and date they come from. NĐ 335/2025/NĐ-CP (from 01/01/2026)
// scores an official out of 100: general criteria 30 + task results 70, the
// task results from three items over the products/tasks assigned in the
// month or quarter, converted to standard units (hệ số quy đổi):
//
//   - quantity (số lượng): completed ÷ assigned;
//   - quality (chất lượng): completed meeting the requirements ÷ assigned;
//     each failed quality review deducts 25% of the quality points of that
//     product, unless an objective cause is confirmed by the competent
//     person;
//   - progress (tiến độ): completed on time ÷ assigned; each delay deducts
//     25% of the progress points of that product, with the same exception.
type ScoreRules struct {
	Basis         string        // the legal basis, for the evaluation sheet
	EffectiveFrom calendar.Date // the first day the rules apply to
	GeneralPoints float64       // tiêu chí chung: 30
	TaskPoints    float64       // kết quả thực hiện nhiệm vụ: 70
	// QuantityShare, QualityShare and ProgressShare split TaskPoints among
	// the three items; they add up to 1. UNVERIFIED: the press reports the
	// decree's formula over the three percentage points (a), (b), (c)
	// without the weights; an equal split (1/3 each) is assumed.
	QuantityShare, QualityShare, ProgressShare float64
	// Deduction is the share of points deducted per failed review or delay: 0.25.
	Deduction float64
	// PerItem selects the base of the deduction. False (the default, as the
	// decree is reported: "25% điểm chất lượng của sản phẩm/công việc đó"):
	// 25% of that task's own share of the item, so a task of weight w among
	// W assigned units loses 0.25 × w/W of the item per failure, and a late
	// task keeps 75% of its progress share. True (DOMAIN.md §3's reading):
	// 25% of the whole item's points per failure, and the item's ratio
	// counts on-time completions only. UNVERIFIED until the decree's text is
	// read; keep it configurable.
	PerItem bool
}

// ND335 returns the rules of NĐ 335/2025/NĐ-CP, effective 01/01/2026, with
// the UNVERIFIED equal split and per-task deductions.
func ND335() ScoreRules {
	return ScoreRules{
		Basis:         "NĐ 335/2025/NĐ-CP",
		EffectiveFrom: calendar.Date{Year: 2026, Month: 1, Day: 1},
		GeneralPoints: 30, TaskPoints: 70,
		QuantityShare: 1.0 / 3, QualityShare: 1.0 / 3, ProgressShare: 1.0 / 3,
		Deduction: 0.25,
	}
}

// TaskScore is the task-results part of an evaluation: the points of each
// item and their total, out of ScoreRules.TaskPoints. Rated is false when
// nothing was assigned in the period, so there is nothing to score.
type TaskScore struct {
	Quantity, Quality, Progress float64
	Total                       float64
	Rated                       bool
}

// Score scores the figures under r. Items never go below 0.
func (f Figures) Score(r ScoreRules) TaskScore {
	if f.AssignedUnits <= 0 {
		return TaskScore{}
	}
	W := f.AssignedUnits
	var qty, qual, prog float64 // ratios, 0–1
	if r.PerItem {
		qty = f.DoneUnits / W
		qual = math.Max(0, f.DoneUnits/W-r.Deduction*float64(f.FailedReviews))
		prog = math.Max(0, f.OnTimeUnits/W-r.Deduction*float64(f.Delays))
	} else {
		for _, l := range f.Lines {
			if !l.Done {
				continue
			}
			share := l.Weight / W
			qty += share
			qual += share * math.Max(0, 1-r.Deduction*float64(l.FailedReviews))
			if l.Delayed {
				prog += share * math.Max(0, 1-r.Deduction)
			} else {
				prog += share
			}
		}
	}
	s := TaskScore{
		Quantity: r.TaskPoints * r.QuantityShare * qty,
		Quality:  r.TaskPoints * r.QualityShare * qual,
		Progress: r.TaskPoints * r.ProgressShare * prog,
		Rated:    true,
	}
	s.Total = s.Quantity + s.Quality + s.Progress
	return s
}

// Grade is a rating level (mức xếp loại chất lượng).
type Grade string

// The four levels.
const (
	Excellent Grade = "HTXSNV" // Hoàn thành xuất sắc nhiệm vụ
	Good      Grade = "HTTNV"  // Hoàn thành tốt nhiệm vụ
	Completed Grade = "HTNV"   // Hoàn thành nhiệm vụ
	Failed    Grade = "KHTNV"  // Không hoàn thành nhiệm vụ
)

// Label names the grade in "vi" or "en".
func (g Grade) Label(lang string) string {
	l := map[Grade][2]string{
		Excellent: {"Hoàn thành xuất sắc nhiệm vụ", "Excellent"},
		Good:      {"Hoàn thành tốt nhiệm vụ", "Good"},
		Completed: {"Hoàn thành nhiệm vụ", "Completed"},
		Failed:    {"Không hoàn thành nhiệm vụ", "Not completed"},
	}[g]
	if l[0] == "" {
		return string(g)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Level rates a total out of 100 (general criteria + task results) under NĐ
// 335/2025: ≥ 90 HTXSNV, 70 to < 90 HTTNV, 50 to < 70 HTNV, < 50 KHTNV; and
// KHTNV whatever the score for an official disciplined (khiển trách or
// heavier) in the year. The score is rounded to 6 decimals first, so that
// floating-point sums such as 89.99999999999999 rate as 90. The cap of HTXSNV at 20% of those rated HTTNV per
// agency and peer group is applied over a group, not here.
func Level(score float64, disciplined bool) Grade {
	score = math.Round(score*1e6) / 1e6
	switch {
	case disciplined || math.IsNaN(score) || score < 50:
		return Failed
	case score < 70:
		return Completed
	case score < 90:
		return Good
	}
	return Excellent
}
