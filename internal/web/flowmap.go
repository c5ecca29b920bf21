package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"congvu/internal/flow"
)

// processMap draws the directly-follows graph of an analysis as SVG: the
// steps left to right, then the completion; a hand-off to the next step
// as a straight arrow, one that skips ahead as an arc above, a return for
// rework as a dashed arc below; each arrow labelled with its count and
// the mean hours of the pass before it, its width by its share of the
// passes. A step's box shows its passes and median, links to its
// dossiers (href), and the slowest step is marked. Classes only, no style
// attribute (the CSP): flow.css draws them. The table beside it carries
// the same figures for screen readers and print.
func processMap(lang string, a flow.Analysis, href func(step int) string) template.HTML {
	const (
		nodeW, nodeH, gap, margin = 150, 66, 64, 12
		rowY                      = 92
	)
	n := len(a.Steps)
	if n == 0 {
		return ""
	}
	x := func(i int) int { // left edge of node i; the end node is n
		return margin + i*(nodeW+gap)
	}
	idx := func(step int) int {
		if step == flow.End {
			return n
		}
		return step
	}
	width := x(n) + nodeW + margin
	height := rowY + nodeH + 110
	var most int64
	for _, e := range a.Edges {
		most = max(most, e.Count)
	}
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<svg class="flowmap" viewBox="0 0 %d %d" role="group" aria-labelledby="flowmap-title flowmap-desc" xmlns="http://www.w3.org/2000/svg">`, width, height)
	fmt.Fprintf(&b, `<title id="flowmap-title">%s</title><desc id="flowmap-desc">%s</desc>`, esc(T(lang, "flow.map.title")), esc(T(lang, "flow.map.desc")))
	b.WriteString(`<defs><marker id="flowmap-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>`)
	for _, e := range a.Edges {
		from, to := idx(e.From), idx(e.To)
		cls := "edge " + edgeWeight(e.Count, most)
		label := fmt.Sprintf("%s · %s", fmtNum(e.Count), T(lang, "flow.hours", fmtDecimal(e.MeanHours)))
		switch {
		case to == from+1:
			x1, x2, y := x(from)+nodeW, x(to), rowY+nodeH/2
			fmt.Fprintf(&b, `<path class="%s" d="M%d,%d L%d,%d" marker-end="url(#flowmap-arrow)"/>`, cls, x1, y, x2-2, y)
			fmt.Fprintf(&b, `<text class="edge-label" x="%d" y="%d" text-anchor="middle">%s</text>`, (x1+x2)/2, y-8, esc(fmtNum(e.Count)))
			fmt.Fprintf(&b, `<text class="edge-label sub" x="%d" y="%d" text-anchor="middle">%s</text>`, (x1+x2)/2, y+16, esc(T(lang, "flow.hours", fmtDecimal(e.MeanHours))))
		case to > from:
			x1, x2 := x(from)+nodeW/2, x(to)+nodeW/2
			lift := 30 + 14*(to-from)
			fmt.Fprintf(&b, `<path class="%s skip" d="M%d,%d C%d,%d %d,%d %d,%d" marker-end="url(#flowmap-arrow)"/>`, cls, x1, rowY, x1, rowY-lift, x2, rowY-lift, x2, rowY-2)
			fmt.Fprintf(&b, `<text class="edge-label" x="%d" y="%d" text-anchor="middle">%s</text>`, (x1+x2)/2, rowY-lift*3/4-4, esc(label))
		default: // a return for rework, to an earlier step or the same one
			x1, x2 := x(from)+nodeW/2+10, x(to)+nodeW/2-10
			drop := 34 + 14*(from-to)
			y := rowY + nodeH
			fmt.Fprintf(&b, `<path class="%s back" d="M%d,%d C%d,%d %d,%d %d,%d" marker-end="url(#flowmap-arrow)"/>`, cls, x1, y, x1, y+drop, x2, y+drop, x2, y+2)
			fmt.Fprintf(&b, `<text class="edge-label back" x="%d" y="%d" text-anchor="middle">%s</text>`, (x1+x2)/2, y+drop*3/4+12, esc(T(lang, "flow.map.back", label)))
		}
	}
	for i, st := range a.Steps {
		cls := "node"
		if st.Slowest {
			cls += " slow"
		}
		if st.Count == 0 {
			cls += " idle"
		}
		name := st.Name
		short := name
		if utf8.RuneCountInString(short) > 22 {
			short = string([]rune(short)[:21]) + "…"
		}
		fmt.Fprintf(&b, `<a href="%s" class="%s" id="flowmap-step-%d"><title>%s</title>`, esc(href(st.Step)), cls, st.Step, esc(T(lang, "flow.map.node", name, fmtNum(st.Count), fmtDecimal(st.MedianHours))))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="8"/>`, x(i), rowY, nodeW, nodeH)
		fmt.Fprintf(&b, `<text class="node-name" x="%d" y="%d" text-anchor="middle">%s</text>`, x(i)+nodeW/2, rowY+22, esc(short))
		fmt.Fprintf(&b, `<text class="node-figs" x="%d" y="%d" text-anchor="middle">%s</text>`, x(i)+nodeW/2, rowY+42,
			esc(T(lang, "flow.map.figs", fmtNum(st.Count), fmtDecimal(st.MedianHours))))
		if st.Slowest {
			fmt.Fprintf(&b, `<text class="node-flag" x="%d" y="%d" text-anchor="middle">%s</text>`, x(i)+nodeW/2, rowY+58, esc(T(lang, "flow.slowest")))
		}
		b.WriteString(`</a>`)
	}
	fmt.Fprintf(&b, `<rect class="node end" x="%d" y="%d" width="%d" height="%d" rx="33"/>`, x(n), rowY, nodeW, nodeH)
	fmt.Fprintf(&b, `<text class="node-name" x="%d" y="%d" text-anchor="middle">%s</text>`, x(n)+nodeW/2, rowY+nodeH/2+5, esc(T(lang, "flow.map.end")))
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}

// edgeWeight is the class of an arrow's width: its count against the
// busiest hand-off's, in four steps.
func edgeWeight(count, most int64) string {
	if most <= 0 {
		return "w1"
	}
	switch r := float64(count) / float64(most); {
	case r > 0.75:
		return "w4"
	case r > 0.4:
		return "w3"
	case r > 0.15:
		return "w2"
	}
	return "w1"
}
