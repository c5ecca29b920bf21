package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// wellFormed parses the drawing as XML and counts its elements by name.
func wellFormed(t *testing.T, s string) map[string]int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	n := map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			n[se.Name.Local]++
		}
	}
}

func TestLineSVG(t *testing.T) {
	nan := math.NaN()
	months := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}
	for _, c := range []struct {
		name      string
		chart     Line
		polylines int
		circles   int
		has       []string
		hasNot    []string
	}{
		{"plan against actual", Line{Title: "Kế hoạch & thực hiện", Desc: "Năm 2026 <dự án>", XLabels: months, Series: []Series{
			{Name: "Kế hoạch", Values: []float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}},
			{Name: "Thực hiện", Values: []float64{1, 2, 3, nan, nan, nan, nan, nan, nan, nan, nan, nan}, Points: true},
			{Name: "Ước", Values: []float64{nan, nan, nan, 4, nan, nan, nan, nan, nan, nan, nan, nan}, Dash: Dashed},
		}}, 2, 3, []string{`role="img"`, "&lt;dự án&gt;", "Kế hoạch &amp; thực hiện", `stroke-dasharray="8 5"`}, []string{"<dự án>"}},
		{"a gap splits the line", Line{Title: "gap", XLabels: months[:5], Series: []Series{
			{Name: "a", Values: []float64{1, 2, nan, 4, 5}},
		}}, 2, 0, nil, nil},
		{"nothing to draw", Line{Title: "empty", XLabels: months, Series: []Series{{Name: "a", Values: nil}}}, 0, 0, []string{"<title"}, nil},
		{"no series", Line{Title: "none"}, 0, 0, nil, nil},
		{"one point", Line{Title: "one", XLabels: []string{"1"}, Series: []Series{{Name: "a", Values: []float64{3}, Points: true}}}, 0, 1, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := c.chart.SVG()
			n := wellFormed(t, s)
			if n["polyline"] != c.polylines || n["circle"] != c.circles {
				t.Errorf("%d polylines and %d circles, want %d and %d", n["polyline"], n["circle"], c.polylines, c.circles)
			}
			if n["title"] != 1 || n["desc"] != 1 {
				t.Errorf("needs one title and one desc: %v", n)
			}
			for _, h := range c.has {
				if !strings.Contains(s, h) {
					t.Errorf("missing %q", h)
				}
			}
			// The page's CSP (style-src without 'unsafe-inline') blocks a
			// style attribute: the chart is sized by svg.chart in app.css.
			if strings.Contains(s, " style=") {
				t.Errorf("a style attribute, which the CSP blocks: %s", s[:min(len(s), 300)])
			}
			for _, h := range c.hasNot {
				if strings.Contains(s, h) {
					t.Errorf("should not contain %q", h)
				}
			}
		})
	}
}

func TestNiceScale(t *testing.T) {
	for _, c := range []struct{ max, step, top float64 }{
		{0, 1, 1}, {10, 2, 10}, {9, 2, 10}, {123, 50, 150}, {1e9, 2e8, 1e9}, {0.37, 0.1, 0.4},
	} {
		step, top := niceScale(c.max)
		if math.Abs(step-c.step) > 1e-9*c.step || math.Abs(top-c.top) > 1e-9*c.top {
			t.Errorf("%v: step %v top %v, want %v %v", c.max, step, top, c.step, c.top)
		}
	}
}
