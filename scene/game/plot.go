package game

import (
	"image/color"
	"math"

	"descent/shaders"
)

// This file holds what the 2-D views (contour map, curve, loss chart) share:
// a pixel rectangle, the pan-and-zoom transform from data to pixels, and the
// axis frame with ticks and labels. It calls no Ebiten function.

// rect is a rectangle of the screen in pixels.
type rect struct {
	x0, y0, x1, y1 float64
}

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// contains reports whether pixel (x, y) lies in r.
func (r rect) contains(x, y float64) bool {
	return x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1
}

// inset returns r shrunk by the given margins.
func (r rect) inset(left, top, right, bottom float64) rect {
	return rect{r.x0 + left, r.y0 + top, r.x1 - right, r.y1 - bottom}
}

// dataRect is a rectangle of data space (x to the right, y up).
type dataRect struct {
	x0, x1, y0, y1 float64
}

// plot2D maps a data rectangle to a pixel rectangle, with a pan and a zoom
// the user controls. With equal set, one data unit has the same length on
// both axes (a contour map keeps its circles round): the home rectangle is
// widened along one axis to fill the pixels.
type plot2D struct {
	home  dataRect // what zoom 1 without pan shows
	equal bool
	// User state: the centre's offset from home's centre in data units and
	// the zoom factor (2 shows half as much).
	panX, panY, zoom float64

	// Derived by fit.
	px       rect
	vis      dataRect
	sx, sy   float64 // pixels per data unit
	ox, oy   float64 // pixel of data (0, 0)
	pxPerDat float64
}

// newPlot2D returns a transform showing home.
func newPlot2D(home dataRect, equal bool) plot2D {
	return plot2D{home: home, equal: equal, zoom: 1}
}

// fit sets the pixel rectangle and derives the visible data rectangle.
func (p *plot2D) fit(px rect) {
	p.px = px
	if !(p.zoom > 0) || math.IsInf(p.zoom, 0) {
		p.zoom = 1
	}
	w, h := math.Max(px.w(), 1), math.Max(px.h(), 1)
	hw := (p.home.x1 - p.home.x0) / 2
	hh := (p.home.y1 - p.home.y0) / 2
	if !(hw > 0) {
		hw = 1
	}
	if !(hh > 0) {
		hh = 1
	}
	if p.equal {
		// Units per pixel: the larger of the two, so home fits; the pixel
		// rectangle shrinks around its centre to home's aspect.
		u := math.Max(2*hw/w, 2*hh/h)
		nw, nh := 2*hw/u, 2*hh/u
		cx, cy := (px.x0+px.x1)/2, (px.y0+px.y1)/2
		px = rect{math.Round(cx - nw/2), math.Round(cy - nh/2), math.Round(cx + nw/2), math.Round(cy + nh/2)}
		p.px = px
		w, h = math.Max(px.w(), 1), math.Max(px.h(), 1)
		// Whole pixels: home may now need a hair more room on one axis.
		u = math.Max(2*hw/w, 2*hh/h)
		hw, hh = u*w/2, u*h/2
	}
	hw /= p.zoom
	hh /= p.zoom
	cx := (p.home.x0+p.home.x1)/2 + p.panX
	cy := (p.home.y0+p.home.y1)/2 + p.panY
	p.vis = dataRect{cx - hw, cx + hw, cy - hh, cy + hh}
	p.sx = w / (2 * hw)
	p.sy = h / (2 * hh)
	p.ox = px.x0 - p.vis.x0*p.sx
	p.oy = px.y1 + p.vis.y0*p.sy
}

// toPixel maps a data point to the screen.
func (p *plot2D) toPixel(x, y float64) (float64, float64) {
	return p.ox + x*p.sx, p.oy - y*p.sy
}

// toData maps a pixel to data space.
func (p *plot2D) toData(sx, sy float64) (float64, float64) {
	return (sx - p.ox) / p.sx, (p.oy - sy) / p.sy
}

