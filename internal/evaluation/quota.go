package evaluation

import (
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/work"
)

// Group is a task group (nhóm nhiệm vụ) within which the quota is counted:
// leaders and the staff they manage are counted apart.
type Group string

// The groups.
const (
	GroupStaff  Group = "staff"  // công chức không giữ chức vụ lãnh đạo
	GroupLeader Group = "leader" // công chức lãnh đạo, quản lý
)

// Label names the group in "vi" or "en".
func (g Group) Label(lang string) string {
	if g == GroupLeader {
		return pick(lang, "công chức lãnh đạo, quản lý", "leaders")
	}
	return pick(lang, "công chức không giữ chức vụ lãnh đạo", "staff")
}

// Tally counts the approved results of an agency's task group in a period.
type Tally struct {
	Excellent, Good, Completed, Failed int
}

// Add counts one grade.
func (t *Tally) Add(g work.Grade) {
	switch g {
	case work.Excellent:
		t.Excellent++
	case work.Good:
		t.Good++
	case work.Completed:
		t.Completed++
	case work.Failed:
		t.Failed++
	}
}

// QuotaAllowed is how many HTXSNV percent% of good HTTNV allows, rounded
// down (UNVERIFIED): 20% of 9 is 1.8, so 1; 20% of 10 is exactly 2. Integer
// arithmetic, so that no floating-point error moves the boundary.
func QuotaAllowed(percent, good int) int { return percent * good / 100 }

// CheckQuota refuses approving one more HTXSNV in a group whose approved
// results are t (this one not yet counted) when it would take the HTXSNV
// count past QuotaAllowed of the HTTNV count (NĐ 335/2025: HTXSNV ≤ 20% of
// HTTNV per agency and task group; the exception for outstanding units is
// not modelled, its wording being UNVERIFIED). The refusal is
// apperr.Conflict naming the figures. Other grades always pass.
func CheckQuota(r RuleSet, g work.Grade, t Tally, group Group) error {
	if g != work.Excellent {
		return nil
	}
	allowed := QuotaAllowed(r.QuotaPercent, t.Good)
	if t.Excellent+1 <= allowed {
		return nil
	}
	return apperr.New(apperr.Conflict, "quota",
		fmt.Sprintf("Không phê duyệt được mức Hoàn thành xuất sắc nhiệm vụ: nhóm %s đã có %d người Hoàn thành xuất sắc nhiệm vụ và %d người Hoàn thành tốt nhiệm vụ; "+
			"số Hoàn thành xuất sắc không được quá %d%% số Hoàn thành tốt, tức tối đa %d người, phê duyệt thêm sẽ thành %d người",
			group.Label("vi"), t.Excellent, t.Good, r.QuotaPercent, allowed, t.Excellent+1),
		fmt.Sprintf("Cannot approve Excellent: the %s group already has %d rated Excellent and %d rated Good; Excellent may be at most %d%% of Good, that is %d, and approving would make %d",
			group.Label("en"), t.Excellent, t.Good, r.QuotaPercent, allowed, t.Excellent+1))
}

func pick(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}
