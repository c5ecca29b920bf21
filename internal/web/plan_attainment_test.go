package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestPlanShowsTargetsBesideTasks: a plan whose only task is accepted
// (tasks 100%) while its target stands at 30% shows both measures, on the
// plan page and in the list, not a lone 100%.
func TestPlanShowsTargetsBesideTasks(t *testing.T) {
	w := newTaskWorld(t)
	res := w.head.do("POST", "/plans", url.Values{"title": {"Kế hoạch thẩm định chủ trương đầu tư năm 2026"}, "owner_unit_id": {w.kgvx},
		"period_kind": {"year"}, "year": {"2026"}, "target_name": {"Thẩm định hồ sơ chủ trương đầu tư"}, "target_uom": {"hồ sơ"},
		"target_value": {"40"}, "target_sum": {"sum"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("create plan: %d\n%s", res.status, res.body)
	}
	planURL := res.header.Get("Location")
	plan := w.head.do("GET", planURL, nil, false)
	tid := regexp.MustCompile(`name="target_id"><option value="(\d+)"`).FindStringSubmatch(plan.body)
	if tid == nil {
		t.Fatal("no actual form on the plan page")
	}
	if res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"12"}, "date": {"2026-06-30"}, "label": {"6 tháng đầu năm"}}, true); res.status != http.StatusSeeOther {
		t.Fatalf("actual: %d\n%s", res.status, res.body)
	}
	id := w.createTask(t, w.taskForm("Thẩm định hồ sơ đợt 1", "plan_id", strings.TrimPrefix(planURL, "/plans/")))
	taskAct(t, w.lead, id, "start", 303)
	taskAct(t, w.lead, id, "submit", 303, "note", "Đã thẩm định")
	taskAct(t, w.head, id, "accept", 303)

	measure := func(body, id string) string {
		m := regexp.MustCompile(`(?s)id="` + id + `".*?<strong>(\d+)%</strong>`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}
	plan = w.head.do("GET", planURL, nil, false)
	if got := measure(plan.body, "plan-attainment"); got != "30" {
		t.Errorf("plan page: targets attained %q, want 30", got)
	}
	if got := measure(plan.body, "plan-completion"); got != "100" {
		t.Errorf("plan page: tasks completed %q, want 100", got)
	}
	if !strings.Contains(plan.body, "0/1 chỉ tiêu đã đạt, 1 có số liệu") {
		t.Error("plan page lacks how many targets are reached")
	}
	list := w.head.do("GET", "/plans?year=2026", nil, false)
	if !regexp.MustCompile(`(?s)class="plan-attainment"><progress[^>]*>30%</progress> <span class="small">30%`).MatchString(list.body) ||
		!strings.Contains(list.body, "Chỉ tiêu đạt") {
		t.Errorf("the list of plans does not show the targets at 30%%:\n%s", list.body)
	}
}