// panBy moves the view by a drag of (dx, dy) pixels.
func (p *plot2D) panBy(dx, dy float64) {
	if p.sx > 0 && p.sy > 0 {
		p.panX -= dx / p.sx
		p.panY += dy / p.sy
	}
}

// zoomAt zooms by factor (> 1 zooms in) keeping the data point under pixel
// (sx, sy) in place.
func (p *plot2D) zoomAt(factor, sx, sy float64) {
	if !(factor > 0) || p.sx == 0 {
		return
	}
	nz := math.Min(math.Max(p.zoom*factor, 0.05), 1e5)
	f := nz / p.zoom
	if f == 1 {
		return
	}
	x, y := p.toData(sx, sy)
	cx := (p.vis.x0 + p.vis.x1) / 2
	cy := (p.vis.y0 + p.vis.y1) / 2
	ncx := x - (x-cx)/f
	ncy := y - (y-cy)/f
	p.panX += ncx - cx
	p.panY += ncy - cy
	p.zoom = nz
	p.fit(p.px)
}

// reset goes back to the home view.
func (p *plot2D) reset() {
	p.panX, p.panY, p.zoom = 0, 0, 1
}

// axisStyle is what an axis frame needs to draw itself.
type axisStyle struct {
	theme   Theme
	scale   float64 // UI scale for text
	lineW   float64 // device scale for lines
	measure measureFunc
}

// tickSize returns the font size of tick labels.
func (s axisStyle) tickSize() float64 { return 13 * s.scale }

// labelSize returns the font size of axis titles.
func (s axisStyle) labelSize() float64 { return 14 * s.scale }

// plotMargins returns the room the frame's ticks and titles need around a
// plot: left, top, right, bottom.
func (s axisStyle) plotMargins(xTitle, yTitle bool) (float64, float64, float64, float64) {
	_, th := s.measureText("0", s.tickSize())
	_, lh := s.measureText("Ag", s.labelSize())
	left := 8*s.scale + s.tickW() + 8*s.scale
	if yTitle {
		left += lh + 4*s.scale
	}
	bottom := 6*s.scale + th + 6*s.scale
	if xTitle {
		bottom += lh + 2*s.scale
	}
	return left, 10 * s.scale, 14 * s.scale, bottom
}

// tickW is the width reserved for y tick labels.
func (s axisStyle) tickW() float64 {
	w, _ := s.measureText("-0.000", s.tickSize())
	return w
}

func (s axisStyle) measureText(t string, size float64) (float64, float64) {
	if s.measure == nil {
		return float64(len(t)) * size * 0.55, size * 1.2
	}
	return s.measure(t, size)
}

