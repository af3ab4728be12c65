package view3d

import (
	"math"
	"testing"

	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/stability"
	"descent/scene/surface"
)

// stepRun returns a run of one point at (x, y) whose step has the given
// update, gradient step and velocity (data units; nil: none).
func stepRun(surf *surface.Surface, x, y float64, upd, grad, vel, box []float64) Run {
	tr := run.NewTrail(4)
	tr.Push(run.Sample{X: x, Y: y, Loss: surf.Eval(x, y)})
	s := arrows.Step{From: []float64{x, y}, Update: upd, Gradient: grad, Velocity: vel, Box: box}
	return Run{Trail: tr, Color: red, Step: &s}
}

// TestArrowsDrawnAndBounded: every kind a step has is draped and drawn, the
// longest at most arrowShare of the box's side (world x-y plane) and the
// scale the largest 1-2-5 number that keeps it so; the box and labels come
// with them.
func TestArrowsDrawnAndBounded(t *testing.T) {
	v, cam := hillView(t)
	for _, c := range []struct {
		name  string
		runs  []Run
		kinds int
		box   bool
	}{
		{"three arrows", []Run{stepRun(v.surf, -0.5, -0.5, []float64{0.01, 0.02}, []float64{0.05, 0}, []float64{0, 0.03}, nil)}, 3, false},
		{"no velocity, a box", []Run{stepRun(v.surf, -0.5, 0.5, []float64{0.2, 0.1}, []float64{0.4, 0}, nil, []float64{0.1, 0.3})}, 2, true},
		{"two runs, one scale", []Run{
			stepRun(v.surf, -0.5, -0.5, []float64{1e-3, 0}, []float64{1e-3, 0}, nil, nil),
			stepRun(v.surf, -0.5, 0.5, []float64{0, 5e-3}, []float64{0, 5e-3}, nil, nil),
		}, 4, false},
	} {
		v.Prepare(Frame{Camera: cam, Style: style(), Runs: c.runs})
		a := &v.arr
		if len(a.drawn) != c.kinds {
			t.Errorf("%s: %d arrows drawn, want %d", c.name, len(a.drawn), c.kinds)
		}
		bound := arrowShare * 2 * mesh.WorldXY
		longest := 0.0
		for _, d := range a.drawn {
			longest = math.Max(longest, d.worldLen)
			if d.worldLen > bound*(1+1e-6) {
				t.Errorf("%s: %s arrow %.4g world units long, bound %.4g", c.name, d.kind.Label(), d.worldLen, bound)
			}
			if d.shown == 0 {
				t.Errorf("%s: %s arrow of run %d not shown in front of the camera", c.name, d.kind.Label(), d.run)
			}
		}
		if up, _ := arrows.Nice(a.k * 2.6); longest*up/a.k <= bound*(1-1e-3) {
			t.Errorf("%s: scale %g leaves room for %g (longest %.3g of %.3g)", c.name, a.k, up, longest, bound)
		}
		hasBox := len(a.drapes) > 0 && len(a.drapes[0].box.pts) > 0
		if hasBox != c.box {
			t.Errorf("%s: box %v, want %v", c.name, hasBox, c.box)
		}
		if a.keyBox.Empty() || len(a.keyTexts) == 0 {
			t.Errorf("%s: no key", c.name)
		}
		found := false
		for _, x := range a.keyTexts {
			found = found || x.S == a.label
		}
		if !found {
			t.Errorf("%s: the key does not say %q", c.name, a.label)
		}
		for i, r := range c.runs {
			if a.lines[i].Len() == 0 {
				t.Errorf("%s: run %d has no arrow triangles", c.name, i)
			}
			_ = r
		}
	}
	// No steps: nothing.
	v.Prepare(Frame{Camera: cam, Style: style(), Runs: []Run{{Trail: trailOf(v.surf, [2]float64{0, 0}), Color: red}}})
	if len(v.arr.drawn) != 0 || v.arr.lines[0].Len() != 0 || !v.arr.keyBox.Empty() {
		t.Errorf("a run without a step drew %d arrows, a key %v", len(v.arr.drawn), v.arr.keyBox)
	}
}

