package game

import (
	"image/color"
	"math"

	"descent/scene/surface"
	"descent/shaders"
)

// curveView shows a 1-D surface as a curve with axes, ticks and labels,
// the iterates of every run as dots rolling along it and, on request, the
// tangent at each run's current point.
type curveView struct {
	plot  plot2D
	curve []float32 // x, y pixel pairs of the last curve, reused
	data  shaders.Lines
	frame shaders.Lines
	texts []textItem
}

// newCurveView returns a curve view showing axes (x range in XMin/XMax,
// loss range in YMin/YMax) or, when axes is nil, the domain with the
// curve's range over it.
func newCurveView(s *surface.Surface, axes *surface.Domain) *curveView {
	return &curveView{plot: newPlot2D(curveHome(s, axes), false)}
}

// curveHome is the rectangle a curve view shows at first.
func curveHome(s *surface.Surface, axes *surface.Domain) dataRect {
	if axes != nil && axes.XMax > axes.XMin && axes.YMax > axes.YMin {
		return dataRect{axes.XMin, axes.XMax, axes.YMin, axes.YMax}
	}
	d := s.Domain
	lo, hi := math.Inf(1), math.Inf(-1)
	const n = 400
	for i := range n + 1 {
		x := d.XMin + (d.XMax-d.XMin)*float64(i)/n
		if v := s.Eval(x, 0); v-v == 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if !(hi > lo) {
		lo, hi = lo-1, lo+1
		if math.IsInf(lo, 0) || math.IsNaN(lo) {
			lo, hi = 0, 1
		}
	}
	mx := (d.XMax - d.XMin) * 0.08
	my := (hi - lo) * 0.08
	return dataRect{d.XMin - mx, d.XMax + mx, lo - my, hi + my}
}

// prepare builds the frame of the curve view in in.pane.
func (c *curveView) prepare(in viewInput) {
	st := in.st
	l, t, r, b := st.plotMargins(in.xTitle != "", in.yTitle != "")
	_, lh := st.measureText("Ag", st.labelSize())
	t += in.top + lh
	p := &c.plot
	p.fit(in.pane.inset(l, t, r, b))
	c.data.Reset()
	c.frame.Reset()
	c.texts = c.texts[:0]
	c.texts = axisFrame(p, st, in.xTitle, in.yTitle, true, nil, &c.frame, c.texts)
	lw := st.lineW
	s := st.scale

	// The curve, sampled every 2 pixels and cut where it is not finite.
	ink := shaders.RGBA(st.theme.Text, 0.85)
	step := 2 * lw
	var px, py float64
	have := false
	for sx := p.px.x0; sx <= p.px.x1+step; sx += step {
		x, _ := p.toData(math.Min(sx, p.px.x1), 0)
		v := in.surf.Eval(x, 0)
		if v-v != 0 {
			have = false
			continue
		}
		_, sy := p.toPixel(x, v)
		// Keep the pixel coordinates in a sane range for float32.
		sy = math.Max(p.px.y0-1e4, math.Min(p.px.y1+1e4, sy))
		if have {
			c.data.Segment(float32(px), float32(py), float32(math.Min(sx, p.px.x1)), float32(sy), float32(2.2*lw), ink)
		}
		px, py, have = math.Min(sx, p.px.x1), sy, true
	}
	for _, m := range in.surf.Minima {
		x, y := p.toPixel(m.X, m.Value)
		if p.px.contains(x, y) {
			markMinimum(&c.data, x, y, 5*s, lw)
		}
	}

	// Runs: a faint dot per iterate, a ring at the start, a large dot now.
	dark := shaders.RGBA(color.RGBA{0x15, 0x17, 0x1c, 0xff}, 0.85)
	for _, r := range in.runs {
		n := r.trail.Len()
		if n == 0 {
			continue
		}
		col := shaders.RGBA(r.color, 1)
		if r.grey {
			col = shaders.RGBA(st.theme.Grey, 1)
		}
		faint := col.Scale(0.45)
		for i := range n - 1 {
			sm := r.trail.At(i)
			x, y := p.toPixel(sm.X, sm.Loss)
			c.data.Disc(float32(x), float32(y), float32(3*lw), faint)
		}
		last := r.trail.At(n - 1)
		x, y := p.toPixel(last.X, last.Loss)
		if in.tangent {
			_, slope, _ := in.surf.Gradient(last.X, 0)
			if slope-slope == 0 {
				half := (p.vis.x1 - p.vis.x0) / 7
				ax, ay := p.toPixel(last.X-half, last.Loss-slope*half)
				bx, by := p.toPixel(last.X+half, last.Loss+slope*half)
				c.data.Segment(float32(ax), float32(ay), float32(bx), float32(by), float32(1.6*lw), col.Scale(0.9))
			}
		}
		first := r.trail.At(0)
		fx, fy := p.toPixel(first.X, first.Loss)
		c.data.Disc(float32(fx), float32(fy), float32(5*lw), dark)
		c.data.Disc(float32(fx), float32(fy), float32(3.4*lw), shaders.RGBA(color.RGBA{0xff, 0xff, 0xff, 0xff}, 1))
		c.data.Disc(float32(x), float32(y), float32(6.5*lw), dark)
		c.data.Disc(float32(x), float32(y), float32(5*lw), col)
	}
}
