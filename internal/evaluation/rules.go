package evaluation

import (
	"fmt"
	"math"
	"sort"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Scheme is the kind of rules an evaluation is rated under.
type Scheme string

// The schemes.
const (
	// SchemeND335 is NĐ 335/2025/NĐ-CP: 100 points, 30 common + 70 task results.
	SchemeND335 Scheme = "nd335"
	// SchemeND90 is NĐ 90/2020/NĐ-CP + NĐ 48/2023/NĐ-CP: levels by criteria.
	SchemeND90 Scheme = "nd90"
)

// Item is one item of the task-result formula (NĐ 335/2025 Art 14, 15).
type Item string

// The items. Quantity, quality and progress are computed from the tasks;
// Unit is the leader's unit-result factor (Art 15); Organise and
// Solidarity are assessed by hand by the leader's superior.
const (
	ItemQuantity   Item = "quantity"   // (a) số lượng
	ItemQuality    Item = "quality"    // (b) chất lượng
	ItemProgress   Item = "progress"   // (c) tiến độ
	ItemUnit       Item = "unit"       // (d) kết quả của đơn vị
	ItemOrganise   Item = "organise"   // (đ) năng lực tổ chức triển khai
	ItemSolidarity Item = "solidarity" // (e) đoàn kết nội bộ
)

// Handwritten reports whether the item is assessed by hand (not computed).
func (i Item) Handwritten() bool { return i == ItemOrganise || i == ItemSolidarity }

func (i Item) valid() bool {
	switch i {
	case ItemQuantity, ItemQuality, ItemProgress, ItemUnit, ItemOrganise, ItemSolidarity:
		return true
	}
	return false
}

// Weighted is an item with its weight in the formula.
type Weighted struct {
	Item   Item    `json:"item"`
	Weight float64 `json:"weight"`
}

// Criterion is one of the common criteria (tiêu chí chung, NĐ 335/2025
// Art 12–13) with the points it carries.
type Criterion struct {
	Key string  `json:"key"`
	Max float64 `json:"max"`
}

// RuleSet is one version of the evaluation rules, in force from
// EffectiveFrom until the next version's. Every evaluation records the
// Version it was rated under.
type RuleSet struct {
	Version       string        `json:"version"`
	Scheme        Scheme        `json:"scheme"`
	Basis         string        `json:"basis"`
	EffectiveFrom calendar.Date `json:"effective_from"`

	CommonPoints float64     `json:"common_points"` // 30
	TaskPoints   float64     `json:"task_points"`   // 70
	Common       []Criterion `json:"common"`        // UNVERIFIED split of the 30 points
	// Deduction is the share of a task's quality points lost per failed
	// review, and of its progress points per delay: 0.25 (Art 14).
	Deduction float64 `json:"deduction"`
	// Staff and Leaders are the formulas of the 70 points: TaskPoints ×
	// Σ weight × ratio ÷ Σ weight. UNVERIFIED (DOMAIN.md §3): the default is
	// one provincial implementation's (a+b+c)/3 and (a+b+c+d+đ+e)/6.
	Staff   []Weighted `json:"staff"`
	Leaders []Weighted `json:"leaders"`
	// Levels: ≥ Excellent HTXSNV, ≥ Good HTTNV, ≥ Completed HTNV, else KHTNV.
	Excellent, Good, Completed float64
	// UnitFactorShort is the leader's unit factor when any công chức they
	// manage is rated below HTNV (Art 15): 0.5; 1 otherwise.
	UnitFactorShort float64 `json:"unit_factor_short"`
	// QuotaPercent caps HTXSNV at this share of HTTNV, per agency and task
	// group: 20. The count allowed is rounded down (UNVERIFIED).
	QuotaPercent int `json:"quota_percent"`
	// Unverified names the fields above that DOMAIN.md marks UNVERIFIED.
	Unverified []string `json:"unverified"`
}

// ND335 is NĐ 335/2025/NĐ-CP (signed 21/12/2025, in force 01/01/2026), with
// the UNVERIFIED parts set to one provincial implementation's choices.
func ND335() RuleSet {
	return RuleSet{
		Version: "nd335-2026-01", Scheme: SchemeND335, Basis: "Nghị định số 335/2025/NĐ-CP",
		EffectiveFrom: calendar.Date{Year: 2026, Month: 1, Day: 1},
		CommonPoints:  30, TaskPoints: 70,
		Common:    []Criterion{{"politics", 10}, {"capacity", 10}, {"innovation", 10}},
		Deduction: 0.25,
		Staff:     []Weighted{{ItemQuantity, 1}, {ItemQuality, 1}, {ItemProgress, 1}},
		Leaders: []Weighted{{ItemQuantity, 1}, {ItemQuality, 1}, {ItemProgress, 1},
			{ItemUnit, 1}, {ItemOrganise, 1}, {ItemSolidarity, 1}},
		Excellent: 90, Good: 70, Completed: 50,
		UnitFactorShort: 0.5, QuotaPercent: 20,
		Unverified: []string{"staff", "leaders", "common", "quota_rounding"},
	}
}

// ND90 is NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP, for 2025 and
// earlier: the level follows criteria (Art 8–11), not points.
func ND90() RuleSet {
	return RuleSet{
		Version: "nd90-2020-12", Scheme: SchemeND90, Basis: "Nghị định số 90/2020/NĐ-CP, sửa đổi bởi Nghị định số 48/2023/NĐ-CP",
		EffectiveFrom: calendar.Date{Year: 2020, Month: 8, Day: 1},
		QuotaPercent:  20,
		Unverified:    []string{"exceeded", "quota_rounding"},
	}
}

// Builtin are the rule sets congvu ships, oldest first.
func Builtin() []RuleSet { return []RuleSet{ND90(), ND335()} }

// InForce returns the rule set in force on day d among sets (the one with
// the latest EffectiveFrom not after d); ok is false when none is.
func InForce(sets []RuleSet, d calendar.Date) (RuleSet, bool) {
	sorted := append([]RuleSet(nil), sets...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].EffectiveFrom.Before(sorted[j].EffectiveFrom) })
	var best RuleSet
	ok := false
	for _, s := range sorted {
		if !s.EffectiveFrom.After(d) {
			best, ok = s, true
		}
	}
	return best, ok
}

