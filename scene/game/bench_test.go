package game

import (
	"fmt"
	"runtime"
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

// medianMs reports the median of times in ms as the benchmark's metric.
func medianMs(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
}

// BenchmarkFrameCPU measures the CPU work of one frame of the
// bowl-turntable scene at full resolution (400x400 mesh) with the camera
// turning 2 degrees per frame and the eight runs stepping, so their
// 1000-point trails are draped anew every frame: projection into the
// vertex arrays, the back-to-front order, the occlusion map, the trails,
// the axis box and the layout of every label. It reports the median in ms.
func BenchmarkFrameCPU(b *testing.B) {
	g := benchGame(b)
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		g.cam.Rotate(-2, 0)
		g.step()
		g.prepare(false)
		times = append(times, time.Since(start))
	}
	medianMs(b, times)
	b.ReportMetric(float64(g.view.Triangles()), "triangles")
}

// BenchmarkSplitLayoutFrame measures the CPU work of a frame in the split
// layout (3-D, contour map and loss chart) while the runs step every sixth
// frame (prepare only, as Draw does before the GPU calls), and reports the
// median frame in ms. "panning" moves the contour map every frame, so its
// bands, lines and labels are rebuilt each time.
func BenchmarkSplitLayoutFrame(b *testing.B) {
	for _, pan := range []bool{false, true} {
		name := "steady"
		if pan {
			name = "panning"
		}
		b.Run(name, func(b *testing.B) {
			s, err := scene.Load("regression-race")
			if err != nil {
				b.Fatal(err)
			}
			g, err := New(s, Options{Width: 1280, Height: 720, Layout: "split"})
			if err != nil {
				b.Fatal(err)
			}
			g.prepare(false)
			var times []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if i%6 == 0 {
					g.step()
				}
				if pan {
					g.contour.Transform().PanBy(1, 0)
				}
				g.prepare(false)
				times = append(times, time.Since(start))
			}
			medianMs(b, times)
		})
	}
}

// TestMemoryFlat steps eight runs a million times, preparing a frame now
// and then: the trails and loss histories are bounded and the frame reuses
// its arrays, so the heap must not grow with the step count.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("a million steps; skipped in -short mode")
	}
	g := benchGame(t)
	g.layout = layoutSplit
	g.layoutPanes()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	g.prepare(false)
	before := heap()
	for i := range 1_000_000 {
		g.step()
		if i%50_000 == 0 {
			g.cam.Rotate(3, 0)
			g.prepare(i%100_000 == 0)
		}
	}
	after := heap()
	if after > before+4<<20 {
		t.Errorf("heap grew from %d to %d bytes over a million steps", before, after)
	}
	for _, e := range g.entries {
		if e.run.Steps() < 1_000_000 && !e.run.Diverged() {
			t.Errorf("run took %d steps", e.run.Steps())
		}
		if e.hist.Len() >= 512 {
			t.Errorf("a loss history holds %d points", e.hist.Len())
		}
	}
}

// BenchmarkSwarmFrame measures the CPU a frame spends on swarms: the
// himmelblau-swarm preset with n particles per run (4 runs) in the single
// layout, each frame stepping every run and its swarm once ("step": the
// optimizer steps of every particle) or projecting them for the view
// ("prepare-3d": draping them on the surface, hidden behind hills, and
// writing their dots; "prepare-contour": the flat view's dots), as
// prepare does before the GPU calls. The window steps at the scene's rate
// (20 a second, one frame in three at 60 fps), so a frame costs about a
// third of "step" plus one "prepare". It reports the median in ms; the
// prepare cases subtract nothing, so they include the frame's other work.
func BenchmarkSwarmFrame(b *testing.B) {
	for _, n := range []int{0, 10_000, 25_000} {
		for _, part := range []string{"step", "prepare-3d", "prepare-contour"} {
			b.Run(fmt.Sprintf("%dx4/%s", n, part), func(b *testing.B) {
				s, err := scene.Load("himmelblau-swarm")
				if err != nil {
					b.Fatal(err)
				}
				s.Steps = 0 // no end: every frame steps
				s.Layout = "single"
				s.View = "3d"
				if part == "prepare-contour" {
					s.View = "contour"
				}
				for i := range s.Runs {
					s.Runs[i].Swarm = n
				}
				g, err := New(s, Options{Width: 1280, Height: 720})
				if err != nil {
					b.Fatal(err)
				}
				if n > 0 && (len(g.swarms.runs) != 4 || g.swarms.runs[3].s.Len() != n) {
					b.Fatalf("the scene has %d swarms", len(g.swarms.runs))
				}
				for range 20 { // the swarms spread out of their start
					g.step()
				}
				g.prepare(false)
				var times []time.Duration
				for b.Loop() {
					start := time.Now()
					if part == "step" {
						g.step()
					} else {
						g.cam.Rotate(-0.5, 0) // the view turns: everything is projected again
						g.prepare(false)
					}
					times = append(times, time.Since(start))
				}
				medianMs(b, times)
			})
		}
	}
}
