package surface

import (
	"fmt"
	"math"
)

// fitPlain computes what fitGonum computes, with plain loops: the web
// page's least squares (see fitLeastSquares). The normal equations of the
// centred problem are diagonal, so the slope is the covariance over the
// variance; the Cholesky route of fitGonum divides twice by the square
// root of the variance, so the two may differ in the last bit.
func fitPlain(ls *LeastSquares) error {
	n := len(ls.u)
	inv := 1 / float64(n)
	dot := func(x, y []float64) float64 {
		var s float64
		for i, v := range x {
			s += y[i] * v
		}
		return s
	}
	sum := func(x []float64) float64 {
		var s float64
		for _, v := range x {
			s += v
		}
		return s
	}
	ls.meanU = sum(ls.u) * inv
	ls.meanV = sum(ls.v) * inv
	uc := make([]float64, n)
	vc := make([]float64, n)
	for i := range n {
		uc[i] = ls.u[i] - ls.meanU
		vc[i] = ls.v[i] - ls.meanV
	}
	ls.varU = dot(uc, uc) * inv
	if !finite(ls.meanU) || !finite(ls.meanV) || !finite(ls.varU) || !finite(dot(vc, vc)*inv) {
		return errTooLargeData
	}
	scale := math.Max(math.Abs(ls.meanU), math.Sqrt(ls.varU))
	if ls.varU == 0 || math.Sqrt(ls.varU) <= 1e-10*scale {
		return fmt.Errorf("surface: singular data: all %d x values are equal (%v), the slope is not determined", n, ls.u[0])
	}
	l := math.Sqrt(ls.varU)
	ls.slope = dot(uc, vc) * inv / l / l
	ls.intercept = ls.meanV - ls.slope*ls.meanU
	var rest float64
	for i := range n {
		r := vc[i] - ls.slope*uc[i]
		rest += r * r
	}
	ls.rest = rest * inv
	return nil
}
