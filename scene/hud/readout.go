package hud

import (
	"math"

	"descent/scene/plot"
	"descent/shaders"
)

// Readout is the state of the selected run shown in a box at the bottom
// right: a title, then one row per quantity, its name and its value(s).
type Readout struct {
	Title string
	Color [4]uint8 // the run's colour (red, green, blue, alpha)
	Rows  []ReadoutRow
}

// ReadoutRow is one quantity of a readout, or with Heading a line that
// names the rows below it.
type ReadoutRow struct {
	Name    string
	Value   string
	Heading bool
}

// Geometry of the readout in pixels at scale 1.
const (
	readoutSize   = 13 // its text
	readoutGap    = 14 // between a row's name and value
	readoutBottom = 30 // from the bottom edge, above the hint and note
)

// readoutLayout lays out r at the bottom right of a w x h screen.
type readoutLayout struct {
	box   plot.Rect
	lines shaders.Lines
	texts []plot.Text
}

// layout places the readout for style st.
func (r Readout) layout(w, h float64, st plot.Style) readoutLayout {
	var out readoutLayout
	if r.Title == "" {
		return out
	}
	s := st.Scale
	th := st.Theme
	size := readoutSize * s
	pad := plot.Pad * s
	nameW, valueW := 0.0, 0.0
	for _, row := range r.Rows {
		nw, _ := st.MeasureText(row.Name, size)
		vw, _ := st.MeasureText(row.Value, size)
		nameW, valueW = math.Max(nameW, nw), math.Max(valueW, vw)
	}
	tw, lh := st.MeasureText(r.Title, -plot.TextSize*s)
	_, rowH := st.MeasureText("Ag", size)
	rowH *= 1.25
	width := math.Max(tw, nameW+readoutGap*s+valueW) + 2*pad
	height := 2*pad + lh*1.3 + rowH*float64(len(r.Rows))
	x1, y1 := w-plot.Margin*s, h-readoutBottom*s
	out.box = plot.Rect{X0: x1 - width, Y0: y1 - height, X1: x1, Y1: y1}
	bg := th.Panel
	alpha := float64(bg.A) / 255
	bg.A = 255
	plot.FillRect(&out.lines, out.box, bg, alpha)
	plot.OutlineRect(&out.lines, out.box, float32(st.LineW), shaders.RGBA(th.PaneGrid, 1))
	c := shaders.Color{float32(r.Color[0]) / 255, float32(r.Color[1]) / 255, float32(r.Color[2]) / 255, 1}
	x0, y := out.box.X0+pad, out.box.Y0+pad
	out.lines.Segment(float32(x0), float32(y+lh/2), float32(x0+swatchWidth*s*0.7), float32(y+lh/2), float32(2.6*st.LineW), c)
	out.texts = append(out.texts, plot.Text{S: r.Title, X: x0 + swatchWidth*s*0.7 + legendGap*s*0.6, Y: y + lh/2, AY: 0.5, Size: -plot.TextSize * s, Color: th.Text})
	y += lh * 1.3
	for _, row := range r.Rows {
		if row.Heading {
			out.texts = append(out.texts, plot.Text{S: row.Name, X: x0, Y: y + rowH/2, AY: 0.5, Size: -size, Color: th.Text})
			y += rowH
			continue
		}
		out.texts = append(out.texts,
			plot.Text{S: row.Name, X: x0, Y: y + rowH/2, AY: 0.5, Size: size, Color: th.Muted},
			plot.Text{S: row.Value, X: out.box.X1 - pad, Y: y + rowH/2, AX: 1, AY: 0.5, Size: size, Color: th.Text})
		y += rowH
	}
	return out
}

// ReadoutBox returns where r shows on a w x h screen (empty when it has no
// title).
func ReadoutBox(r Readout, w, h float64, st plot.Style) plot.Rect {
	return r.layout(w, h, st).box
}
