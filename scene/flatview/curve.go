package flatview

import (
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/plot"
	"descent/scene/stability"
	"descent/scene/surface"
	"descent/shaders"
)

// Curve shows a 1-D surface as a curve with axes, ticks and labels, the
// iterates of every run as dots rolling along it and, on request, the
// tangent at each run's current point, the step arrows (horizontal, one
// row each under the current point) and the stability overlay (the
// intervals where lr times the second derivative is above the critical gain).
type Curve struct {
	plot      plot.Transform
	stab      stabOverlay
	data      shaders.Lines
	over      shaders.Lines
	overTexts []plot.Text
	frame     shaders.Lines
	texts     []plot.Text
	arrows    arrowOutput
	keyBox    plot.Rect
	marks     [][2]float64 // points of the curve the key keeps off
}

// curveSamples is how many points of the domain the home view's loss range
// is taken from.
const curveSamples = 400

// NewCurve returns a curve view showing axes (x range in XMin/XMax, loss
// range in YMin/YMax) or, when axes is nil, the domain with the curve's
// range over it.
func NewCurve(s *surface.Surface, axes *surface.Domain) *Curve {
	return &Curve{plot: plot.NewTransform(curveHome(s, axes), false)}
}

// Transform returns the view's pan-and-zoom transform.
func (c *Curve) Transform() *plot.Transform { return &c.plot }

// Fit fits the transform to pane, top pixels below its top edge.
func (c *Curve) Fit(pane plot.Rect, top float64, st plot.Style) { fit(&c.plot, pane, top, st) }

// curveHome is the rectangle a curve view shows at first: the domain and
// the loss's range over it, with 8% to spare on every side.
func curveHome(s *surface.Surface, axes *surface.Domain) plot.DataRect {
	if axes != nil && axes.XMax > axes.XMin && axes.YMax > axes.YMin {
		return plot.DataRect{X0: axes.XMin, X1: axes.XMax, Y0: axes.YMin, Y1: axes.YMax}
	}
	d := s.Domain
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range curveSamples + 1 {
		x := d.XMin + (d.XMax-d.XMin)*float64(i)/curveSamples
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
	return plot.DataRect{X0: d.XMin - mx, X1: d.XMax + mx, Y0: lo - my, Y1: hi + my}
}

// Prepare builds the frame of the curve view.
func (c *Curve) Prepare(f Frame) {
	st := f.Style
	th := st.Theme
	p := &c.plot
	c.stab.prepare1D(f, p)
	c.data.Reset()
	c.over.Reset()
	c.overTexts = c.overTexts[:0]
	c.frame.Reset()
	c.texts = plot.Frame(p, st, f.XTitle, f.YTitle, true, nil, &c.frame, c.texts[:0])
	lw := st.LineW
	s := st.Scale

	// The curve, sampled every 2 pixels and cut where it is not finite.
	ink := shaders.RGBA(th.Text, 0.85)
	step := 2 * lw
	var px, py float64
	have := false
	c.marks = c.marks[:0]
	for sx := p.Px.X0; sx <= p.Px.X1+step; sx += step {
		x, _ := p.ToData(math.Min(sx, p.Px.X1), 0)
		v := f.Surface.Eval(x, 0)
		if v-v != 0 {
			have = false
			continue
		}
		_, sy := p.ToPixel(x, v)
		// Keep the pixel coordinates in a sane range for float32.
		sy = math.Max(p.Px.Y0-1e4, math.Min(p.Px.Y1+1e4, sy))
		if len(c.marks) == 0 || math.Abs(sx-c.marks[len(c.marks)-1][0]) >= 12 {
			c.marks = append(c.marks, [2]float64{sx, sy})
		}
		if have {
			c.data.Segment(float32(px), float32(py), float32(math.Min(sx, p.Px.X1)), float32(sy), float32(2.2*lw), ink)
		}
		px, py, have = math.Min(sx, p.Px.X1), sy, true
	}
	for _, m := range f.Surface.Minima {
		x, y := p.ToPixel(m.X, m.Value)
		if p.Px.Contains(x, y) {
			plot.MarkMinimum(&c.data, x, y, 5*s, lw, th)
		}
	}

	// Runs: a faint dot per iterate, a ring at the start, a large dot now.
	dark := shaders.RGBA(th.Outline, 0.85)
	for _, r := range f.Runs {
		n := r.Trail.Len()
		if n == 0 {
			continue
		}
		col := r.ink(th)
		faint := col.Scale(0.45)
		for i := range n - 1 {
			sm := r.Trail.At(i)
			x, y := p.ToPixel(sm.X, sm.Loss)
			c.data.Disc(float32(x), float32(y), float32(3*lw), faint)
		}
		last := r.Trail.At(n - 1)
		x, y := p.ToPixel(last.X, last.Loss)
		if f.Tangent {
			_, slope, _ := f.Surface.Gradient(last.X, 0)
			if slope-slope == 0 {
				half := (p.Vis.X1 - p.Vis.X0) / 7
				ax, ay := p.ToPixel(last.X-half, last.Loss-slope*half)
				bx, by := p.ToPixel(last.X+half, last.Loss+slope*half)
				c.data.Segment(float32(ax), float32(ay), float32(bx), float32(by), float32(1.6*lw), col.Scale(0.9))
			}
		}
		first := r.Trail.At(0)
		fx, fy := p.ToPixel(first.X, first.Loss)
		c.data.Disc(float32(fx), float32(fy), float32(5*lw), dark)
		c.data.Disc(float32(fx), float32(fy), float32(3.4*lw), shaders.RGBA(th.Halo, 1))
		c.data.Disc(float32(x), float32(y), float32(6.5*lw), dark)
		c.data.Disc(float32(x), float32(y), float32(5*lw), col)
	}
	c.drawCurveArrows(f)
	c.curvatureLabel(f)
	c.drawKey(f)
}

// Draw draws the frame the last Prepare built.
func (c *Curve) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	clip := plot.SubImage(dst, c.plot.Px)
	_ = c.stab.lines.Draw(clip)
	_ = c.frame.Draw(dst)
	_ = c.data.Draw(clip)
	_ = c.over.Draw(clip)
	fonts.DrawAll(clip, c.overTexts)
	fonts.DrawAll(dst, c.texts)
}

// curvatureLabel writes the second derivative at the overlay's point (a
// curve's one eigenvalue) above it.
func (c *Curve) curvatureLabel(f Frame) {
	sb := f.Stability
	if sb == nil || len(sb.At) == 0 || f.Surface.Hessian == nil {
		return
	}
	pt, err := stability.At(f.Surface, sb.At[0], 0)
	if err != nil {
		return
	}
	x, y := c.plot.ToPixel(pt.X, pt.Loss)
	if !c.plot.Px.Contains(x, y) {
		return
	}
	st := f.Style
	text := "f'' = " + strconv.FormatFloat(pt.Eigenvalues[0], 'g', 3, 64)
	t, box, ok := labelTry(text, x, y-10*st.Scale, [][2]float64{{0, -1}, {-1, -1}, {1, -1}}, st, c.plot.Px, c.arrows.placed)
	if !ok {
		return
	}
	pad := 2 * st.Scale
	plot.FillRect(&c.over, box.Inset(-pad, -pad/2, -pad, -pad/2), st.Theme.Panel, 0.78)
	plot.OutlineRect(&c.over, box.Inset(-pad, -pad/2, -pad, -pad/2), float32(1.4*st.LineW), shaders.RGBA(sb.Color, 1))
	c.arrows.placed = append(c.arrows.placed, box.Inset(-pad, -pad, -pad, -pad))
	c.overTexts = append(c.overTexts, t)
}
