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

// TestMemoryFlat steps eight runs a million times, drawing a frame's CPU
// work now and then: the trails are ring buffers and the frame reuses its
// arrays, so the heap must not grow with the step count.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("a million steps; skipped in -short mode")
	}
	g := benchGame(t)
	g.sc.Steps = 0
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	g.prepareFrame(1280, 720, false)
	before := heap()
	for i := range 1_000_000 {
		g.step()
		if i%50_000 == 0 {
			g.cam.Rotate(3, 0)
			g.prepareFrame(1280, 720, i%100_000 == 0)
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
	}
}
