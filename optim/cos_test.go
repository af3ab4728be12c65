package optim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCosinesIsMathCos checks cosines against math.Cos, bit for bit, over
// every octant, the arguments the schedulers pass (pi*e/T, pi*pct), and
// math.Cos's special cases and ranges.
func TestCosinesIsMathCos(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 23))
	xs := make([]float64, 0, 1<<16)
	for e := range 4000 {
		for _, T := range []float64{1, 3, 7, 10, 16, 37, 100, 1000} {
			xs = append(xs, float64(math.Pi*float64(e))/T)
		}
	}
	for range 1 << 20 {
		switch rng.IntN(4) {
		case 0:
			xs = append(xs, math.Pi*rng.Float64())
		case 1:
			xs = append(xs, 1000*rng.Float64())
		case 2:
			xs = append(xs, math.Ldexp(rng.Float64(), rng.IntN(60)-30))
		default:
			xs = append(xs, math.Float64frombits(rng.Uint64()&^(1<<63)))
		}
	}
	for k := range 64 {
		x := float64(k) * math.Pi / 4 // octant boundaries and their neighbours
		xs = append(xs, x, math.Nextafter(x, 0), math.Nextafter(x, 10))
	}
	xs = append(xs, 0, math.Copysign(0, -1), -1, -1e300, cosReduceThreshold, math.Nextafter(cosReduceThreshold, 0),
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 5e-324)
	out := make([]float64, len(xs))
	cosines(xs, out)
	for i, x := range xs {
		if got, want := out[i], math.Cos(x); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("cosines(%v) = %v, math.Cos = %v", x, got, want)
		}
	}
}