// axisFrame draws the frame of a plot (the pixel rectangle p.px): a border,
// ticks on the left and bottom at nice values of the visible range (yTicks
// may replace the y ones, for a log scale), grid lines when grid is set,
// tick labels and the axis titles. Lines go to l, text to texts.
func axisFrame(p *plot2D, st axisStyle, xTitle, yTitle string, grid bool, yTicks []tickMark, l *shaders.Lines, texts []textItem) []textItem {
	r := p.px
	lw := float32(st.lineW)
	edge := shaders.RGBA(st.theme.Edge, 1)
	gridC := shaders.RGBA(st.theme.PaneGrid, 0.8)
	tick := 5 * st.scale
	ts := st.tickSize()
	x0, y0, x1, y1 := float32(r.x0), float32(r.y0), float32(r.x1), float32(r.y1)

	// X ticks.
	xt, xstep := niceTicks(p.vis.x0, p.vis.x1, max(4, min(9, int(r.w()/(90*st.scale)))))
	lastRight := math.Inf(-1)
	for _, v := range xt {
		sx, _ := p.toPixel(v, 0)
		if sx < r.x0-0.5 || sx > r.x1+0.5 {
			continue
		}
		fx := float32(sx)
		if grid {
			l.Segment(fx, y0, fx, y1, lw, gridC)
		}
		l.Segment(fx, y1, fx, y1+float32(tick), lw, edge)
		s := formatTick(v, xstep)
		w, _ := st.measureText(s, ts)
		if sx-w/2 < lastRight+6*st.scale {
			continue
		}
		lastRight = sx + w/2
		texts = append(texts, textItem{s: s, x: sx, y: r.y1 + tick + 2*st.scale, ax: 0.5, ay: 0, size: ts, col: st.theme.Muted, w: w})
	}
	// Y ticks.
	if yTicks == nil {
		yv, ystep := niceTicks(p.vis.y0, p.vis.y1, max(4, min(9, int(r.h()/(60*st.scale)))))
		for _, v := range yv {
			yTicks = append(yTicks, tickMark{v: v, s: formatTick(v, ystep)})
		}
	}
	for _, t := range yTicks {
		_, sy := p.toPixel(0, t.v)
		if sy < r.y0-0.5 || sy > r.y1+0.5 {
			continue
		}
		fy := float32(sy)
		if grid || t.minor {
			c := gridC
			if t.minor {
				c = gridC.Scale(0.5)
			}
			l.Segment(x0, fy, x1, fy, lw, c)
		}
		if t.s == "" {
			continue
		}
		l.Segment(x0-float32(tick), fy, x0, fy, lw, edge)
		texts = append(texts, textItem{s: t.s, x: r.x0 - tick - 3*st.scale, y: sy, ax: 1, ay: 0.5, size: ts, col: st.theme.Muted})
	}
	// Border.
	for _, s := range [4][4]float32{{x0, y0, x1, y0}, {x1, y0, x1, y1}, {x1, y1, x0, y1}, {x0, y1, x0, y0}} {
		l.Segment(s[0], s[1], s[2], s[3], 1.2*lw, edge)
	}
	// Titles.
	_, th := st.measureText("0", ts)
	if xTitle != "" {
		texts = append(texts, textItem{s: xTitle, x: (r.x0 + r.x1) / 2, y: r.y1 + tick + 4*st.scale + th, ax: 0.5, ay: 0, size: st.labelSize(), col: st.theme.Text})
	}
	if yTitle != "" {
		// Written above the y ticks, left-aligned to the frame, since text
		// is not rotated.
		texts = append(texts, textItem{s: yTitle, x: r.x0, y: r.y0 - 4*st.scale, ax: 0, ay: 1, size: st.labelSize(), col: st.theme.Text})
	}
	return texts
}

// tickMark is one y tick: its value, its label (empty for a minor tick
// drawn as a faint grid line only).
type tickMark struct {
	v     float64
	s     string
	minor bool
}

// fillRect adds a filled rectangle to l.
func fillRect(l *shaders.Lines, r rect, c color.RGBA, alpha float64) {
	l.Polygon([][2]float32{{float32(r.x0), float32(r.y0)}, {float32(r.x1), float32(r.y0)}, {float32(r.x1), float32(r.y1)}, {float32(r.x0), float32(r.y1)}}, shaders.RGBA(c, alpha))
}

// arrow adds an arrow from (ax, ay) to (bx, by) with a head of the given
// length; arrows shorter than a pixel are left out.
func arrow(l *shaders.Lines, ax, ay, bx, by, width, head float64, c shaders.Color) {
	dx, dy := bx-ax, by-ay
	n := math.Hypot(dx, dy)
	if !(n >= 1) || math.IsInf(n, 0) {
		return
	}
	head = math.Min(head, n*0.45)
	ux, uy := dx/n, dy/n
	// The shaft stops where the head starts.
	sx, sy := bx-ux*head*0.8, by-uy*head*0.8
	l.Segment(float32(ax), float32(ay), float32(sx), float32(sy), float32(width), c)
	hw := head * 0.45
	px, py := -uy*hw, ux*hw
	bx0, by0 := bx-ux*head, by-uy*head
	l.Polygon([][2]float32{{float32(bx), float32(by)}, {float32(bx0 + px), float32(by0 + py)}, {float32(bx0 - px), float32(by0 - py)}}, c)
}
