// Package flatview draws the surface seen flat: the contour map of a 2-D
// surface (filled bands, labelled iso-lines, the known minima) and the curve
// of a 1-D one, each with its axes and every run's path on it, the arrows
// that explain each run's next step (package arrows) with their key, and the
// stability overlay: where the local model is unstable for a run's rule.
//
// A view's transform is fitted to its pane when the window's layout is
// computed (Fit), so pointer handling can map pixels to data in Update;
// Prepare then builds a frame's geometry and Draw draws it.
package flatview

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/shaders"
)

// Run is what a flat view draws of one run.
type Run struct {
	Trail *run.Trail
	Color color.RGBA
	// Grey draws the run in the theme's grey (it diverged).
	Grey bool
	// Step is the step the run takes next from its current iterate, taken
	// apart (arrows.FromExplanation): with Frame.Arrows it is drawn as
	// arrows there, and the run's earlier updates as faded arrows along its
	// path. nil: no arrows for this run.
	Step *arrows.Step
}

// Stability is the stability overlay: the region where the local model is
// unstable for a run's update rule, and the eigen-directions at its iterate.
type Stability = arrows.Stability

// Frame is what a flat view needs to prepare a frame.
type Frame struct {
	Surface  *surface.Surface
	Colormap mesh.Colormap
	Style    plot.Style
	Runs     []Run
	// Arrows draws each run's Step (G): the gradient step -lr*g, the
	// velocity, the update and the adaptive box, all scaled by one factor
	// written in a key.
	Arrows bool
	// Stability, when set, shades where the local model is unstable for its
	// rule and draws the Hessian's eigen-directions at its point.
	Stability *Stability
	// Tangent draws the tangent at each run's current point of a curve (T).
	Tangent bool
	// XTitle and YTitle name the axes.
	XTitle, YTitle string
	// Avoid lists screen areas the contour labels keep clear of (the legend).
	Avoid []plot.Rect
	// Backdrop, when set, is drawn in place of the contour map's filled
	// bands, under its iso-lines, the minima and the paths (the basins
	// view's map).
	Backdrop *Backdrop
	// Swarms are drawn on the contour map as small dots in their runs'
	// colours, under the paths.
	Swarms []Swarm
}

// Backdrop is a picture of the plane: Image covers the data rectangle
// Rect, its top row at Rect.Y1, each pixel a cell drawn as a sharp block.
type Backdrop struct {
	Image *ebiten.Image
	Rect  plot.DataRect
}

// Swarm is one run's particles: their points (Xs[i], Ys[i]), drawn in Color
// (Grey: the theme's grey).
type Swarm struct {
	Xs, Ys []float64
	Color  color.RGBA
	Grey   bool
}

// ink returns the colour a run is drawn in: its own, or grey once it
// diverged.
func (r Run) ink(th plot.Theme) shaders.Color {
	if r.Grey {
		return shaders.RGBA(th.Grey, 1)
	}
	return shaders.RGBA(r.Color, 1)
}

// fit places a framed plot's transform in pane, top pixels below its top
// edge (under the window's title).
func fit(p *plot.Transform, pane plot.Rect, top float64, st plot.Style) {
	p.Fit(st.PlotArea(pane, top, true, true))
}
