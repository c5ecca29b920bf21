// Package chart draws small charts as SVG to embed in server-rendered
// pages: no script, no external file, no CDN (DESIGN.md: charts are
// server-rendered SVG). A chart scales to the width of its container (a
// phone's screen or a printed page), names itself for screen readers
// (role="img", <title>, <desc>) and tells its series apart by the dash of
// the line as well as its colour, so that it stays readable printed in
// black and white. The page should show the same figures in a table.
package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Dash is how a series' line is drawn.
type Dash string

// The dashes.
const (
	Solid  Dash = ""
	Dashed Dash = "8 5"
	Dotted Dash = "2 4"
)

// Series is one line of a chart: a value per label of the x axis, NaN
// where there is none (the line stops there).
type Series struct {
	Name   string
	Values []float64
	Color  string // a CSS colour; the palette's when empty
	Dash   Dash
	Points bool // draw a dot at each value
}

// Line is a line chart over labelled points of an x axis (the months of
// a year).
type Line struct {
	Title   string   // the chart's accessible name
	Desc    string   // a sentence saying what it shows
	XLabels []string // one per point
	Series  []Series
	// YFormat writes a value of the y axis ("1,2 tỷ"); %g when nil.
	YFormat func(float64) string
}

var palette = []string{"#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c"}

// The drawing's geometry, in its own units (the viewBox).
const (
	width   = 640
	height  = 300
	left    = 72
	right   = 16
	top     = 16
	bottom  = 40
	legendH = 22
)

// SVG draws the chart.
func (c Line) SVG() string {
	var b strings.Builder
	n := len(c.XLabels)
	rows := (len(c.Series) + 1) / 2
	h := height + rows*legendH
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="%s" class="chart" preserveAspectRatio="xMidYMid meet">`,
		width, h, id(c.Title)+"-t "+id(c.Title)+"-d")
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id(c.Title), esc(c.Title), id(c.Title), esc(c.Desc))
	maxV := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) && v > maxV {
				maxV = v
			}
		}
	}
	step, top2 := niceScale(maxV)
	plotW, plotH := float64(width-left-right), float64(height-top-bottom)
	x := func(i int) float64 {
		if n <= 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return top + plotH - plotH*v/top2 }
	format := c.YFormat
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }
	}
	b.WriteString(`<g font-family="sans-serif" font-size="12" fill="#374151">`)
	for v := 0.0; v <= top2+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e7eb"/>`, left, y(v), width-right, y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`, left-6, y(v), esc(format(v)))
	}
	for i, l := range c.XLabels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, x(i), height-bottom+18, esc(l))
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#6b7280"/>`, left, y(0), width-right, y(0))
	b.WriteString(`</g>`)
	for si, s := range c.Series {
		color := s.Color
		if color == "" {
			color = palette[si%len(palette)]
		}
		dash := ""
		if s.Dash != Solid {
			dash = ` stroke-dasharray="` + string(s.Dash) + `"`
		}
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5"%s points="%s"/>`, esc(color), dash, strings.Join(pts, " "))
			}
			pts = pts[:0]
		}
		for i := 0; i < n && i < len(s.Values); i++ {
			v := s.Values[i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				flush()
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
			if s.Points {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>`, x(i), y(v), esc(color))
			}
		}
		flush()
		lx := left + (si%2)*((width-left)/2)
		ly := height + (si/2)*legendH
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2.5"%s/>`, lx, ly, lx+28, ly, esc(color), dash)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-family="sans-serif" font-size="12" fill="#111827" dominant-baseline="middle">%s</text>`, lx+34, ly, esc(s.Name))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// niceScale picks a step of 1, 2 or 5 times a power of ten giving about
// five lines up to at least maxV, and the top of the axis.
func niceScale(maxV float64) (step, top float64) {
	if maxV <= 0 {
		return 1, 1
	}
	raw := maxV / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if step = m * p; step >= raw {
			break
		}
	}
	return step, math.Ceil(maxV/step) * step
}

func esc(s string) string { return html.EscapeString(s) }

// id makes an element id out of a title.
func id(s string) string {
	var b strings.Builder
	b.WriteString("chart-")
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
