package chart

import (
	"fmt"
	"strings"
)

// Bars is a stacked bar chart: one bar per label of the x axis (the months
// of a period), each made of one segment per stack (done on time, done
// late). Like Line it scales to its container, names itself for screen
// readers, and tells the stacks apart by a hatching as well as by colour,
// so that a black-and-white print still reads. It uses presentation
// attributes only (fill, stroke), never a style attribute, which the
// content security policy refuses. Each segment carries a <title> with
// its value, for a pointer's tooltip.
type Bars struct {
	Title  string
	Desc   string
	Labels []string
	Stacks []Stack
}

// Stack is one series of a bar chart: a value per label.
type Stack struct {
	Name   string
	Values []int
	Color  string // the palette's when empty
	Hatch  bool   // diagonal lines over the colour
}

// SVG draws the chart.
func (c Bars) SVG() string {
	var b strings.Builder
	n := len(c.Labels)
	rows := (len(c.Stacks) + 1) / 2
	h := height + rows*legendH
	tid := id(c.Title)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-t %s-d" class="chart" preserveAspectRatio="xMidYMid meet">`,
		width, h, tid, tid)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, tid, esc(c.Title), tid, esc(c.Desc))
	fmt.Fprintf(&b, `<defs><pattern id="%s-h" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>`, tid)
	maxV := 0
	for i := 0; i < n; i++ {
		sum := 0
		for _, s := range c.Stacks {
			if i < len(s.Values) {
				sum += s.Values[i]
			}
		}
		maxV = max(maxV, sum)
	}
	step, top2 := niceScale(float64(maxV))
	if step < 1 { // counts: whole lines only
		step, top2 = 1, max(1, top2)
	}
	plotW, plotH := float64(width-left-right), float64(height-top-bottom)
	y := func(v float64) float64 { return top + plotH - plotH*v/top2 }
	slot := plotW / float64(max(n, 1))
	barW := slot * 0.6
	b.WriteString(`<g font-family="sans-serif" font-size="12" fill="#374151">`)
	for v := 0.0; v <= top2+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e7eb"/>`, left, y(v), width-right, y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`, left-6, y(v), esc(groupThousands(int(v))))
	}
	for i, l := range c.Labels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, left+slot*(float64(i)+0.5), height-bottom+18, esc(l))
	}
	b.WriteString(`</g>`)
	for i := 0; i < n; i++ {
		base := 0
		x := left + slot*float64(i) + (slot-barW)/2
		for si, s := range c.Stacks {
			if i >= len(s.Values) || s.Values[i] <= 0 {
				continue
			}
			v := s.Values[i]
			y0, y1 := y(float64(base)), y(float64(base+v))
			color := s.Color
			if color == "" {
				color = palette[si%len(palette)]
			}
			fmt.Fprintf(&b, `<g><title>%s, %s: %s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`,
				esc(c.Labels[i]), esc(s.Name), groupThousands(v), x, y1, barW, y0-y1, esc(color))
			if s.Hatch {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="url(#%s-h)"/>`, x, y1, barW, y0-y1, tid)
			}
			b.WriteString(`</g>`)
			base += v
		}
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#6b7280"/>`, left, y(0), width-right, y(0))
	for si, s := range c.Stacks {
		color := s.Color
		if color == "" {
			color = palette[si%len(palette)]
		}
		lx := left + (si%2)*((width-left)/2)
		ly := height + (si/2)*legendH
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="20" height="12" fill="%s"/>`, lx, ly-6, esc(color))
		if s.Hatch {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="20" height="12" fill="url(#%s-h)"/>`, lx, ly-6, tid)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-family="sans-serif" font-size="12" fill="#111827" dominant-baseline="middle">%s</text>`, lx+28, ly, esc(s.Name))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// groupThousands writes a count the Vietnamese way: 1.234.567.
func groupThousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []string
	for len(s) > 3 {
		out = append([]string{s[len(s)-3:]}, out...)
		s = s[:len(s)-3]
	}
	out = append([]string{s}, out...)
	if neg {
		return "-" + strings.Join(out, ".")
	}
	return strings.Join(out, ".")
}
