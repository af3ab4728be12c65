package view3d

import (
	"testing"

	"github.com/go-gl/mathgl/mgl64"

	"descent/camera"
	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/stability"
	"descent/scene/surface"
)

// benchView is Himmelblau's function at the window's default mesh with two
// runs that have steps, seen from matplotlib's default angle.
func benchView(b *testing.B) (*View, *camera.Camera, []Run) {
	b.Helper()
	t := &testing.T{}
	surf, err := surface.Lookup("himmelblau")
	if err != nil {
		b.Fatal(err)
	}
	v, err := New(surf, Config{Mesh: 200, Preview: 60, Alpha: 0.8})
	if err != nil {
		b.Fatal(err)
	}
	cam := camera.FromMatplotlib(30, -60)
	cam.SetViewport(1280, 720)
	lo, hi := mesh.WorldCorners()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	runs := []Run{
		optRun(t, surf, "adam:lr=0.1", []float64{0.5, 0.5}, 8, red),
		optRun(t, surf, "sgd:lr=0.005,momentum=0.9,nesterov=true", []float64{-1, 4}, 6, blue),
	}
	return v, cam, runs
}

// BenchmarkPrepareTrails is a frame's CPU work with two runs' trails and
// no arrows: the baseline of the two below.
func BenchmarkPrepareTrails(b *testing.B) {
	v, cam, runs := benchView(b)
	for i := range runs {
		runs[i].Step = nil
	}
	for b.Loop() {
		v.Prepare(Frame{Camera: cam, Style: style(), Runs: runs})
	}
}

// BenchmarkPrepareArrows adds both runs' step arrows.
func BenchmarkPrepareArrows(b *testing.B) {
	v, cam, runs := benchView(b)
	for b.Loop() {
		v.Prepare(Frame{Camera: cam, Style: style(), Runs: runs})
	}
}

// BenchmarkPrepareStabilityCached adds the stability overlay with the same
// rule every frame (curvatures and tint kept).
func BenchmarkPrepareStabilityCached(b *testing.B) {
	v, cam, runs := benchView(b)
	v.SetStability(&arrows.Stability{Rule: stability.Rule{LR: 0.02}, At: runs[1].Step.From, Color: magenta})
	for b.Loop() {
		v.Prepare(Frame{Camera: cam, Style: style(), Runs: runs})
	}
}

// BenchmarkPrepareStabilityNewLR changes the lr every frame (a slider
// dragged): the mesh is re-judged from the cached curvatures.
func BenchmarkPrepareStabilityNewLR(b *testing.B) {
	v, cam, runs := benchView(b)
	lr := 0.02
	for b.Loop() {
		lr *= 1.001
		v.SetStability(&arrows.Stability{Rule: stability.Rule{LR: lr}, At: runs[1].Step.From, Color: magenta})
		v.Prepare(Frame{Camera: cam, Style: style(), Runs: runs})
	}
}
