// Package fitview draws what a model surface's runs do to the data: the
// data set (points, coloured by label for a classifier) and, for each run,
// the model its current parameters make, in the run's colour: the
// regression line (ols), the sigmoid and its decision threshold
// (logistic), the tanh curve (tanh-unit), the decision boundary over the
// input plane (mlp-slice).
package fitview

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/contour"
	"descent/scene/parallel"
	"descent/scene/plot"
	"descent/scene/surface"
	"descent/shaders"
)

// Run is one run as the fit view draws it.
type Run struct {
	// Params is the run's current point: the model's parameters.
	Params []float64
	Color  color.RGBA
	// Grey draws the run in the theme's grey (it diverged).
	Grey bool
}

// Frame is what the fit view needs to prepare a frame.
type Frame struct {
	Style plot.Style
	Runs  []Run
}

// View is the fit pane of one model.
type View struct {
	model *surface.Model
	plot  plot.Transform
	data  shaders.Lines // the data points
	fits  shaders.Lines // the runs' models
	frame shaders.Lines
	texts []plot.Text
	grid  []float64 // an MLP's outputs over the input plane (reused)
}

// Geometry in pixels at device scale 1.
const (
	pointRadius   = 3.2 // a data point
	curveWidth    = 2.4 // a run's model
	curveStep     = 2   // pixels between a curve's samples
	boundaryCells = 48  // samples per side of the input plane for a decision boundary
)

// New returns the fit view of model m.
func New(m *surface.Model) *View {
	return &View{model: m, plot: plot.NewTransform(home(m), false)}
}

// Transform returns the view's pan-and-zoom transform.
func (v *View) Transform() *plot.Transform { return &v.plot }

// Fit fits the view to pane, top pixels below its top edge.
func (v *View) Fit(pane plot.Rect, top float64, st plot.Style) {
	v.plot.Fit(st.PlotArea(pane, top, true, true))
}

// home returns the data's range with 8% to spare; a classifier over one
// input shows its labels 0 and 1 with room for the sigmoid.
func home(m *surface.Model) plot.DataRect {
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for i, in := range m.Inputs {
		y := m.Targets[i]
		if m.InputDim() == 2 {
			y = in[1]
		}
		lo[0], hi[0] = math.Min(lo[0], in[0]), math.Max(hi[0], in[0])
		lo[1], hi[1] = math.Min(lo[1], y), math.Max(hi[1], y)
	}
	if m.Classifier && m.InputDim() == 1 {
		lo[1], hi[1] = 0, 1
	}
	if !(hi[0] > lo[0]) {
		lo[0], hi[0] = lo[0]-1, lo[0]+1
	}
	if !(hi[1] > lo[1]) {
		lo[1], hi[1] = lo[1]-1, lo[1]+1
	}
	mx, my := (hi[0]-lo[0])*0.08, (hi[1]-lo[1])*0.08
	return plot.DataRect{X0: lo[0] - mx, X1: hi[0] + mx, Y0: lo[1] - my, Y1: hi[1] + my}
}

// Titles returns the axes' titles: the input column and the target (or the
// second input for mlp-slice).
func (v *View) Titles() (x, y string) {
	c := v.model.Columns
	if v.model.InputDim() == 2 {
		return c[0], c[1]
	}
	if v.model.Classifier {
		return c[0], "P(" + c[1] + " = 1)"
	}
	return c[0], c[1]
}

