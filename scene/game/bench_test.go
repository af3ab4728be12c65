package game

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"descent/scene"
)

// benchGame builds the bowl-turntable scene with eight runs whose trails
// hold 1000 points each, without opening a window.
func benchGame(tb testing.TB) *Game {
	tb.Helper()
	s := bowlTurntable()
	s.Runs = nil
	s.Steps = 0
	for i := range 8 {
		s.Runs = append(s.Runs, scene.RunConfig{
			Optimizer: fmt.Sprintf("sgd:lr=%g,momentum=0.9", 0.0005*float64(i+1)),
			Start:     []float64{-1 + 0.7*float64(i), 0.2 + 0.5*float64(i)},
		})
	}
	g, err := New(s, Options{TrailLength: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	for range 999 {
		g.step()
	}
	for _, e := range g.entries {
		if e.run.Trail.Len() != 1000 {
			tb.Fatalf("trail holds %d points", e.run.Trail.Len())
		}
	}
	return g
}

// BenchmarkFrameCPU measures the CPU work of one frame of the
// bowl-turntable scene at full resolution (400x400 mesh) with the camera
// turning 2 degrees per frame: projection into the vertex arrays, the
// back-to-front order, the occlusion map, eight 1000-point trails rebuilt
// every frame (as when the runs step every tick), the axis box and the
// layout of every label. It reports the median in ms.
func BenchmarkFrameCPU(b *testing.B) {
	g := benchGame(b)
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		g.cam.Rotate(-2, 0)
		for i := range g.trailKeys {
			g.trailKeys[i] = trailKey{resetMark: -1}
		}
		g.prepareFrame(1280, 720, false)
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(g.view.triangles), "triangles")
}
