package flatview

import (
	"math"
	"strings"
	"testing"

	"descent/scene/arrows"
	"descent/scene/contour"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/stability"
	"descent/scene/surface"
)

// prepared returns a contour map of surf fitted to the test pane and
// prepared with f's runs and settings (no display needed).
func prepared(t *testing.T, surf *surface.Surface, f Frame) *Contour {
	t.Helper()
	cmap, err := mesh.LookupColormap("viridis")
	if err != nil {
		t.Fatal(err)
	}
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1}
	c := NewContour(surf.Domain, contour.Sqrt, true)
	c.Fit(pane, 0, st)
	f.Surface, f.Colormap, f.Style = surf, cmap, st
	c.Prepare(f)
	return c
}

func TestContourArrowsCases(t *testing.T) {
	himmel, _ := surface.Lookup("himmelblau")
	sgd := func() Run { return optRun(t, himmel, "sgd:lr=0.01", []float64{0, -3}, 5, red) }
	heavy := func() Run { return optRun(t, himmel, "sgd:lr=0.005,momentum=0.9", []float64{-1, 4}, 5, blue) }
	adam := func() Run { return optRun(t, himmel, "adam:lr=0.1", []float64{0.5, 0.5}, 5, green) }
	far := func() Run { // a run off the plot, with an enormous step
		r := sgd()
		s := arrows.Step{From: []float64{40, 40}, Update: []float64{1e6, 0}, Gradient: []float64{1e6, 0}}
		r.Step = &s
		return r
	}
	grey := func() Run { r := adam(); r.Grey = true; return r }
	for _, c := range []struct {
		name   string
		runs   []Run
		arrows bool
		drawn  int
		boxes  int
		labels []string // label texts that must be there
	}{
		{"arrows off", []Run{sgd(), adam()}, false, 0, 0, nil},
		{"plain SGD: the update is the gradient step", []Run{sgd()}, true, 2, 0, []string{"update = −lr∇f"}},
		{"heavy ball: the update is the velocity", []Run{heavy()}, true, 3, 0, []string{"update = velocity", "−lr∇f"}},
		{"Adam: three arrows and a box", []Run{adam()}, true, 3, 1, nil},
		{"three arrows apart, three labels", []Run{synthetic(himmel, 0, 0, red)}, true, 3, 1, []string{"update", "velocity", "−lr∇f"}},
		{"a run off the plot does not set the scale", []Run{sgd(), far()}, true, 2, 0, []string{"update = −lr∇f"}},
		{"a diverged run has no arrows", []Run{grey(), sgd()}, true, 2, 0, nil},
		{"a run without a step", []Run{{Trail: sgd().Trail, Color: red}}, true, 0, 0, nil},
	} {
		cv := prepared(t, himmel, Frame{Runs: c.runs, Arrows: c.arrows})
		o := cv.arrows
		if len(o.drawn) != c.drawn || len(o.boxes) != c.boxes {
			t.Errorf("%s: %d arrows, %d boxes; want %d, %d", c.name, len(o.drawn), len(o.boxes), c.drawn, c.boxes)
		}
		for _, want := range c.labels {
			found := false
			for _, x := range cv.overTexts {
				found = found || x.S == want || strings.Join(strings.Split(want, "∇"), "") == x.S
			}
			// RichText splits at ∇: look for the pieces.
			if !found && strings.Contains(want, "∇") {
				parts := strings.Split(want, "∇")
				for i, x := range cv.overTexts {
					if x.S == parts[0] && i+1 < len(cv.overTexts) && cv.overTexts[i+1].S == parts[1] {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("%s: no label %q", c.name, want)
			}
		}
		if c.drawn > 0 && (cv.keyBox.Empty() || o.k <= 0) {
			t.Errorf("%s: key %v, scale %g", c.name, cv.keyBox, o.k)
		}
		if c.drawn == 0 && !cv.keyBox.Empty() {
			t.Errorf("%s: a key without arrows", c.name)
		}
		for _, a := range o.drawn {
			if l := math.Hypot(a.bx-a.ax, a.by-a.ay); l > o.maxLen || l < 1 {
				t.Errorf("%s: %s arrow %.1f px (bound %.1f)", c.name, a.kind.Label(), l, o.maxLen)
			}
		}
	}
}

// TestFadedHistory: with a few runs the earlier updates show as faded
// arrows along the path, at least historySpacing pixels apart; with many,
// none.
func TestFadedHistory(t *testing.T) {
	himmel, _ := surface.Lookup("himmelblau")
	r := optRun(t, himmel, "sgd:lr=0.005,momentum=0.9", []float64{-1, 4}, 20, blue)
	c := prepared(t, himmel, Frame{Runs: []Run{r}, Arrows: true})
	f := c.arrows.faded
	if len(f) < 3 {
		t.Fatalf("%d faded arrows", len(f))
	}
	for i := 1; i < len(f); i++ {
		if d := math.Hypot(f[i].ax-f[i-1].ax, f[i].ay-f[i-1].ay); d < 1 {
			t.Errorf("faded arrows %d and %d start %.1f px apart", i-1, i, d)
		}
	}
	for _, a := range f {
		if l := math.Hypot(a.bx-a.ax, a.by-a.ay); l > c.arrows.maxLen {
			t.Errorf("faded arrow %.1f px, bound %.1f", l, c.arrows.maxLen)
		}
	}
	many := []Run{r, r, r}
	if c := prepared(t, himmel, Frame{Runs: many, Arrows: true}); len(c.arrows.faded) != 0 {
		t.Errorf("%d faded arrows with three runs", len(c.arrows.faded))
	}
}

// TestStabilityWithoutHessian: a surface without a Hessian shows no
// shading and the key says why.
func TestStabilityWithoutHessian(t *testing.T) {
	s := &surface.Surface{Name: "saddle-ish", Dim: 2, Domain: surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1},
		Eval: func(x, y float64) float64 { return x*x - y*y }}
	s.Gradient = func(x, y float64) (float64, float64, float64) { return x*x - y*y, 2 * x, -2 * y }
	tr := run.NewTrail(2)
	tr.Push(run.Sample{X: 0.5, Y: 0.5})
	c := prepared(t, s, Frame{Runs: []Run{{Trail: tr, Color: red}}, Stability: &Stability{Rule: stability.Rule{LR: 0.1}, At: []float64{0.5, 0.5}, Color: magenta}})
	if c.stab.err == nil || c.stab.unstable != 0 || c.stab.lines.Len() != 0 {
		t.Errorf("no Hessian: error %v, %d triangles", c.stab.err, c.stab.unstable)
	}
	found := false
	for _, x := range c.overTexts {
		found = found || strings.Contains(x.S, "no Hessian")
	}
	if !found {
		t.Error("the key does not say the surface has no Hessian")
	}
}

// TestStabilityCache: the same rule keeps the shading; a new lr rebuilds
// it from the cached curvatures; panning resamples them.
func TestStabilityCache(t *testing.T) {
	rosen, _ := surface.Lookup("rosenbrock")
	f := Frame{Stability: &Stability{Rule: stability.Rule{LR: 0.001}, Color: magenta}}
	c := prepared(t, rosen, f)
	first := c.stab.unstable
	if first == 0 {
		t.Fatal("no unstable region at lr 0.001")
	}
	cmap, _ := mesh.LookupColormap("viridis")
	f.Surface, f.Colormap, f.Style = rosen, cmap, plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1}
	c.stab.lines.Vertices[0].DstX = -12345 // a mark: a rebuild would lose it
	c.Prepare(f)
	if c.stab.lines.Vertices[0].DstX != -12345 {
		t.Error("the same rule rebuilt the shading")
	}
	f.Stability = &Stability{Rule: stability.Rule{LR: 0.0005}, Color: magenta}
	c.Prepare(f)
	if c.stab.lines.Vertices[0].DstX == -12345 || c.stab.unstable >= first {
		t.Errorf("a smaller lr: %d triangles (was %d)", c.stab.unstable, first)
	}
	changed, _ := c.stab.curv.Sample(rosen, c.stab.curv.Domain(), c.nx, c.ny)
	if changed {
		t.Error("the curvatures were not kept for the same view")
	}
	c.Transform().PanBy(40, 0)
	c.Prepare(f)
	if d := c.stab.curv.Domain(); d.XMin == rosen.Domain.XMin {
		t.Errorf("panned, yet the curvatures cover %v", d)
	}
}
