package investment

import (
	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// The capital plans of a project (kế hoạch đầu tư công, Luật Đầu tư công
// 58/2024/QH15 Art 50–52, 67): the medium-term plan of the 2026–2030 period
// and the annual plans, per capital source, each with the two figures the
// disbursement rate is measured against (DOMAIN.md §4): the plan assigned
// by the Prime Minister (kế hoạch Thủ tướng Chính phủ giao) and the plan
// allocated locally (kế hoạch địa phương phân bổ). A plan is a list of
// versions: the first as set, each later one an adjustment (điều chỉnh)
// with the decision that made it.

// PlanKind says whether a plan is a year's or the medium-term period's.
type PlanKind string

// The kinds of plan.
const (
	PlanAnnual     PlanKind = "annual"      // kế hoạch đầu tư công hằng năm
	PlanMediumTerm PlanKind = "medium_term" // kế hoạch đầu tư công trung hạn
)

// The medium-term period congvu plans for (Art 50: five years).
const (
	MediumTermFirst = 2026
	MediumTermLast  = 2030
)

// Label names the kind in "vi" or "en".
func (k PlanKind) Label(lang string) string {
	switch {
	case k == PlanMediumTerm && lang == "en":
		return "Medium-term 2026–2030"
	case k == PlanMediumTerm:
		return "Trung hạn 2026–2030"
	case lang == "en":
		return "Annual"
	}
	return "Hằng năm"
}

// ParsePlanKind reads a plan kind; "" is an annual plan.
func ParsePlanKind(s string) (PlanKind, error) {
	switch PlanKind(s) {
	case "", PlanAnnual:
		return PlanAnnual, nil
	case PlanMediumTerm:
		return PlanMediumTerm, nil
	}
	return "", apperr.Invalidf("kind", "Loại kế hoạch %q không hợp lệ (annual hoặc medium_term)", "Unknown plan kind %q (annual or medium_term)", s)
}

// CapitalPlan is one version of a project's plan for a kind, a year (the
// period's first year for a medium-term plan) and a capital source.
type CapitalPlan struct {
	ProjectID        int64
	Kind             PlanKind
	Year             int
	Source           Source
	AssignedByPM     int64 // đồng; the plan assigned by the Prime Minister
	AllocatedLocally int64 // đồng; the plan allocated locally
	Version          int
	Decision         Decision // the decision of this version; zero for a first version set without one
}

// PlanInput is a plan as set or adjusted.
type PlanInput struct {
	Kind             PlanKind
	Year             int
	Source           Source
	AssignedByPM     int64
	AllocatedLocally int64
	Decision         *Decision // required for an adjustment
}

// LastYear is the last year the plan's capital is for: the year of an
// annual plan, the period's last of a medium-term one.
func (in PlanInput) LastYear() int {
	if in.Kind == PlanMediumTerm {
		return MediumTermLast
	}
	return in.Year
}

// DecidePlan checks a plan being set (prev nil) or adjusted (prev its
// current version) on day today, with the Art 72 extension of its last
// year if any, and returns the new version. Refused: amounts below zero
// (amount fields), an unknown kind or source, a medium-term plan for
// another year than 2026, a closed year (apperr.Conflict, YearClosed), an
// adjustment without its decision or that changes nothing.
func DecidePlan(prev *CapitalPlan, in PlanInput, ext *Extension, today calendar.Date) (CapitalPlan, error) {
	if err := validYear("year", in.Year); err != nil {
		return CapitalPlan{}, err
	}
	if in.Kind == PlanMediumTerm && in.Year != MediumTermFirst {
		return CapitalPlan{}, apperr.Invalidf("year", "Kế hoạch trung hạn ghi theo năm đầu của giai đoạn (%d), không phải %d",
			"A medium-term plan is recorded under the period's first year (%d), not %d", MediumTermFirst, in.Year)
	}
	if _, err := ParseSource("source", string(in.Source)); err != nil {
		return CapitalPlan{}, err
	}
	if err := nonNegative("assigned_by_pm", in.AssignedByPM); err != nil {
		return CapitalPlan{}, err
	}
	if err := nonNegative("allocated_locally", in.AllocatedLocally); err != nil {
		return CapitalPlan{}, err
	}
	if YearClosed(in.LastYear(), ext, today) {
		dl := DisbursementDeadline(in.LastYear(), ext)
		return CapitalPlan{}, apperr.New(apperr.Conflict, "year",
			"Năm kế hoạch "+itoa(in.Year)+" đã khóa: hạn giải ngân (Điều 72 Luật Đầu tư công) đã hết ngày "+DMY(dl),
			"Plan year "+itoa(in.Year)+" is closed: its disbursement deadline (Public Investment Law Art 72) ended on "+DMY(dl))
	}
	next := CapitalPlan{Kind: in.Kind, Year: in.Year, Source: in.Source, AssignedByPM: in.AssignedByPM, AllocatedLocally: in.AllocatedLocally, Version: 1}
	if in.Decision != nil {
		if err := checkDecision(*in.Decision); err != nil {
			return CapitalPlan{}, err
		}
		next.Decision = *in.Decision
	}
	if prev == nil {
		return next, nil
	}
	next.ProjectID, next.Version = prev.ProjectID, prev.Version+1
	if in.Decision == nil {
		return CapitalPlan{}, apperr.Invalidf("decision_number",
			"Kế hoạch vốn năm %d nguồn %s đã có: điều chỉnh cần số, ngày và người ký quyết định điều chỉnh",
			"The %d plan for source %s exists already: an adjustment needs its decision's number, date and signer", in.Year, in.Source)
	}
	if prev.AssignedByPM == in.AssignedByPM && prev.AllocatedLocally == in.AllocatedLocally {
		return CapitalPlan{}, apperr.New(apperr.Conflict, "allocated_locally",
			"Kế hoạch điều chỉnh không khác kế hoạch hiện hành", "The adjusted plan is the same as the current one")
	}
	return next, nil
}

func nonNegative(field string, v int64) error {
	if v < 0 {
		return apperr.Invalidf(field, "Số tiền không được âm (%s)", "The amount may not be negative (%s)", formatDong(v))
	}
	if v > MaxAmount {
		return apperr.Invalidf(field, "Số tiền quá lớn (tối đa %s)", "The amount is too large (at most %s)", formatDong(MaxAmount))
	}
	return nil
}

func itoa(v int) string { return formatInt(int64(v)) }
