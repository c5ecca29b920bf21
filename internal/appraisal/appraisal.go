// Package appraisal carries the department's appraisals of public
// investment (thẩm định) on the dossier engine: the investment-policy
// appraisal (thẩm định chủ trương đầu tư), the project appraisal (thẩm định
// dự án) and the contractor-selection-plan appraisal (thẩm định kế hoạch lựa
// chọn nhà thầu, Luật Đấu thầu 22/2023/QH15 Art 40). Each is a procedure of
// the catalogue whose steps are the receipt, the division's handling, a
// parallel consultation of other units (dossier.StepParallel), the
// appraisal report (dossier.StepReport), the head's approval and the
// result; its time limit depends on the project's group (national
// important, A, B, C) and is data with an effective date (LimitRule).
//
// Legal standing (DOMAIN.md §4): NĐ 85/2025/NĐ-CP replaced NĐ 40/2020 and
// its appraisal time limits are UNVERIFIED; the defaults are the earlier
// rules for reference (NĐ 40/2020: group A ≤ 45 days, B and C ≤ 30), a
// completion request within 10 days and one extension of at most the same
// length. The package is pure: no SQL, no HTTP.
package appraisal

import (
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// Kind is one of the three appraisals.
type Kind string

// The kinds of appraisal.
const (
	Policy  Kind = "policy"  // thẩm định chủ trương đầu tư (Luật 58/2024 Art 18–19)
	Project Kind = "project" // thẩm định dự án (báo cáo nghiên cứu khả thi)
	Plan    Kind = "khlcnt"  // thẩm định kế hoạch lựa chọn nhà thầu (Luật Đấu thầu Art 40)
)

// Kinds lists the kinds in the order the catalogue shows them.
var Kinds = []Kind{Policy, Project, Plan}

// ProcedureCode is the catalogue code of a kind's procedure. UNVERIFIED:
// the national catalogue's codes for these internal appraisals were not
// found; the 9.xxxxxx codes are the department's own and an administrator
// can carry the procedures under other codes.
func (k Kind) ProcedureCode() string {
	switch k {
	case Policy:
		return "9.000101"
	case Project:
		return "9.000102"
	case Plan:
		return "9.000103"
	}
	return ""
}

var kindLabels = map[Kind][2]string{
	Policy:  {"Thẩm định chủ trương đầu tư", "Investment-policy appraisal"},
	Project: {"Thẩm định dự án", "Project appraisal"},
	Plan:    {"Thẩm định kế hoạch lựa chọn nhà thầu", "Contractor-selection-plan appraisal"},
}

// Label names the kind in "vi" or "en".
func (k Kind) Label(lang string) string {
	l, ok := kindLabels[k]
	if !ok {
		return string(k)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// KindOf returns the kind whose procedure has that code.
func KindOf(code string) (Kind, bool) {
	for _, k := range Kinds {
		if k.ProcedureCode() == code {
			return k, true
		}
	}
	return "", false
}

// Groups are the project groups of Luật Đầu tư công 58/2024/QH15 Art 8–11,
// as investment.Group writes them.
var Groups = []string{"national", "A", "B", "C"}

// CompletionDays is the investor's time to complete a dossier after a
// completion request (yêu cầu hoàn thiện hồ sơ), in working days; the
// request pauses the clock (dossier.RequestSupplement). UNVERIFIED
// (DOMAIN.md §4: "completion request within 10 days").
const CompletionDays = 10

// MaxExtensions is how many extensions an appraisal may have: one, of at
// most the limit's own length. UNVERIFIED (DOMAIN.md §4).
const MaxExtensions = 1

// Steps builds a kind's chain: the desk, the handling division's official,
// the parallel consultation, the report, the division head's approval
// (whose completion is the result). The budgets are working days inside a
// limit in calendar days, so they are not summed against it.
func Steps(desk, division int64) []dossier.Step {
	return []dossier.Step{
		{Name: "Tiếp nhận hồ sơ thẩm định", UnitID: desk, Role: org.RoleClerk, Budget: 0.5},
		{Name: "Phòng chủ trì xem xét hồ sơ", UnitID: division, Role: org.RoleOfficial, Budget: 3},
		{Name: "Lấy ý kiến các đơn vị liên quan", UnitID: division, Role: org.RoleOfficial, Budget: 10, Kind: dossier.StepParallel},
		{Name: "Lập báo cáo thẩm định", UnitID: division, Role: org.RoleOfficial, Budget: 5, Kind: dossier.StepReport},
		{Name: "Lãnh đạo phòng duyệt, ban hành kết quả thẩm định", UnitID: division, Role: org.RoleHead, Budget: 2},
	}
}

// Procedure builds the catalogue procedure of a kind for an agency, its
// desk and its handling division, in force from a date. Its own limit is
// the group-B default; a dossier takes its project group's (PickLimit) at
// receipt.
func (k Kind) Procedure(agency, desk, division int64, from calendar.Date) dossier.Procedure {
	docs := []dossier.Document{
		{Name: "Tờ trình đề nghị thẩm định", Copy: dossier.Original, Quantity: 1},
		{Name: "Báo cáo đề xuất / báo cáo nghiên cứu khả thi hoặc kế hoạch lựa chọn nhà thầu", Copy: dossier.Original, Quantity: 1},
		{Name: "Các văn bản pháp lý liên quan", Copy: dossier.Photocopy, Quantity: 1},
	}
	def := defaultLimit(k, "B")
	return dossier.Procedure{Code: k.ProcedureCode(), Name: k.Label("vi"), Field: "Đầu tư công", Level: dossier.LevelFull,
		Limit: def, Documents: docs, Steps: Steps(desk, division), Version: 1, EffectiveFrom: from,
		AgencyID: agency, MaxExtensions: MaxExtensions}
}

// LimitRule is the time limit of one kind of appraisal for one project
// group, in force from a date until the next rule for the same kind and
// group. Verified is false until someone read it in the decree in force.
type LimitRule struct {
	ProcedureCode string
	Group         string
	EffectiveFrom calendar.Date
	Limit         calendar.Limit
	Verified      bool
	Basis         string // where it comes from, e.g. "NĐ 40/2020/NĐ-CP (tham khảo)"
}

// Validate checks a rule.
func (r *LimitRule) Validate() error {
	if _, ok := KindOf(r.ProcedureCode); !ok {
		return apperr.Invalidf("procedure_code", "không phải thủ tục thẩm định: %q", "not an appraisal procedure: %q", r.ProcedureCode)
	}
	ok := false
	for _, g := range Groups {
		ok = ok || g == r.Group
	}
	if !ok {
		return apperr.Invalidf("group", "nhóm dự án không hợp lệ: %q (national, A, B, C)", "invalid project group %q (national, A, B, C)", r.Group)
	}
	if err := r.EffectiveFrom.Validate(); err != nil {
		return apperr.Invalidf("effective_from", "ngày hiệu lực không hợp lệ", "invalid effective date")
	}
	if err := r.Limit.Validate(); err != nil {
		return apperr.Invalidf("limit", "thời hạn không hợp lệ", "invalid time limit")
	}
	var err error
	r.Basis, err = apperr.Text("basis", r.Basis, 0, 300)
	return err
}

// defaultLimit is the default limit of a kind and group, in calendar days
// (the decrees say "ngày"): NĐ 40/2020 for reference — policy and project
// appraisals A 45, B and C 30; national important 90 (UNVERIFIED: the State
// appraisal council's time); a contractor-selection plan 20 for every
// group (Luật Đấu thầu 2013 for reference; NĐ 214/2025 leaves it to the
// investor, DOMAIN.md §4).
func defaultLimit(k Kind, group string) calendar.Limit {
	days := 30.0
	switch {
	case k == Plan:
		days = 20
	case group == "national":
		days = 90
	case group == "A":
		days = 45
	}
	return calendar.Limit{Value: days, Unit: calendar.CalendarDays}
}

// DefaultsFrom is the day the default rules are in force from: NĐ
// 85/2025/NĐ-CP's signature, 08/04/2025 (the rules are its predecessor's
// until verified).
var DefaultsFrom = calendar.Date{Year: 2025, Month: 4, Day: 8}

// DefaultLimits returns the default rules of every kind and group, none
// verified.
func DefaultLimits() []LimitRule {
	var out []LimitRule
	for _, k := range Kinds {
		basis := "NĐ 40/2020/NĐ-CP (tham khảo)"
		if k == Plan {
			basis = "Luật Đấu thầu 2013 (tham khảo)"
		}
		for _, g := range Groups {
			out = append(out, LimitRule{ProcedureCode: k.ProcedureCode(), Group: g, EffectiveFrom: DefaultsFrom,
				Limit: defaultLimit(k, g), Basis: basis})
		}
	}
	return out
}

// PickLimit returns the rule in force on a date for a procedure and group:
// of rules (an agency's own, which override the defaults from their date),
// the one with the latest EffectiveFrom on or before on; the default when
// none applies. The error is apperr.Invalid for an unknown group.
func PickLimit(rules []LimitRule, code, group string, on calendar.Date) (LimitRule, error) {
	best := -1
	all := append(DefaultLimits(), rules...)
	for i, r := range all {
		if r.ProcedureCode != code || r.Group != group || r.EffectiveFrom.After(on) {
			continue
		}
		if best < 0 || !r.EffectiveFrom.Before(all[best].EffectiveFrom) {
			best = i
		}
	}
	if best < 0 {
		if _, ok := KindOf(code); !ok {
			return LimitRule{}, apperr.Invalidf("procedure_code", "không phải thủ tục thẩm định: %q", "not an appraisal procedure: %q", code)
		}
		for _, g := range Groups {
			if g == group {
				k, _ := KindOf(code)
				return LimitRule{ProcedureCode: code, Group: group, EffectiveFrom: on, Limit: defaultLimit(k, group)}, nil
			}
		}
		return LimitRule{}, apperr.Invalidf("group", "dự án chưa có nhóm hợp lệ: %q", "the project has no valid group: %q", group)
	}
	return all[best], nil
}

// ProjectRef is what an appraisal needs of its project (investment.Project,
// issue #13 item 1): its id, code, name and group.
type ProjectRef struct {
	ID    int64
	Code  string
	Name  string
	Group string
}
