package surface

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/optimize/functions"
)

// TestClassicFunctionsMatchGonum: the copied test functions give gonum's
// values and gradients bit for bit, at random points of all sizes and at
// special values.
func TestClassicFunctionsMatchGonum(t *testing.T) {
	type fn interface{ Func([]float64) float64 }
	type gr interface{ Grad(grad, x []float64) }
	pairs := []struct {
		name       string
		ours, them fn
	}{
		{"rosenbrock", classicRosenbrock{}, functions.ExtendedRosenbrock{}},
		{"beale", classicBeale{}, functions.Beale{}},
		{"camelsix", classicCamelSix{}, functions.CamelSix{}},
		{"ackley", classicAckley{}, functions.Ackley{}},
		{"levy13", classicLevy13{}, functions.Levy13{}},
		{"rastrigin", classicRastrigin{}, functions.Rastrigin{}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
	}
	special := []float64{0, -0, 1, -1, 1e-300, 1e300, math.Inf(1), math.NaN(), 3, 0.5}
	for _, p := range pairs {
		for i := range 20000 {
			var x [2]float64
			switch {
			case i < len(special)*len(special):
				x = [2]float64{special[i/len(special)], special[i%len(special)]}
			default:
				scale := math.Pow(10, float64(r.IntN(7)-3))
				x = [2]float64{scale * (2*r.Float64() - 1), scale * (2*r.Float64() - 1)}
			}
			if a, b := p.ours.Func(x[:]), p.them.Func(x[:]); !same(a, b) {
				t.Fatalf("%s at %v: %v, gonum %v", p.name, x, a, b)
			}
			og, ok1 := p.ours.(gr)
			tg, ok2 := p.them.(gr)
			if ok1 && ok2 {
				var a, b [2]float64
				og.Grad(a[:], x[:])
				tg.Grad(b[:], x[:])
				if !same(a[0], b[0]) || !same(a[1], b[1]) {
					t.Fatalf("%s gradient at %v: %v, gonum %v", p.name, x, a, b)
				}
			}
		}
	}
}
