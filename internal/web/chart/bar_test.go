package chart

import (
	"strings"
	"testing"
)

func TestBars(t *testing.T) {
	svg := Bars{Title: "Nhiệm vụ theo tháng", Desc: "Hoàn thành đúng hạn và trễ hạn",
		Labels: []string{"T1", "T2", "T3"},
		Stacks: []Stack{{Name: "Đúng hạn", Values: []int{4, 0, 1200}}, {Name: "Trễ hạn", Values: []int{1, 2, 0}, Hatch: true}}}.SVG()
	for _, want := range []string{`role="img"`, `<title id="chart-nhi-m-v-theo-th-ng-t">`, "<title>T1, Đúng hạn: 4</title>",
		"<title>T2, Trễ hạn: 2</title>", "<title>T3, Đúng hạn: 1.200</title>", `fill="url(#`, ">1.500<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %s", want)
		}
	}
	if strings.Contains(svg, "style=") {
		t.Error("svg has a style attribute, which the CSP refuses")
	}
	// An empty segment draws nothing: three bars of the first stack but
	// the second month's is zero, the second stack's third too.
	if got := strings.Count(svg, "<rect x=") - 2 - 1; got != 6 { // minus the legend's rects (2 + 1 hatch)
		t.Errorf("%d segment rects (with hatching), want 6: T1 twice (one hatched), T2 hatched, T3", got)
	}
}