// TestArrowsHiddenLikeTrails: an arrow running from in front of the hill
// to behind it is drawn in full in front and, behind, left out over an
// opaque surface and faded over a translucent one, exactly as a trail
// along the same line.
func TestArrowsHiddenLikeTrails(t *testing.T) {
	v, cam := hillView(t) // the eye on the -x side
	// Up the hill's front and down its back: the longest arrow allowed.
	r := stepRun(v.surf, -0.2, 0, []float64{0.7, 0}, nil, nil, nil)
	tr := Run{Trail: trailOf(v.surf, [2]float64{-0.2, 0}, [2]float64{0.5, 0}), Color: red}
	for _, alpha := range []float64{1, 0.5} {
		v.SetAlpha(alpha)
		v.Prepare(Frame{Camera: cam, Style: style(), Runs: []Run{r, tr}})
		if len(v.arr.drawn) != 1 {
			t.Fatalf("alpha %g: %d arrows", alpha, len(v.arr.drawn))
		}
		d := v.arr.drawn[0]
		if d.kind != plot.UpdateArrow || v.arr.k != 1 || math.Abs(0.7*mesh.WorldXY-d.worldLen) > 1e-3 {
			t.Errorf("alpha %g: arrow %s of %.3f world units, scale %g", alpha, d.kind.Label(), d.worldLen, v.arr.k)
		}
		if d.shown == 0 {
			t.Errorf("alpha %g: nothing of the arrow shown in front of the hill", alpha)
		}
		hiddenPieces := d.dropped + d.faded
		if hiddenPieces == 0 {
			t.Errorf("alpha %g: nothing of the arrow hidden behind the hill: %+v", alpha, d)
		}
		if alpha == 1 && d.faded != 0 {
			t.Errorf("opaque: %d faded pieces, want them left out", d.faded)
		}
		if alpha < 1 && d.dropped != 0 {
			t.Errorf("translucent: %d pieces left out, want them faded", d.dropped)
		}
		// The faded pieces have the trail's hidden opacity.
		a := v.arr.lines[0]
		lo, hi := float32(2), float32(0)
		for _, vx := range a.Vertices {
			if vx.ColorA > 0 && vx.ColorR/vx.ColorA > 0.7 && vx.ColorG/vx.ColorA < 0.3 { // the run's red, not the halo
				lo, hi = min(lo, vx.ColorA), max(hi, vx.ColorA)
			}
		}
		if hi != 1 {
			t.Errorf("alpha %g: strongest arrow opacity %v, want 1", alpha, hi)
		}
		if alpha < 1 && math.Abs(float64(lo-v.hidden())) > 1e-6 {
			t.Errorf("alpha %g: faintest arrow opacity %v, want the trails' %v", alpha, lo, v.hidden())
		}
		// The same line as a trail: its pieces in front and behind follow the
		// same visibility (the arrow's cut comes at the trail's, within a
		// piece).
		pts := v.projectPath(&v.arr.drapes[0].arrows[plot.UpdateArrow])
		front := 0
		for _, p := range pts[1:] {
			if p.vis == 1 {
				front++
			}
		}
		tp := v.trails.trails[1]
		trailPath := path{pts: tp.pts, normals: tp.normals}
		tpts := v.projectPath(&trailPath)
		tfront := 0
		for _, p := range tpts[1:] {
			if p.vis == 1 {
				tfront++
			}
		}
		share, tshare := float64(front)/float64(len(pts)-1), float64(tfront)/float64(len(tpts)-1)
		if math.Abs(share-tshare) > 0.1 {
			t.Errorf("alpha %g: %.0f%% of the arrow in front, %.0f%% of the trail", alpha, 100*share, 100*tshare)
		}
	}
}

// TestStabilityTint: the overlay writes lr/lr_max into every vertex of the
// drawn mesh, only when the rule changes, and clears it when turned off.
func TestStabilityTint(t *testing.T) {
	bowl, err := surface.Lookup("himmelblau")
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(bowl, Config{Mesh: 40, Alpha: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	_, cam := hillView(t)
	l := v.full
	g := l.m.Grid
	lambda, err := stability.Curvatures(bowl, g.Domain, g.N, g.N, nil)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, r stability.Rule) {
		t.Helper()
		for k := range l.verts {
			want := float32(math.Min(r.Ratio(lambda[k]), arrows.MaxRatio))
			if got := l.verts[k].Custom2; math.Abs(float64(got-want)) > 1e-6*float64(want) {
				t.Fatalf("%s: vertex %d ratio %v, want %v", name, k, got, want)
			}
		}
	}
	r1 := stability.Rule{LR: 0.01}
	v.SetStability(&arrows.Stability{Rule: r1, At: []float64{0, 0}, Color: magenta})
	v.Prepare(Frame{Camera: cam, Style: style()})
	check("lr 0.01", r1)
	unstable := 0
	for k := range l.verts {
		if l.verts[k].Custom2 > 1 {
			unstable++
		}
	}
	if unstable == 0 || unstable == len(l.verts) {
		t.Errorf("%d of %d vertices unstable at lr 0.01", unstable, len(l.verts))
	}
	// The same rule again: the vertices are not rewritten.
	l.verts[0].Custom2 = -7
	v.Prepare(Frame{Camera: cam, Style: style()})
	if l.verts[0].Custom2 != -7 {
		t.Error("the same rule rewrote the vertices")
	}
	r2 := stability.Rule{LR: 0.005, Momentum: 0.9}
	v.SetStability(&arrows.Stability{Rule: r2, Color: magenta})
	v.Prepare(Frame{Camera: cam, Style: style()})
	check("lr 0.005 momentum 0.9", r2)
	if v.arr.eig.Len() != 0 {
		t.Error("eigen-directions drawn without a point")
	}
	v.SetStability(&arrows.Stability{Rule: r2, At: []float64{0, 0}, Color: magenta})
	v.Prepare(Frame{Camera: cam, Style: style()})
	if v.arr.eig.Len() == 0 {
		t.Error("no eigen-directions at (0, 0)")
	}
	v.SetStability(nil)
	v.Prepare(Frame{Camera: cam, Style: style()})
	for k := range l.verts {
		if l.verts[k].Custom2 != 0 {
			t.Fatalf("overlay off: vertex %d keeps ratio %v", k, l.verts[k].Custom2)
		}
	}
	if !v.arr.keyBox.Empty() || v.arr.eig.Len() != 0 {
		t.Error("overlay off: a key or eigen-directions remain")
	}
	// A surface without a Hessian: no tint, and an error to say why.
	flat := &surface.Surface{Name: "flat", Dim: 2, Domain: surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1}, Eval: func(x, y float64) float64 { return x * y }}
	flat.Gradient = func(x, y float64) (float64, float64, float64) { return x * y, y, x }
	fv, err := New(flat, Config{Mesh: 20, Alpha: 1})
	if err != nil {
		t.Fatal(err)
	}
	fv.SetStability(&arrows.Stability{Rule: r1, At: []float64{0, 0}})
	fv.Prepare(Frame{Camera: cam, Style: style()})
	if fv.StabilityErr() == nil || fv.full.tinted {
		t.Errorf("no Hessian: error %v, tinted %v", fv.StabilityErr(), fv.full.tinted)
	}
}
