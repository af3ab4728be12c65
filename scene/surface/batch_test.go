package surface

import (
	"math"
	"testing"
)

// TestGradientBatch: every surface with a batch gradient gives, at each of
// many points inside its domain, far outside and at non-finite ones, the
// very float64s of its Gradient.
func TestGradientBatch(t *testing.T) {
	batched := 0
	for _, s := range All() {
		if s.GradientBatch == nil {
			continue
		}
		batched++
		d := s.Domain
		var xs, ys []float64
		for _, scale := range []float64{1, 1e5, 1e80, 1e160} {
			for j := range 31 {
				for i := range 31 {
					xs = append(xs, scale*(d.XMin+(d.XMax-d.XMin)*float64(i)/30))
					ys = append(ys, scale*(d.YMin+(d.YMax-d.YMin)*float64(j)/30))
				}
			}
		}
		xs = append(xs, math.NaN(), math.Inf(1), 0)
		ys = append(ys, 0, 1, math.Inf(-1))
		n := len(xs)
		f, dx, dy := make([]float64, n), make([]float64, n), make([]float64, n)
		s.GradientBatch(xs, ys, f, dx, dy)
		same := func(a, b float64) bool {
			return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
		}
		for i := range n {
			wf, wx, wy := s.Gradient(xs[i], ys[i])
			if !same(f[i], wf) || !same(dx[i], wx) || !same(dy[i], wy) {
				t.Fatalf("%s at (%v, %v): batch %v %v %v, Gradient %v %v %v", s.Name, xs[i], ys[i], f[i], dx[i], dy[i], wf, wx, wy)
			}
		}
	}
	if batched == 0 {
		t.Error("no surface has a batch gradient")
	}
}
