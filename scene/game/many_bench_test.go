package game

import (
	"fmt"
	"testing"
	"time"

	"descent/scene"
)

// BenchmarkManyRunsFrame measures the CPU work of a frame (a step, then
// everything Draw prepares) of a scene of 1,000 and 10,000 runs on the
// bowl, at the default mesh, in the 3-D view with the HUD and legend shown,
// and reports the median in ms.
func BenchmarkManyRunsFrame(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := &scene.Scene{Surface: "bowl"}
			for i := range n {
				s.Runs = append(s.Runs, scene.RunConfig{
					Optimizer: "sgd",
					Start:     []float64{float64(i%50)/10 - 2.5, float64(i/50%50)/10 - 2.5},
				})
			}
			s.Normalize()
			if err := s.Validate(); err != nil {
				b.Fatal(err)
			}
			g, err := New(s, Options{Width: 1280, Height: 720})
			if err != nil {
				b.Fatal(err)
			}
			g.prepare(false)
			var times []time.Duration
			for b.Loop() {
				start := time.Now()
				g.cam.Rotate(-2, 0)
				g.step()
				g.prepare(false)
				times = append(times, time.Since(start))
			}
			medianMs(b, times)
		})
	}
}
