package plot

import (
	"math"

	"descent/shaders"
)

// Style is what an axis frame, and any pane's layout, needs to size and
// colour itself.
type Style struct {
	Theme Theme
	// Scale is the UI scale for text and spacing: the device scale factor
	// times the user's label scale.
	Scale float64
	// LineW is the device scale factor, for line widths.
	LineW float64
	// Measure measures text; nil falls back to Rough.
	Measure Measure
}

// TickSize returns the font size of tick labels.
func (s Style) TickSize() float64 { return SmallSize * s.Scale }

// TitleSize returns the font size of axis titles.
func (s Style) TitleSize() float64 { return AxisTitleSize * s.Scale }

// MeasureText measures t at a font size with the style's Measure.
func (s Style) MeasureText(t string, size float64) (float64, float64) {
	if s.Measure == nil {
		return Rough(t, size)
	}
	return s.Measure(t, size)
}

// Margins returns the room a frame's ticks and titles need around a plot:
// left, top, right, bottom.
func (s Style) Margins(xTitle, yTitle bool) (float64, float64, float64, float64) {
	_, th := s.MeasureText("0", s.TickSize())
	_, lh := s.MeasureText("Ag", s.TitleSize())
	tickW, _ := s.MeasureText("-0.000", s.TickSize()) // room for y tick labels
	left := 8*s.Scale + tickW + 8*s.Scale
	if yTitle {
		left += lh + 4*s.Scale
	}
	bottom := 6*s.Scale + th + 6*s.Scale
	if xTitle {
		bottom += lh + 2*s.Scale
	}
	return left, 10 * s.Scale, 14 * s.Scale, bottom
}

// PlotArea returns the pixels a framed plot gets in pane: the pane less
// the frame's margins, less top extra pixels above (the window's title)
// and a line for the y title written above the frame.
func (s Style) PlotArea(pane Rect, top float64, xTitle, yTitle bool) Rect {
	l, t, r, b := s.Margins(xTitle, yTitle)
	_, lh := s.MeasureText("Ag", s.TitleSize())
	return pane.Inset(l, t+top+lh, r, b)
}

// Frame draws the frame of a plot (the pixel rectangle p.Px): a border,
// ticks on the left and bottom at nice values of the visible range (yTicks
// may replace the y ones, for a log scale), grid lines when grid is set,
// tick labels and the axis titles. Lines go to l; the texts are appended to
// texts and returned.
func Frame(p *Transform, st Style, xTitle, yTitle string, grid bool, yTicks []Tick, l *shaders.Lines, texts []Text) []Text {
	r := p.Px
	lw := float32(st.LineW)
	edge := shaders.RGBA(st.Theme.Edge, 1)
	gridC := shaders.RGBA(st.Theme.PaneGrid, 0.8)
	tick := 5 * st.Scale
	ts := st.TickSize()
	x0, y0, x1, y1 := float32(r.X0), float32(r.Y0), float32(r.X1), float32(r.Y1)

	// X ticks: about one per 90 pixels.
	xt, xstep := NiceTicks(p.Vis.X0, p.Vis.X1, max(4, min(9, int(r.W()/(90*st.Scale)))))
	lastRight := math.Inf(-1)
	for _, v := range xt {
		sx, _ := p.ToPixel(v, 0)
		if sx < r.X0-0.5 || sx > r.X1+0.5 {
			continue
		}
		fx := float32(sx)
		if grid {
			l.Segment(fx, y0, fx, y1, lw, gridC)
		}
		l.Segment(fx, y1, fx, y1+float32(tick), lw, edge)
		s := FormatTick(v, xstep)
		w, _ := st.MeasureText(s, ts)
		if sx-w/2 < lastRight+6*st.Scale {
			continue
		}
		lastRight = sx + w/2
		texts = append(texts, Text{S: s, X: sx, Y: r.Y1 + tick + 2*st.Scale, AX: 0.5, Size: ts, Color: st.Theme.Muted, W: w})
	}
	// Y ticks: about one per 60 pixels.
	if yTicks == nil {
		yv, ystep := NiceTicks(p.Vis.Y0, p.Vis.Y1, max(4, min(9, int(r.H()/(60*st.Scale)))))
		for _, v := range yv {
			yTicks = append(yTicks, Tick{V: v, S: FormatTick(v, ystep)})
		}
	}
	for _, t := range yTicks {
		_, sy := p.ToPixel(0, t.V)
		if sy < r.Y0-0.5 || sy > r.Y1+0.5 {
			continue
		}
		fy := float32(sy)
		if grid || t.Minor {
			c := gridC
			if t.Minor {
				c = gridC.Scale(0.5)
			}
			l.Segment(x0, fy, x1, fy, lw, c)
		}
		if t.S == "" {
			continue
		}
		l.Segment(x0-float32(tick), fy, x0, fy, lw, edge)
		texts = append(texts, Text{S: t.S, X: r.X0 - tick - 3*st.Scale, Y: sy, AX: 1, AY: 0.5, Size: ts, Color: st.Theme.Muted})
	}
	// Border.
	for _, s := range [4][4]float32{{x0, y0, x1, y0}, {x1, y0, x1, y1}, {x1, y1, x0, y1}, {x0, y1, x0, y0}} {
		l.Segment(s[0], s[1], s[2], s[3], 1.2*lw, edge)
	}
	// Titles.
	_, th := st.MeasureText("0", ts)
	if xTitle != "" {
		texts = append(texts, Text{S: xTitle, X: (r.X0 + r.X1) / 2, Y: r.Y1 + tick + 4*st.Scale + th, AX: 0.5, Size: st.TitleSize(), Color: st.Theme.Text})
	}
	if yTitle != "" {
		// Written above the y ticks, left-aligned to the frame, since text
		// is not rotated.
		texts = append(texts, Text{S: yTitle, X: r.X0, Y: r.Y0 - 4*st.Scale, AY: 1, Size: st.TitleSize(), Color: st.Theme.Text})
	}
	return texts
}
