package surface

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGradientBatch: every surface with a batch gradient gives, at each of
// many points inside its domain (a grid and random ones), far outside and
// at non-finite ones, odd and even in number, the
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
		r := rand.New(rand.NewPCG(1, 2))
		for range 5000 {
			xs = append(xs, d.XMin+(d.XMax-d.XMin)*r.Float64())
			ys = append(ys, d.YMin+(d.YMax-d.YMin)*r.Float64())
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

// TestGradientBatchLengths: every length from 0 to 9 (pairs and an odd
// last point) gives the scalar results.
func TestGradientBatchLengths(t *testing.T) {
	s, err := Lookup("himmelblau")
	if err != nil {
		t.Fatal(err)
	}
	for n := range 10 {
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range n {
			xs[i], ys[i] = 0.37*float64(i)-1.1, 2.3-0.29*float64(i)
		}
		f, dx, dy := make([]float64, n), make([]float64, n), make([]float64, n)
		s.GradientBatch(xs, ys, f, dx, dy)
		for i := range n {
			if wf, wx, wy := s.Gradient(xs[i], ys[i]); f[i] != wf || dx[i] != wx || dy[i] != wy {
				t.Errorf("n %d point %d: batch %v %v %v, Gradient %v %v %v", n, i, f[i], dx[i], dy[i], wf, wx, wy)
			}
		}
	}
}