// Formula returns the formula for a leader or a member of staff.
func (r RuleSet) Formula(leader bool) []Weighted {
	if leader {
		return r.Leaders
	}
	return r.Staff
}

// CommonMax returns the maximum of the criterion key, and whether it exists.
func (r RuleSet) CommonMax(key string) (float64, bool) {
	for _, c := range r.Common {
		if c.Key == key {
			return c.Max, true
		}
	}
	return 0, false
}

// Validate checks a rule set an administrator wrote: a version, an
// NĐ 335 scheme from 2026 (the NĐ 90 rules are not points and not
// editable), common criteria adding up to CommonPoints, formulas of known
// items with weights in [0, 100] and some weight, the leader's formula
// holding the three computed items, and a quota in 1–100. Errors are
// apperr.Invalid naming the field.
func (r *RuleSet) Validate() error {
	var err error
	if r.Version, err = apperr.Text("version", r.Version, 3, 40); err != nil {
		return err
	}
	if r.Scheme != SchemeND335 {
		return apperr.Invalidf("scheme", "chỉ sửa được quy tắc theo Nghị định 335/2025/NĐ-CP", "only the NĐ 335/2025 rules can be edited")
	}
	if r.EffectiveFrom.Year < 2026 || r.EffectiveFrom.Year > calendar.MaxYear {
		return apperr.Invalidf("effective_from", "ngày áp dụng phải từ 01/01/2026", "the rules apply from 01/01/2026 at the earliest")
	}
	if r.CommonPoints != 30 || r.TaskPoints != 70 {
		return apperr.Invalidf("task_points", "thang điểm là 30 điểm tiêu chí chung và 70 điểm kết quả thực hiện nhiệm vụ", "the scale is 30 common points and 70 task-result points")
	}
	sum := 0.0
	for i, c := range r.Common {
		if c.Max < 0 || c.Max > 30 || c.Key == "" {
			return apperr.Invalidf(fmt.Sprintf("common[%d]", i), "điểm tối đa của tiêu chí phải từ 0 đến 30", "a criterion carries 0 to 30 points")
		}
		sum += c.Max
	}
	if math.Abs(sum-r.CommonPoints) > 1e-9 {
		return apperr.Invalidf("common", "các tiêu chí chung phải cộng lại đủ %g điểm, không phải %g", "the common criteria must add up to %g points, not %g", r.CommonPoints, sum)
	}
	for _, f := range []struct {
		name   string
		items  []Weighted
		leader bool
	}{{"staff", r.Staff, false}, {"leaders", r.Leaders, true}} {
		total := 0.0
		seen := map[Item]bool{}
		for i, w := range f.items {
			field := fmt.Sprintf("%s[%d]", f.name, i)
			if !w.Item.valid() || seen[w.Item] {
				return apperr.Invalidf(field, "mục %q không hợp lệ hoặc trùng", "item %q is unknown or repeated", string(w.Item))
			}
			if !f.leader && (w.Item == ItemUnit || w.Item.Handwritten()) {
				return apperr.Invalidf(field, "mục %q chỉ dành cho lãnh đạo", "item %q is for leaders only", string(w.Item))
			}
			if !(w.Weight >= 0 && w.Weight <= 100) {
				return apperr.Invalidf(field, "trọng số phải từ 0 đến 100", "a weight is 0 to 100")
			}
			seen[w.Item] = true
			total += w.Weight
		}
		if total <= 0 {
			return apperr.Invalidf(f.name, "công thức phải có ít nhất một mục có trọng số", "the formula needs an item with a weight")
		}
	}
	if r.Deduction <= 0 || r.Deduction > 1 {
		return apperr.Invalidf("deduction", "mức trừ phải lớn hơn 0 và không quá 100%%", "the deduction is over 0 and at most 100%%")
	}
	if r.QuotaPercent < 1 || r.QuotaPercent > 100 {
		return apperr.Invalidf("quota_percent", "tỷ lệ phải từ 1 đến 100", "the quota is 1 to 100 per cent")
	}
	if r.UnitFactorShort < 0 || r.UnitFactorShort > 1 {
		return apperr.Invalidf("unit_factor_short", "hệ số phải từ 0 đến 1", "the factor is 0 to 1")
	}
	return nil
}
