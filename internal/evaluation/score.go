package evaluation

import (
	"fmt"
	"math"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/work"
)

// Line is one task's part of the task results, so that a person can check
// the figure by hand: its conversion weight, its share of the period's
// assigned units, and what it brought to each item (NĐ 335/2025 Art 14).
//
//	Quantity = Share when completed, else 0
//	Quality  = Share × max(0, 1 − Deduction × failed reviews)   (completed only)
//	Progress = Share × (1 − Deduction) when completed late, Share when on
//	           time (or late with the delay exempted), 0 when not completed
//
// Failed reviews and delays with an objective cause confirmed are counted
// apart (ExemptReviews, DelayExempted) and deduct nothing.
type Line struct {
	TaskID        int64      `json:"task_id"`
	Title         string     `json:"title"`
	Weight        float64    `json:"weight"`
	Deadline      time.Time  `json:"deadline"`
	CompletedAt   *time.Time `json:"completed_at,omitempty"`
	Done          bool       `json:"done"`
	Early         bool       `json:"early"` // completed on a day before the deadline's
	Delayed       bool       `json:"delayed"`
	DelayExempted bool       `json:"delay_exempted"`
	FailedReviews int        `json:"failed_reviews"`
	ExemptReviews int        `json:"exempt_reviews"`
	Share         float64    `json:"share"`
	Quantity      float64    `json:"quantity"`
	Quality       float64    `json:"quality"`
	Progress      float64    `json:"progress"`
}

// TaskResult is the 70-point part of an evaluation: the lines, the ratio
// (0–1) of each item of the formula, and the points. Rated is false when no
// task fell due in the period.
type TaskResult struct {
	Assigned      int              `json:"assigned"`
	AssignedUnits float64          `json:"assigned_units"`
	Lines         []Line           `json:"lines"`
	Ratios        map[Item]float64 `json:"ratios"`
	Formula       []Weighted       `json:"formula"`
	Points        float64          `json:"points"`
	Rated         bool             `json:"rated"`
}

// Lines turns the figures of the months of a period (work.MonthlyFigures,
// one per month: a quarter is its three months, each task as at the end of
// the month it fell due) into lines, with each task's share of the
// period's assigned units.
func Lines(r RuleSet, months []work.Figures) (lines []Line, assignedUnits float64) {
	for _, f := range months {
		assignedUnits += f.AssignedUnits
	}
	for _, f := range months {
		for _, l := range f.Lines {
			x := Line{TaskID: l.TaskID, Title: l.Title, Weight: l.Weight, Deadline: l.Deadline, CompletedAt: l.CompletedAt,
				Done: l.Done, Early: l.Done && l.Timeliness == work.Early, Delayed: l.Delayed, DelayExempted: l.DelayExempted,
				FailedReviews: l.FailedReviews, ExemptReviews: l.ExemptReviews}
			if assignedUnits > 0 {
				x.Share = l.Weight / assignedUnits
			}
			if x.Done {
				x.Quantity = x.Share
				x.Quality = x.Share * math.Max(0, 1-r.Deduction*float64(l.FailedReviews))
				x.Progress = x.Share
				if x.Delayed {
					x.Progress = x.Share * math.Max(0, 1-r.Deduction)
				}
			}
			lines = append(lines, x)
		}
	}
	return lines, assignedUnits
}

