package surface

import "math"

// bfgsPlain does what bfgs does without gonum: BFGS quasi-Newton steps
// from x in n = 1 or 2 variables, in coordinates u = (p - x) / step (so the
// first trial step has length step), with a backtracking line search that
// asks for a sufficient decrease (Armijo). It returns the last point
// reached; the caller checks that it is a minimum inside the domain. evals,
// when positive, bounds the evaluations of the function with its gradient.
func bfgsPlain(s *Surface, n int, x [2]float64, step float64, evals int) [2]float64 {
	used := 0
	at := func(u [2]float64) (float64, float64) {
		if n == 1 {
			return x[0] + step*u[0], 0
		}
		return x[0] + step*u[0], x[1] + step*u[1]
	}
	eval := func(u [2]float64) (f float64, g [2]float64) {
		used++
		f, dx, dy := s.Gradient(at(u))
		if !finite(f) {
			return math.Inf(1), g
		}
		if !finite(dx) || !finite(dy) {
			dx, dy = 0, 0
		}
		g[0] = step * dx
		if n == 2 {
			g[1] = step * dy
		}
		return f, g
	}
	if f, dx, dy := s.Gradient(x[0], x[1]); !finite(f) || !finite(dx) || !finite(dy) {
		return x
	}
	dotp := func(a, b [2]float64) float64 { return a[0]*b[0] + a[1]*b[1] }
	var u [2]float64
	f, g := eval(u)
	h := [2][2]float64{{1, 0}, {0, 1}} // the inverse Hessian's estimate
	if n == 1 {
		h[1][1] = 0
	}
	first := true
	for range findMaxIter {
		if math.Max(math.Abs(g[0]), math.Abs(g[1])) < 1e-14 {
			break
		}
		p := [2]float64{-(h[0][0]*g[0] + h[0][1]*g[1]), -(h[1][0]*g[0] + h[1][1]*g[1])}
		slope := dotp(p, g)
		if !(slope < 0) {
			h = [2][2]float64{{1, 0}, {0, 1}}
			if n == 1 {
				h[1][1] = 0
			}
			p = [2]float64{-g[0], -g[1]}
			slope = dotp(p, g)
		}
		alpha := 1.0
		if first {
			alpha = 1 / math.Sqrt(dotp(p, p)) // a first step of unit length
			first = false
		}
		var un [2]float64
		var fn float64
		var gn [2]float64
		ok := false
		for range 80 {
			if evals > 0 && used >= evals {
				break
			}
			un = [2]float64{u[0] + alpha*p[0], u[1] + alpha*p[1]}
			fn, gn = eval(un)
			if fn <= f+1e-4*alpha*slope {
				ok = true
				break
			}
			alpha /= 2
		}
		if !ok {
			break
		}
		sv := [2]float64{un[0] - u[0], un[1] - u[1]}
		yv := [2]float64{gn[0] - g[0], gn[1] - g[1]}
		u, f, g = un, fn, gn
		if sv == ([2]float64{}) {
			break
		}
		sy := dotp(sv, yv)
		if sy > 0 {
			// H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T
			rho := 1 / sy
			hy := [2]float64{h[0][0]*yv[0] + h[0][1]*yv[1], h[1][0]*yv[0] + h[1][1]*yv[1]}
			yhy := dotp(yv, hy)
			for i := range 2 {
				for j := range 2 {
					h[i][j] += -rho*(hy[i]*sv[j]+sv[i]*hy[j]) + (rho*rho*yhy+rho)*sv[i]*sv[j]
				}
			}
		}
	}
	px, py := at(u)
	if !finite(px) || !finite(py) {
		return x
	}
	return [2]float64{px, py}
}
