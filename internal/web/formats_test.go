package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestVietnameseNumbers types a plan's target and its actuals the
// Vietnamese way ("1.500.000.000 đ", "2,5") and finds them shown so; an
// ambiguous number is refused with a message that says how to write it,
// and nothing is recorded.
func TestVietnameseNumbers(t *testing.T) {
	w := newTaskWorld(t)
	res := w.head.do("POST", "/plans", url.Values{"title": {"Kế hoạch giải ngân năm 2026"}, "owner_unit_id": {w.kgvx},
		"period_kind": {"year"}, "year": {"2026"}, "target_name": {"Giải ngân vốn đầu tư công", "Tỷ lệ hồ sơ trực tuyến"},
		"target_uom": {"đồng", "%"}, "target_value": {"1.500.000.000 đ", "2,5"}, "target_sum": {"sum", "level"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("create plan: %d\n%s", res.status, res.body)
	}
	planURL := res.header.Get("Location")
	plan := w.head.do("GET", planURL, nil, false)
	for _, s := range []string{"1.500.000.000 đồng", "2,5 %"} {
		if !strings.Contains(plan.body, s) {
			t.Errorf("plan page lacks %q", s)
		}
	}
	tid := regexp.MustCompile(`name="target_id"><option value="(\d+)"`).FindStringSubmatch(plan.body)
	if tid == nil {
		t.Fatal("no actual form on the plan page")
	}
	res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"750.000.000"}, "date": {"30/04/2026"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("actual 750.000.000: %d\n%s", res.status, res.body)
	}
	res = w.head.do("POST", planURL+"/actuals", url.Values{"target_id": {tid[1]}, "value": {"1,5.3"}, "date": {"30/04/2026"}}, true)
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Không rõ số") {
		t.Errorf("ambiguous actual: %d", res.status)
	}
	plan = w.head.do("GET", planURL, nil, false)
	for _, s := range []string{"<strong>750.000.000</strong>", "50%"} {
		if !strings.Contains(plan.body, s) {
			t.Errorf("plan page lacks %q", s)
		}
	}
	if strings.Contains(plan.body, "1500000000") || strings.Contains(plan.body, "750000000") {
		t.Error("plan page shows a number raw")
	}
}
