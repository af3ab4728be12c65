package optim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAdamPlainMatchesGo checks the packed kernel against the Go loop, bit
// for bit, on vectors of every length up to 9 (pairs and an odd last
// element) with ordinary, tiny, huge, subnormal and non-finite values.
func TestAdamPlainMatchesGo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	special := []float64{0, math.Copysign(0, -1), 5e-324, 1e-300, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), 1, -3.5}
	value := func() float64 {
		if r.IntN(4) == 0 {
			return special[r.IntN(len(special))]
		}
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))
	}
	consts := []adamConsts{
		{b1: 0.9, c1: 1 - 0.9, b2: 0.999, c2: 1 - 0.999, bc2Sqrt: math.Sqrt(1 - 0.999), eps: 1e-8, negStep: -0.05 / (1 - 0.9)},
		{b1: 0.5, c1: 0.5, b2: 0.9, c2: 1 - 0.9, bc2Sqrt: 0.7, eps: 0, negStep: -3},
	}
	for _, k := range consts {
		for n := 0; n <= 9; n++ {
			for trial := range 200 {
				vec := func() []float64 {
					v := make([]float64, n)
					for i := range v {
						v[i] = value()
					}
					return v
				}
				x, g, m, v := vec(), vec(), vec(), vec()
				for i := range v {
					v[i] = math.Abs(v[i]) // a running average of squares
				}
				x2, m2, v2 := append([]float64(nil), x...), append([]float64(nil), m...), append([]float64(nil), v...)
				adamPlain(x, g, m, v, &k)
				adamPlainGo(x2, g, m2, v2, &k)
				for i := range n {
					for _, p := range [][2]float64{{x[i], x2[i]}, {m[i], m2[i]}, {v[i], v2[i]}} {
						if math.Float64bits(p[0]) != math.Float64bits(p[1]) && !(math.IsNaN(p[0]) && math.IsNaN(p[1])) {
							t.Fatalf("n %d trial %d element %d: kernel %v, Go %v", n, trial, i, p[0], p[1])
						}
					}
				}
			}
		}
	}
}