// Prepare builds the frame: axes, the data and each run's model.
func (v *View) Prepare(f Frame) {
	st := f.Style
	th := st.Theme
	p := &v.plot
	m := v.model
	v.data.Reset()
	v.fits.Reset()
	v.frame.Reset()
	xt, yt := v.Titles()
	v.texts = plot.Frame(p, st, xt, yt, true, nil, &v.frame, v.texts[:0])
	lw := st.LineW
	// The data, coloured by label for a classifier.
	for i, in := range m.Inputs {
		y := m.Targets[i]
		if m.InputDim() == 2 {
			y = in[1]
		}
		x, sy := p.ToPixel(in[0], y)
		if !p.Px.Contains(x, sy) {
			continue
		}
		c := shaders.RGBA(th.Muted, 0.55)
		if m.Classifier {
			c = shaders.RGBA(labelColor(th, m.Targets[i]), 0.8)
		}
		v.data.Disc(float32(x), float32(sy), float32(pointRadius*lw), c)
	}
	for _, r := range f.Runs {
		if len(r.Params) < 2 || !finite(r.Params[0]) || !finite(r.Params[1]) {
			continue
		}
		c := shaders.RGBA(r.Color, 1)
		if r.Grey {
			c = shaders.RGBA(th.Grey, 1)
		}
		if m.InputDim() == 2 {
			v.boundary(r.Params, c, lw)
			continue
		}
		v.curve(r.Params, c, lw)
		if m.Kind == surface.KindLogistic && r.Params[0] != 0 {
			// The decision threshold: where the sigmoid crosses 0.5.
			x0 := -r.Params[1] / r.Params[0]
			if sx, _ := p.ToPixel(x0, 0); sx >= p.Px.X0 && sx <= p.Px.X1 {
				v.fits.Segment(float32(sx), float32(p.Px.Y0), float32(sx), float32(p.Px.Y1), float32(lw), c.Scale(0.55))
			}
		}
	}
}

// curve draws the model of a one-input surface at params across the plot.
func (v *View) curve(params []float64, c shaders.Color, lw float64) {
	p := &v.plot
	var px, py float64
	have := false
	in := make([]float64, 1)
	for sx := p.Px.X0; sx <= p.Px.X1+curveStep; sx += curveStep * lw {
		x, _ := p.ToData(math.Min(sx, p.Px.X1), 0)
		in[0] = x
		y := v.model.Predict(params, in)
		if !finite(y) {
			have = false
			continue
		}
		_, sy := p.ToPixel(x, y)
		sy = math.Max(p.Px.Y0-1e4, math.Min(p.Px.Y1+1e4, sy))
		if have {
			v.fits.Segment(float32(px), float32(py), float32(math.Min(sx, p.Px.X1)), float32(sy), float32(curveWidth*lw), c)
		}
		px, py, have = math.Min(sx, p.Px.X1), sy, true
	}
}

// boundary draws the decision boundary of a two-input classifier at params:
// the level set Predict = Threshold over the visible input plane.
func (v *View) boundary(params []float64, c shaders.Color, lw float64) {
	p := &v.plot
	n := boundaryCells
	if cap(v.grid) < n*n {
		v.grid = make([]float64, n*n)
	}
	g := v.grid[:n*n]
	vis := p.Vis
	parallel.For(n, func(j0, j1 int) {
		in := make([]float64, 2)
		for j := j0; j < j1; j++ {
			in[1] = vis.Y0 + (vis.Y1-vis.Y0)*float64(j)/float64(n-1)
			for i := range n {
				in[0] = vis.X0 + (vis.X1-vis.X0)*float64(i)/float64(n-1)
				g[j*n+i] = v.model.Predict(params, in)
			}
		}
	})
	dom := contour.Rect{MinX: vis.X0, MinY: vis.Y0, MaxX: vis.X1, MaxY: vis.Y1}
	for _, line := range contour.Lines(g, n, n, dom, surface.Threshold) {
		pts := contour.Project(line, func(q contour.Point) (float64, float64) { return p.ToPixel(q.X, q.Y) })
		for k := 1; k < len(pts); k++ {
			v.fits.Segment(float32(pts[k-1].X), float32(pts[k-1].Y), float32(pts[k].X), float32(pts[k].Y), float32(curveWidth*lw), c)
		}
	}
}

// labelColor returns the colour of a data point of label 0 or 1.
func labelColor(th plot.Theme, label float64) color.RGBA {
	if label > surface.Threshold {
		return th.Label1
	}
	return th.Label0
}

// Draw draws the frame the last Prepare built.
func (v *View) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	clip := plot.SubImage(dst, v.plot.Px)
	_ = v.frame.Draw(dst)
	_ = v.data.Draw(clip)
	_ = v.fits.Draw(clip)
	fonts.DrawAll(dst, v.texts)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
