package flatview

import (
	"testing"

	"descent/scene/contour"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/stability"
	"descent/scene/surface"
)

// benchContour is the contour map of Himmelblau's function fitted to the
// test pane, with six runs that have steps (no fonts: rough widths).
func benchContour(b *testing.B) (*Contour, Frame) {
	b.Helper()
	t := &testing.T{}
	surf, err := surface.Lookup("himmelblau")
	if err != nil {
		b.Fatal(err)
	}
	cmap, err := mesh.LookupColormap("viridis")
	if err != nil {
		b.Fatal(err)
	}
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1}
	c := NewContour(surf.Domain, contour.Sqrt, true)
	c.Fit(pane, 0, st)
	specs := []string{"sgd:lr=0.02", "sgd:lr=0.005,momentum=0.9", "sgd:lr=0.005,momentum=0.9,nesterov=true", "adam:lr=0.1", "rmsprop:lr=0.05", "adagrad:lr=0.5"}
	starts := [][]float64{{0, -3}, {-1, 4}, {-4, -1}, {0.5, 0.5}, {-3, 3}, {4, -4}}
	var runs []Run
	for i, sp := range specs {
		runs = append(runs, optRun(t, surf, sp, starts[i], 40, red))
	}
	f := Frame{Surface: surf, Colormap: cmap, Style: st, Runs: runs, XTitle: "x", YTitle: "y"}
	c.Prepare(f) // the bands and lines, cached from here on
	return c, f
}

// BenchmarkContourPaths is a frame of the contour map with six runs'
// paths and neither arrows nor overlay: the baseline of the ones below.
func BenchmarkContourPaths(b *testing.B) {
	c, f := benchContour(b)
	for b.Loop() {
		c.Prepare(f)
	}
}

// BenchmarkContourArrows adds the six runs' step arrows, labels and key.
func BenchmarkContourArrows(b *testing.B) {
	c, f := benchContour(b)
	f.Arrows = true
	for b.Loop() {
		c.Prepare(f)
	}
}

// BenchmarkContourStabilityCached adds the stability overlay with the
// same rule every frame: its shading is kept.
func BenchmarkContourStabilityCached(b *testing.B) {
	c, f := benchContour(b)
	f.Stability = &Stability{Rule: stability.Rule{LR: 0.02}, At: f.Runs[0].Step.From, Color: magenta}
	for b.Loop() {
		c.Prepare(f)
	}
}

// BenchmarkContourStabilityNewLR changes the lr every frame (a slider
// dragged): the shading is rebuilt from the cached curvatures.
func BenchmarkContourStabilityNewLR(b *testing.B) {
	c, f := benchContour(b)
	lr := 0.02
	for b.Loop() {
		lr *= 1.001
		f.Stability = &Stability{Rule: stability.Rule{LR: lr}, At: f.Runs[0].Step.From, Color: magenta}
		c.Prepare(f)
	}
}

// BenchmarkCurveStabilityNewLR is the same for the quartic curve.
func BenchmarkCurveStabilityNewLR(b *testing.B) {
	t := &testing.T{}
	q := quarticCurve()
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1}
	cu := NewCurve(q, nil)
	cu.Fit(pane, 0, st)
	f := Frame{Surface: q, Style: st, Runs: []Run{optRun(t, q, "sgd:lr=0.1,momentum=0.5", []float64{2.2}, 3, red)}, Arrows: true}
	lr := 0.2
	for b.Loop() {
		lr *= 1.001
		f.Stability = &Stability{Rule: stability.Rule{LR: lr}, Color: magenta}
		cu.Prepare(f)
	}
}
