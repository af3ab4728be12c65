package arrows

import (
	"testing"

	"descent/scene/stability"
	"descent/scene/surface"
)

// BenchmarkCurvatureSample is sampling λmax at the 3-D view's default mesh
// (200 x 200): done once per surface and rectangle.
func BenchmarkCurvatureSample(b *testing.B) {
	s, _ := surface.Lookup("himmelblau")
	var c Curvature
	for b.Loop() {
		c.have = false
		if _, err := c.Sample(s, s.Domain, 200, 200); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCurvatureRatios is judging a new rule on those 40000 samples:
// what an lr slider costs per frame.
func BenchmarkCurvatureRatios(b *testing.B) {
	s, _ := surface.Lookup("himmelblau")
	var c Curvature
	if _, err := c.Sample(s, s.Domain, 200, 200); err != nil {
		b.Fatal(err)
	}
	lr := 0.01
	for b.Loop() {
		lr *= 1.0001
		c.Ratios(stability.Rule{LR: lr, Momentum: 0.9})
	}
}
