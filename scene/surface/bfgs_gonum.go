//go:build !js

package surface

import (
	"math"

	"gonum.org/v1/gonum/optimize"
)

// localBFGS is gonum's BFGS on the desktop; the web page's program uses
// bfgsPlain (see lsq_js.go).
var localBFGS = bfgs

// bfgs minimizes s from x with gonum's BFGS quasi-Newton method, in n = 1
// or 2 variables, and returns the last point it reached (the caller checks
// that it is a minimum inside the domain). step bounds the length of the
// first trial step, so a steep start cannot throw the search far outside;
// evals, when positive, bounds the evaluations of the function and of its
// gradient.
func bfgs(s *Surface, n int, x [2]float64, step float64, evals int) [2]float64 {
	// Search in coordinates u = (p - x) / step: gonum's BFGS makes its first
	// step of unit length, which then is a step of length step here.
	at := func(u []float64) (float64, float64) {
		if n == 1 {
			return x[0] + step*u[0], 0
		}
		return x[0] + step*u[0], x[1] + step*u[1]
	}
	problem := optimize.Problem{
		Func: func(u []float64) float64 {
			f := s.Eval(at(u))
			if !finite(f) {
				return math.Inf(1)
			}
			return f
		},
		Grad: func(grad, u []float64) {
			_, dx, dy := s.Gradient(at(u))
			if !finite(dx) || !finite(dy) {
				dx, dy = 0, 0
			}
			grad[0] = step * dx
			if n == 2 {
				grad[1] = step * dy
			}
		},
	}
	if f, dx, dy := s.Gradient(x[0], x[1]); !finite(f) || !finite(dx) || !finite(dy) {
		return x
	}
	settings := &optimize.Settings{GradientThreshold: 1e-14, MajorIterations: findMaxIter,
		FuncEvaluations: evals, GradEvaluations: evals}
	result, err := optimize.Minimize(problem, make([]float64, n), settings, &optimize.BFGS{})
	if result == nil || (err != nil && len(result.X) != n) {
		return x
	}
	px, py := at(result.X)
	if !finite(px) || !finite(py) {
		return x
	}
	return [2]float64{px, py}
}