// Compute scores the task results under r (NĐ 335/2025 Art 14–15):
// TaskPoints × Σ weight × ratio ÷ Σ weight over the formula of a leader or
// a member of staff. The computed ratios are the sums of the lines' items;
// ItemUnit is unitFactor (UnitFactor); the handwritten items come from hand
// as percentages 0–100, and a leader's formula that holds one needs it.
// Errors: apperr.Invalid naming "hand.<item>".
func Compute(r RuleSet, months []work.Figures, leader bool, unitFactor float64, hand map[Item]float64) (TaskResult, error) {
	lines, units := Lines(r, months)
	res := TaskResult{Lines: lines, AssignedUnits: units, Assigned: len(lines), Ratios: map[Item]float64{}, Formula: r.Formula(leader)}
	if len(lines) == 0 {
		return res, nil
	}
	res.Rated = true
	for _, l := range lines {
		res.Ratios[ItemQuantity] += l.Quantity
		res.Ratios[ItemQuality] += l.Quality
		res.Ratios[ItemProgress] += l.Progress
	}
	var sum, weights float64
	for _, w := range res.Formula {
		var ratio float64
		switch {
		case w.Item == ItemUnit:
			ratio = unitFactor
		case w.Item.Handwritten():
			v, ok := hand[w.Item]
			if !ok {
				return res, apperr.Invalidf("hand."+string(w.Item), "thiếu điểm mục %s của lãnh đạo (0–100)", "the leader's item %s is required (0–100)", ItemLabel(w.Item, "vi"))
			}
			if !(v >= 0 && v <= 100) {
				return res, apperr.Invalidf("hand."+string(w.Item), "điểm mục %s phải từ 0 đến 100, không phải %g", "item %s is 0 to 100, not %g", ItemLabel(w.Item, "vi"), v)
			}
			ratio = v / 100
		default:
			ratio = res.Ratios[w.Item]
		}
		res.Ratios[w.Item] = ratio
		sum += w.Weight * ratio
		weights += w.Weight
	}
	if weights > 0 {
		res.Points = r.TaskPoints * sum / weights
	}
	return res, nil
}

// UnitFactor is a leader's unit-result factor (NĐ 335/2025 Art 15): 1 when
// every công chức they manage is rated at least HTNV, short (0.5) when any
// is not. Nobody rated yet counts as 1.
func UnitFactor(r RuleSet, grades []work.Grade) float64 {
	for _, g := range grades {
		if g == work.Failed {
			return r.UnitFactorShort
		}
	}
	return 1
}

// Level rates a total out of 100 under r's thresholds (NĐ 335/2025: ≥ 90
// HTXSNV, 70 to < 90 HTTNV, 50 to < 70 HTNV, < 50 KHTNV), and KHTNV
// whatever the score when disciplined (khiển trách or heavier in the
// year). The total is rounded to 6 decimals first, so that 89.99999999999999
// rates as 90.
func (r RuleSet) Level(total float64, disciplined bool) work.Grade {
	total = math.Round(total*1e6) / 1e6
	switch {
	case disciplined || math.IsNaN(total) || total < r.Completed:
		return work.Failed
	case total < r.Good:
		return work.Completed
	case total < r.Excellent:
		return work.Good
	}
	return work.Excellent
}

// Level90 rates under NĐ 90/2020 + NĐ 48/2023 (Art 8–11) from the lines: a
// task is met when completed on time (or its delay exempted) and without an
// unexempted failed review. HTXSNV: all met and at least half completed
// ahead of time (UNVERIFIED reading of "vượt mức": completed before the
// deadline's day); HTTNV: all met; HTNV: at most 20% not met; else KHTNV.
// Discipline in the year rates KHTNV. met is the share met, 0–1.
func Level90(lines []Line, disciplined bool) (g work.Grade, met float64) {
	if len(lines) == 0 {
		return "", 0
	}
	n, early := 0, 0
	for _, l := range lines {
		if l.Done && !l.Delayed && l.FailedReviews == 0 {
			n++
		}
		if l.Early {
			early++
		}
	}
	met = float64(n) / float64(len(lines))
	switch {
	case disciplined:
		return work.Failed, met
	case n == len(lines) && 2*early >= len(lines):
		return work.Excellent, met
	case n == len(lines):
		return work.Good, met
	case 5*(len(lines)-n) <= len(lines):
		return work.Completed, met
	}
	return work.Failed, met
}

// ItemLabel names an item in "vi" or "en".
func ItemLabel(i Item, lang string) string {
	l := map[Item][2]string{
		ItemQuantity:   {"số lượng", "quantity"},
		ItemQuality:    {"chất lượng", "quality"},
		ItemProgress:   {"tiến độ", "progress"},
		ItemUnit:       {"kết quả của đơn vị", "unit's results"},
		ItemOrganise:   {"năng lực tổ chức triển khai", "capacity to organise"},
		ItemSolidarity: {"đoàn kết nội bộ", "solidarity"},
	}[i]
	if l[0] == "" {
		return fmt.Sprint(i)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}
