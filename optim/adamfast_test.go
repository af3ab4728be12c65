package optim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sameFloat reports whether a and b are the same float64 (any NaN matches
// any NaN).
func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// TestPackedAdamMatchesTheLoop: Adam's fast path (the packed kernel where
// the CPU has one) gives, bit for bit, what its general loop gives, on
// vectors of every length mod 4, over many steps, for ordinary,
// subnormal, huge, zero, infinite and NaN values.
func TestPackedAdamMatchesTheLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	special := []float64{0, math.Copysign(0, -1), 5e-324, -4e-320, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 1e-160, 3}
	for n := 1; n <= 23; n++ {
		fast, err := New(Spec{Method: "adam", Values: map[string]float64{"lr": 0.05}})
		if err != nil {
			t.Fatal(err)
		}
		// The general loop: weight decay 0 written as a tiny decay would
		// change the numbers, so amsgrad's branch is off and maximize too:
		// the reference is adamPlainGo, the general loop's common case.
		x1 := make([]float64, n)
		x2 := make([]float64, n)
		for i := range x1 {
			x1[i] = rng.NormFloat64() * 3
			x2[i] = x1[i]
		}
		m2, v2 := make([]float64, n), make([]float64, n)
		a := fast.(*Adam)
		for step := 1; step <= 40; step++ {
			g := make([]float64, n)
			for i := range g {
				g[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-6))
				if rng.IntN(9) == 0 {
					g[i] = special[rng.IntN(len(special))]
				}
			}
			fast.Step(x1, g)
			bc1 := 1 - a.pow1.at(a.Beta1, a.steps)
			bc2 := 1 - a.pow2.at(a.Beta2, a.steps)
			k := adamConsts{b1: a.Beta1, c1: 1 - a.Beta1, b2: a.Beta2, c2: 1 - a.Beta2, bc2Sqrt: math.Sqrt(bc2), eps: a.Eps, negStep: -a.LR / bc1}
			adamPlainGo(x2, g, m2, v2, &k)
			for i := range x1 {
				if !sameFloat(x1[i], x2[i]) || !sameFloat(a.expAvg[i], m2[i]) || !sameFloat(a.expAvgSq[i], v2[i]) {
					t.Fatalf("n=%d step %d element %d: fast x %v m %v v %v, loop x %v m %v v %v (packed kernel: %v)",
						n, step, i, x1[i], a.expAvg[i], a.expAvgSq[i], x2[i], m2[i], v2[i], hasPackedAdam)
				}
			}
		}
	}
}

// TestAdamPlainIsTheGeneralLoop: the common case's loop is the general
// loop's arithmetic: an Adam with weight decay 0 stepped through the
// general loop (forced by maximize twice: negating the gradient and the
// direction) lands on the same bits as one through the fast path.
func TestAdamPlainIsTheGeneralLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	plain, _ := New(Spec{Method: "adam", Values: map[string]float64{"lr": 0.1}})
	general, _ := New(Spec{Method: "adam", Values: map[string]float64{"lr": 0.1, "maximize": 1}})
	x1 := []float64{1, -2, 3, 0.5, -0.25, 7, 1e-3}
	x2 := append([]float64(nil), x1...)
	for range 50 {
		g := make([]float64, len(x1))
		neg := make([]float64, len(x1))
		for i := range g {
			g[i] = rng.NormFloat64()
			neg[i] = -g[i]
		}
		plain.Step(x1, g)
		general.Step(x2, neg) // maximize negates it back: the same update
	}
	for i := range x1 {
		if !sameFloat(x1[i], x2[i]) {
			t.Errorf("element %d: fast path %v, general loop %v", i, x1[i], x2[i])
		}
	}
}

// BenchmarkAdamMany measures Adam's step per coordinate on a long vector
// (a swarm's or a basins map's row).
func BenchmarkAdamMany(b *testing.B) {
	const n = 4096
	o, _ := New(Spec{Method: "adam", Values: map[string]float64{"lr": 0.05}})
	x, g := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], g[i] = float64(i)/n, math.Sin(float64(i))
	}
	o.Step(x, g)
	b.ResetTimer()
	for b.Loop() {
		o.Step(x, g)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/coordinate")
}
