package expr

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactPow is x^n correctly rounded, computed with big.Float.
func exactPow(x float64, n int) float64 {
	const prec = 4000
	b := new(big.Float).SetPrec(prec).SetFloat64(x)
	r := new(big.Float).SetPrec(prec).SetFloat64(1)
	neg := n < 0
	if neg {
		n = -n
	}
	for range n {
		r.Mul(r, b)
	}
	if neg {
		r.Quo(new(big.Float).SetPrec(prec).SetFloat64(1), r)
	}
	f, _ := r.Float64()
	return f
}

// TestCPowIsCorrectlyRounded checks integer powers against exact arithmetic,
// as the C library's pow (which torch uses) rounds them.
func TestCPowIsCorrectlyRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	wrong, goWrong := 0, 0
	for range 3000 {
		x := (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(7)-3))
		n := rng.IntN(41) - 20
		want := exactPow(x, n)
		if got := cpow(x, float64(n)); got != want {
			wrong++
			if wrong <= 3 {
				t.Errorf("cpow(%v, %d) = %v, want %v", x, n, got, want)
			}
		}
		if math.Pow(x, float64(n)) != want {
			goWrong++
		}
	}
	t.Logf("math.Pow was off in %d of 3000 cases, cpow in %d", goWrong, wrong)
	special := []struct{ x, y, want float64 }{
		{0, -2, math.Inf(1)},
		{0, 3, 0},
		{math.Copysign(0, -1), 3, math.Copysign(0, -1)},
		{2, 1024, math.Inf(1)},
		{2, -1074, 5e-324},
		{-2, 3, -8},
		{-2, 0.5, math.NaN()},
		{math.Inf(-1), 3, math.Inf(-1)},
		{1e200, 2, math.Inf(1)},
		{1e-200, 2, 0},
		{math.NaN(), 0, 1},
	}
	for _, s := range special {
		got := cpow(s.x, s.y)
		if math.IsNaN(s.want) {
			if !math.IsNaN(got) {
				t.Errorf("cpow(%v, %v) = %v, want NaN", s.x, s.y, got)
			}
			continue
		}
		if got != s.want || math.Signbit(got) != math.Signbit(s.want) {
			t.Errorf("cpow(%v, %v) = %v, want %v", s.x, s.y, got, s.want)
		}
	}
}
